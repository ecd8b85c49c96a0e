-- Level-by-level aggregation (逐级汇总): the lower nodes this node pulls from, with where it is
-- in each one's change feed and the last checkpoint of each one's log it verified; and the
-- records it refused (outside the source's division, failing the data dictionary, not in the
-- source's log), kept for the officials' view.
CREATE TABLE sync_sources (
    url TEXT PRIMARY KEY,
    origin TEXT NOT NULL,
    vkey TEXT NOT NULL,
    division TEXT NOT NULL,
    cursor TEXT NOT NULL DEFAULT '',
    checkpoint_size BIGINT NOT NULL DEFAULT 0,
    checkpoint_root TEXT NOT NULL DEFAULT '',
    last_sync_at TEXT,
    last_change_at TEXT,
    accepted BIGINT NOT NULL DEFAULT 0,
    refused BIGINT NOT NULL DEFAULT 0,
    unverified BIGINT NOT NULL DEFAULT 0,
    last_error TEXT
);
CREATE TABLE sync_refusals (
    id {id},
    url TEXT NOT NULL,
    at TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE INDEX sync_refusals_url ON sync_refusals (url, id)
