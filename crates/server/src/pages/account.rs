//! `/account/…` — applicants' accounts for the online services: register, log in, log out.
//!
//! An organization registers with its 统一社会信用代码 and the name of its 法定代表人, which
//! must both match the registry (the registry's record is public, so the pair proves little
//! alone: registrations are throttled per code like logins, every one is in the audit trail,
//! and the registrar sees the account behind each application; a bureau that wants more can
//! create accounts itself with `gongyi admin create-org-account`). A person registers with a
//! name and a phone number (for 成立登记). Passwords follow the officials' rules (argon2id,
//! `auth::password`); sessions live in the `gongyi_applicant` cookie.

use crate::AppState;
use crate::auth::applicant::{COOKIE, FORM_CSRF_COOKIE, current_applicant};
use crate::auth::session::{cookie, set_cookie, token_hash};
use crate::auth::{csrf, password};
use crate::client_ip::ClientIp;
use crate::error::{ApiError, PageError};
use crate::pages::layout::{Nav, render};
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use gongyi_store::applicants::{KIND_ORG, KIND_PERSON, NewApplicant};
use gongyi_types::Uscc;
use std::collections::HashMap;

#[derive(Template)]
#[template(path = "account_login.html")]
struct LoginPage {
    nav: Nav,
    csrf: String,
    next: String,
    login: String,
    error: Option<String>,
    registered: bool,
}

#[derive(Template)]
#[template(path = "account_register.html")]
struct RegisterPage {
    nav: Nav,
    csrf: String,
    kind: String,
    values: HashMap<String, String>,
    errors: Vec<String>,
}

impl RegisterPage {
    fn v(&self, k: &str) -> String {
        self.values.get(k).cloned().unwrap_or_default()
    }
}

/// Only local paths are followed after login (no open redirect).
fn safe_next(next: Option<&String>) -> String {
    match next.map(String::as_str) {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_string(),
        _ => "/my/applications".to_string(),
    }
}

fn with_form_csrf(
    state: &AppState,
    mut res: Response,
    token: &str,
    status: StatusCode,
) -> Response {
    *res.status_mut() = status;
    if let Ok(v) = set_cookie(state, FORM_CSRF_COOKIE, token, 3600).parse() {
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
        safe_next(q.get("next")),
        registered,
        None,
        StatusCode::OK,
    )
}

/// The login is the 统一社会信用代码 (upper-cased) or the phone number.
fn normalize_login(s: &str) -> String {
    s.trim().to_uppercase()
}

pub async fn login_submit(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    csrf::check(
        &cookie(&headers, FORM_CSRF_COOKIE).unwrap_or_default(),
        &get("csrf"),
    )?;
    let login = normalize_login(&get("login"));
    let next = safe_next(f.get("next"));
    let now = state.clock.now();
    let window = chrono::Duration::minutes(state.config.throttle_minutes);
    let max = state.config.max_failed_logins;
    let (ku, ki) = (format!("a:{login}"), format!("ip:{}", ip));
    if state.throttle.blocked(&ku, now, max, window)
        || state.throttle.blocked(&ki, now, max * 4, window)
    {
        let msg = format!(
            "登录失败次数过多，请{}分钟后再试",
            state.config.throttle_minutes
        );
        return Ok(login_page(
            &state,
            next,
            login,
            Some(msg),
            StatusCode::TOO_MANY_REQUESTS,
        ));
    }
    let account = state.store.applicant_by_login(&login).await?;
    let ok = match &account {
        Some(a) if !a.disabled => {
            let (pw, phc) = (get("password"), a.password_hash.clone());
            tokio::task::spawn_blocking(move || password::verify(&pw, &phc))
                .await
                .map_err(ApiError::internal)?
        }
        _ => false,
    };
    let Some(account) = account.filter(|_| ok) else {
        state.throttle.fail(&ku, now);
        state.throttle.fail(&ki, now);
        return Ok(login_page(
            &state,
            next,
            login,
            Some("账号或密码错误".into()),
            StatusCode::UNAUTHORIZED,
        ));
    };
    state.throttle.clear(&ku);
    let (token, csrf_token) = (csrf::token(), csrf::token());
    let minutes = state.config.session_minutes;
    let expires = gongyi_store::timestamp(now + chrono::Duration::minutes(minutes));
    state
        .store
        .create_applicant_session(
            &token_hash(&token),
            account.id,
            &csrf_token,
            &state.now_str(),
            &expires,
        )
        .await?;
    let mut res = Redirect::to(&next).into_response();
    for c in [
        set_cookie(&state, COOKIE, &token, minutes * 60),
        set_cookie(&state, FORM_CSRF_COOKIE, "", 0),
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
    if let Some(s) = current_applicant(&state, &headers).await? {
        csrf::check(&s.csrf, f.get("csrf").map(String::as_str).unwrap_or(""))?;
        state.store.delete_applicant_session(&s.token_hash).await?;
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
    errors: Vec<String>,
    status: StatusCode,
) -> Response {
    let token = csrf::token();
    let res = render(&RegisterPage {
        nav: Nav::anonymous(),
        csrf: token.clone(),
        kind,
        values,
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

/// `POST /account/register` — every field error is reported; an organization's code and
/// 法定代表人 must match the registry (one message for both, so the form does not tell which
/// of the two a guess got wrong).
pub async fn register_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| f.get(k).map(|v| v.trim().to_string()).unwrap_or_default();
    csrf::check(
        &cookie(&headers, FORM_CSRF_COOKIE).unwrap_or_default(),
        &get("csrf"),
    )?;
    let kind = if get("kind") == KIND_PERSON {
        KIND_PERSON
    } else {
        KIND_ORG
    };
    let mut errs = vec![];
    let contact = get("contact_name");
    let phone = get("phone");
    let pw = f.get("password").cloned().unwrap_or_default();
    if contact.is_empty() {
        errs.push(
            if kind == KIND_ORG {
                "经办人姓名不能为空"
            } else {
                "姓名不能为空"
            }
            .to_string(),
        );
    }
    if !phone_ok(&phone) {
        errs.push("联系电话应为7至20位数字（可含“-”）".to_string());
    }
    if let Err(e) = password::check_strength(&pw) {
        errs.push(e.to_string());
    }
    if pw != f.get("password2").cloned().unwrap_or_default() {
        errs.push("两次输入的密码不一致".to_string());
    }
    let mut new = NewApplicant {
        kind,
        login: phone.clone(),
        uscc: None,
        display_name: contact.clone(),
        contact_name: contact.clone(),
        phone: phone.clone(),
        password_hash: String::new(),
    };
    let now = state.clock.now();
    if kind == KIND_ORG {
        let raw = normalize_login(&get("uscc"));
        let window = chrono::Duration::minutes(state.config.throttle_minutes);
        let key = format!("reg:{raw}");
        if state
            .throttle
            .blocked(&key, now, state.config.max_failed_logins, window)
        {
            errs.push(format!(
                "尝试次数过多，请{}分钟后再试",
                state.config.throttle_minutes
            ));
        } else {
            match Uscc::parse(&raw) {
                Err(e) => errs.push(format!("统一社会信用代码：{e}")),
                Ok(u) => {
                    let org = state.store.org(u.as_str()).await?;
                    match org.filter(|o| o.legal_rep.trim() == get("legal_rep")) {
                        Some(o) => {
                            new.login = u.to_string();
                            new.uscc = Some(u.to_string());
                            new.display_name = o.name.clone();
                        }
                        None => {
                            state.throttle.fail(&key, now);
                            errs.push("统一社会信用代码与法定代表人姓名不符合登记信息".to_string());
                        }
                    }
                }
            }
        }
    }
    if !errs.is_empty() {
        let mut values = f.clone();
        values.remove("password");
        values.remove("password2");
        values.remove("csrf");
        return Ok(register_page(
            &state,
            kind.into(),
            values,
            errs,
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    }
    new.password_hash = tokio::task::spawn_blocking(move || password::hash(&pw))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;
    let actor = format!("applicant:{}", new.login);
    match state
        .store
        .create_applicant(&new, &actor, &state.now_str())
        .await
    {
        Ok(_) => {}
        Err(e) if e.is_unique_violation() => {
            return Ok(register_page(
                &state,
                kind.into(),
                HashMap::new(),
                vec![format!("账号 {} 已注册，请直接登录", new.login)],
                StatusCode::CONFLICT,
            ));
        }
        Err(e) => return Err(e.into()),
    }
    let next =
        serde_urlencoded::to_string([("registered", new.login.as_str())]).unwrap_or_default();
    Ok(Redirect::to(&format!("/account/login?{next}")).into_response())
}
