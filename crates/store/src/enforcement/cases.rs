//! Enforcement cases (执法监察): opening a case (from a complaint, in the complaint's
//! transaction, or from an official's inspection), its steps with their reasons, and the
//! 处罚决定 that writes a penalty into the credit records in the same transaction as the step.
//!
//! Audit rows name a case by its case number (`民执〔2026〕110105-0001`), never by a
//! reporter's name or contact: audit entity ids may be published in the transparency log.

use crate::audit::{self, NewAudit, digest};
use crate::credit::{NewPenalty, insert_penalty};
use crate::rows::{get_i64, get_opt_i64, get_opt_text, get_text};
use crate::{Store, StoreError};
use gongyi_types::enforcement::case_rules::CaseState;
use serde::Serialize;
use sqlx::AnyConnection;

/// What a new case is about and who handles it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewCase {
    /// The registered organization concerned (`None`: unregistered or unknown).
    pub uscc: Option<String>,
    /// The organization's name as registered, or as the reporter gave it.
    pub subject_name: String,
    /// The division whose registration authority handles the case.
    pub division: String,
    /// `complaint` (投诉举报) or `inspection` (监督检查 by an official).
    pub source: String,
    pub summary: String,
}

/// A case as the officials' pages and the reporter's status show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseRow {
    pub id: i64,
    pub case_no: String,
    pub complaint_id: Option<i64>,
    pub uscc: Option<String>,
    pub subject_name: String,
    pub division: String,
    pub source: String,
    pub summary: String,
    pub state: CaseState,
    pub opened_at: String,
    pub updated_at: String,
    pub closed_at: Option<String>,
    pub penalty_id: Option<i64>,
}

/// One recorded step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseEventRow {
    pub from: Option<CaseState>,
    pub to: CaseState,
    pub actor: String,
    pub at: String,
    pub reason: String,
}

const CASE_COLUMNS: &str = "id, case_no, complaint_id, uscc, subject_name, division, source, summary, state, opened_at, updated_at, closed_at, penalty_id";

fn state_of(s: &str, col: &'static str) -> Result<CaseState, StoreError> {
    CaseState::parse(s).ok_or_else(|| StoreError::corrupt("cases", col, s))
}

fn case_from_row(r: &sqlx::any::AnyRow) -> Result<CaseRow, StoreError> {
    const T: &str = "cases";
    Ok(CaseRow {
        id: get_i64(r, T, "id")?,
        case_no: get_text(r, T, "case_no")?,
        complaint_id: get_opt_i64(r, T, "complaint_id")?,
        uscc: get_opt_text(r, T, "uscc")?,
        subject_name: get_text(r, T, "subject_name")?,
        division: get_text(r, T, "division")?,
        source: get_text(r, T, "source")?,
        summary: get_text(r, T, "summary")?,
        state: state_of(&get_text(r, T, "state")?, "state")?,
        opened_at: get_text(r, T, "opened_at")?,
        updated_at: get_text(r, T, "updated_at")?,
        closed_at: get_opt_text(r, T, "closed_at")?,
        penalty_id: get_opt_i64(r, T, "penalty_id")?,
    })
}

/// The case number: 民执〔year〕division-seq, numbered per division and year.
pub fn case_no(division: &str, year: i32, seq: i64) -> String {
    format!("民执〔{year}〕{division}-{seq:04}")
}

/// Opens a case in 线索 with its first event and audit row inside the caller's transaction;
/// returns its id and number.
pub(crate) async fn insert_case(
    conn: &mut AnyConnection,
    c: &NewCase,
    complaint_id: Option<i64>,
    year: i32,
    actor: &str,
    at: &str,
) -> Result<(i64, String), StoreError> {
    let seq = crate::tx::next_number(conn, &format!("case:{}:{year}", c.division)).await?;
    let no = case_no(&c.division, year, seq);
    let id: i64 = sqlx::query_scalar("INSERT INTO cases (case_no, complaint_id, uscc, subject_name, division, year, seq, source, summary, state, opened_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id")
        .bind(no.clone())
        .bind(complaint_id)
        .bind(c.uscc.clone())
        .bind(c.subject_name.clone())
        .bind(c.division.clone())
        .bind(i64::from(year))
        .bind(seq)
        .bind(c.source.clone())
        .bind(c.summary.clone())
        .bind(CaseState::Clue.code())
        .bind(at.to_string())
        .fetch_one(&mut *conn)
        .await?;
    let reason = if complaint_id.is_some() {
        "投诉举报自动登记为线索".to_string()
    } else {
        format!("监督检查发现线索：{}", c.summary)
    };
    insert_event(conn, id, None, CaseState::Clue, actor, at, &reason).await?;
    audit::append(
        conn,
        at,
        vec![NewAudit {
            actor: actor.to_string(),
            action: "case.open".into(),
            entity_kind: gongyi_types::EntityKind::Case,
            entity_id: no.clone(),
            before_digest: None,
            after_digest: Some(digest(c)),
            detail: format!("{}：{}", c.source, c.subject_name),
        }],
    )
    .await?;
    Ok((id, no))
}

async fn insert_event(
    conn: &mut AnyConnection,
    case_id: i64,
    from: Option<CaseState>,
    to: CaseState,
    actor: &str,
    at: &str,
    reason: &str,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO case_events (case_id, from_state, to_state, actor, at, reason) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(case_id)
        .bind(from.map(|s| s.code().to_string()))
        .bind(to.code())
        .bind(actor.to_string())
        .bind(at.to_string())
        .bind(reason.to_string())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

impl Store {
    /// Opens a case without a complaint (an official's inspection finding).
    pub async fn open_case(
        &self,
        c: &NewCase,
        year: i32,
        actor: &str,
        at: &str,
    ) -> Result<(i64, String), StoreError> {
        let mut tx = self.begin_write().await?;
        let r = insert_case(&mut tx, c, None, year, actor, at).await?;
        tx.commit().await?;
        Ok(r)
    }

    pub async fn case(&self, id: i64) -> Result<Option<CaseRow>, StoreError> {
        let r = sqlx::query(&format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        r.as_ref().map(case_from_row).transpose()
    }

    /// The case a complaint opened.
    pub async fn case_of_complaint(
        &self,
        complaint_id: i64,
    ) -> Result<Option<CaseRow>, StoreError> {
        let r = sqlx::query(&format!(
            "SELECT {CASE_COLUMNS} FROM cases WHERE complaint_id = $1 ORDER BY id LIMIT 1"
        ))
        .bind(complaint_id)
        .fetch_optional(&self.pool)
        .await?;
        r.as_ref().map(case_from_row).transpose()
    }

    /// Cases in a jurisdiction, open ones first, newest first; optionally one state.
    pub async fn cases_in(
        &self,
        division: gongyi_types::DivisionCode,
        state: Option<CaseState>,
        limit: i64,
    ) -> Result<Vec<CaseRow>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {CASE_COLUMNS} FROM cases WHERE division LIKE $1 AND ($2 = '' OR state = $2) ORDER BY CASE WHEN closed_at IS NULL THEN 0 ELSE 1 END, id DESC LIMIT $3"
        ))
        .bind(crate::jurisdiction::like(division))
        .bind(state.map(|s| s.code()).unwrap_or(""))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(case_from_row).collect()
    }

    /// The steps of a case, oldest first.
    pub async fn case_events(&self, case_id: i64) -> Result<Vec<CaseEventRow>, StoreError> {
        let rows = sqlx::query("SELECT from_state, to_state, actor, at, reason FROM case_events WHERE case_id = $1 ORDER BY id")
            .bind(case_id)
            .fetch_all(&self.pool)
            .await?;
        const T: &str = "case_events";
        rows.iter()
            .map(|r| {
                Ok(CaseEventRow {
                    from: get_opt_text(r, T, "from_state")?
                        .map(|s| state_of(&s, "from_state"))
                        .transpose()?,
                    to: state_of(&get_text(r, T, "to_state")?, "to_state")?,
                    actor: get_text(r, T, "actor")?,
                    at: get_text(r, T, "at")?,
                    reason: get_text(r, T, "reason")?,
                })
            })
            .collect()
    }

    /// Names the registered organization an open case is about, once (a complaint about an
    /// activity's location, or under a name the reporter got wrong, opens a case without
    /// one; a 处罚决定 needs one to reach the credit records). Recorded as an event in the
    /// case's current state and an audit row. `Conflict` when the case is closed or already
    /// has an organization.
    pub async fn link_case_org(
        &self,
        case: &CaseRow,
        uscc: &str,
        name: &str,
        actor: &str,
        at: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let n = sqlx::query("UPDATE cases SET uscc = $1, subject_name = $2, updated_at = $3 WHERE id = $4 AND uscc IS NULL AND closed_at IS NULL")
            .bind(uscc.to_string())
            .bind(name.to_string())
            .bind(at.to_string())
            .bind(case.id)
            .execute(&mut *tx)
            .await?;
        crate::tx::guarded(n, || {
            format!(
                "案件 {} 已办结或已关联社会组织，请刷新后再操作",
                case.case_no
            )
        })?;
        let reason = format!(
            "关联已登记的社会组织：{name}（{uscc}），原对象“{}”",
            case.subject_name
        );
        insert_event(
            &mut tx,
            case.id,
            Some(case.state),
            case.state,
            actor,
            at,
            &reason,
        )
        .await?;
        audit::append(
            &mut tx,
            at,
            vec![NewAudit {
                actor: actor.to_string(),
                action: "case.link_org".into(),
                entity_kind: gongyi_types::EntityKind::Case,
                entity_id: case.case_no.clone(),
                before_digest: Some(digest(&(&case.uscc, &case.subject_name))),
                after_digest: Some(digest(&(uscc, name))),
                detail: format!("关联 {uscc}"),
            }],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Moves a case from `from` to `to` (checked by `gongyi_types::enforcement::case_rules::check_step`
    /// first) with its event and audit row; a 处罚决定 also writes `penalty` against the case's
    /// organization in the same transaction. `Conflict` when the case is no longer in `from`
    /// (another official acted first). Returns the penalty id, if any.
    pub async fn case_step(
        &self,
        case: &CaseRow,
        to: CaseState,
        reason: &str,
        penalty: Option<&NewPenalty>,
        actor: &str,
        at: &str,
    ) -> Result<Option<i64>, StoreError> {
        let mut tx = self.begin_write().await?;
        let penalty_id = match (penalty, &case.uscc) {
            (Some(p), Some(uscc)) => Some(insert_penalty(&mut tx, uscc, p, actor, at).await?),
            (Some(_), None) => {
                return Err(StoreError::Conflict(format!(
                    "案件 {} 未关联已登记的社会组织，不能录入行政处罚",
                    case.case_no
                )));
            }
            (None, _) => None,
        };
        let closed_at = to.is_final().then(|| at.to_string());
        let n = sqlx::query("UPDATE cases SET state = $1, updated_at = $2, closed_at = $3, penalty_id = COALESCE($4, penalty_id) WHERE id = $5 AND state = $6")
            .bind(to.code())
            .bind(at.to_string())
            .bind(closed_at)
            .bind(penalty_id)
            .bind(case.id)
            .bind(case.state.code())
            .execute(&mut *tx)
            .await?;
        crate::tx::guarded(n, || {
            format!(
                "案件 {} 已不在“{}”状态，请刷新后再操作",
                case.case_no,
                case.state.label()
            )
        })?;
        insert_event(&mut tx, case.id, Some(case.state), to, actor, at, reason).await?;
        audit::append(
            &mut tx,
            at,
            vec![NewAudit {
                actor: actor.to_string(),
                action: format!("case.{}", to.code()),
                entity_kind: gongyi_types::EntityKind::Case,
                entity_id: case.case_no.clone(),
                before_digest: Some(digest(&case.state)),
                after_digest: Some(digest(&(to, reason, penalty))),
                detail: format!("{} → {}", case.state.label(), to.label()),
            }],
        )
        .await?;
        tx.commit().await?;
        Ok(penalty_id)
    }
}
