//! Applications of the online services (一网通办) and their steps. Every step — the new state,
//! its event row (who, when, why), its audit row and, on approval, the registry write — is one
//! transaction, so a failure stores nothing half-done.

use crate::attachments::AttachmentMeta;
use crate::audit::{self, NewAudit};
use crate::rows::{get_i64, get_opt_date, get_opt_text, get_text};
use crate::{Store, StoreError};
use chrono::NaiveDate;
use gongyi_types::applications::{ApplicationState, ServiceKind};
use gongyi_types::{AnnualReport, Evaluation, Inspection, Organization};

pub mod forms;
mod materials;
mod steps;

/// A new application (a draft).
#[derive(Debug, Clone)]
pub struct NewApplication {
    pub kind: ServiceKind,
    pub account_id: i64,
    /// The organization concerned (none for 成立登记).
    pub uscc: Option<String>,
    /// The registrar division the application is routed to.
    pub division: String,
    /// A one-line summary (the organization's or the proposed name).
    pub title: String,
    /// The validated form as JSON (field name → value).
    pub form_json: String,
}

/// A stored application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationRow {
    pub id: i64,
    /// The public number, e.g. `SQ2026112700001`.
    pub number: String,
    pub kind: ServiceKind,
    pub state: ApplicationState,
    pub account_id: i64,
    pub uscc: Option<String>,
    pub division: String,
    pub title: String,
    pub form_json: String,
    pub created_at: String,
    pub submitted_at: Option<String>,
    /// The last day of the time limit running now (none: the applicant's turn, or closed).
    pub deadline: Option<NaiveDate>,
    pub decided_at: Option<String>,
    /// The code of the organization an approved 成立登记 created.
    pub result_uscc: Option<String>,
}

/// One step of an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRow {
    pub from_state: Option<ApplicationState>,
    pub to_state: ApplicationState,
    pub action: String,
    pub actor_label: String,
    pub at: String,
    pub reason: String,
}

/// A material linked to an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedAttachment {
    pub material: String,
    pub file_name: String,
    pub uploaded_at: String,
    pub meta: AttachmentMeta,
}

/// What an approval writes into the registry, in the step's transaction.
#[derive(Debug, Clone)]
pub enum RegistryEffect {
    /// 成立登记: a new organization.
    Create(Box<Organization>),
    /// 变更登记, 注销登记, 公开募捐资格: the record after the change (变更记录 rows follow).
    Update(Box<Organization>),
    /// 年度报告: the report the credit rules read, and the 年检/年报 result.
    AnnualReport {
        uscc: String,
        report: AnnualReport,
        inspection: Inspection,
    },
    /// 移出严重违法失信名单: the removal and the standing it leaves.
    CreditRemoval(crate::credit::OrgCreditChange),
    /// 评估: the grade with its validity.
    Evaluation {
        uscc: String,
        evaluation: Evaluation,
    },
}

/// One step to take.
#[derive(Debug, Clone)]
pub struct Step {
    pub from: ApplicationState,
    pub to: ApplicationState,
    pub action: String,
    /// `applicant:<login>` or `user:<username>`.
    pub actor: String,
    /// Shown to the applicant: `申请人` or the official's name and authority.
    pub actor_label: String,
    pub reason: String,
    /// The new deadline (none: no time limit runs).
    pub deadline: Option<NaiveDate>,
    /// The caller's clock: the timestamp and the day (time is a parameter).
    pub at: String,
    pub today: NaiveDate,
}

pub(crate) const COLS: &str = "id, number, kind, state, account_id, uscc, division, title, form_json, created_at, submitted_at, deadline, decided_at, result_uscc";

pub(crate) fn from_row(r: &sqlx::any::AnyRow) -> Result<ApplicationRow, StoreError> {
    const T: &str = "applications";
    let kind = get_text(r, T, "kind")?;
    let state = get_text(r, T, "state")?;
    Ok(ApplicationRow {
        id: get_i64(r, T, "id")?,
        number: get_text(r, T, "number")?,
        kind: ServiceKind::parse(&kind).map_err(|e| StoreError::corrupt(T, "kind", e))?,
        state: ApplicationState::parse(&state).map_err(|e| StoreError::corrupt(T, "state", e))?,
        account_id: get_i64(r, T, "account_id")?,
        uscc: get_opt_text(r, T, "uscc")?,
        division: get_text(r, T, "division")?,
        title: get_text(r, T, "title")?,
        form_json: get_text(r, T, "form_json")?,
        created_at: get_text(r, T, "created_at")?,
        submitted_at: get_opt_text(r, T, "submitted_at")?,
        deadline: get_opt_date(r, T, "deadline")?,
        decided_at: get_opt_text(r, T, "decided_at")?,
        result_uscc: get_opt_text(r, T, "result_uscc")?,
    })
}

/// Filters of the officials' work queue.
#[derive(Debug, Clone, Default)]
pub struct QueueFilter {
    pub kind: Option<ServiceKind>,
    /// A state; none: every state but 草稿.
    pub state: Option<ApplicationState>,
    /// Only applications still waiting for the authority.
    pub open_only: bool,
}

pub(crate) fn audit_row(actor: &str, action: &str, number: &str, detail: String) -> NewAudit {
    NewAudit {
        actor: actor.to_string(),
        action: action.to_string(),
        entity_kind: gongyi_types::EntityKind::Application,
        entity_id: number.to_string(),
        before_digest: None,
        after_digest: None,
        detail,
    }
}

impl Store {
    /// Creates a draft with its first event and audit row; returns (id, public number). The
    /// number is `SQ` + the day + a five-digit sequence of that day.
    pub async fn create_application(
        &self,
        a: &NewApplication,
        actor: &str,
        actor_label: &str,
        at: &str,
        today: NaiveDate,
    ) -> Result<(i64, String), StoreError> {
        let mut tx = self.begin_write().await?;
        let prefix = format!("SQ{}", today.format("%Y%m%d"));
        let n = crate::tx::next_number(&mut tx, &format!("application:{prefix}")).await?;
        let number = format!("{prefix}{n:05}");
        let id: i64 = sqlx::query_scalar("INSERT INTO applications (number, kind, state, account_id, uscc, division, title, form_json, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id")
            .bind(number.clone())
            .bind(a.kind.code().to_string())
            .bind(ApplicationState::Draft.code().to_string())
            .bind(a.account_id)
            .bind(a.uscc.clone())
            .bind(a.division.clone())
            .bind(a.title.clone())
            .bind(a.form_json.clone())
            .bind(at.to_string())
            .fetch_one(&mut *tx)
            .await?;
        insert_event(
            &mut tx,
            id,
            None,
            ApplicationState::Draft,
            "create",
            actor,
            actor_label,
            at,
            "",
        )
        .await?;
        audit::append(
            &mut tx,
            at,
            vec![audit_row(
                actor,
                "application.create",
                &number,
                format!("{}：{}", a.kind.label(), a.title),
            )],
        )
        .await?;
        tx.commit().await?;
        Ok((id, number))
    }

    pub async fn application(&self, id: i64) -> Result<Option<ApplicationRow>, StoreError> {
        let sql = format!("SELECT {COLS} FROM applications WHERE id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(from_row).transpose()
    }

    /// An account's applications, newest first.
    pub async fn applications_of(
        &self,
        account_id: i64,
    ) -> Result<Vec<ApplicationRow>, StoreError> {
        let sql = format!("SELECT {COLS} FROM applications WHERE account_id = $1 ORDER BY id DESC");
        let rows = sqlx::query(&sql)
            .bind(account_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(from_row).collect()
    }

    /// The work queue of a jurisdiction: drafts are not shown; deadlines first, earliest (so
    /// overdue) first, then those without a running time limit.
    pub async fn application_queue(
        &self,
        division: gongyi_types::DivisionCode,
        f: &QueueFilter,
        limit: i64,
    ) -> Result<Vec<ApplicationRow>, StoreError> {
        let open: Vec<String> = [
            ApplicationState::Submitted,
            ApplicationState::Corrected,
            ApplicationState::Accepted,
            ApplicationState::UnderReview,
        ]
        .iter()
        .map(|s| s.code().to_string())
        .collect();
        let sql = format!(
            "SELECT {COLS} FROM applications WHERE division LIKE $1 AND state <> $2 \
             AND ($3 = '' OR kind = $3) AND ($4 = '' OR state = $4) \
             AND ($5 = 0 OR state IN ($6, $7, $8, $9)) \
             ORDER BY CASE WHEN deadline IS NULL THEN 1 ELSE 0 END, deadline, id LIMIT $10"
        );
        let mut q = sqlx::query(&sql)
            .bind(crate::jurisdiction::like(division))
            .bind(ApplicationState::Draft.code().to_string())
            .bind(f.kind.map(|k| k.code()).unwrap_or("").to_string())
            .bind(f.state.map(|s| s.code()).unwrap_or("").to_string())
            .bind(i64::from(f.open_only));
        for s in open {
            q = q.bind(s);
        }
        let rows = q.bind(limit).fetch_all(&self.pool).await?;
        rows.iter().map(from_row).collect()
    }

    /// Every step of an application, oldest first.
    pub async fn application_events(&self, id: i64) -> Result<Vec<EventRow>, StoreError> {
        let rows = sqlx::query("SELECT from_state, to_state, action, actor_label, at, reason FROM application_events WHERE application_id = $1 ORDER BY id")
            .bind(id)
            .fetch_all(&self.pool)
            .await?;
        const T: &str = "application_events";
        rows.iter()
            .map(|r| {
                let from = get_opt_text(r, T, "from_state")?;
                let to = get_text(r, T, "to_state")?;
                Ok(EventRow {
                    from_state: from
                        .map(|f| ApplicationState::parse(&f))
                        .transpose()
                        .map_err(|e| StoreError::corrupt(T, "from_state", e))?,
                    to_state: ApplicationState::parse(&to)
                        .map_err(|e| StoreError::corrupt(T, "to_state", e))?,
                    action: get_text(r, T, "action")?,
                    actor_label: get_text(r, T, "actor_label")?,
                    at: get_text(r, T, "at")?,
                    reason: get_text(r, T, "reason")?,
                })
            })
            .collect()
    }
}

/// The application `id`, its row locked until the transaction ends (PostgreSQL; SQLite's write
/// transaction holds the database): what a step or an edit computes from it stays true.
pub(crate) async fn load_locked(
    conn: &mut sqlx::AnyConnection,
    id: i64,
) -> Result<ApplicationRow, StoreError> {
    let sql = format!(
        "SELECT {COLS} FROM applications WHERE id = $1{}",
        crate::tx::lock(conn)
    );
    let Some(row) = sqlx::query(&sql)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Err(StoreError::NotFound(format!("申请 {id}")));
    };
    from_row(&row)
}

/// The conflict of a step taken by someone else first.
pub(crate) fn state_changed(number: &str) -> String {
    format!("申请 {number} 的状态已被他人更改，请刷新后重试")
}

#[allow(clippy::too_many_arguments)]
pub(crate) async fn insert_event(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    from: Option<ApplicationState>,
    to: ApplicationState,
    action: &str,
    actor: &str,
    actor_label: &str,
    at: &str,
    reason: &str,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO application_events (application_id, from_state, to_state, action, actor, actor_label, at, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .bind(id)
        .bind(from.map(|s| s.code().to_string()))
        .bind(to.code().to_string())
        .bind(action.to_string())
        .bind(actor.to_string())
        .bind(actor_label.to_string())
        .bind(at.to_string())
        .bind(reason.to_string())
        .execute(&mut *conn)
        .await?;
    Ok(())
}
