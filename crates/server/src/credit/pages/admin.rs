//! `/admin/orgs/{uscc}/credit` — an official's credit work on one organization in their
//! jurisdiction (民政部令第60号): record a penalty (which may list the organization at once,
//! 异常 item (五) / 严重 items), list or remove it by hand with a reason, decide objections.
//! Every form carries the session's CSRF token; every action checks jurisdiction first.

use crate::AppState;
use crate::auth::Session;
use crate::credit::api::org_credit::{OrgCredit, load};
use crate::credit::{JobError, actions};
use crate::error::{ApiError, PageError};
use crate::registry::api::org_get::parse_uscc;
use crate::web::extract::{AnyForm, OfficialForm, OfficialPage};
use crate::web::layout::{Nav, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use gongyi_store::credit::{NewPenalty, ObjectionRow};
use gongyi_types::ErrorCode;
use gongyi_types::credit::PenaltyKind;
use gongyi_types::{Fen, ListKind, Uscc};
use std::collections::BTreeMap;

#[derive(Template)]
#[template(path = "credit/admin.html")]
struct CreditPage {
    nav: Nav,
    csrf: String,
    credit: OrgCredit,
    objections: Vec<ObjectionRow>,
    errors: Vec<String>,
    message: Option<String>,
}

impl From<JobError> for ApiError {
    fn from(e: JobError) -> Self {
        match e {
            JobError::Store(s) => s.into(),
            e => ApiError::internal(e),
        }
    }
}

/// The organization, after the jurisdiction check of the official's session.
async fn enter(state: &AppState, s: &Session, raw: &str) -> Result<Uscc, PageError> {
    let uscc = parse_uscc(raw)?;
    let Some(org) = state.store.org(uscc.as_str()).await? else {
        return Err(ApiError::new(
            ErrorCode::OrgNotFound,
            format!("未找到统一社会信用代码为 {uscc} 的社会组织"),
        )
        .into());
    };
    s.official.may_edit(org.division)?;
    Ok(uscc)
}

async fn show(
    state: &AppState,
    s: &Session,
    uscc: &Uscc,
    errors: Vec<String>,
    message: Option<String>,
) -> Result<Response, PageError> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut res = render(&CreditPage {
        nav: Nav::from_session(&Some(s.clone())),
        csrf: s.csrf.clone(),
        credit: load(state, uscc).await?,
        objections: state.store.objections(uscc.as_str()).await?,
        errors,
        message,
    });
    *res.status_mut() = status;
    Ok(res)
}

pub async fn page(
    State(state): State<AppState>,
    OfficialPage(s): OfficialPage,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    let uscc = enter(&state, &s, &raw).await?;
    show(&state, &s, &uscc, vec![], None).await
}

fn required(
    form: &BTreeMap<String, String>,
    k: &str,
    label: &str,
    errs: &mut Vec<String>,
) -> String {
    let v = form
        .get(k)
        .map(|s| s.trim().to_string())
        .unwrap_or_default();
    if v.is_empty() {
        errs.push(format!("{label}不能为空"));
    }
    v
}

/// Parses the penalty form; every problem is reported.
pub fn parse_penalty(form: &BTreeMap<String, String>) -> Result<NewPenalty, Vec<String>> {
    let mut errs = vec![];
    let doc_no = required(form, "doc_no", "决定书文号", &mut errs);
    let reason = required(form, "reason", "事由", &mut errs);
    let basis = required(form, "basis", "依据", &mut errs);
    let result = required(form, "result", "结果", &mut errs);
    let authority = required(form, "authority", "处罚机关", &mut errs);
    let kind = match form.get("kind").map(String::as_str) {
        Some("warning") => Some(PenaltyKind::Warning),
        Some("fine") => Some(PenaltyKind::Fine),
        Some("suspension") => Some(PenaltyKind::Suspension),
        Some("revocation") => Some(PenaltyKind::Revocation),
        Some("change_revoked") => Some(PenaltyKind::ChangeRevoked),
        Some("other") => Some(PenaltyKind::Other),
        other => {
            errs.push(format!("处罚种类“{}”无效", other.unwrap_or("")));
            None
        }
    };
    let fine = match form.get("fine").map(|s| s.trim()).filter(|s| !s.is_empty()) {
        None => None,
        Some(f) => match Fen::parse_yuan(f) {
            Ok(f) if f.0 > 0 => Some(f),
            Ok(_) => {
                errs.push("罚款金额应大于0".into());
                None
            }
            Err(e) => {
                errs.push(format!("罚款金额：{e}"));
                None
            }
        },
    };
    if kind == Some(PenaltyKind::Fine) && fine.is_none() && !errs.iter().any(|e| e.contains("罚款"))
    {
        errs.push("处罚种类为罚款时须填写罚款金额".into());
    }
    let decided_on = match form.get("decided_on").map(|s| s.trim()) {
        Some(d) if !d.is_empty() => NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map_err(|_| errs.push(format!("决定日期：“{d}”不是有效日期，应为 YYYY-MM-DD")))
            .ok(),
        _ => {
            errs.push("决定日期不能为空".into());
            None
        }
    };
    match (kind, decided_on) {
        (Some(kind), Some(decided_on)) if errs.is_empty() => Ok(NewPenalty {
            doc_no,
            reason,
            basis,
            result,
            kind,
            fine,
            decided_on,
            authority,
        }),
        _ => Err(errs),
    }
}

/// `POST /admin/orgs/{uscc}/credit/penalty` — a penalty decision (the rules run at once).
pub async fn penalty(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    OfficialForm(s, AnyForm(form)): OfficialForm<AnyForm>,
) -> Result<Response, PageError> {
    let uscc = enter(&state, &s, &raw).await?;
    let p = match parse_penalty(&form) {
        Ok(p) => p,
        Err(errs) => return show(&state, &s, &uscc, errs, None).await,
    };
    let listed = actions::record_penalty(&state, &s, &uscc, &p).await?;
    let mut message = format!("已录入行政处罚 {}。", p.doc_no);
    if listed > 0 {
        message.push_str(&format!("依规则列入名录 {listed} 条。"));
    }
    show(&state, &s, &uscc, vec![], Some(message)).await
}

/// `POST /admin/orgs/{uscc}/credit/list` — `list` (the list's code) and `reason`.
pub async fn list(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    OfficialForm(s, AnyForm(form)): OfficialForm<AnyForm>,
) -> Result<Response, PageError> {
    let uscc = enter(&state, &s, &raw).await?;
    let mut errs = vec![];
    let reason = required(&form, "reason", "列入事由", &mut errs);
    let list = form.get("list").and_then(|l| ListKind::parse(l).ok());
    if list.is_none() {
        errs.push("名录类型无效".into());
    }
    let (Some(list), true) = (list, errs.is_empty()) else {
        return show(&state, &s, &uscc, errs, None).await;
    };
    actions::list(&state, &s, &uscc, list, reason).await?;
    let message = format!("已列入{}。", list.label());
    show(&state, &s, &uscc, vec![], Some(message)).await
}

/// `POST /admin/orgs/{uscc}/credit/remove` — `entry_id` (an open entry) and `reason`.
pub async fn remove(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    OfficialForm(s, AnyForm(form)): OfficialForm<AnyForm>,
) -> Result<Response, PageError> {
    let uscc = enter(&state, &s, &raw).await?;
    let mut errs = vec![];
    let reason = required(&form, "reason", "移出理由", &mut errs);
    let entry_id = form
        .get("entry_id")
        .and_then(|v| v.trim().parse::<i64>().ok());
    let open = state
        .store
        .credit_entries(uscc.as_str())
        .await?
        .into_iter()
        .any(|e| Some(e.id) == entry_id && e.removed_on.is_none());
    if !open {
        errs.push("该组织没有这条在列的名录记录".into());
    }
    let (Some(entry_id), true) = (entry_id, errs.is_empty()) else {
        return show(&state, &s, &uscc, errs, None).await;
    };
    actions::remove(&state, &s, &uscc, entry_id, reason).await?;
    let message = format!("已移出名录记录 {entry_id}。");
    show(&state, &s, &uscc, vec![], Some(message)).await
}

/// `POST /admin/orgs/{uscc}/credit/objections/{id}` — decide an objection: upheld removes the
/// entry it names (with the decision's reason), rejected keeps it; the reason is published.
pub async fn decide(
    State(state): State<AppState>,
    Path((raw, id)): Path<(String, i64)>,
    OfficialForm(s, AnyForm(form)): OfficialForm<AnyForm>,
) -> Result<Response, PageError> {
    let uscc = enter(&state, &s, &raw).await?;
    let mut errs = vec![];
    let reason = required(&form, "reason", "处理理由", &mut errs);
    let upheld = match form.get("decision").map(String::as_str) {
        Some("upheld") => Some(true),
        Some("rejected") => Some(false),
        _ => {
            errs.push("请选择异议成立或不成立".into());
            None
        }
    };
    let Some(o) = state
        .store
        .objection(id)
        .await?
        .filter(|o| o.uscc == uscc.as_str())
    else {
        return Err(ApiError::new(ErrorCode::ObjectionNotFound, format!("未找到异议 {id}")).into());
    };
    let (Some(upheld), true) = (upheld, errs.is_empty()) else {
        return show(&state, &s, &uscc, errs, None).await;
    };
    crate::credit::objections::decide(&state, &s, &uscc, &o, upheld, &reason).await?;
    let msg = if upheld {
        "已处理：异议成立。"
    } else {
        "已处理：异议不成立，名录记录保留。"
    };
    show(&state, &s, &uscc, vec![], Some(msg.to_string())).await
}
