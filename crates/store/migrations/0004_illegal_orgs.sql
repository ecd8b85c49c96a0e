-- The illegal-organization list (涉嫌非法社会组织 / 已取缔非法社会组织), published by a
-- registration authority in numbered batches (批次), as 民政部 publishes its lists.
CREATE TABLE illegal_batches (
    id {id},
    batch_no TEXT NOT NULL UNIQUE,
    published_on TEXT NOT NULL,
    authority TEXT NOT NULL,
    division TEXT NOT NULL,
    published_at TEXT NOT NULL,
    published_by TEXT NOT NULL
);

-- One listed name; legal_uscc names the legally registered organization with a similar name
-- ("合法登记的为……").
CREATE TABLE illegal_orgs (
    id {id},
    batch_id BIGINT NOT NULL REFERENCES illegal_batches (id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    legal_uscc TEXT,
    notes TEXT NOT NULL
);
CREATE INDEX illegal_orgs_batch ON illegal_orgs (batch_id);

-- Partners' API keys for the lookup: only the SHA-256 of a key is stored.
CREATE TABLE api_keys (
    id {id},
    name TEXT NOT NULL UNIQUE,
    key_hash TEXT NOT NULL UNIQUE,
    rate_per_minute BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    disabled BIGINT NOT NULL DEFAULT 0
);
