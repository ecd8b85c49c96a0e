-- The legal-person database (法人库): one row per organization plus its profile sections.
-- Portable SQL for SQLite and PostgreSQL; {id} is replaced by each backend's auto-increment key.
-- Dates are ISO-8601 TEXT (YYYY-MM-DD), money is BIGINT fen, flags are BIGINT 0/1.
CREATE TABLE orgs (
    uscc TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    division TEXT NOT NULL,
    authority TEXT NOT NULL,
    supervisor TEXT,
    legal_rep TEXT NOT NULL,
    founded TEXT NOT NULL,
    capital_fen BIGINT NOT NULL,
    address TEXT NOT NULL,
    scope TEXT NOT NULL,
    cert_no TEXT NOT NULL,
    cert_valid_from TEXT,
    cert_valid_to TEXT,
    phone TEXT,
    email TEXT,
    website TEXT,
    is_charity BIGINT NOT NULL DEFAULT 0,
    has_public_fundraising BIGINT NOT NULL DEFAULT 0,
    is_volunteer BIGINT NOT NULL DEFAULT 0,
    is_trade_association BIGINT NOT NULL DEFAULT 0,
    credit TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX orgs_division ON orgs (division);

CREATE TABLE org_inspections (
    id {id},
    uscc TEXT NOT NULL REFERENCES orgs (uscc),
    year BIGINT NOT NULL,
    result TEXT NOT NULL,
    decided_on TEXT
);
CREATE INDEX org_inspections_uscc ON org_inspections (uscc);

CREATE TABLE org_evaluations (
    id {id},
    uscc TEXT NOT NULL REFERENCES orgs (uscc),
    grade TEXT NOT NULL,
    awarded_on TEXT NOT NULL,
    valid_until TEXT NOT NULL,
    authority TEXT NOT NULL
);
CREATE INDEX org_evaluations_uscc ON org_evaluations (uscc);

CREATE TABLE org_honors (
    id {id},
    uscc TEXT NOT NULL REFERENCES orgs (uscc),
    title TEXT NOT NULL,
    issuer TEXT NOT NULL,
    awarded_on TEXT NOT NULL
);
CREATE INDEX org_honors_uscc ON org_honors (uscc);

CREATE TABLE org_penalties (
    id {id},
    uscc TEXT NOT NULL REFERENCES orgs (uscc),
    doc_no TEXT NOT NULL,
    reason TEXT NOT NULL,
    basis TEXT NOT NULL,
    result TEXT NOT NULL,
    fine_fen BIGINT,
    decided_on TEXT NOT NULL,
    authority TEXT NOT NULL
);
CREATE INDEX org_penalties_uscc ON org_penalties (uscc);

CREATE TABLE org_changes (
    id {id},
    uscc TEXT NOT NULL REFERENCES orgs (uscc),
    changed_on TEXT NOT NULL,
    field TEXT NOT NULL,
    before_value TEXT NOT NULL,
    after_value TEXT NOT NULL
);
CREATE INDEX org_changes_uscc ON org_changes (uscc);

CREATE TABLE org_list_entries (
    id {id},
    uscc TEXT NOT NULL REFERENCES orgs (uscc),
    list TEXT NOT NULL,
    listed_on TEXT NOT NULL,
    listed_reason TEXT NOT NULL,
    listed_by TEXT NOT NULL,
    removed_on TEXT,
    removed_reason TEXT
);
CREATE INDEX org_list_entries_uscc ON org_list_entries (uscc);

CREATE TABLE org_annual_reports (
    id {id},
    uscc TEXT NOT NULL REFERENCES orgs (uscc),
    year BIGINT NOT NULL,
    filed_on TEXT NOT NULL,
    income_fen BIGINT NOT NULL,
    expenditure_fen BIGINT NOT NULL,
    net_assets_fen BIGINT NOT NULL,
    staff BIGINT NOT NULL,
    members BIGINT,
    summary TEXT NOT NULL
);
CREATE INDEX org_annual_reports_uscc ON org_annual_reports (uscc);
