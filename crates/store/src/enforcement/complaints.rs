//! Complaints and reports (投诉举报): a complaint, its evidence files and the enforcement case it
//! opens are written in one transaction, so a complaint is never stored without its case or a
//! case without its complaint; the reporter later sees the case's status by tracking number.
//!
//! Reporters may stay anonymous (name and contact NULL). Their contact is read only by the
//! officials' case pages, never by the public status, and never enters an audit row.

use crate::attachments::{self, AttachmentMeta};
use crate::audit::{self, NewAudit};
use crate::enforcement::cases::{NewCase, insert_case};
use crate::rows::{get_i64, get_opt_text, get_text};
use crate::{Store, StoreError};
use serde::Serialize;

/// A complaint as the reporter gave it, after checking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewComplaint {
    pub tracking_no: String,
    /// The code the reporter gave, as given (checked for format, maybe not registered).
    pub reported_uscc: Option<String>,
    pub reported_name: String,
    /// Where the activity takes place (a GB/T 2260 code).
    pub location_division: Option<String>,
    pub content: String,
    pub reporter_name: Option<String>,
    pub contact: Option<String>,
    pub anonymous: bool,
    pub submitted_at: String,
    /// 举报类型 (a code of `complaint_category`).
    pub category: Option<String>,
}

/// An evidence file kept in the archive, with the name the reporter gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewComplaintFile {
    pub meta: AttachmentMeta,
    pub file_name: String,
}

/// A stored complaint (for officials; the public status reads only what it may show).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComplaintRow {
    pub id: i64,
    pub tracking_no: String,
    pub reported_uscc: Option<String>,
    pub reported_name: String,
    pub location_division: Option<String>,
    pub content: String,
    pub reporter_name: Option<String>,
    pub contact: Option<String>,
    pub anonymous: bool,
    pub submitted_at: String,
    pub category: Option<String>,
}

/// An evidence file of a complaint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComplaintFileRow {
    pub sha256: String,
    pub file_name: String,
    pub media_type: String,
    pub size: i64,
}

/// What filing a complaint created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplaintFiled {
    pub complaint_id: i64,
    pub case_id: i64,
    pub case_no: String,
}

/// Row counts of the enforcement tables (tests check that a refused request stored nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnforcementCounts {
    pub complaints: i64,
    pub complaint_files: i64,
    pub cases: i64,
    pub case_events: i64,
}

const COMPLAINT_COLUMNS: &str = "id, tracking_no, reported_uscc, reported_name, location_division, content, reporter_name, contact, anonymous, submitted_at, category";

fn complaint_from_row(r: &sqlx::any::AnyRow) -> Result<ComplaintRow, StoreError> {
    const T: &str = "complaints";
    Ok(ComplaintRow {
        id: get_i64(r, T, "id")?,
        tracking_no: get_text(r, T, "tracking_no")?,
        reported_uscc: get_opt_text(r, T, "reported_uscc")?,
        reported_name: get_text(r, T, "reported_name")?,
        location_division: get_opt_text(r, T, "location_division")?,
        content: get_text(r, T, "content")?,
        reporter_name: get_opt_text(r, T, "reporter_name")?,
        contact: get_opt_text(r, T, "contact")?,
        anonymous: get_i64(r, T, "anonymous")? != 0,
        submitted_at: get_text(r, T, "submitted_at")?,
        category: get_opt_text(r, T, "category")?,
    })
}

impl Store {
    /// Stores a complaint, its files' metadata and links, and opens its case in 线索 routed to
    /// `case.division` — one transaction, with the audit rows of both.
    pub async fn file_complaint(
        &self,
        c: &NewComplaint,
        files: &[NewComplaintFile],
        case: &NewCase,
        year: i32,
    ) -> Result<ComplaintFiled, StoreError> {
        let at = c.submitted_at.as_str();
        let mut tx = self.begin_write().await?;
        let complaint_id: i64 = sqlx::query_scalar("INSERT INTO complaints (tracking_no, reported_uscc, reported_name, location_division, content, reporter_name, contact, anonymous, submitted_at, category) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id")
            .bind(c.tracking_no.clone())
            .bind(c.reported_uscc.clone())
            .bind(c.reported_name.clone())
            .bind(c.location_division.clone())
            .bind(c.content.clone())
            .bind(c.reporter_name.clone())
            .bind(c.contact.clone())
            .bind(i64::from(c.anonymous))
            .bind(at.to_string())
            .bind(c.category.clone())
            .fetch_one(&mut *tx)
            .await
            .map_err(|e| {
                let e = StoreError::from(e);
                if e.is_unique_violation() {
                    StoreError::Conflict("查询码重复，请重新提交".into())
                } else {
                    e
                }
            })?;
        for f in files {
            attachments::insert(&mut tx, &f.meta).await?;
            sqlx::query("INSERT INTO complaint_attachments (complaint_id, sha256, file_name) VALUES ($1, $2, $3)")
                .bind(complaint_id)
                .bind(f.meta.sha256.clone())
                .bind(f.file_name.clone())
                .execute(&mut *tx)
                .await?;
        }
        let actor = "public:complaint";
        let (case_id, case_no) =
            insert_case(&mut tx, case, Some(complaint_id), year, actor, at).await?;
        audit::append(
            &mut tx,
            at,
            vec![NewAudit {
                actor: actor.into(),
                action: "complaint.file".into(),
                entity_kind: gongyi_types::EntityKind::Case,
                entity_id: case_no.clone(),
                before_digest: None,
                after_digest: None,
                detail: format!(
                    "收到投诉举报（{}，附件 {} 个）",
                    if c.anonymous { "匿名" } else { "实名" },
                    files.len()
                ),
            }],
        )
        .await?;
        tx.commit().await?;
        Ok(ComplaintFiled {
            complaint_id,
            case_id,
            case_no,
        })
    }

    pub async fn complaint_by_tracking_no(
        &self,
        tracking_no: &str,
    ) -> Result<Option<ComplaintRow>, StoreError> {
        let r = sqlx::query(&format!(
            "SELECT {COMPLAINT_COLUMNS} FROM complaints WHERE tracking_no = $1"
        ))
        .bind(tracking_no.to_string())
        .fetch_optional(&self.pool)
        .await?;
        r.as_ref().map(complaint_from_row).transpose()
    }

    pub async fn complaint(&self, id: i64) -> Result<Option<ComplaintRow>, StoreError> {
        let r = sqlx::query(&format!(
            "SELECT {COMPLAINT_COLUMNS} FROM complaints WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        r.as_ref().map(complaint_from_row).transpose()
    }

    pub async fn complaint_files(
        &self,
        complaint_id: i64,
    ) -> Result<Vec<ComplaintFileRow>, StoreError> {
        let rows = sqlx::query("SELECT c.sha256, c.file_name, a.media_type, a.size FROM complaint_attachments c JOIN attachments a ON a.sha256 = c.sha256 WHERE c.complaint_id = $1 ORDER BY c.id")
            .bind(complaint_id)
            .fetch_all(&self.pool)
            .await?;
        const T: &str = "complaint_attachments";
        rows.iter()
            .map(|r| {
                Ok(ComplaintFileRow {
                    sha256: get_text(r, T, "sha256")?,
                    file_name: get_text(r, T, "file_name")?,
                    media_type: get_text(r, T, "media_type")?,
                    size: get_i64(r, T, "size")?,
                })
            })
            .collect()
    }

    pub async fn enforcement_counts(&self) -> Result<EnforcementCounts, StoreError> {
        let count = |t: &'static str| {
            let pool = self.pool.clone();
            async move {
                let sql = format!("SELECT COUNT(*) FROM {t}");
                sqlx::query_scalar::<_, i64>(&sql).fetch_one(&pool).await
            }
        };
        Ok(EnforcementCounts {
            complaints: count("complaints").await?,
            complaint_files: count("complaint_attachments").await?,
            cases: count("cases").await?,
            case_events: count("case_events").await?,
        })
    }
}
