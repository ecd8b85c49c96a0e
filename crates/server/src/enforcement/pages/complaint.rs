//! Public complaint pages (投诉举报): `/complaints/new`, the form (multipart, evidence files,
//! a 举报类型 to choose, the 省/市/县 selector instead of a code, no JavaScript, no captcha —
//! the address's hourly budget limits abuse); after filing, a redirect to
//! `/complaints/status?no=…&received=1`, which shows the tracking number, the status and the
//! outcome.
//!
//! The form carries a double-submit CSRF token (a random cookie repeated in a hidden field, as
//! the login form does), so another site cannot file complaints in a visitor's name; the JSON
//! API needs no token, since a cross-site form cannot send `application/json` without CORS.

use crate::AppState;
use crate::auth::csrf;
use crate::auth::session::{cookie, set_cookie};
use crate::enforcement::api::complaints::{admit, limited};
use crate::enforcement::intake::{ComplaintInput, MAX_FILES, submit};
use crate::enforcement::status::{ComplaintStatus, load, parse_tracking_no};
use crate::error::{ApiError, PageError};
use crate::platform::client_ip::ClientIp;
use crate::web::form::{FormField, form_fields};
use crate::web::layout::{Nav, render};
use crate::web::region::{self, Chosen, RegionSelect};
use askama::Template;
use axum::extract::{Multipart, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use gongyi_types::ErrorCode;
use gongyi_types::common::form::{FieldError, FieldSpec};
use gongyi_types::enforcement::complaint_form;
use serde::Deserialize;
use std::collections::BTreeMap;

pub const COMPLAINT_CSRF_COOKIE: &str = "gongyi_complaint_csrf";

#[derive(Template, Default)]
#[template(path = "enforcement/complaint_form.html")]
struct FormPage {
    nav: Nav,
    csrf: String,
    /// Every text field as typed (`complaint_form`'s names).
    values: BTreeMap<String, String>,
    /// A division code posted as `division` (older pages and links).
    division: String,
    anonymous: bool,
    region: RegionSelect,
    /// Each refusal beside its field; `field == ""` for the whole form.
    errors: Vec<FieldError>,
    /// The form came back to fill the region selects: files must be chosen again.
    refreshed: bool,
    max_files: usize,
}

impl FormPage {
    fn fields(&self, specs: &[FieldSpec]) -> Vec<FormField> {
        form_fields(specs, &self.values, &self.errors)
    }
    fn subject(&self) -> Vec<FormField> {
        self.fields(complaint_form::SUBJECT)
    }
    fn body(&self) -> Vec<FormField> {
        self.fields(complaint_form::BODY)
    }
    fn reporter(&self) -> Vec<FormField> {
        self.fields(complaint_form::REPORTER)
    }
    /// The error shown beside a part outside the field specs (region, files, anonymous).
    fn error_of(&self, name: &str) -> Option<String> {
        let mine: Vec<&str> = self
            .errors
            .iter()
            .filter(|e| e.field == name)
            .map(|e| e.message.as_str())
            .collect();
        (!mine.is_empty()).then(|| mine.join("；"))
    }
    fn set(&mut self, name: &str, value: String) {
        self.values.insert(name.to_string(), value);
    }
    fn value(&self, name: &str) -> Option<String> {
        self.values.get(name).cloned()
    }
}

#[derive(Template)]
#[template(path = "enforcement/complaint_status.html")]
struct StatusPage {
    nav: Nav,
    no: String,
    status: Option<ComplaintStatus>,
    error: Option<String>,
    received: bool,
}

#[derive(Deserialize)]
pub struct FormQuery {
    uscc: Option<String>,
    name: Option<String>,
}

async fn nav(state: &AppState, headers: &HeaderMap) -> Result<Nav, PageError> {
    Ok(Nav::of(state, headers).await?)
}

/// The form with a fresh token in the page and the cookie.
fn form_page(state: &AppState, mut p: FormPage, status: StatusCode) -> Response {
    p.csrf = csrf::token();
    p.max_files = MAX_FILES;
    let mut res = render(&p);
    *res.status_mut() = status;
    if let Ok(v) = set_cookie(state, COMPLAINT_CSRF_COOKIE, &p.csrf, 3600).parse() {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

pub async fn form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<FormQuery>,
) -> Result<Response, PageError> {
    let mut p = FormPage {
        nav: nav(&state, &headers).await?,
        region: Chosen::default().select(),
        ..FormPage::default()
    };
    let uscc = q.uscc.unwrap_or_default();
    let mut name = q.name.unwrap_or_default();
    // From an organization's profile ("举报该组织"): its registered name.
    if name.is_empty()
        && let Ok(u) = crate::registry::api::org_get::parse_uscc(&uscc)
        && let Some(o) = state.store.org(u.as_str()).await?
    {
        name = o.name;
    }
    p.set("reported_uscc", uscc);
    p.set("reported_name", name);
    Ok(form_page(&state, p, StatusCode::OK))
}

fn bad_form(e: impl std::fmt::Display) -> ApiError {
    ApiError::new(ErrorCode::InvalidForm, format!("表单无法读取：{e}"))
}

/// `POST /complaints/new` (multipart/form-data).
pub async fn submit_form(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let mut p = FormPage {
        nav: nav(&state, &headers).await?,
        ..FormPage::default()
    };
    let mut input = ComplaintInput::default();
    let mut token = String::new();
    let mut region = BTreeMap::new();
    let mut refresh = false;
    while let Some(field) = multipart.next_field().await.map_err(bad_form)? {
        let name = field.name().unwrap_or("").to_string();
        if name == "attachments" {
            let file_name = field.file_name().unwrap_or("").to_string();
            let bytes = field.bytes().await.map_err(bad_form)?;
            // An empty file input still sends a part, with no name and no bytes.
            if !(file_name.is_empty() && bytes.is_empty()) {
                input.files.push((file_name, bytes.to_vec()));
            }
            continue;
        }
        let value = field.text().await.map_err(bad_form)?;
        match name.as_str() {
            "csrf" => token = value,
            "division" => p.division = value,
            "anonymous" => p.anonymous = !value.is_empty(),
            "reported_uscc" | "reported_name" | "content" | "reporter_name" | "contact"
            | "category" => p.set(&name, value),
            region::REFRESH => refresh = true,
            region::PROVINCE | region::CITY | region::COUNTY => {
                region.insert(name, value);
            }
            _ => {}
        }
    }
    csrf::check(
        &cookie(&headers, COMPLAINT_CSRF_COOKIE).unwrap_or_default(),
        &token,
    )?;
    // The region chosen in the selects; a code posted as `division` (older pages) still counts.
    let chosen = Chosen::from_form(&region);
    p.region = chosen.select();
    if let Some(d) = chosen.division() {
        p.division = d.to_string();
    }
    if refresh {
        p.refreshed = !input.files.is_empty();
        return Ok(form_page(&state, p, StatusCode::OK));
    }
    if let Err(l) = admit(&state, ip) {
        let limited_res = limited(l);
        let status = limited_res.status();
        p.errors = vec![FieldError::new(
            "",
            "提交过于频繁：同一网络每小时可提交的投诉举报有限，请稍后再试。",
        )];
        let mut res = form_page(&state, p, status);
        if let Some(v) = limited_res.headers().get(header::RETRY_AFTER) {
            res.headers_mut().insert(header::RETRY_AFTER, v.clone());
        }
        return Ok(res);
    }
    input.reported_uscc = p.value("reported_uscc");
    input.reported_name = p.value("reported_name");
    input.division = Some(p.division.clone());
    input.content = p.value("content").unwrap_or_default();
    input.reporter_name = p.value("reporter_name");
    input.contact = p.value("contact");
    input.anonymous = p.anonymous;
    input.category = p.value("category");
    match submit(&state, input).await {
        // Redirect after post: a reload cannot file it twice; the status page shows the number.
        Ok(r) => Ok(Redirect::to(&format!(
            "/complaints/status?no={}&received=1",
            r.tracking_no
        ))
        .into_response()),
        Err(e) if e.status.is_client_error() => {
            let status = if e.status == StatusCode::BAD_REQUEST {
                StatusCode::UNPROCESSABLE_ENTITY
            } else {
                e.status
            };
            p.errors = vec![FieldError::new(complaint_form::field_of(e.code), e.message)];
            Ok(form_page(&state, p, status))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct StatusQuery {
    no: Option<String>,
    /// Just filed (the form redirects here): the page says so and asks to keep the number.
    received: Option<String>,
}

/// `GET /complaints/status?no=…`: the number's status, or the box to type it in.
pub async fn status(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Query(q): Query<StatusQuery>,
) -> Result<Response, PageError> {
    let mut p = StatusPage {
        nav: nav(&state, &headers).await?,
        no: q.no.clone().unwrap_or_default(),
        status: None,
        error: None,
        received: q.received.is_some(),
    };
    let mut code = StatusCode::OK;
    if let Some(raw) = q.no.as_deref().filter(|s| !s.trim().is_empty()) {
        let found = match state.lookup_limiter.take(
            &format!("complaint:{}", ip),
            crate::platform::rate_limit::ANONYMOUS_PER_MINUTE,
        ) {
            Err(l) => return Ok(limited(l)),
            Ok(()) => match parse_tracking_no(raw) {
                Ok(no) => load(&state, &no).await,
                Err(e) => Err(e),
            },
        };
        match found {
            Ok(s) => p.status = Some(s),
            Err(e) if e.status.is_client_error() => {
                code = e.status;
                p.error = Some(e.message);
            }
            Err(e) => return Err(e.into()),
        }
    }
    let mut res = render(&p);
    *res.status_mut() = code;
    Ok(res)
}
