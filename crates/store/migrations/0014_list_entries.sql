-- Credit list entries, two repairs. A list entry is made in the name of the registration authority (民政部令第60号): entries
-- written before by the daily job ("系统（每日信用任务）") or an official (their login name) now
-- name the organization's authority; who acted stays in the audit trail.
UPDATE org_list_entries SET listed_by = (SELECT o.authority FROM orgs o WHERE o.uscc = org_list_entries.uscc)
WHERE listed_by NOT LIKE '%民政%' AND EXISTS (SELECT 1 FROM orgs o WHERE o.uscc = org_list_entries.uscc AND TRIM(o.authority) <> '')
;
-- An entry made outside the rules (imported) that names a penalty's 决定书文号 is that
-- penalty's listing: linked, so the rules do not list the penalty a second time.
UPDATE org_list_entries SET trigger_kind = (SELECT 'penalty:' || CAST(p.id AS TEXT) FROM org_penalties p WHERE p.uscc = org_list_entries.uscc AND TRIM(p.doc_no) <> '' AND org_list_entries.listed_reason LIKE '%' || p.doc_no || '%' ORDER BY p.id LIMIT 1)
WHERE trigger_kind IS NULL AND EXISTS (SELECT 1 FROM org_penalties p WHERE p.uscc = org_list_entries.uscc AND TRIM(p.doc_no) <> '' AND org_list_entries.listed_reason LIKE '%' || p.doc_no || '%')
