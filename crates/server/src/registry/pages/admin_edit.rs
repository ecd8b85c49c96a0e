//! `/admin/orgs/{uscc}/edit` — an official edits a registry record in their jurisdiction.

use crate::AppState;
use crate::auth::Session;
use crate::error::{ApiError, PageError};
use crate::registry::api::org_get::parse_uscc;
use crate::registry::{EDITABLE, apply_form, edit_org, form_values};
use crate::web::extract::{AnyForm, OfficialForm, OfficialPage};
use crate::web::form::{FormField, form_fields};
use crate::web::layout::{Nav, render};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use gongyi_store::AuditEntry;
use gongyi_types::ErrorCode;
use gongyi_types::common::form::FieldError;
use std::collections::BTreeMap;

#[derive(Template)]
#[template(path = "registry/edit.html")]
struct EditPage {
    nav: Nav,
    uscc: String,
    name: String,
    csrf: String,
    fields: Vec<FormField>,
    errors: Vec<FieldError>,
    message: Option<String>,
    audit: Vec<AuditEntry>,
}

#[derive(serde::Deserialize)]
pub struct FindParam {
    uscc: String,
}

/// `/admin/orgs?uscc=…` — the lookup box on the workbench.
pub async fn find(Query(p): Query<FindParam>) -> Result<Response, PageError> {
    let uscc = parse_uscc(&p.uscc)?;
    Ok(Redirect::to(&format!("/admin/orgs/{uscc}/edit")).into_response())
}

async fn page(
    state: &AppState,
    s: Session,
    raw: &str,
    submitted: Option<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let uscc = parse_uscc(raw)?;
    let Some(old) = state.store.org(uscc.as_str()).await? else {
        return Err(ApiError::new(
            ErrorCode::OrgNotFound,
            format!("未找到统一社会信用代码为 {uscc} 的社会组织"),
        )
        .into());
    };
    s.official.may_edit(old.division)?;
    let (mut errors, mut message, mut values, mut status) =
        (vec![], None, form_values(&old), StatusCode::OK);
    let mut name = old.name.clone();
    if let Some(form) = submitted {
        match apply_form(&old, &form) {
            Ok(new) => {
                let diff = edit_org(state, &s.official, &old, new.clone()).await?;
                if diff.is_empty() {
                    message = Some("没有修改任何内容。".to_string());
                } else {
                    let fields: Vec<&str> = diff.iter().map(|d| d.field).collect();
                    message = Some(format!("已保存，变更事项：{}。", fields.join("、")));
                }
                values = form_values(&new);
                name = new.name;
            }
            Err(e) => {
                errors = e;
                values = form;
                status = StatusCode::UNPROCESSABLE_ENTITY;
            }
        }
    }
    let audit = state
        .store
        .audit_for(gongyi_types::EntityKind::Org, uscc.as_str(), 20)
        .await?;
    let mut res = render(&EditPage {
        nav: Nav::from_session(&Some(s.clone())),
        uscc: uscc.to_string(),
        name,
        csrf: s.csrf.clone(),
        fields: form_fields(EDITABLE, &values, &errors),
        errors,
        message,
        audit,
    });
    *res.status_mut() = status;
    Ok(res)
}

pub async fn form(
    State(state): State<AppState>,
    OfficialPage(s): OfficialPage,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    page(&state, s, &raw, None).await
}

pub async fn submit(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    OfficialForm(s, AnyForm(form)): OfficialForm<AnyForm>,
) -> Result<Response, PageError> {
    page(&state, s, &raw, Some(form)).await
}
