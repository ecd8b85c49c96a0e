//! The courts' 失信被执行人 list as the registration authority imports it (严重违法失信名单 item
//! (六)): one row per organization and 执行案号, upserted — importing the same file again
//! changes nothing, a later file may add a 移除日期 — in one transaction with one audit row per
//! new or changed row (the list is public: the rows enter the transparency log).

use crate::audit::{self, NewAudit, digest};
use crate::{Store, StoreError};
use chrono::NaiveDate;
use serde::Serialize;

/// One line of the court system's file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewCourtListing {
    pub uscc: String,
    /// 执行案号.
    pub case_no: String,
    /// 执行法院.
    pub court: String,
    pub published_on: NaiveDate,
    pub removed_on: Option<NaiveDate>,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CourtImport {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// The organizations with a new or changed listing (for the list rules to run on).
    pub orgs: Vec<String>,
}

impl Store {
    /// Imports `rows` all or nothing. An organization not in the registry is a
    /// [`StoreError::NotFound`] naming it, and nothing is written.
    pub async fn import_court_dishonest(
        &self,
        rows: &[NewCourtListing],
        actor: &str,
        at: &str,
    ) -> Result<CourtImport, StoreError> {
        let mut tx = self.begin_write().await?;
        let mut out = CourtImport::default();
        let mut audits = vec![];
        for r in rows {
            let known: Option<String> = sqlx::query_scalar("SELECT uscc FROM orgs WHERE uscc = $1")
                .bind(r.uscc.clone())
                .fetch_optional(&mut *tx)
                .await?;
            if known.is_none() {
                return Err(StoreError::NotFound(format!("统一社会信用代码 {}", r.uscc)));
            }
            let old: Option<(String, String, Option<String>)> = sqlx::query_as(
                "SELECT court, published_on, removed_on FROM court_dishonest WHERE uscc = $1 AND case_no = $2",
            )
            .bind(r.uscc.clone())
            .bind(r.case_no.clone())
            .fetch_optional(&mut *tx)
            .await?;
            let new = (
                r.court.clone(),
                r.published_on.to_string(),
                r.removed_on.map(|d| d.to_string()),
            );
            let action = match old {
                Some(o) if o == new => {
                    out.unchanged += 1;
                    continue;
                }
                Some(_) => {
                    sqlx::query("UPDATE court_dishonest SET court = $1, published_on = $2, removed_on = $3, imported_at = $4, imported_by = $5 WHERE uscc = $6 AND case_no = $7")
                        .bind(new.0.clone())
                        .bind(new.1.clone())
                        .bind(new.2.clone())
                        .bind(at.to_string())
                        .bind(actor.to_string())
                        .bind(r.uscc.clone())
                        .bind(r.case_no.clone())
                        .execute(&mut *tx)
                        .await?;
                    out.updated += 1;
                    "credit.court_dishonest_updated"
                }
                None => {
                    sqlx::query("INSERT INTO court_dishonest (uscc, case_no, court, published_on, removed_on, imported_at, imported_by) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                        .bind(r.uscc.clone())
                        .bind(r.case_no.clone())
                        .bind(new.0.clone())
                        .bind(new.1.clone())
                        .bind(new.2.clone())
                        .bind(at.to_string())
                        .bind(actor.to_string())
                        .execute(&mut *tx)
                        .await?;
                    out.added += 1;
                    "credit.court_dishonest"
                }
            };
            audits.push(NewAudit {
                actor: actor.to_string(),
                action: action.into(),
                entity_kind: gongyi_types::EntityKind::Org,
                entity_id: r.uscc.clone(),
                before_digest: None,
                after_digest: Some(digest(r)),
                detail: format!(
                    "失信被执行人：{}，执行案号{}，发布日期{}{}",
                    r.court,
                    r.case_no,
                    r.published_on,
                    r.removed_on
                        .map(|d| format!("，移除日期{d}"))
                        .unwrap_or_default()
                ),
            });
            if !out.orgs.contains(&r.uscc) {
                out.orgs.push(r.uscc.clone());
            }
        }
        audit::append(&mut tx, at, audits).await?;
        tx.commit().await?;
        Ok(out)
    }
}
