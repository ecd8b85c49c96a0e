-- The electronic archive (电子档案): every uploaded file is kept once, by its SHA-256, under
-- <data-dir>/archive. This table holds what is known of the bytes; the name a person gave a file
-- and what it belongs to (an application, a complaint) live in the tables that link to it.
CREATE TABLE attachments (
    sha256 TEXT PRIMARY KEY,
    size BIGINT NOT NULL,
    media_type TEXT NOT NULL,
    stored_at TEXT NOT NULL
);
