//! The illegal-organization list (涉嫌非法社会组织 / 已取缔非法社会组织): batches published by a
//! registration authority, as 民政部 publishes 取缔非法社会组织 lists in numbered batches, and
//! their entries. A batch is written whole in one transaction with its audit row, or not at all.

use crate::audit::{self, NewAudit, digest};
use crate::bulk::insert_rows;
use crate::rows::{Val, get_i64, get_opt_text, get_text};
use crate::{Store, StoreError};
use serde::Serialize;

/// A batch to publish.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewIllegalBatch {
    /// e.g. `2026年第1批`; unique.
    pub batch_no: String,
    /// Publication date, `YYYY-MM-DD`.
    pub published_on: String,
    /// The publishing authority, e.g. `民政部`.
    pub authority: String,
    /// Its division code (GB/T 2260), which the publishing official's jurisdiction must contain.
    pub division: String,
    pub entries: Vec<NewIllegalEntry>,
}

/// One listed name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewIllegalEntry {
    pub name: String,
    /// `suspected` or `banned` (`gongyi_types::IllegalKind` code).
    pub kind: String,
    /// 统一社会信用代码 of the legally registered organization with a similar name.
    pub legal_uscc: Option<String>,
    pub notes: String,
}

/// A listed name with its batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IllegalEntryRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub legal_uscc: Option<String>,
    /// Name of the legal organization, when it is in this registry.
    pub legal_name: Option<String>,
    pub notes: String,
    pub batch_no: String,
    pub published_on: String,
    pub authority: String,
    pub division: String,
}

const SELECT: &str = "SELECT e.id, e.name, e.kind, e.legal_uscc, o.name AS legal_name, e.notes, b.batch_no, b.published_on, b.authority, b.division FROM illegal_orgs e JOIN illegal_batches b ON b.id = e.batch_id LEFT JOIN orgs o ON o.uscc = e.legal_uscc";

fn entry_from_row(r: &sqlx::any::AnyRow) -> Result<IllegalEntryRow, StoreError> {
    const T: &str = "illegal_orgs";
    Ok(IllegalEntryRow {
        id: get_i64(r, T, "id")?,
        name: get_text(r, T, "name")?,
        kind: get_text(r, T, "kind")?,
        legal_uscc: get_opt_text(r, T, "legal_uscc")?,
        legal_name: get_opt_text(r, T, "legal_name")?,
        notes: get_text(r, T, "notes")?,
        batch_no: get_text(r, T, "batch_no")?,
        published_on: get_text(r, T, "published_on")?,
        authority: get_text(r, T, "authority")?,
        division: get_text(r, T, "division")?,
    })
}

impl Store {
    /// Publishes a batch and its entries in one transaction with one audit row
    /// (`illegal.publish`, digest of the whole batch). An existing batch number is a
    /// [`StoreError::Conflict`] and stores nothing.
    pub async fn publish_illegal_batch(
        &self,
        batch: &NewIllegalBatch,
        actor: &str,
        at: &str,
    ) -> Result<i64, StoreError> {
        let mut tx = self.begin_write().await?;
        let res = sqlx::query("INSERT INTO illegal_batches (batch_no, published_on, authority, division, published_at, published_by) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(batch.batch_no.clone())
            .bind(batch.published_on.clone())
            .bind(batch.authority.clone())
            .bind(batch.division.clone())
            .bind(at.to_string())
            .bind(actor.to_string())
            .execute(&mut *tx)
            .await;
        if let Err(e) = res {
            let e = StoreError::from(e);
            return Err(if e.is_unique_violation() {
                StoreError::Conflict(format!("批次“{}”已发布", batch.batch_no))
            } else {
                e
            });
        }
        let id: i64 = sqlx::query_scalar("SELECT id FROM illegal_batches WHERE batch_no = $1")
            .bind(batch.batch_no.clone())
            .fetch_one(&mut *tx)
            .await?;
        let rows = batch
            .entries
            .iter()
            .map(|e| {
                vec![
                    Val::Int(id),
                    Val::Text(e.name.clone()),
                    Val::Text(e.kind.clone()),
                    Val::OptText(e.legal_uscc.clone()),
                    Val::Text(e.notes.clone()),
                ]
            })
            .collect();
        insert_rows(
            &mut tx,
            "illegal_orgs",
            &["batch_id", "name", "kind", "legal_uscc", "notes"],
            rows,
        )
        .await?;
        audit::append(
            &mut tx,
            at,
            vec![NewAudit {
                actor: actor.to_string(),
                action: "illegal.publish".to_string(),
                entity_kind: gongyi_types::EntityKind::IllegalBatch,
                entity_id: batch.batch_no.clone(),
                before_digest: None,
                after_digest: Some(digest(batch)),
                detail: format!(
                    "{} {} {}：{} 个名称",
                    batch.authority,
                    batch.published_on,
                    batch.batch_no,
                    batch.entries.len()
                ),
            }],
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Every listed name with its batch, newest batch first (for the screener and the lookup).
    pub async fn illegal_entries(&self) -> Result<Vec<IllegalEntryRow>, StoreError> {
        let sql = format!("{SELECT} ORDER BY b.published_on DESC, b.id DESC, e.id");
        let rows = sqlx::query(&sql).fetch_all(&self.pool).await?;
        rows.iter().map(entry_from_row).collect()
    }

    /// One page of the list, newest batch first; `q` filters by a part of the name.
    /// Returns (total matching, page).
    pub async fn illegal_entries_page(
        &self,
        q: Option<&str>,
        offset: i64,
        limit: i64,
    ) -> Result<(i64, Vec<IllegalEntryRow>), StoreError> {
        let pattern = format!(
            "%{}%",
            q.unwrap_or("")
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        let total: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM illegal_orgs e WHERE e.name LIKE $1 ESCAPE '\\'",
        )
        .bind(pattern.clone())
        .fetch_one(&self.pool)
        .await?;
        let sql = format!(
            "{SELECT} WHERE e.name LIKE $1 ESCAPE '\\' ORDER BY b.published_on DESC, b.id DESC, e.id LIMIT $2 OFFSET $3"
        );
        let rows = sqlx::query(&sql)
            .bind(pattern)
            .bind(limit)
            .bind(offset)
            .fetch_all(&self.pool)
            .await?;
        Ok((
            total,
            rows.iter().map(entry_from_row).collect::<Result<_, _>>()?,
        ))
    }

    /// Number of listed names.
    pub async fn illegal_count(&self) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM illegal_orgs")
            .fetch_one(&self.pool)
            .await?)
    }
}
