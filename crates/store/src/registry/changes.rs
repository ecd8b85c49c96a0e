//! What a server reads to keep its in-memory views (search index, lookup table, credit
//! table) following the database when other processes write — `gongyi import`, `seed`,
//! `jobs run`, another server: the audit log is the ordered change log (one row for every
//! write, in the write's own transaction, `audit.rs`), and the records it names are read
//! back by code.

use crate::rows::{get_i64, get_text, org_from_row};
use crate::{Store, StoreError};
use gongyi_types::Organization;

/// One public change as the change feed gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicChange {
    pub id: i64,
    pub at: String,
    /// `org.create`, `org.update`, `org.import`, `illegal.publish` …
    pub action: String,
    pub entity_kind: String,
    pub entity_id: String,
    /// Where the change is in the transparency log (none until the ledger pump appended it).
    pub ledger_index: Option<i64>,
}

/// One audit row as the follower reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeRef {
    pub id: i64,
    pub entity_kind: String,
    pub entity_id: String,
}

impl Store {
    /// Audit rows with an id above `after`, in id order, at most `limit`.
    pub async fn changes_after(
        &self,
        after: i64,
        limit: i64,
    ) -> Result<Vec<ChangeRef>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, entity_kind, entity_id FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2",
        )
        .persistent(false)
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        const T: &str = "audit_log";
        rows.iter()
            .map(|r| {
                Ok(ChangeRef {
                    id: get_i64(r, T, "id")?,
                    entity_kind: get_text(r, T, "entity_kind")?,
                    entity_id: get_text(r, T, "entity_id")?,
                })
            })
            .collect()
    }

    /// Public changes (audit rows of organizations and illegal-list batches) with an id above
    /// `after` and at most `upto`, in id order, at most `limit`: the change feed.
    pub async fn public_changes(
        &self,
        after: i64,
        upto: i64,
        limit: i64,
    ) -> Result<Vec<PublicChange>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, at, action, entity_kind, entity_id, ledger_index FROM audit_log WHERE id > $1 AND id <= $2 AND entity_kind IN ($3, $4) ORDER BY id LIMIT $5",
        )
        .persistent(false)
        .bind(after)
        .bind(upto)
        .bind(gongyi_types::EntityKind::Org.code())
        .bind(gongyi_types::EntityKind::IllegalBatch.code())
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        const T: &str = "audit_log";
        rows.iter()
            .map(|r| {
                Ok(PublicChange {
                    id: get_i64(r, T, "id")?,
                    at: get_text(r, T, "at")?,
                    action: get_text(r, T, "action")?,
                    entity_kind: get_text(r, T, "entity_kind")?,
                    entity_id: get_text(r, T, "entity_id")?,
                    ledger_index: crate::rows::get_opt_i64(r, T, "ledger_index")?,
                })
            })
            .collect()
    }

    /// The organizations with these codes, as they are now (those that exist).
    pub async fn orgs_by_codes(&self, codes: &[String]) -> Result<Vec<Organization>, StoreError> {
        let mut out = Vec::with_capacity(codes.len());
        for chunk in codes.chunks(500) {
            let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT {} FROM orgs WHERE uscc IN ({})",
                crate::rows::ORG_COLUMNS.join(", "),
                marks.join(", ")
            );
            let mut q = sqlx::query(&sql).persistent(false);
            for c in chunk {
                q = q.bind(c.clone());
            }
            for r in q.fetch_all(&self.pool).await? {
                out.push(org_from_row(&r)?);
            }
        }
        Ok(out)
    }

    /// The highest audit-log id (0 for an empty log).
    pub async fn last_change_id(&self) -> Result<i64, StoreError> {
        let id: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM audit_log")
            .fetch_one(&self.pool)
            .await?;
        Ok(id.unwrap_or(0))
    }

    /// The organizations that audit rows `after < id <= upto` name, as they are now, in one
    /// query (a round of a million-row import is one read, not forty).
    pub async fn orgs_changed_between(
        &self,
        after: i64,
        upto: i64,
    ) -> Result<Vec<Organization>, StoreError> {
        let sql = format!(
            "SELECT {} FROM orgs WHERE uscc IN (SELECT entity_id FROM audit_log WHERE id > $1 AND id <= $2 AND entity_kind = $3)",
            crate::rows::ORG_COLUMNS.join(", ")
        );
        let rows = sqlx::query(&sql)
            .persistent(false)
            .bind(after)
            .bind(upto)
            .bind(gongyi_types::EntityKind::Org.code())
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(org_from_row).collect()
    }
}
