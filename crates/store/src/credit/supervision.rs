//! The registration authority's supervision documents that 活动异常名录 items (三) and (六) of
//! 民政部令第60号 read: 整改通知 (an order to put a problem right by a deadline, later recorded
//! completed) and 专用信函 (a letter to the registered address, signed for or returned). Each
//! write carries its audit row; completing an order is a guarded write, so a second click or a
//! second official gets a conflict, not a second record.

use crate::audit::{self, NewAudit, digest};
use crate::rows::{get_date, get_i64, get_opt_date, get_opt_text, get_text};
use crate::tx::guarded;
use crate::{Store, StoreError};
use chrono::NaiveDate;
use gongyi_types::EntityKind;
use gongyi_types::credit::{LetterFact, RectificationFact};
use serde::Serialize;

/// A 整改通知 an official records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewRectification {
    /// 整改通知书文号, unique per organization.
    pub doc_no: String,
    /// What is to be put right.
    pub requirement: String,
    pub issued_on: NaiveDate,
    pub deadline: NaiveDate,
}

/// A 专用信函 an official records once its fate is known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewLetter {
    /// 邮件号 (the postal tracking number), unique per organization.
    pub tracking_no: String,
    pub sent_on: NaiveDate,
    /// 无人签收, returned (true) or 已签收 (false).
    pub returned: bool,
    /// The day it was signed for or came back.
    pub outcome_on: NaiveDate,
}

/// A 整改通知 as the credit page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RectificationRow {
    pub id: i64,
    pub doc_no: String,
    pub requirement: String,
    pub issued_on: NaiveDate,
    pub deadline: NaiveDate,
    pub completed_on: Option<NaiveDate>,
    pub completion_note: Option<String>,
}

/// A 专用信函 as the credit page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LetterRow {
    pub id: i64,
    pub tracking_no: String,
    pub sent_on: NaiveDate,
    pub returned: bool,
    pub outcome_on: NaiveDate,
}

const R: &str = "rectification_orders";
const LT: &str = "registered_letters";

fn audit_row(
    uscc: &str,
    actor: &str,
    action: &str,
    after: &impl Serialize,
    detail: String,
) -> NewAudit {
    NewAudit {
        actor: actor.to_string(),
        action: action.into(),
        entity_kind: EntityKind::Org,
        entity_id: uscc.to_string(),
        before_digest: None,
        after_digest: Some(digest(after)),
        detail,
    }
}

impl Store {
    /// Records a 整改通知; a document number the organization has already is a conflict.
    pub async fn record_rectification(
        &self,
        uscc: &str,
        r: &NewRectification,
        actor: &str,
        at: &str,
    ) -> Result<i64, StoreError> {
        let mut tx = self.begin_write().await?;
        let taken: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM rectification_orders WHERE uscc = $1 AND doc_no = $2",
        )
        .bind(uscc.to_string())
        .bind(r.doc_no.clone())
        .fetch_optional(&mut *tx)
        .await?;
        if taken.is_some() {
            return Err(StoreError::Conflict(format!(
                "整改通知书文号 {} 已登记",
                r.doc_no
            )));
        }
        let id: i64 = sqlx::query_scalar("INSERT INTO rectification_orders (uscc, doc_no, requirement, issued_on, deadline, issued_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
            .bind(uscc.to_string())
            .bind(r.doc_no.clone())
            .bind(r.requirement.clone())
            .bind(r.issued_on.to_string())
            .bind(r.deadline.to_string())
            .bind(actor.to_string())
            .bind(at.to_string())
            .fetch_one(&mut *tx)
            .await?;
        let detail = format!("整改通知 {}，限{}前完成", r.doc_no, r.deadline);
        audit::append(
            &mut tx,
            at,
            vec![audit_row(uscc, actor, "credit.rectification", r, detail)],
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Records the 整改通知 `id` of `uscc` completed on `on` (checked by the authority), once:
    /// an order completed already is a conflict.
    pub async fn complete_rectification(
        &self,
        uscc: &str,
        id: i64,
        on: NaiveDate,
        note: &str,
        actor: &str,
        at: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let doc: Option<String> = sqlx::query_scalar(
            "SELECT doc_no FROM rectification_orders WHERE id = $1 AND uscc = $2",
        )
        .bind(id)
        .bind(uscc.to_string())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(doc) = doc else {
            return Err(StoreError::NotFound(format!("整改通知 {id}")));
        };
        let res = sqlx::query("UPDATE rectification_orders SET completed_on = $1, completion_note = $2 WHERE id = $3 AND completed_on IS NULL")
            .bind(on.to_string())
            .bind(note.to_string())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        guarded(res, || {
            format!("整改通知 {doc} 已记录为完成整改，请刷新后查看")
        })?;
        let detail = format!("整改通知 {doc} 完成整改（{on}）");
        let after = (id, on, note);
        audit::append(
            &mut tx,
            at,
            vec![audit_row(
                uscc,
                actor,
                "credit.rectification_done",
                &after,
                detail,
            )],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records a 专用信函 with its fate; a tracking number recorded already is a conflict.
    pub async fn record_letter(
        &self,
        uscc: &str,
        l: &NewLetter,
        actor: &str,
        at: &str,
    ) -> Result<i64, StoreError> {
        let mut tx = self.begin_write().await?;
        let taken: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM registered_letters WHERE uscc = $1 AND tracking_no = $2",
        )
        .bind(uscc.to_string())
        .bind(l.tracking_no.clone())
        .fetch_optional(&mut *tx)
        .await?;
        if taken.is_some() {
            return Err(StoreError::Conflict(format!(
                "邮件号 {} 已登记",
                l.tracking_no
            )));
        }
        let id: i64 = sqlx::query_scalar("INSERT INTO registered_letters (uscc, tracking_no, sent_on, returned, outcome_on, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
            .bind(uscc.to_string())
            .bind(l.tracking_no.clone())
            .bind(l.sent_on.to_string())
            .bind(i64::from(l.returned))
            .bind(l.outcome_on.to_string())
            .bind(actor.to_string())
            .bind(at.to_string())
            .fetch_one(&mut *tx)
            .await?;
        let fate = if l.returned {
            "无人签收退回"
        } else {
            "已签收"
        };
        let detail = format!("专用信函 {}（{}寄出）{fate}", l.tracking_no, l.sent_on);
        audit::append(
            &mut tx,
            at,
            vec![audit_row(uscc, actor, "credit.letter", l, detail)],
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The 整改通知 of one organization, oldest first.
    pub async fn rectifications(&self, uscc: &str) -> Result<Vec<RectificationRow>, StoreError> {
        let rows = sqlx::query("SELECT id, doc_no, requirement, issued_on, deadline, completed_on, completion_note FROM rectification_orders WHERE uscc = $1 ORDER BY issued_on, id")
            .bind(uscc.to_string())
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(RectificationRow {
                    id: get_i64(r, R, "id")?,
                    doc_no: get_text(r, R, "doc_no")?,
                    requirement: get_text(r, R, "requirement")?,
                    issued_on: get_date(r, R, "issued_on")?,
                    deadline: get_date(r, R, "deadline")?,
                    completed_on: get_opt_date(r, R, "completed_on")?,
                    completion_note: get_opt_text(r, R, "completion_note")?,
                })
            })
            .collect()
    }

    /// The 专用信函 of one organization, oldest first.
    pub async fn letters(&self, uscc: &str) -> Result<Vec<LetterRow>, StoreError> {
        let rows = sqlx::query("SELECT id, tracking_no, sent_on, returned, outcome_on FROM registered_letters WHERE uscc = $1 ORDER BY sent_on, id")
            .bind(uscc.to_string())
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(LetterRow {
                    id: get_i64(r, LT, "id")?,
                    tracking_no: get_text(r, LT, "tracking_no")?,
                    sent_on: get_date(r, LT, "sent_on")?,
                    returned: get_i64(r, LT, "returned")? != 0,
                    outcome_on: get_date(r, LT, "outcome_on")?,
                })
            })
            .collect()
    }
}

/// The 整改通知 and 专用信函 of the organizations with codes in `first..=last`, for the
/// credit job's page read: (code, fact) pairs.
pub(super) async fn facts_in_range(
    conn: &mut sqlx::AnyConnection,
    first: &str,
    last: &str,
) -> Result<(Vec<(String, RectificationFact)>, Vec<(String, LetterFact)>), StoreError> {
    let orders = sqlx::query("SELECT id, uscc, doc_no, deadline, completed_on FROM rectification_orders WHERE uscc >= $1 AND uscc <= $2")
        .bind(first.to_string())
        .bind(last.to_string())
        .fetch_all(&mut *conn)
        .await?;
    let orders = orders
        .iter()
        .map(|r| {
            Ok((
                get_text(r, R, "uscc")?,
                RectificationFact {
                    id: get_i64(r, R, "id")?,
                    doc_no: get_text(r, R, "doc_no")?,
                    deadline: get_date(r, R, "deadline")?,
                    completed_on: get_opt_date(r, R, "completed_on")?,
                },
            ))
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let letters = sqlx::query("SELECT id, uscc, sent_on, returned FROM registered_letters WHERE uscc >= $1 AND uscc <= $2")
        .bind(first.to_string())
        .bind(last.to_string())
        .fetch_all(&mut *conn)
        .await?;
    let letters = letters
        .iter()
        .map(|r| {
            Ok((
                get_text(r, LT, "uscc")?,
                LetterFact {
                    id: get_i64(r, LT, "id")?,
                    sent_on: get_date(r, LT, "sent_on")?,
                    returned: get_i64(r, LT, "returned")? != 0,
                },
            ))
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    Ok((orders, letters))
}
