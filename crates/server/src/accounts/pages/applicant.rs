//! `/account/…` — applicants' accounts for the online services: register, log in, log out.
//!
//! An organization registers with its 统一社会信用代码 and an activation code that its
//! registration authority issued to it (`/admin/orgs/{uscc}/account`, or the bureau creates the
//! account itself with `gongyi admin create-org-account`). The code is the secret: the code of
//! the organization and its 法定代表人's name, which sufficed before, are both public on its
//! profile. A new code on an existing account resets it, so an organization can always take its
//! account back through its authority. A person registers with a name and a phone number (for
//! 成立登记). Passwords follow the officials' rules (argon2id, `auth::password`); logins go
//! through the one login of every account (`accounts::login`), into the one session cookie.

use crate::AppState;
use crate::accounts::login::{Refused, log_in};
use crate::accounts::register;
use crate::auth::activation;
use crate::auth::session::{COOKIE, LOGIN_CSRF_COOKIE, cookie, live, set_cookie};
use crate::auth::{csrf, password};
use crate::error::{ApiError, PageError};
use crate::platform::client_ip::ClientIp;
use crate::web::form::{FormField, form_fields};
use crate::web::layout::{Nav, render};
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use gongyi_store::accounts::applicants::{KIND_ORG, KIND_PERSON, NewApplicant};
use gongyi_types::Uscc;
use gongyi_types::accounts::forms;
use gongyi_types::common::form::FieldError;
use std::collections::BTreeMap;
use std::collections::HashMap;

#[derive(Template)]
#[template(path = "accounts/applicant_login.html")]
struct LoginPage {
    nav: Nav,
    csrf: String,
    next: String,
    login: String,
    error: Option<String>,
    registered: bool,
}

#[derive(Template)]
#[template(path = "accounts/register.html")]
struct RegisterPage {
    nav: Nav,
    csrf: String,
    kind: String,
    /// `accounts::forms::ORG` or `PERSON`, with the values typed (secrets excepted).
    fields: Vec<FormField>,
    errors: Vec<FieldError>,
}

fn with_form_csrf(
    state: &AppState,
    mut res: Response,
    token: &str,
    status: StatusCode,
) -> Response {
    *res.status_mut() = status;
    if let Ok(v) = set_cookie(state, LOGIN_CSRF_COOKIE, token, 3600).parse() {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

fn login_page(
    state: &AppState,
    next: String,
    login: String,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let token = csrf::token();
    let res = render(&LoginPage {
        nav: Nav::anonymous(),
        csrf: token.clone(),
        next,
        registered: error.is_none() && !login.is_empty(),
        login,
        error,
    });
    with_form_csrf(state, res, &token, status)
}

pub async fn login_form(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    // After registration the login is filled in and a notice shown.
    let registered = q.get("registered").cloned().unwrap_or_default();
    login_page(
        &state,
        crate::auth::safe_next(q.get("next").map(String::as_str), ""),
        registered,
        None,
        StatusCode::OK,
    )
}

/// An organization's login is its 统一社会信用代码, typed in either case (upper-cased here); a
/// person's is a phone number; an official may log in here too, with a username as typed.
fn normalize_login(s: &str) -> String {
    let s = s.trim();
    if s.len() == 18 && s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        s.to_uppercase()
    } else {
        s.to_string()
    }
}

pub async fn login_submit(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    csrf::check(
        &cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or_default(),
        &get("csrf"),
    )?;
    let login = normalize_login(&get("login"));
    let next = crate::auth::safe_next(f.get("next").map(String::as_str), "");
    let done = match log_in(&state, ip, &login, get("password")).await? {
        Ok(done) => done,
        Err(refused) => {
            let (message, status) = match refused {
                Refused::TooMany(m) => (m, StatusCode::TOO_MANY_REQUESTS),
                Refused::Wrong => ("账号或密码错误".to_string(), StatusCode::UNAUTHORIZED),
            };
            return Ok(login_page(&state, next, login, Some(message), status));
        }
    };
    let to = if next.is_empty() { done.home } else { &next };
    let mut res = Redirect::to(to).into_response();
    for c in [
        set_cookie(&state, COOKIE, &done.opened.token, done.opened.minutes * 60),
        set_cookie(&state, LOGIN_CSRF_COOKIE, "", 0),
    ] {
        if let Ok(v) = c.parse() {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    Ok(res)
}

pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    if let Some(s) = live(&state, &headers).await? {
        csrf::check(&s.csrf, f.get("csrf").map(String::as_str).unwrap_or(""))?;
        crate::accounts::sessions::close(&state, &s).await?;
    }
    let mut res = Redirect::to("/services").into_response();
    if let Ok(v) = set_cookie(&state, COOKIE, "", 0).parse() {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(res)
}

fn register_page(
    state: &AppState,
    kind: String,
    values: HashMap<String, String>,
    errors: Vec<FieldError>,
    status: StatusCode,
) -> Response {
    let token = csrf::token();
    let specs = if kind == KIND_PERSON {
        forms::PERSON
    } else {
        forms::ORG
    };
    let values: BTreeMap<String, String> = values
        .into_iter()
        .filter(|(k, _)| !forms::SECRET.contains(&k.as_str()))
        .collect();
    let res = render(&RegisterPage {
        nav: Nav::anonymous(),
        csrf: token.clone(),
        kind,
        fields: form_fields(specs, &values, &errors),
        errors,
    });
    with_form_csrf(state, res, &token, status)
}

pub async fn register_form(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let kind = if q.get("kind").map(String::as_str) == Some(KIND_PERSON) {
        KIND_PERSON
    } else {
        KIND_ORG
    };
    register_page(
        &state,
        kind.to_string(),
        HashMap::new(),
        vec![],
        StatusCode::OK,
    )
}

/// A phone number: 7–20 digits with optional dashes (mobile or landline).
fn phone_ok(p: &str) -> bool {
    let digits = p.chars().filter(char::is_ascii_digit).count();
    (7..=20).contains(&digits) && p.chars().all(|c| c.is_ascii_digit() || c == '-')
}

/// Registrations accepted per client address and hour (each costs an argon2id hash).
const REGISTRATIONS_PER_HOUR: u32 = 10;

/// `POST /account/register` — every field error is reported. An organization proves it is
/// itself with the activation code its registration authority issued (`/admin/orgs/{uscc}/
/// account`); the same code on an existing account resets it. A person's registration answers
/// the same whether or not the number was registered before (no account oracle).
pub async fn register_submit(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| f.get(k).map(|v| v.trim().to_string()).unwrap_or_default();
    csrf::check(
        &cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or_default(),
        &get("csrf"),
    )?;
    let kind = if get("kind") == KIND_PERSON {
        KIND_PERSON
    } else {
        KIND_ORG
    };
    let contact = get("contact_name");
    let phone = get("phone");
    let pw = f.get("password").cloned().unwrap_or_default();
    let mut errs = field_errors(kind, &contact, &phone, &pw, f.get("password2"));
    let mut new = NewApplicant {
        kind,
        login: phone.clone(),
        uscc: None,
        display_name: contact.clone(),
        contact_name: contact,
        phone,
        password_hash: String::new(),
    };
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    let mut code = None;
    if kind == KIND_ORG {
        match Uscc::parse(&normalize_login(&get("uscc"))) {
            Err(e) => errs.push(FieldError::new("uscc", format!("统一社会信用代码：{e}"))),
            Ok(u) => {
                new.login = u.to_string();
                new.uscc = Some(u.to_string());
            }
        }
        code = activation::normalize(&get("activation_code"));
        if code.is_none() {
            errs.push(FieldError::new(
                "activation_code",
                "激活码应为16位字母和数字（由登记管理机关发放）",
            ));
        }
    }
    if errs.is_empty()
        && let Err(l) = state
            .complaint_limiter
            .take_hourly(&format!("register:{ip}"), REGISTRATIONS_PER_HOUR)
    {
        errs.push(FieldError::new(
            "",
            format!(
                "注册过于频繁，请{}分钟后再试",
                l.retry_after_secs.div_ceil(60)
            ),
        ));
        status = StatusCode::TOO_MANY_REQUESTS;
    }
    if errs.is_empty() {
        new.password_hash = tokio::task::spawn_blocking(move || password::hash(&pw))
            .await
            .map_err(ApiError::internal)?
            .map_err(ApiError::internal)?;
        let stored = match &code {
            Some(code) => register::org(&state, ip, &mut new, code).await?,
            None => register::person(&state, &new).await?,
        };
        match stored {
            Ok(()) => {
                let next = serde_urlencoded::to_string([("registered", new.login.as_str())])
                    .unwrap_or_default();
                return Ok(Redirect::to(&format!("/account/login?{next}")).into_response());
            }
            Err((e, s)) => {
                errs.push(FieldError::new("", e));
                status = s;
            }
        }
    }
    Ok(register_page(&state, kind.into(), f, errs, status))
}

/// What a registration form must hold whatever the kind.
fn field_errors(
    kind: &str,
    contact: &str,
    phone: &str,
    pw: &str,
    pw2: Option<&String>,
) -> Vec<FieldError> {
    let mut errs = vec![];
    if contact.is_empty() {
        errs.push(FieldError::new(
            "contact_name",
            if kind == KIND_ORG {
                "经办人姓名不能为空"
            } else {
                "姓名不能为空"
            },
        ));
    }
    if !phone_ok(phone) {
        errs.push(FieldError::new(
            "phone",
            "联系电话应为7至20位数字（可含“-”）",
        ));
    }
    if let Err(e) = password::check_strength(pw) {
        errs.push(FieldError::new("password", e.to_string()));
    }
    if pw2.map(String::as_str) != Some(pw) {
        errs.push(FieldError::new("password2", "两次输入的密码不一致"));
    }
    errs
}
