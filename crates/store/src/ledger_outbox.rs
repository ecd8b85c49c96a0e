//! The outbox of the transparency log: audit rows not yet appended to the ledger, and the
//! ledger index of those that are (`audit_log.ledger_index`, migration 3).
//!
//! The ledger pump (`gongyi_server::ledger::pump`) reads unlogged rows in id order, appends
//! their leaves, then marks them here; a crash in between is repaired from the log itself.

use crate::audit::entry_from_row;
use crate::rows::get_opt_i64;
use crate::{AuditEntry, Store, StoreError};

const SELECT: &str = "SELECT id, at, actor, action, entity_kind, entity_id, before_digest, after_digest, detail FROM audit_log";

impl Store {
    /// Audit rows of `entity_kind` with no ledger index and an id above `after_id`, in id
    /// order, at most `limit`.
    pub async fn audit_unlogged(
        &self,
        entity_kind: gongyi_types::EntityKind,
        after_id: i64,
        limit: i64,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let sql = format!(
            "{SELECT} WHERE ledger_index IS NULL AND entity_kind = $1 AND id > $2 ORDER BY id LIMIT $3"
        );
        // Planned per call (not prepared once): PostgreSQL's generic plan for this query,
        // made while the table was small, scanned the whole table on every batch.
        let rows = sqlx::query(&sql)
            .persistent(false)
            .bind(entity_kind.code())
            .bind(after_id)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(entry_from_row).collect()
    }

    /// Records the ledger index of audit rows, `(audit_id, ledger_index)`, in one transaction.
    /// A row already marked keeps its index.
    ///
    /// One `UPDATE … CASE` per 500 rows, not one statement per row: catching up a million
    /// seeded rows on PostgreSQL made a million round trips.
    pub async fn mark_logged(&self, marks: &[(i64, i64)]) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        for chunk in marks.chunks(500) {
            let mut sql = String::from("UPDATE audit_log SET ledger_index = CASE id");
            for i in 0..chunk.len() {
                sql.push_str(&format!(" WHEN ${} THEN ${}", 2 * i + 1, 2 * i + 2));
            }
            sql.push_str(" END WHERE ledger_index IS NULL AND id IN (");
            for i in 0..chunk.len() {
                if i > 0 {
                    sql.push_str(", ");
                }
                sql.push_str(&format!("${}", 2 * i + 1));
            }
            sql.push(')');
            let mut q = sqlx::query(&sql).persistent(false);
            for (audit_id, index) in chunk {
                q = q.bind(*audit_id).bind(*index);
            }
            q.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// One audit row and its ledger index (`None` while it is not logged); `None` if no such row.
    pub async fn audit_with_index(
        &self,
        audit_id: i64,
    ) -> Result<Option<(AuditEntry, Option<i64>)>, StoreError> {
        let row = sqlx::query("SELECT id, at, actor, action, entity_kind, entity_id, before_digest, after_digest, detail, ledger_index FROM audit_log WHERE id = $1")
            .bind(audit_id)
            .fetch_optional(&self.pool)
            .await?;
        match row {
            None => Ok(None),
            Some(r) => {
                let index = get_opt_i64(&r, "audit_log", "ledger_index")?;
                Ok(Some((entry_from_row(&r)?, index)))
            }
        }
    }

    /// The latest `limit` records in the ledger, newest first, with their ledger index (the
    /// public ledger page).
    pub async fn ledger_recent(&self, limit: i64) -> Result<Vec<(AuditEntry, i64)>, StoreError> {
        let rows = sqlx::query("SELECT id, at, actor, action, entity_kind, entity_id, before_digest, after_digest, detail, ledger_index FROM audit_log WHERE ledger_index IS NOT NULL ORDER BY ledger_index DESC LIMIT $1")
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                let index = get_opt_i64(r, "audit_log", "ledger_index")?.unwrap_or_default();
                Ok((entry_from_row(r)?, index))
            })
            .collect()
    }

    /// Tidies the audit trail after many rows were marked at once (a catch-up after a bulk
    /// load). On PostgreSQL every mark leaves a dead row version behind, and its entry in the
    /// outbox index: until a vacuum removes them each pump walks past all of them (142 ms per
    /// call after 1,000,000 marks), and until an analyze the planner believes the rows are still
    /// unlogged. Autovacuum would do both eventually, but it may be off or late (it is off on
    /// the machines this project is measured on). SQLite updates in place: nothing to do.
    pub async fn settle_audit_log(&self) -> Result<(), StoreError> {
        if self.backend == crate::Backend::Postgres {
            // `VACUUM` cannot run in a transaction block: sent as a simple query, on its own.
            sqlx::Executor::execute(&self.pool, "VACUUM (ANALYZE) audit_log").await?;
        }
        Ok(())
    }

    /// Number of audit rows of `entity_kind` not yet in the ledger.
    pub async fn audit_unlogged_count(
        &self,
        entity_kind: gongyi_types::EntityKind,
    ) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE ledger_index IS NULL AND entity_kind = $1",
        )
        .bind(entity_kind.code())
        .fetch_one(&self.pool)
        .await?)
    }
}
