-- One account system. A person or an organization has one login (`accounts`: the login name,
-- the argon2id hash, whether it is disabled) and one kind of session (`account_sessions`); what
-- the account may do are its roles, each a table that points to it: `users` (an official: rank
-- and division) and `applicant_accounts` (an applicant: an organization by its 统一社会信用代码,
-- or a person). Volunteers, social workers and charities become further role tables, not a
-- third and fourth login. Existing logins move here; the role tables keep their names (the
-- audit trail names officials `user:<username>`) but no longer hold passwords. A login name
-- used by both an official and an applicant stops this migration (the UNIQUE index): rename
-- one first. Sessions open before the upgrade end (log in again).
CREATE TABLE accounts (
    id {id},
    login TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    disabled BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
INSERT INTO accounts (login, display_name, password_hash, disabled, created_at)
    SELECT username, display_name, password_hash, disabled, created_at FROM users;
INSERT INTO accounts (login, display_name, password_hash, disabled, created_at)
    SELECT login, display_name, password_hash, disabled, created_at FROM applicant_accounts;
ALTER TABLE users ADD COLUMN account_id BIGINT REFERENCES accounts (id);
UPDATE users SET account_id = (SELECT a.id FROM accounts a WHERE a.login = users.username),
    password_hash = '';
ALTER TABLE applicant_accounts ADD COLUMN account_id BIGINT REFERENCES accounts (id);
UPDATE applicant_accounts
    SET account_id = (SELECT a.id FROM accounts a WHERE a.login = applicant_accounts.login),
    password_hash = '';
CREATE UNIQUE INDEX users_account ON users (account_id);
CREATE UNIQUE INDEX applicant_accounts_account ON applicant_accounts (account_id);
DROP TABLE sessions;
DROP TABLE applicant_sessions;
-- Only the SHA-256 of a session token is stored: a leaked table does not leak sessions.
CREATE TABLE account_sessions (
    token_hash TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX account_sessions_account ON account_sessions (account_id)
