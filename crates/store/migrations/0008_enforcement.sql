-- Complaints and enforcement cases (执法监察). A complaint (投诉举报) opens a case in 线索 in
-- the same transaction; every step of a case is a row of case_events (nothing is edited in
-- place but the case's current state). Reporters may be anonymous: name and contact are NULL.
-- The version is 8 (7 belongs to online services); the runner applies versions one by one, so
-- the gap is harmless, and renumbering means renaming this file and its entry in migrate.rs.
CREATE TABLE complaints (
    id {id},
    tracking_no TEXT NOT NULL UNIQUE,
    reported_uscc TEXT,
    reported_name TEXT NOT NULL,
    location_division TEXT,
    content TEXT NOT NULL,
    reporter_name TEXT,
    contact TEXT,
    anonymous BIGINT NOT NULL,
    submitted_at TEXT NOT NULL
);
CREATE TABLE complaint_attachments (
    id {id},
    complaint_id BIGINT NOT NULL REFERENCES complaints (id),
    sha256 TEXT NOT NULL REFERENCES attachments (sha256),
    file_name TEXT NOT NULL
);
CREATE INDEX complaint_attachments_complaint ON complaint_attachments (complaint_id);
CREATE TABLE cases (
    id {id},
    case_no TEXT NOT NULL UNIQUE,
    complaint_id BIGINT REFERENCES complaints (id),
    uscc TEXT REFERENCES orgs (uscc),
    subject_name TEXT NOT NULL,
    division TEXT NOT NULL,
    year BIGINT NOT NULL,
    seq BIGINT NOT NULL,
    source TEXT NOT NULL,
    summary TEXT NOT NULL,
    state TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    closed_at TEXT,
    penalty_id BIGINT REFERENCES org_penalties (id)
);
CREATE UNIQUE INDEX cases_division_year_seq ON cases (division, year, seq);
CREATE INDEX cases_complaint ON cases (complaint_id);
CREATE INDEX cases_state ON cases (state, division);
CREATE TABLE case_events (
    id {id},
    case_id BIGINT NOT NULL REFERENCES cases (id),
    from_state TEXT,
    to_state TEXT NOT NULL,
    actor TEXT NOT NULL,
    at TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE INDEX case_events_case ON case_events (case_id)
