//! `/orgs/{uscc}/objection` — the public form for an objection (异议) to an organization's credit
//! information. Anyone may object (an organization, or a person named in a record), so the
//! form takes a contact and a reason, a double-submit CSRF token and the address's hourly budget;
//! the objection waits for an official of the registering authority (`/admin/orgs/{uscc}/credit`).

use crate::AppState;
use crate::auth::csrf;
use crate::auth::current_session;
use crate::credit::api::org_credit::{NewObjection, admit_objection, load};
use crate::credit::objections::{file, objection_errors};
use crate::enforcement::api::complaints::limited;
use crate::error::PageError;
use crate::platform::client_ip::ClientIp;
use crate::registry::api::org_get::parse_uscc;
use crate::web::form::{FormField, form_fields};
use crate::web::layout::{Nav, render};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use gongyi_types::ErrorCode;
use gongyi_types::common::form::FieldError;
use gongyi_types::credit::forms::OBJECTION;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::net::IpAddr;

#[derive(Template)]
#[template(path = "credit/objection.html")]
struct ObjectionPage {
    nav: Nav,
    uscc: String,
    name: String,
    /// (id, description) of the open list entries.
    entries: Vec<(i64, String)>,
    /// The chosen entry ("" for the credit information as a whole).
    entry: String,
    fields: Vec<FormField>,
    errors: Vec<FieldError>,
    /// Just filed (the post redirects here with `?filed=ID`).
    filed: Option<i64>,
    csrf: String,
}

impl ObjectionPage {
    /// The error beside the entry select.
    fn entry_error(&self) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == "entry_id")
            .map(|e| e.message.as_str())
    }
}

#[derive(Deserialize)]
pub struct FiledQuery {
    filed: Option<i64>,
}

async fn page(
    state: &AppState,
    headers: &HeaderMap,
    ip: IpAddr,
    raw: &str,
    form: Option<BTreeMap<String, String>>,
    filed: Option<i64>,
) -> Result<Response, PageError> {
    let session = current_session(state, headers).await?;
    let uscc = parse_uscc(raw)?;
    let credit = load(state, &uscc).await?;
    let entries = credit
        .list_entries
        .iter()
        .filter(|e| e.removed_on.is_none())
        .map(|e| {
            (
                e.id,
                format!("{} {}：{}", e.listed_on, e.list_label, e.listed_reason),
            )
        })
        .collect();
    let mut p = ObjectionPage {
        nav: Nav::public(state, headers, &session).await?,
        uscc: uscc.to_string(),
        name: credit.name.clone(),
        entries,
        entry: String::new(),
        fields: form_fields(OBJECTION, &BTreeMap::new(), &[]),
        errors: vec![],
        filed,
        csrf: String::new(),
    };
    let mut status = StatusCode::OK;
    if let Some(f) = form {
        let get = |k: &str| f.get(k).cloned().unwrap_or_default();
        let entry = get("entry_id");
        let o = NewObjection {
            entry_id: entry.trim().parse().ok(),
            contact: get("contact"),
            reason: get("reason"),
        };
        if !entry.trim().is_empty() && o.entry_id.is_none() {
            p.errors
                .push(FieldError::new("entry_id", "所涉名录记录无效，请重新选择"));
        }
        csrf::check_public_form(headers, &get("csrf"))?;
        p.errors
            .extend(objection_errors(&o).into_iter().map(|(_, e)| e));
        if p.errors.is_empty()
            && let Err(l) = admit_objection(state, ip)
        {
            return Ok(limited(l));
        }
        if p.errors.is_empty() {
            match file(state, &uscc, &o).await {
                // Redirect after post: a reload cannot file it twice.
                Ok(id) => {
                    return Ok(
                        Redirect::to(&format!("/orgs/{uscc}/objection?filed={id}")).into_response()
                    );
                }
                Err(e) if e.status.is_client_error() => p.errors.push(FieldError::new(
                    if e.code == ErrorCode::EntryNotFound {
                        "entry_id"
                    } else {
                        ""
                    },
                    e.message,
                )),
                Err(e) => return Err(e.into()),
            }
        }
        status = StatusCode::UNPROCESSABLE_ENTITY;
        p.entry = entry;
        p.fields = form_fields(OBJECTION, &f, &p.errors);
    }
    let mut res = csrf::public_form(state, |token| {
        p.csrf = token.to_string();
        render(&p)
    });
    *res.status_mut() = status;
    Ok(res)
}

pub async fn form(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Path(raw): Path<String>,
    Query(q): Query<FiledQuery>,
) -> Result<Response, PageError> {
    page(&state, &headers, ip, &raw, None, q.filed).await
}

pub async fn submit(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Path(raw): Path<String>,
    Form(f): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    page(&state, &headers, ip, &raw, Some(f), None).await
}
