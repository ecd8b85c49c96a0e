//! The audit trail: one row for every write — who, what, when, and SHA-256 digests of the
//! record's canonical form before and after (the ledger later commits to these digests).

use crate::bulk::insert_rows;
use crate::rows::{Val, get_i64, get_opt_text, get_text};
use crate::{Store, StoreError};
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::AnyConnection;

/// A write to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAudit {
    /// `user:<username>` for an official, `cli:<command>` for an operator's command.
    pub actor: String,
    /// e.g. `org.create`, `org.update`, `org.import`, `user.create`.
    pub action: String,
    /// What the row is about; whether it enters the public ledger follows from it.
    pub entity_kind: gongyi_types::EntityKind,
    pub entity_id: String,
    pub before_digest: Option<String>,
    pub after_digest: Option<String>,
    pub detail: String,
}

/// A recorded write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity_kind: String,
    pub entity_id: String,
    pub before_digest: Option<String>,
    pub after_digest: Option<String>,
    pub detail: String,
}

/// SHA-256 (hex) of the canonical JSON of a record: serde's field order, no whitespace.
pub fn digest<T: Serialize>(value: &T) -> String {
    let json = serde_json::to_vec(value).unwrap_or_default();
    hex::encode(Sha256::digest(&json))
}

const COLUMNS: &[&str] = &[
    "at",
    "actor",
    "action",
    "entity_kind",
    "entity_id",
    "before_digest",
    "after_digest",
    "detail",
];

pub(crate) async fn append(
    conn: &mut AnyConnection,
    at: &str,
    entries: Vec<NewAudit>,
) -> Result<(), StoreError> {
    let rows = entries
        .into_iter()
        .map(|a| {
            vec![
                Val::Text(at.to_string()),
                Val::Text(a.actor),
                Val::Text(a.action),
                Val::Text(a.entity_kind.code().to_string()),
                Val::Text(a.entity_id),
                Val::OptText(a.before_digest),
                Val::OptText(a.after_digest),
                Val::Text(a.detail),
            ]
        })
        .collect();
    insert_rows(conn, "audit_log", COLUMNS, rows).await?;
    Ok(())
}

impl Store {
    /// Records writes that are not part of another store operation (e.g. a login).
    pub async fn audit(&self, at: &str, entries: Vec<NewAudit>) -> Result<(), StoreError> {
        let mut conn = self.pool.acquire().await?;
        append(&mut conn, at, entries).await
    }

    /// The audit trail of one entity, newest first.
    pub async fn audit_for(
        &self,
        entity_kind: gongyi_types::EntityKind,
        entity_id: &str,
        limit: i64,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let rows = sqlx::query("SELECT id, at, actor, action, entity_kind, entity_id, before_digest, after_digest, detail FROM audit_log WHERE entity_kind = $1 AND entity_id = $2 ORDER BY id DESC LIMIT $3")
            .bind(entity_kind.code())
            .bind(entity_id.to_string())
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(entry_from_row).collect()
    }

    /// The most recent writes of the whole node, newest first.
    pub async fn audit_recent(&self, limit: i64) -> Result<Vec<AuditEntry>, StoreError> {
        let rows = sqlx::query("SELECT id, at, actor, action, entity_kind, entity_id, before_digest, after_digest, detail FROM audit_log ORDER BY id DESC LIMIT $1")
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(entry_from_row).collect()
    }

    /// The most recent writes about what lies in `division` — organizations registered there,
    /// applications and cases routed there, officials of it — among the node's last `window`
    /// writes, newest first. A county official's workbench must not list other counties'
    /// logins (with their addresses) and edits; the window keeps the page's cost bounded on a
    /// node with millions of rows (the rows of a small county may be sparse in the trail).
    pub async fn audit_recent_in(
        &self,
        division: gongyi_types::DivisionCode,
        limit: i64,
        window: i64,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        if division == gongyi_types::DivisionCode::NATIONAL {
            return self.audit_recent(limit).await;
        }
        let rows = sqlx::query(
            "SELECT a.id, a.at, a.actor, a.action, a.entity_kind, a.entity_id, a.before_digest, a.after_digest, a.detail \
             FROM audit_log a \
             LEFT JOIN orgs o ON a.entity_kind = 'org' AND o.uscc = a.entity_id \
             LEFT JOIN applications p ON a.entity_kind = 'application' AND p.number = a.entity_id \
             LEFT JOIN cases c ON a.entity_kind = 'case' AND c.case_no = a.entity_id \
             LEFT JOIN users u ON a.entity_kind = 'user' AND u.username = a.entity_id \
             WHERE a.id > (SELECT COALESCE(MAX(id), 0) FROM audit_log) - $2 \
             AND COALESCE(o.division, p.division, c.division, u.division) LIKE $1 \
             ORDER BY a.id DESC LIMIT $3",
        )
        .bind(crate::jurisdiction::like(division))
        .bind(window)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(entry_from_row).collect()
    }

    pub async fn audit_count(&self) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
            .fetch_one(&self.pool)
            .await?)
    }
}

pub(crate) fn entry_from_row(r: &sqlx::any::AnyRow) -> Result<AuditEntry, StoreError> {
    const T: &str = "audit_log";
    Ok(AuditEntry {
        id: get_i64(r, T, "id")?,
        at: get_text(r, T, "at")?,
        actor: get_text(r, T, "actor")?,
        action: get_text(r, T, "action")?,
        entity_kind: get_text(r, T, "entity_kind")?,
        entity_id: get_text(r, T, "entity_id")?,
        before_digest: get_opt_text(r, T, "before_digest")?,
        after_digest: get_opt_text(r, T, "after_digest")?,
        detail: get_text(r, T, "detail")?,
    })
}
