-- The public ledger page lists the latest logged records (ORDER BY ledger_index DESC): an index
-- of the logged rows only, so it never competes with the outbox's index of unlogged rows
-- (`audit_log_unlogged`, which the pump's `ledger_index IS NULL` question must keep using).
CREATE INDEX audit_log_ledger_index ON audit_log (ledger_index) WHERE ledger_index IS NOT NULL
