-- Online administrative services (一网通办): the accounts of applicants (an organization, by its
-- 统一社会信用代码, or a person for 成立登记), their sessions, applications with every step
-- (who, when, why) and the materials each application links from the electronic archive.
CREATE TABLE applicant_accounts (
    id {id},
    kind TEXT NOT NULL,
    login TEXT NOT NULL UNIQUE,
    uscc TEXT REFERENCES orgs (uscc),
    display_name TEXT NOT NULL,
    contact_name TEXT NOT NULL,
    phone TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    disabled BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE applicant_sessions (
    token_hash TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES applicant_accounts (id),
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE TABLE applications (
    id {id},
    number TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    account_id BIGINT NOT NULL REFERENCES applicant_accounts (id),
    uscc TEXT REFERENCES orgs (uscc),
    division TEXT NOT NULL,
    title TEXT NOT NULL,
    form_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    submitted_at TEXT,
    deadline TEXT,
    decided_at TEXT,
    result_uscc TEXT
);
CREATE INDEX applications_account ON applications (account_id);
CREATE INDEX applications_division_state ON applications (division, state);
CREATE TABLE application_events (
    id {id},
    application_id BIGINT NOT NULL REFERENCES applications (id),
    from_state TEXT,
    to_state TEXT NOT NULL,
    action TEXT NOT NULL,
    actor TEXT NOT NULL,
    actor_label TEXT NOT NULL,
    at TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE INDEX application_events_app ON application_events (application_id);
CREATE TABLE application_attachments (
    id {id},
    application_id BIGINT NOT NULL REFERENCES applications (id),
    sha256 TEXT NOT NULL REFERENCES attachments (sha256),
    material TEXT NOT NULL,
    file_name TEXT NOT NULL,
    uploaded_at TEXT NOT NULL
);
CREATE INDEX application_attachments_app ON application_attachments (application_id)
