//! The officials' pages of the online services: `/admin/applications` — the work queue of the
//! jurisdiction (overdue first, then by deadline; filters by service and state; batch 受理 /
//! 准予 of annual reports with one reason) — and `/admin/applications/{id}` with the decision
//! form (every step needs a reason, shown to the applicant). Every action checks the
//! jurisdiction (403 `outside_jurisdiction`) and the session's CSRF token.

use crate::AppState;
use crate::applications::materials;
use crate::applications::pages::mine::DetailPage;
use crate::applications::pages::view::{build, deadline_of};
use crate::applications::steps::{batch_annual_reports, batch_target, may_see, official_step};
use crate::auth::{Session, csrf};
use crate::error::{ApiError, PageError};
use crate::web::extract::{OfficialForm, OfficialPage, WithCsrf};
use crate::web::layout::{Choice, Nav, render};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use gongyi_store::applications::QueueFilter;
use gongyi_types::ErrorCode;
use gongyi_types::applications::{AppAction, ApplicationState as S, ServiceKind, official_actions};
use std::collections::HashMap;

pub struct QueueRow {
    pub id: i64,
    pub number: String,
    pub kind: String,
    pub annual_report: bool,
    pub title: String,
    pub state: String,
    pub deadline: String,
    pub overdue: bool,
    pub submitted_at: String,
}

#[derive(Template)]
#[template(path = "applications/queue.html")]
struct QueuePage {
    nav: Nav,
    csrf: String,
    jurisdiction: String,
    kinds: Vec<Choice>,
    states: Vec<Choice>,
    rows: Vec<QueueRow>,
    message: Option<String>,
}

fn choices(all: Vec<(&'static str, &'static str)>, cur: &str) -> Vec<Choice> {
    let mut v = vec![Choice {
        value: String::new(),
        label: "全部".into(),
        selected: cur.is_empty(),
    }];
    v.extend(all.into_iter().map(|(c, l)| Choice {
        value: c.to_string(),
        label: l.to_string(),
        selected: c == cur,
    }));
    v
}

async fn queue_page(
    state: &AppState,
    s: &Session,
    q: &HashMap<String, String>,
    message: Option<String>,
) -> Result<Response, PageError> {
    let get = |k: &str| q.get(k).map(|v| v.trim().to_string()).unwrap_or_default();
    let (kind_raw, state_raw) = (get("kind"), get("state"));
    let kind = Some(kind_raw.as_str())
        .filter(|k| !k.is_empty())
        .map(ServiceKind::parse)
        .transpose()
        .map_err(|e| ApiError::new(ErrorCode::InvalidKind, e.to_string()))?;
    let st = Some(state_raw.as_str())
        .filter(|k| !k.is_empty() && *k != "open")
        .map(S::parse)
        .transpose()
        .map_err(|e| ApiError::new(ErrorCode::InvalidState, e.to_string()))?;
    let filter = QueueFilter {
        kind,
        state: st,
        open_only: state_raw == "open",
    };
    let today = state.clock.today();
    let rows = state
        .store
        .application_queue(s.official.division, &filter, 500)
        .await?
        .into_iter()
        .filter(|a| may_see(&s.official, a).is_ok())
        .map(|a| {
            let (deadline, overdue) = deadline_of(&a, today);
            QueueRow {
                id: a.id,
                number: a.number.clone(),
                kind: a.kind.label().to_string(),
                annual_report: a.kind == ServiceKind::AnnualReport,
                title: a.title.clone(),
                state: a.state.label_in(a.kind).to_string(),
                deadline,
                overdue,
                submitted_at: a.submitted_at.clone().unwrap_or_default(),
            }
        })
        .collect();
    let mut states: Vec<(&str, &str)> = vec![("open", "待办（机关办理中）")];
    states.extend(
        S::ALL
            .iter()
            .filter(|s| **s != S::Draft)
            .map(|s| (s.code(), s.label())),
    );
    Ok(render(&QueuePage {
        nav: Nav::from_session(&Some(s.clone())),
        csrf: s.csrf.clone(),
        jurisdiction: s.official.division.full_name(),
        kinds: choices(
            ServiceKind::ALL
                .iter()
                .map(|k| (k.code(), k.label()))
                .collect(),
            &kind_raw,
        ),
        states: choices(states, &state_raw),
        rows,
        message,
    }))
}

pub async fn queue(
    State(state): State<AppState>,
    OfficialPage(s): OfficialPage,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    queue_page(&state, &s, &q, None).await
}

pub async fn show(
    State(state): State<AppState>,
    OfficialPage(s): OfficialPage,
    Path(id): Path<i64>,
    Query(done): Query<crate::applications::pages::mine::Done>,
) -> Result<Response, PageError> {
    let app = crate::applications::load(&state, id).await?;
    may_see(&s.official, &app)?;
    let a = build(&state, &app).await?;
    let actions = if s.official.may_edit(s.official.division).is_ok() {
        official_actions(app.state)
            .into_iter()
            .map(|x| (x.code().to_string(), x.label_in(app.kind).to_string()))
            .collect()
    } else {
        vec![]
    };
    Ok(render(&DetailPage {
        nav: Nav::from_session(&Some(s.clone())),
        csrf: s.csrf.clone(),
        official: true,
        base: format!("/admin/applications/{id}"),
        actions,
        can_upload: false,
        can_submit: false,
        can_correct: false,
        materials: vec![],
        evaluation: app.kind == ServiceKind::Evaluation,
        annual_report: app.kind == ServiceKind::AnnualReport,
        notice: done.notice(),
        a,
    }))
}

/// The form of an official's step.
#[derive(serde::Deserialize)]
pub struct StepForm {
    csrf: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    reason: String,
    /// 评估等级 (评估), when approving one.
    grade: Option<String>,
    /// 年检结论 (年报), when approving one — the page's select is named `result`.
    result: Option<String>,
}

impl WithCsrf for StepForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// `POST /admin/applications/{id}/step` — `action`, `reason`, optional `grade` (评估) or
/// `result` (年检结论).
pub async fn step(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    OfficialForm(s, f): OfficialForm<StepForm>,
) -> Result<Response, PageError> {
    let app = crate::applications::load(&state, id).await?;
    let action = AppAction::parse(&f.action)
        .map_err(|e| ApiError::new(ErrorCode::InvalidAction, e.to_string()))?;
    official_step(
        &state,
        &s.official,
        &app,
        action,
        &f.reason,
        f.grade.as_deref().or(f.result.as_deref()),
    )
    .await?;
    Ok(Redirect::to(&format!("/admin/applications/{id}?done=step")).into_response())
}

/// `POST /admin/applications/batch` — `id` (repeated), `target` (`accepted` or `approved`),
/// `reason`: annual reports only.
pub async fn batch(
    State(state): State<AppState>,
    OfficialPage(s): OfficialPage,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let get = |k: &str| {
        f.iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    csrf::check(&s.csrf, &get("csrf"))?;
    let target = batch_target(&get("target"))?;
    let ids: Vec<i64> = f
        .iter()
        .filter(|(n, _)| n == "id")
        .map(|(_, v)| {
            v.trim()
                .parse()
                .map_err(|_| ApiError::new(ErrorCode::InvalidId, format!("申请编号“{v}”无效")))
        })
        .collect::<Result<_, _>>()?;
    let failed = batch_annual_reports(&state, &s.official, &ids, target, &get("reason")).await?;
    let msg = if failed.is_empty() {
        format!(
            "已批量{} {} 项年度报告。",
            if target == S::Approved {
                "准予"
            } else {
                "受理"
            },
            ids.len()
        )
    } else {
        format!(
            "{} 项完成，{} 项未能办理：{}",
            ids.len() - failed.len(),
            failed.len(),
            failed
                .iter()
                .map(|(n, e)| format!("{n}（{e}）"))
                .collect::<Vec<_>>()
                .join("；")
        )
    };
    queue_page(&state, &s, &HashMap::new(), Some(msg)).await
}

pub async fn download(
    State(state): State<AppState>,
    OfficialPage(s): OfficialPage,
    Path((id, sha)): Path<(i64, String)>,
) -> Result<Response, PageError> {
    let app = crate::applications::load(&state, id).await?;
    may_see(&s.official, &app)?;
    let (bytes, media, name) = materials::read(&state, &app, &sha).await?;
    Ok(materials::download(bytes, &media, &name))
}
