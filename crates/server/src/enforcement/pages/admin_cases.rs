//! `/admin/cases` — the enforcement queue of an official's jurisdiction (open cases first,
//! filter by state) and the form to open a case from an inspection; `/admin/cases/{id}` — one
//! case: the complaint with its reporter's contact and evidence, the history, and one form per
//! next step, each requiring a reason (the penalty form at 处罚决定). Every form carries the
//! session's CSRF token; every read and write checks the jurisdiction first.

use crate::AppState;
use crate::auth::Session;
use crate::credit::forms::parse_penalty;
use crate::enforcement::cases;
use crate::enforcement::steps::{case_division, step};
use crate::enforcement::{may_act, may_read};
use crate::error::{ApiError, PageError};
use crate::web::extract::{AnyForm, OfficialForm, OfficialPage};
use crate::web::form::{FormField, form_fields_in};
use crate::web::layout::{Nav, render};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use gongyi_store::enforcement::cases::{CaseEventRow, CaseRow};
use gongyi_store::enforcement::complaints::{ComplaintFileRow, ComplaintRow};
use gongyi_types::DivisionCode;
use gongyi_types::ErrorCode;
use gongyi_types::common::form::FieldError;
use gongyi_types::credit::forms::PENALTY;
use gongyi_types::enforcement::case_rules::{ALL_STATES, CaseState};
use serde::Deserialize;
use std::collections::BTreeMap;

/// Cases shown in the queue.
const QUEUE_LIMIT: i64 = 200;

#[derive(Template)]
#[template(path = "enforcement/cases.html")]
struct QueuePage {
    nav: Nav,
    csrf: String,
    jurisdiction: String,
    /// (code, label, selected)
    states: Vec<(String, String, bool)>,
    cases: Vec<CaseRow>,
    errors: Vec<String>,
    division: String,
}

#[derive(Template)]
#[template(path = "enforcement/case.html")]
struct CasePage {
    nav: Nav,
    csrf: String,
    case: CaseRow,
    division_name: String,
    complaint: Option<ComplaintRow>,
    files: Vec<ComplaintFileRow>,
    events: Vec<CaseEventRow>,
    /// (code, action label) of the next steps the official may take.
    next: Vec<(String, String)>,
    may_act: bool,
    errors: Vec<String>,
    message: Option<String>,
    /// The 处罚决定 step's penalty fields (the one form system: typed values and errors kept).
    penalty: Vec<FormField>,
}

/// The penalty form as typed, with its errors, after a failed 处罚决定 step.
type PenaltyTyped<'a> = Option<(&'a BTreeMap<String, String>, Vec<FieldError>)>;

#[derive(Deserialize)]
pub struct QueueQuery {
    state: Option<String>,
}

pub async fn queue(
    State(state): State<AppState>,
    OfficialPage(s): OfficialPage,
    Query(q): Query<QueueQuery>,
) -> Result<Response, PageError> {
    show_queue(&state, &s, q.state.as_deref(), vec![], StatusCode::OK).await
}

async fn show_queue(
    state: &AppState,
    s: &Session,
    filter: Option<&str>,
    errors: Vec<String>,
    status: StatusCode,
) -> Result<Response, PageError> {
    let filter = filter.and_then(CaseState::parse);
    let d = s.official.division;
    let cases = state
        .store
        .cases_in(d, filter, QUEUE_LIMIT)
        .await?
        .into_iter()
        .filter(|c| DivisionCode::parse(&c.division).is_ok_and(|cd| d.contains(cd)))
        .collect();
    let mut res = render(&QueuePage {
        nav: Nav::from_session(&Some(s.clone())),
        csrf: s.csrf.clone(),
        jurisdiction: d.full_name(),
        states: ALL_STATES
            .iter()
            .map(|st| (st.code().into(), st.label().into(), Some(*st) == filter))
            .collect(),
        cases,
        errors,
        division: d.to_string(),
    });
    *res.status_mut() = status;
    Ok(res)
}

/// `POST /admin/cases` — a case from an inspection (监督检查), without a complaint.
pub async fn open(
    State(state): State<AppState>,
    OfficialForm(s, AnyForm(form)): OfficialForm<AnyForm>,
) -> Result<Response, PageError> {
    let get = |k: &str| {
        form.get(k)
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let mut errors = vec![];
    let summary = get("summary");
    if !(2..=2000).contains(&summary.chars().count()) {
        errors.push("请写明发现的问题（2至2000个字符）".to_string());
    }
    let (uscc, name, division) = if !get("uscc").is_empty() {
        let u = crate::registry::api::org_get::parse_uscc(&get("uscc"))?;
        match state.store.org(u.as_str()).await? {
            Some(o) => (Some(o.uscc.to_string()), o.name, o.division),
            None => {
                errors.push(format!("未找到统一社会信用代码为 {u} 的社会组织"));
                (None, String::new(), s.official.division)
            }
        }
    } else {
        let name = get("name");
        if name.is_empty() {
            errors.push("请填写统一社会信用代码，或未登记组织的名称".into());
        }
        let d = match DivisionCode::parse(&get("division")) {
            Ok(d) => d,
            Err(e) => {
                errors.push(format!("所在地区划代码无效：{e}"));
                s.official.division
            }
        };
        (None, name, d)
    };
    if !errors.is_empty() {
        return show_queue(&state, &s, None, errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let id = cases::open(&state, &s.official, uscc, name, division, summary).await?;
    Ok(Redirect::to(&format!("/admin/cases/{id}")).into_response())
}

async fn load_case(state: &AppState, id: i64) -> Result<CaseRow, ApiError> {
    state
        .store
        .case(id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::CaseNotFound, format!("未找到案件 {id}")))
}

async fn show_case(
    state: &AppState,
    s: &Session,
    case: CaseRow,
    errors: Vec<String>,
    message: Option<String>,
    typed: PenaltyTyped<'_>,
) -> Result<Response, PageError> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let division = case_division(&case)?;
    let complaint = match case.complaint_id {
        Some(cid) => state.store.complaint(cid).await?,
        None => None,
    };
    let files = match &complaint {
        Some(c) => state.store.complaint_files(c.id).await?,
        None => vec![],
    };
    let acts = may_act(&s.official, division).is_ok();
    let mut res = render(&CasePage {
        nav: Nav::from_session(&Some(s.clone())),
        csrf: s.csrf.clone(),
        division_name: division.full_name(),
        next: case
            .state
            .next()
            .iter()
            .map(|n| (n.code().to_string(), n.action_label().to_string()))
            .collect(),
        events: state.store.case_events(case.id).await?,
        case,
        complaint,
        files,
        may_act: acts,
        errors,
        message,
        penalty: match typed {
            Some((raw, errs)) => form_fields_in("p", PENALTY, raw, &errs),
            None => {
                let defaults = BTreeMap::from([
                    ("decided_on".to_string(), state.clock.today().to_string()),
                    (
                        "authority".to_string(),
                        format!("{}民政局", division.full_name()),
                    ),
                ]);
                form_fields_in("p", PENALTY, &defaults, &[])
            }
        },
    });
    *res.status_mut() = status;
    Ok(res)
}

/// The case, after the jurisdiction check for reading.
async fn enter(state: &AppState, s: &Session, id: i64) -> Result<CaseRow, PageError> {
    let case = load_case(state, id).await?;
    may_read(&s.official, case_division(&case)?)?;
    Ok(case)
}

pub async fn page(
    State(state): State<AppState>,
    OfficialPage(s): OfficialPage,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let case = enter(&state, &s, id).await?;
    show_case(&state, &s, case, vec![], None, None).await
}

/// `POST /admin/cases/{id}/step` — `to`, `reason`, and at 处罚决定 the penalty's fields.
pub async fn take_step(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    OfficialForm(s, AnyForm(form)): OfficialForm<AnyForm>,
) -> Result<Response, PageError> {
    let case = enter(&state, &s, id).await?;
    may_act(&s.official, case_division(&case)?)?;
    let Some(to) = form.get("to").and_then(|t| CaseState::parse(t)) else {
        return show_case(&state, &s, case, vec!["请选择下一步".into()], None, None).await;
    };
    let reason = form.get("reason").cloned().unwrap_or_default();
    let penalty = if to == CaseState::Penalty {
        match parse_penalty(&form) {
            Ok(p) => Some(p),
            Err(errs) => {
                let top = vec!["处罚决定的内容有误，请按提示更正".to_string()];
                return show_case(&state, &s, case, top, None, Some((&form, errs))).await;
            }
        }
    } else {
        None
    };
    match step(&state, &s.official, &case, to, &reason, penalty.as_ref()).await {
        Ok(msg) => {
            let case = load_case(&state, id).await?;
            show_case(&state, &s, case, vec![], Some(msg), None).await
        }
        Err(e) if e.status == StatusCode::BAD_REQUEST => {
            show_case(&state, &s, case, vec![e.message], None, None).await
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /admin/cases/{id}/org` — `uscc`: names the registered organization a case without
/// one is about. Both the case and the organization must be in the official's jurisdiction.
pub async fn link_org(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    OfficialForm(s, AnyForm(form)): OfficialForm<AnyForm>,
) -> Result<Response, PageError> {
    let case = enter(&state, &s, id).await?;
    may_act(&s.official, case_division(&case)?)?;
    let raw = form
        .get("uscc")
        .map(|u| u.trim().to_uppercase())
        .unwrap_or_default();
    let uscc = match gongyi_types::Uscc::parse(&raw) {
        Ok(u) => u,
        Err(e) => {
            let msg = format!("统一社会信用代码无效：{e}");
            return show_case(&state, &s, case, vec![msg], None, None).await;
        }
    };
    let Some(org) = state.store.org(uscc.as_str()).await? else {
        let msg = format!(
            "未找到统一社会信用代码为 {} 的已登记社会组织",
            uscc.as_str()
        );
        return show_case(&state, &s, case, vec![msg], None, None).await;
    };
    // An official acts on organizations registered in the jurisdiction only.
    cases::link_org(&state, &s.official, &case, &org).await?;
    let case = load_case(&state, id).await?;
    let msg = format!("已关联 {}（{}）。", org.name, uscc.as_str());
    show_case(&state, &s, case, vec![], Some(msg), None).await
}

/// `GET /admin/cases/{id}/files/{sha256}` — an evidence file of the case's complaint, checked
/// against its digest by the archive, for the officials of the jurisdiction only.
pub async fn file(
    State(state): State<AppState>,
    OfficialPage(s): OfficialPage,
    Path((id, sha256)): Path<(i64, String)>,
) -> Result<Response, PageError> {
    let case = enter(&state, &s, id).await?;
    let files = match case.complaint_id {
        Some(cid) => state.store.complaint_files(cid).await?,
        None => vec![],
    };
    let Some(f) = files.into_iter().find(|f| f.sha256 == sha256) else {
        return Err(ApiError::new(ErrorCode::AttachmentNotFound, "该案件没有这个附件").into());
    };
    let bytes = state.archive()?.get(&f.sha256)?;
    Ok(crate::platform::archive::download(
        bytes,
        &f.media_type,
        &f.file_name,
    ))
}
