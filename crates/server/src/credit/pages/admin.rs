//! `/admin/orgs/{uscc}/credit` — an official's credit work on one organization in their
//! jurisdiction (民政部令第60号): record a penalty (which may list the organization at once,
//! 异常 item (五) / 严重 items), list or remove it by hand with a reason, decide objections, and
//! the supervision documents of 异常 items (三) and (六) (`supervision.rs`). Every form is of
//! the one form system: a failed post shows the page again with what was typed and each error
//! beside its field. Every form carries the session's CSRF token; every action checks
//! jurisdiction first.

use crate::AppState;
use crate::auth::Session;
use crate::credit::api::org_credit::{OrgCredit, load};
use crate::credit::forms::{parse_listing, parse_penalty};
use crate::credit::{JobError, actions};
use crate::error::{ApiError, PageError};
use crate::registry::api::org_get::parse_uscc;
use crate::web::extract::{AnyForm, OfficialForm, OfficialPage};
use crate::web::form::{FormField, form_fields_in};
use crate::web::layout::{Nav, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use gongyi_store::credit::{LetterRow, ObjectionRow, RectificationRow};
use gongyi_types::common::form::{FieldError, FieldSpec};
use gongyi_types::common::form_reader::FormReader;
use gongyi_types::credit::forms::{
    COMPLETION, DECISION, LETTER, LISTING, PENALTY, RECTIFICATION, REMOVAL,
};
use gongyi_types::{ErrorCode, Uscc};
use std::collections::BTreeMap;

pub(super) type Raw = BTreeMap<String, String>;

/// An open 整改通知 with its completion form.
struct OrderView {
    row: RectificationRow,
    /// Past its deadline and not completed.
    overdue: bool,
    completion: Vec<FormField>,
}

/// A row form (an entry's removal, an objection's decision) with its fields.
struct RowForm<T> {
    row: T,
    fields: Vec<FormField>,
}

#[derive(Template)]
#[template(path = "credit/admin.html")]
struct CreditPage {
    nav: Nav,
    csrf: String,
    credit: OrgCredit,
    /// Open entries' removal forms, by entry id.
    removals: Vec<(i64, Vec<FormField>)>,
    objections: Vec<RowForm<ObjectionRow>>,
    orders: Vec<OrderView>,
    letters: Vec<LetterRow>,
    listing: Vec<FormField>,
    penalty: Vec<FormField>,
    rectification: Vec<FormField>,
    letter: Vec<FormField>,
    /// Every error of the failed form: (the field's element id, message).
    problems: Vec<(String, String)>,
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

/// A form that failed: its id on the page, what was typed, its errors and the status.
pub(super) struct Failed<'a> {
    pub form: String,
    pub raw: &'a Raw,
    pub errors: Vec<FieldError>,
    pub status: StatusCode,
}

impl<'a> Failed<'a> {
    pub fn invalid(form: impl Into<String>, raw: &'a Raw, errors: Vec<FieldError>) -> Self {
        Self {
            form: form.into(),
            raw,
            errors,
            status: StatusCode::UNPROCESSABLE_ENTITY,
        }
    }
    /// A refusal of the store (a document number taken, a step taken by someone else),
    /// shown at `field`; other errors pass.
    pub fn refused(
        form: impl Into<String>,
        raw: &'a Raw,
        field: &'static str,
        e: ApiError,
    ) -> Result<Self, PageError> {
        if e.status.is_client_error() {
            Ok(Self {
                form: form.into(),
                raw,
                errors: vec![FieldError::new(field, e.message)],
                status: e.status,
            })
        } else {
            Err(e.into())
        }
    }
}

/// The organization, after the jurisdiction check of the official's session.
pub(super) async fn enter(state: &AppState, s: &Session, raw: &str) -> Result<Uscc, PageError> {
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

/// The page, with the failed form (if any) showing what was typed and its errors.
pub(super) async fn show(
    state: &AppState,
    s: &Session,
    uscc: &Uscc,
    failed: Option<Failed<'_>>,
    message: Option<String>,
) -> Result<Response, PageError> {
    let today = state.clock.today();
    let org = state.store.org(uscc.as_str()).await?;
    let authority = org.map(|o| o.authority).unwrap_or_default();
    let defaults = |pairs: &[(&str, String)]| -> Raw {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    };
    let fields = |form: &str, specs: &'static [FieldSpec], default: Raw| match &failed {
        Some(f) if f.form == form => form_fields_in(form, specs, f.raw, &f.errors),
        _ => form_fields_in(form, specs, &default, &[]),
    };
    let credit = load(state, uscc).await?;
    let removals = credit
        .list_entries
        .iter()
        .filter(|e| e.removed_on.is_none())
        .map(|e| (e.id, fields(&format!("rm{}", e.id), REMOVAL, Raw::new())))
        .collect();
    let objections = state
        .store
        .objections(uscc.as_str())
        .await?
        .into_iter()
        .map(|o| RowForm {
            fields: fields(&format!("o{}", o.id), DECISION, Raw::new()),
            row: o,
        })
        .collect();
    let orders = state
        .store
        .rectifications(uscc.as_str())
        .await?
        .into_iter()
        .map(|r| OrderView {
            overdue: r.completed_on.is_none() && r.deadline < today,
            completion: fields(
                &format!("c{}", r.id),
                COMPLETION,
                defaults(&[("completed_on", today.to_string())]),
            ),
            row: r,
        })
        .collect();
    let page = CreditPage {
        nav: Nav::from_session(&Some(s.clone())),
        csrf: s.csrf.clone(),
        removals,
        objections,
        orders,
        letters: state.store.letters(uscc.as_str()).await?,
        listing: fields("l", LISTING, Raw::new()),
        penalty: fields(
            "p",
            PENALTY,
            defaults(&[("decided_on", today.to_string()), ("authority", authority)]),
        ),
        rectification: fields(
            "r",
            RECTIFICATION,
            defaults(&[("issued_on", today.to_string())]),
        ),
        letter: fields("m", LETTER, Raw::new()),
        problems: failed
            .as_ref()
            .map(|f| {
                f.errors
                    .iter()
                    .map(|e| (format!("{}-{}", f.form, e.field), e.message.clone()))
                    .collect()
            })
            .unwrap_or_default(),
        credit,
        message,
    };
    let mut res = render(&page);
    if let Some(f) = failed {
        *res.status_mut() = f.status;
    }
    Ok(res)
}

pub async fn page(
    State(state): State<AppState>,
    OfficialPage(s): OfficialPage,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    let uscc = enter(&state, &s, &raw).await?;
    show(&state, &s, &uscc, None, None).await
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
        Err(errs) => {
            return show(
                &state,
                &s,
                &uscc,
                Some(Failed::invalid("p", &form, errs)),
                None,
            )
            .await;
        }
    };
    let listed = actions::record_penalty(&state, &s, &uscc, &p).await?;
    let mut message = format!("已录入行政处罚 {}。", p.doc_no);
    if listed > 0 {
        message.push_str(&format!("依规则列入名录 {listed} 条。"));
    }
    show(&state, &s, &uscc, None, Some(message)).await
}

/// `POST /admin/orgs/{uscc}/credit/list` — `list` (the list's code) and `reason`.
pub async fn list(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    OfficialForm(s, AnyForm(form)): OfficialForm<AnyForm>,
) -> Result<Response, PageError> {
    let uscc = enter(&state, &s, &raw).await?;
    let (list, reason) = match parse_listing(&form) {
        Ok(v) => v,
        Err(errs) => {
            return show(
                &state,
                &s,
                &uscc,
                Some(Failed::invalid("l", &form, errs)),
                None,
            )
            .await;
        }
    };
    actions::list(&state, &s, &uscc, list, reason).await?;
    let message = format!("已列入{}。", list.label());
    show(&state, &s, &uscc, None, Some(message)).await
}

/// `POST /admin/orgs/{uscc}/credit/remove` — `entry_id` (an open entry) and `reason`.
pub async fn remove(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    OfficialForm(s, AnyForm(form)): OfficialForm<AnyForm>,
) -> Result<Response, PageError> {
    let uscc = enter(&state, &s, &raw).await?;
    let entry_id = form
        .get("entry_id")
        .and_then(|v| v.trim().parse::<i64>().ok());
    let open = state
        .store
        .credit_entries(uscc.as_str())
        .await?
        .into_iter()
        .any(|e| Some(e.id) == entry_id && e.removed_on.is_none());
    let Some(entry_id) = entry_id.filter(|_| open) else {
        return Err(ApiError::new(ErrorCode::NotFound, "该组织没有这条在列的名录记录").into());
    };
    let r = FormReader::new(&form, REMOVAL);
    let reason = r.get("reason");
    if let Err(errs) = r.finish(Some(())) {
        let failed = Failed::invalid(format!("rm{entry_id}"), &form, errs);
        return show(&state, &s, &uscc, Some(failed), None).await;
    }
    actions::remove(&state, &s, &uscc, entry_id, reason).await?;
    let message = format!("已移出名录记录 {entry_id}。");
    show(&state, &s, &uscc, None, Some(message)).await
}

/// `POST /admin/orgs/{uscc}/credit/objections/{id}` — decide an objection: upheld removes the
/// entry it names (with the decision's reason), rejected keeps it; the reason is published.
pub async fn decide(
    State(state): State<AppState>,
    Path((raw, id)): Path<(String, i64)>,
    OfficialForm(s, AnyForm(form)): OfficialForm<AnyForm>,
) -> Result<Response, PageError> {
    let uscc = enter(&state, &s, &raw).await?;
    let Some(o) = state
        .store
        .objection(id)
        .await?
        .filter(|o| o.uscc == uscc.as_str())
    else {
        return Err(ApiError::new(ErrorCode::ObjectionNotFound, format!("未找到异议 {id}")).into());
    };
    let r = FormReader::new(&form, DECISION);
    let upheld = r.choice("decision").map(|d| d == "upheld");
    let reason = r.get("reason");
    let upheld = match r.finish(upheld) {
        Ok(u) => u,
        Err(errs) => {
            let failed = Failed::invalid(format!("o{id}"), &form, errs);
            return show(&state, &s, &uscc, Some(failed), None).await;
        }
    };
    crate::credit::objections::decide(&state, &s, &uscc, &o, upheld, &reason).await?;
    let msg = if upheld {
        "已处理：异议成立。"
    } else {
        "已处理：异议不成立，名录记录保留。"
    };
    show(&state, &s, &uscc, None, Some(msg.to_string())).await
}
