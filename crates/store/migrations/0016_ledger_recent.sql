-- The public ledger page lists the latest logged records (ORDER BY ledger_index DESC): an index
-- instead of a sort of the whole audit trail.
CREATE INDEX audit_log_ledger_index ON audit_log (ledger_index)
