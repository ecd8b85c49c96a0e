-- The pump's one question — the audit rows of a kind not yet in the ledger, in id order — asked
-- of an index of exactly those rows: a row leaves it when it gets its ledger index, so the index
-- stays as small as the outbox (usually empty) however long the audit trail grows. The index
-- (ledger_index, id) of migration 3 held every row and answered only while the planner's
-- statistics knew how few rows were still NULL: on PostgreSQL, after 1,000,000 seeded rows were
-- caught up, it scanned the primary key over every row instead, 0.5 s every two seconds.
DROP INDEX audit_log_ledger;
CREATE INDEX audit_log_unlogged ON audit_log (entity_kind, id) WHERE ledger_index IS NULL;
