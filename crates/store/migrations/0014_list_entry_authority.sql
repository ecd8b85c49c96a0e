-- A list entry is made in the name of the registration authority (民政部令第60号): entries
-- written before by the daily job ("系统（每日信用任务）") or an official (their login name) now
-- name the organization's authority; who acted stays in the audit trail.
UPDATE org_list_entries SET listed_by = (SELECT o.authority FROM orgs o WHERE o.uscc = org_list_entries.uscc)
WHERE listed_by NOT LIKE '%民政%' AND EXISTS (SELECT 1 FROM orgs o WHERE o.uscc = org_list_entries.uscc AND TRIM(o.authority) <> '')
