//! Metadata of the electronic archive (电子档案): one row per distinct file, keyed by its SHA-256.
//! The bytes are on disk (`gongyi_server::platform::archive`); the rows that say what a file belongs to
//! are written by the application and complaint code in the same transaction as their record,
//! through [`insert`], so a record never points at a file the archive does not know.

use crate::rows::{get_i64, get_text};
use crate::{Store, StoreError};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

/// What the archive knows of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentMeta {
    /// Lower-case hex SHA-256 of the bytes.
    pub sha256: String,
    pub size: i64,
    /// The sniffed type (`application/pdf`, `image/jpeg`, `image/png`), never the declared one.
    pub media_type: String,
    pub stored_at: String,
}

/// Records a file's metadata; a file already known keeps its first row (same bytes, same hash).
pub async fn insert(conn: &mut AnyConnection, meta: &AttachmentMeta) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO attachments (sha256, size, media_type, stored_at) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING")
        .bind(meta.sha256.clone())
        .bind(meta.size)
        .bind(meta.media_type.clone())
        .bind(meta.stored_at.clone())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

fn meta_from_row(r: &AnyRow) -> Result<AttachmentMeta, StoreError> {
    Ok(AttachmentMeta {
        sha256: get_text(r, "attachments", "sha256")?,
        size: get_i64(r, "attachments", "size")?,
        media_type: get_text(r, "attachments", "media_type")?,
        stored_at: get_text(r, "attachments", "stored_at")?,
    })
}

impl Store {
    /// The metadata of one archived file.
    pub async fn attachment(&self, sha256: &str) -> Result<Option<AttachmentMeta>, StoreError> {
        let row = sqlx::query(
            "SELECT sha256, size, media_type, stored_at FROM attachments WHERE sha256 = $1",
        )
        .bind(sha256.to_string())
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(meta_from_row).transpose()
    }

    /// How many files the archive has recorded.
    pub async fn attachment_count(&self) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM attachments")
            .fetch_one(&self.pool)
            .await?)
    }

    /// Up to `limit` archived files with a digest greater than `after`, in digest order (keyset
    /// paging, for `gongyi archive check`).
    pub async fn attachments_after(
        &self,
        after: &str,
        limit: i64,
    ) -> Result<Vec<AttachmentMeta>, StoreError> {
        let rows = sqlx::query(
            "SELECT sha256, size, media_type, stored_at FROM attachments WHERE sha256 > $1 ORDER BY sha256 LIMIT $2",
        )
        .bind(after.to_string())
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(meta_from_row).collect()
    }

    /// Records one file's metadata outside another operation (the archive's own tests, imports).
    pub async fn record_attachment(&self, meta: &AttachmentMeta) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        insert(&mut tx, meta).await?;
        tx.commit().await?;
        Ok(())
    }
}
