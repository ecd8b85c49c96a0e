//! The materials an application links from the electronic archive (each file kept once by its
//! digest; the link and its audit row written in one transaction).

use super::{COLS, LinkedAttachment, audit_row, from_row};
use crate::attachments::{self, AttachmentMeta};
use crate::audit::{self, NewAudit};
use crate::rows::{get_i64, get_text};
use crate::{Store, StoreError};
use gongyi_types::applications::ApplicationState;

impl Store {
    /// The materials of an application, in upload order.
    pub async fn application_attachments(
        &self,
        id: i64,
    ) -> Result<Vec<LinkedAttachment>, StoreError> {
        let rows = sqlx::query("SELECT l.material, l.file_name, l.uploaded_at, a.sha256, a.size, a.media_type, a.stored_at FROM application_attachments l JOIN attachments a ON a.sha256 = l.sha256 WHERE l.application_id = $1 ORDER BY l.id")
            .bind(id)
            .fetch_all(&self.pool)
            .await?;
        const T: &str = "application_attachments";
        rows.iter()
            .map(|r| {
                Ok(LinkedAttachment {
                    material: get_text(r, T, "material")?,
                    file_name: get_text(r, T, "file_name")?,
                    uploaded_at: get_text(r, T, "uploaded_at")?,
                    meta: AttachmentMeta {
                        sha256: get_text(r, T, "sha256")?,
                        size: get_i64(r, T, "size")?,
                        media_type: get_text(r, T, "media_type")?,
                        stored_at: get_text(r, T, "stored_at")?,
                    },
                })
            })
            .collect()
    }

    /// Links an archived file to an application while it is in one of `states` (the applicant's
    /// turn), with its metadata row and an audit row.
    #[allow(clippy::too_many_arguments)]
    pub async fn attach_to_application(
        &self,
        id: i64,
        states: &[ApplicationState],
        meta: &AttachmentMeta,
        material: &str,
        file_name: &str,
        actor: &str,
        at: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let app = in_state(&mut tx, id, states, "上传材料").await?;
        attachments::insert(&mut tx, meta).await?;
        sqlx::query("INSERT INTO application_attachments (application_id, sha256, material, file_name, uploaded_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(id)
            .bind(meta.sha256.clone())
            .bind(material.to_string())
            .bind(file_name.to_string())
            .bind(at.to_string())
            .execute(&mut *tx)
            .await?;
        audit::append(
            &mut tx,
            at,
            vec![NewAudit {
                after_digest: Some(meta.sha256.clone()),
                ..audit_row(
                    actor,
                    "application.attach",
                    &app.number,
                    format!("{material}：{file_name}"),
                )
            }],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Removes a material (the link; the archived file stays, content-addressed, until
    /// `gongyi archive check --prune` finds nothing refers to it) while the application is in
    /// one of `states`, with its audit row. `NotFound` when the application has no such
    /// material, `Conflict` in another state.
    #[allow(clippy::too_many_arguments)]
    pub async fn detach_from_application(
        &self,
        id: i64,
        states: &[ApplicationState],
        material: &str,
        sha256: &str,
        actor: &str,
        at: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let app = in_state(&mut tx, id, states, "删除材料").await?;
        let done = sqlx::query(
            "DELETE FROM application_attachments WHERE application_id = $1 AND material = $2 AND sha256 = $3",
        )
        .bind(id)
        .bind(material.to_string())
        .bind(sha256.to_string())
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound(format!("材料 {material}")));
        }
        audit::append(
            &mut tx,
            at,
            vec![NewAudit {
                before_digest: Some(sha256.to_string()),
                ..audit_row(
                    actor,
                    "application.detach",
                    &app.number,
                    material.to_string(),
                )
            }],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// The application `id`, read in `tx`, if it is in one of `states` (`Conflict` naming `what`
/// otherwise, `NotFound` if there is none).
async fn in_state(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: i64,
    states: &[ApplicationState],
    what: &str,
) -> Result<super::ApplicationRow, StoreError> {
    let sql = format!("SELECT {COLS} FROM applications WHERE id = $1");
    let Some(row) = sqlx::query(&sql).bind(id).fetch_optional(&mut **tx).await? else {
        return Err(StoreError::NotFound(format!("申请 {id}")));
    };
    let app = from_row(&row)?;
    if !states.contains(&app.state) {
        return Err(StoreError::Conflict(format!(
            "申请处于“{}”状态，不能{what}",
            app.state.label()
        )));
    }
    Ok(app)
}
