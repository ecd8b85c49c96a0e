//! Objections (异议, 民政部令第60号): anyone may object to an organization's credit information;
//! an official decides — upheld removes the entry it names (through the list-change writer, in
//! the same transaction), rejected keeps it — and both the filing and the decision leave an
//! audit row.

use super::lists::{OrgCreditChange, write_changes};
use crate::audit::{self, NewAudit, digest};
use crate::rows::{get_i64, get_opt_i64, get_opt_text, get_text};
use crate::{Store, StoreError};
use serde::Serialize;

/// An objection (异议) and its decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ObjectionRow {
    pub id: i64,
    pub uscc: String,
    pub entry_id: Option<i64>,
    pub contact: String,
    pub reason: String,
    pub filed_at: String,
    /// `pending`, `upheld` (the entry was removed) or `rejected` (kept).
    pub status: String,
    pub decided_at: Option<String>,
    pub decision_reason: Option<String>,
}

impl Store {
    /// Files an objection (异议) against one organization's credit information.
    pub async fn file_objection(
        &self,
        uscc: &str,
        entry_id: Option<i64>,
        contact: &str,
        reason: &str,
        at: &str,
    ) -> Result<i64, StoreError> {
        let mut tx = self.begin_write().await?;
        if let Some(e) = entry_id {
            let owner: Option<String> =
                sqlx::query_scalar("SELECT uscc FROM org_list_entries WHERE id = $1")
                    .bind(e)
                    .fetch_optional(&mut *tx)
                    .await?;
            if owner.as_deref() != Some(uscc) {
                return Err(StoreError::NotFound(format!("名录记录 {e}")));
            }
        }
        let id: i64 = sqlx::query_scalar("INSERT INTO credit_objections (uscc, entry_id, contact, reason, filed_at, status) VALUES ($1, $2, $3, $4, $5, 'pending') RETURNING id")
            .bind(uscc.to_string())
            .bind(entry_id)
            .bind(contact.to_string())
            .bind(reason.to_string())
            .bind(at.to_string())
            .fetch_one(&mut *tx)
            .await?;
        audit::append(
            &mut tx,
            at,
            vec![NewAudit {
                actor: "public:objection".into(),
                action: "credit.objection".into(),
                entity_kind: gongyi_types::EntityKind::Org,
                entity_id: uscc.to_string(),
                before_digest: None,
                after_digest: Some(digest(&(id, entry_id, reason))),
                detail: format!("异议 {id}"),
            }],
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn objection(&self, id: i64) -> Result<Option<ObjectionRow>, StoreError> {
        let r = sqlx::query("SELECT id, uscc, entry_id, contact, reason, filed_at, status, decided_at, decision_reason FROM credit_objections WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        r.as_ref().map(objection_from_row).transpose()
    }

    pub async fn objections(&self, uscc: &str) -> Result<Vec<ObjectionRow>, StoreError> {
        let rows = sqlx::query("SELECT id, uscc, entry_id, contact, reason, filed_at, status, decided_at, decision_reason FROM credit_objections WHERE uscc = $1 ORDER BY id")
            .bind(uscc.to_string())
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(objection_from_row).collect()
    }

    /// An official's decision on a pending objection. Upheld: the entry it names is removed
    /// with the decision's reason (and `change` carries the new standing); rejected: the
    /// entry stays and the reason is kept. Fails with `Conflict` if already decided.
    pub async fn decide_objection(
        &self,
        id: i64,
        upheld: bool,
        reason: &str,
        change: Option<&OrgCreditChange>,
        actor: &str,
        at: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let n = sqlx::query("UPDATE credit_objections SET status = $1, decided_at = $2, decided_by = $3, decision_reason = $4 WHERE id = $5 AND status = 'pending'")
            .bind(if upheld { "upheld" } else { "rejected" })
            .bind(at.to_string())
            .bind(actor.to_string())
            .bind(reason.to_string())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        crate::tx::guarded(n, || format!("异议 {id} 已处理或不存在"))?;
        let uscc: String = sqlx::query_scalar("SELECT uscc FROM credit_objections WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        audit::append(
            &mut tx,
            at,
            vec![NewAudit {
                actor: actor.to_string(),
                action: "credit.objection_decided".into(),
                entity_kind: gongyi_types::EntityKind::Org,
                entity_id: uscc,
                before_digest: None,
                after_digest: Some(digest(&(id, upheld, reason))),
                detail: format!("异议 {id}：{}", if upheld { "成立" } else { "不成立" }),
            }],
        )
        .await?;
        if let Some(c) = change {
            write_changes(&mut tx, std::slice::from_ref(c), actor, at).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

fn objection_from_row(r: &sqlx::any::AnyRow) -> Result<ObjectionRow, StoreError> {
    const T: &str = "credit_objections";
    Ok(ObjectionRow {
        id: get_i64(r, T, "id")?,
        uscc: get_text(r, T, "uscc")?,
        entry_id: get_opt_i64(r, T, "entry_id")?,
        contact: get_text(r, T, "contact")?,
        reason: get_text(r, T, "reason")?,
        filed_at: get_text(r, T, "filed_at")?,
        status: get_text(r, T, "status")?,
        decided_at: get_opt_text(r, T, "decided_at")?,
        decision_reason: get_opt_text(r, T, "decision_reason")?,
    })
}
