//! Level-by-level aggregation (逐级汇总): each lower node this node pulls from, its place in that
//! node's change feed and the last checkpoint of that node's log verified here, and what was
//! refused. A page of the feed is applied in one transaction with the new cursor, so a killed
//! sync resumes where the last committed page ended: nothing lost, nothing applied twice.

use crate::audit::NewAudit;
use crate::rows::{get_i64, get_opt_text, get_text};
use crate::{Store, StoreError};
use chrono::NaiveDate;
use gongyi_types::Organization;
use serde::Serialize;

/// A lower node as this node knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyncSource {
    pub url: String,
    pub origin: String,
    pub vkey: String,
    /// GB/T 2260 code: only records registered inside it are accepted from this source.
    pub division: String,
    pub cursor: String,
    pub checkpoint_size: i64,
    /// base64 root hash of that checkpoint (empty before the first).
    pub checkpoint_root: String,
    pub last_sync_at: Option<String>,
    /// Time of the last change applied (the source's clock).
    pub last_change_at: Option<String>,
    pub accepted: i64,
    pub refused: i64,
    pub unverified: i64,
    pub last_error: Option<String>,
}

/// A record refused from a source, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyncRefusal {
    pub at: String,
    pub entity_id: String,
    pub reason: String,
}

/// One page of a source's feed, verified, to be applied at once.
#[derive(Debug, Clone, Default)]
pub struct SyncPage {
    pub orgs: Vec<Organization>,
    pub refusals: Vec<(String, String)>,
    /// Records whose content did not match the source's log (yet): counted, not applied.
    pub unverified: i64,
    pub cursor: String,
    pub last_change_at: Option<String>,
}

const SOURCE_COLUMNS: &str = "url, origin, vkey, division, cursor, checkpoint_size, checkpoint_root, last_sync_at, last_change_at, accepted, refused, unverified, last_error";

fn source_from_row(r: &sqlx::any::AnyRow) -> Result<SyncSource, StoreError> {
    const T: &str = "sync_sources";
    Ok(SyncSource {
        url: get_text(r, T, "url")?,
        origin: get_text(r, T, "origin")?,
        vkey: get_text(r, T, "vkey")?,
        division: get_text(r, T, "division")?,
        cursor: get_text(r, T, "cursor")?,
        checkpoint_size: get_i64(r, T, "checkpoint_size")?,
        checkpoint_root: get_text(r, T, "checkpoint_root")?,
        last_sync_at: get_opt_text(r, T, "last_sync_at")?,
        last_change_at: get_opt_text(r, T, "last_change_at")?,
        accepted: get_i64(r, T, "accepted")?,
        refused: get_i64(r, T, "refused")?,
        unverified: get_i64(r, T, "unverified")?,
        last_error: get_opt_text(r, T, "last_error")?,
    })
}

impl Store {
    /// The source at `url`, if this node has synced from it before.
    pub async fn sync_source(&self, url: &str) -> Result<Option<SyncSource>, StoreError> {
        let sql = format!("SELECT {SOURCE_COLUMNS} FROM sync_sources WHERE url = $1");
        let row = sqlx::query(&sql)
            .bind(url.to_string())
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(source_from_row).transpose()
    }

    /// Every source, by URL (the officials' view).
    pub async fn sync_sources(&self) -> Result<Vec<SyncSource>, StoreError> {
        let sql = format!("SELECT {SOURCE_COLUMNS} FROM sync_sources ORDER BY url");
        let rows = sqlx::query(&sql).fetch_all(&self.pool).await?;
        rows.iter().map(source_from_row).collect()
    }

    /// Records a new source (its key and division are fixed from then on: the caller refuses
    /// another key for a known URL).
    pub async fn add_sync_source(
        &self,
        url: &str,
        origin: &str,
        vkey: &str,
        division: &str,
    ) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO sync_sources (url, origin, vkey, division) VALUES ($1, $2, $3, $4) ON CONFLICT (url) DO NOTHING")
            .bind(url.to_string())
            .bind(origin.to_string())
            .bind(vkey.to_string())
            .bind(division.to_string())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Keeps the checkpoint of the source's log verified now (consistent with the one before).
    pub async fn set_sync_checkpoint(
        &self,
        url: &str,
        size: i64,
        root: &str,
        at: &str,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE sync_sources SET checkpoint_size = $2, checkpoint_root = $3, last_sync_at = $4, last_error = NULL WHERE url = $1")
            .bind(url.to_string())
            .bind(size)
            .bind(root.to_string())
            .bind(at.to_string())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Notes why the last sync from `url` failed (what the officials' view shows).
    pub async fn set_sync_error(&self, url: &str, error: &str, at: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE sync_sources SET last_error = $2, last_sync_at = $3 WHERE url = $1")
            .bind(url.to_string())
            .bind(error.to_string())
            .bind(at.to_string())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Applies one verified page in one transaction: the records (inserted or updated, with
    /// 变更记录 and audit rows by `actor`, as an import), the refusals, the counters and the
    /// cursor — only if the cursor is still `from` (two syncs of one source racing: the second
    /// gets a `Conflict` and nothing of its page is written).
    pub async fn apply_sync_page(
        &self,
        url: &str,
        from: &str,
        page: &SyncPage,
        actor: &str,
        at: &str,
        today: NaiveDate,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let moved = sqlx::query("UPDATE sync_sources SET cursor = $3, accepted = accepted + $4, refused = refused + $5, unverified = unverified + $6, last_change_at = COALESCE($7, last_change_at), last_sync_at = $8 WHERE url = $1 AND cursor = $2")
            .bind(url.to_string())
            .bind(from.to_string())
            .bind(page.cursor.clone())
            .bind(page.orgs.len() as i64)
            .bind(page.refusals.len() as i64)
            .bind(page.unverified)
            .bind(page.last_change_at.clone())
            .bind(at.to_string())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if moved != 1 {
            return Err(StoreError::Conflict(format!(
                "同步来源 {url} 的进度已被另一次同步推进"
            )));
        }
        if !page.orgs.is_empty() {
            self.upsert_orgs_in(&mut tx, &page.orgs, actor, at, today)
                .await?;
        }
        for (id, reason) in &page.refusals {
            sqlx::query(
                "INSERT INTO sync_refusals (url, at, entity_id, reason) VALUES ($1, $2, $3, $4)",
            )
            .bind(url.to_string())
            .bind(at.to_string())
            .bind(id.clone())
            .bind(reason.clone())
            .execute(&mut *tx)
            .await?;
        }
        if !page.refusals.is_empty() {
            crate::audit::append(
                &mut tx,
                at,
                vec![NewAudit {
                    actor: actor.to_string(),
                    action: "sync.refuse".to_string(),
                    entity_kind: gongyi_types::EntityKind::SyncSource,
                    entity_id: url.to_string(),
                    before_digest: None,
                    after_digest: None,
                    detail: format!("拒收 {} 条记录", page.refusals.len()),
                }],
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The latest refusals from `url`, newest first.
    pub async fn sync_refusals(
        &self,
        url: &str,
        limit: i64,
    ) -> Result<Vec<SyncRefusal>, StoreError> {
        let rows = sqlx::query(
            "SELECT at, entity_id, reason FROM sync_refusals WHERE url = $1 ORDER BY id DESC LIMIT $2",
        )
        .bind(url.to_string())
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        const T: &str = "sync_refusals";
        rows.iter()
            .map(|r| {
                Ok(SyncRefusal {
                    at: get_text(r, T, "at")?,
                    entity_id: get_text(r, T, "entity_id")?,
                    reason: get_text(r, T, "reason")?,
                })
            })
            .collect()
    }
}
