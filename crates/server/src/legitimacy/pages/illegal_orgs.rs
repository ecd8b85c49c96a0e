//! `/illegal-orgs` — the public illegal-organization list (search box, table), and
//! `/admin/illegal-orgs` — an official publishes a batch (CSRF-protected form; the
//! authority's division must lie in the official's jurisdiction, as 取缔非法社会组织 is the
//! act of the registration authority with jurisdiction).

use crate::AppState;
use crate::auth::Session;
use crate::error::PageError;
use crate::legitimacy::api::illegal_orgs::{IllegalList, ListParams, fetch};
use crate::legitimacy::publish::{BatchHeader, parse_batch, publish};
use crate::web::extract::{AnyForm, OfficialForm, OfficialPage};
use crate::web::form::{FormField, form_fields};
use crate::web::layout::{Nav, render};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use gongyi_types::IllegalKind;
use gongyi_types::common::form::FieldError;
use gongyi_types::legitimacy::forms::BATCH;
use std::collections::BTreeMap;

#[derive(Template)]
#[template(path = "legitimacy/list.html")]
struct ListPage {
    nav: Nav,
    q: String,
    q_enc: String,
    list: IllegalList,
    has_next: bool,
}

pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(p): Query<ListParams>,
) -> Result<Response, PageError> {
    let session = crate::auth::session::current_session(&state, &headers).await?;
    let list = fetch(&state, &p).await?;
    let q = p.q.clone().unwrap_or_default();
    let q_enc = serde_urlencoded::to_string([("", q.as_str())])
        .map(|s| s.trim_start_matches('=').to_string())
        .unwrap_or_default();
    let has_next = i64::from(list.page) * i64::from(list.per_page) < list.total;
    Ok(render(&ListPage {
        nav: Nav::public(&state, &headers, &session).await?,
        q,
        q_enc,
        list,
        has_next,
    }))
}

#[derive(Template)]
#[template(path = "legitimacy/publish.html")]
struct PublishPage {
    nav: Nav,
    csrf: String,
    division: String,
    /// `legitimacy::forms::BATCH` with the values typed and each error beside its field.
    fields: Vec<FormField>,
    errors: Vec<FieldError>,
    message: Option<String>,
}

async fn page(
    state: &AppState,
    s: Session,
    form: Option<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    // A new form proposes the official's own division and today.
    let mut values = form.clone().unwrap_or_else(|| {
        BTreeMap::from([
            ("division".to_string(), s.official.division.to_string()),
            ("date".to_string(), state.clock.today().to_string()),
            (
                "authority".to_string(),
                s.official.division.authority_name().unwrap_or_default(),
            ),
            (
                "kind".to_string(),
                IllegalKind::Suspected.code().to_string(),
            ),
        ])
    });
    let mut errors = vec![];
    let mut message = None;
    let mut status = StatusCode::OK;
    if form.is_some() {
        let get = |k: &str| values.get(k).cloned().unwrap_or_default();
        let kind = IllegalKind::parse(&get("kind")).unwrap_or(IllegalKind::Suspected);
        let header = BatchHeader {
            batch_no: get("batch"),
            date: get("date"),
            authority: get("authority"),
            division: get("division"),
        };
        match parse_batch(&header, &get("names"), kind) {
            Ok(batch) => {
                publish(state, &s.official, &batch).await?;
                message = Some(format!(
                    "已发布 {} {}：{} 个名称。",
                    batch.authority,
                    batch.batch_no,
                    batch.entries.len()
                ));
                values.remove("names");
                values.remove("batch");
            }
            Err(errs) => {
                errors = errs
                    .into_iter()
                    .map(|e| {
                        FieldError::new(
                            e.field,
                            if e.line == 0 {
                                e.message
                            } else {
                                format!("第{}行：{}", e.line, e.message)
                            },
                        )
                    })
                    .collect();
                status = StatusCode::UNPROCESSABLE_ENTITY;
            }
        }
    }
    let mut res = render(&PublishPage {
        nav: Nav::from_session(&Some(s.clone())),
        csrf: s.csrf.clone(),
        division: s.official.division.full_name(),
        fields: form_fields(BATCH, &values, &errors),
        errors,
        message,
    });
    *res.status_mut() = status;
    Ok(res)
}

pub async fn publish_form(
    State(state): State<AppState>,
    OfficialPage(s): OfficialPage,
) -> Result<Response, PageError> {
    page(&state, s, None).await
}

pub async fn publish_submit(
    State(state): State<AppState>,
    OfficialForm(s, AnyForm(form)): OfficialForm<AnyForm>,
) -> Result<Response, PageError> {
    page(&state, s, Some(form)).await
}
