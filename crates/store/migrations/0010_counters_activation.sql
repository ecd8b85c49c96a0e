-- Per-key counters for public numbers (申请编号 per day, 案件编号 per division and year).
-- `COUNT(*)+1` / `MAX(seq)+1` gave two concurrent transactions on PostgreSQL (READ COMMITTED,
-- no lock on the rows they counted) the same number; the second then failed on the unique
-- index. `UPDATE counters SET n = n + 1 … RETURNING n` locks the key's row until commit, so
-- the next transaction waits and takes the next number. Seeded from the numbers in use.
CREATE TABLE counters (
    key TEXT PRIMARY KEY,
    n BIGINT NOT NULL
);
INSERT INTO counters (key, n)
    SELECT 'application:' || substr(number, 1, 10), COUNT(*) FROM applications GROUP BY substr(number, 1, 10);
INSERT INTO counters (key, n)
    SELECT 'case:' || division || ':' || CAST(year AS TEXT), MAX(seq) FROM cases GROUP BY division, year;
-- Activation codes an organization's registration authority issues for its online-services
-- account (the code and the 法定代表人's name were both public, so anyone could claim the
-- account). Only the SHA-256 of a code is kept; a code is used once and expires.
CREATE TABLE org_activation_codes (
    id {id},
    uscc TEXT NOT NULL REFERENCES orgs (uscc),
    code_hash TEXT NOT NULL UNIQUE,
    issued_by TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);
CREATE INDEX org_activation_codes_uscc ON org_activation_codes (uscc)
