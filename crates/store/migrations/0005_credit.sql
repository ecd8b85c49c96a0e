-- Credit (民政部令第60号): what the daily job needs to recognize its own list entries, the kind
-- of each penalty, and objections (异议). Rows from before this version keep NULL kinds; the
-- rules infer a penalty's kind from its 结果 text and read an untagged entry as a manual one.
ALTER TABLE org_list_entries ADD COLUMN trigger_kind TEXT;
ALTER TABLE org_list_entries ADD COLUMN removal_kind TEXT;
ALTER TABLE org_list_entries ADD COLUMN removed_by TEXT;
ALTER TABLE org_penalties ADD COLUMN kind TEXT;
CREATE INDEX org_annual_reports_uscc_year ON org_annual_reports (uscc, year);
CREATE TABLE credit_objections (
    id {id},
    uscc TEXT NOT NULL REFERENCES orgs (uscc),
    entry_id BIGINT REFERENCES org_list_entries (id),
    contact TEXT NOT NULL,
    reason TEXT NOT NULL,
    filed_at TEXT NOT NULL,
    status TEXT NOT NULL,
    decided_at TEXT,
    decided_by TEXT,
    decision_reason TEXT
);
CREATE INDEX credit_objections_uscc ON credit_objections (uscc)
