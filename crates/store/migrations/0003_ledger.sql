-- The transparency-log outbox: an audit row's index in the ledger once it has been appended
-- (NULL = not yet logged). The pump reads the NULL rows in id order, appends their leaves and
-- then sets the index (crates/server/src/ledger/pump.rs).
ALTER TABLE audit_log ADD COLUMN ledger_index BIGINT;
CREATE INDEX audit_log_ledger ON audit_log (ledger_index, id);
