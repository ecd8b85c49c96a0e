//! `/login` and `/logout`, the officials' door to the one login (`accounts::login`): any account
//! may log in here and lands on its role's home unless the form names a page.

use crate::AppState;
use crate::accounts::login::{Refused, log_in};
use crate::auth::session::{COOKIE, LOGIN_CSRF_COOKIE, cookie, live, set_cookie};
use crate::auth::{csrf, current_session};
use crate::error::PageError;
use crate::platform::client_ip::ClientIp;
use crate::web::layout::{Nav, render};
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "accounts/login.html")]
struct LoginPage {
    nav: Nav,
    csrf: String,
    next: String,
    username: String,
    error: Option<String>,
}

#[derive(Deserialize)]
pub struct NextParam {
    next: Option<String>,
}

fn safe_next(next: &Option<String>) -> String {
    crate::auth::safe_next(next.as_deref(), "/admin")
}

fn login_page(
    state: &AppState,
    next: String,
    username: String,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let token = csrf::token();
    let mut res = render(&LoginPage {
        nav: Nav::anonymous(),
        csrf: token.clone(),
        next,
        username,
        error,
    });
    *res.status_mut() = status;
    if let Ok(v) = set_cookie(state, LOGIN_CSRF_COOKIE, &token, 3600).parse() {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

pub async fn form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(p): Query<NextParam>,
) -> Result<Response, PageError> {
    if current_session(&state, &headers).await?.is_some() {
        return Ok(Redirect::to(&safe_next(&p.next)).into_response());
    }
    Ok(login_page(
        &state,
        crate::auth::safe_next(p.next.as_deref(), ""),
        String::new(),
        None,
        StatusCode::OK,
    ))
}

#[derive(Deserialize)]
pub struct LoginForm {
    username: String,
    password: String,
    csrf: String,
    next: Option<String>,
}

pub async fn submit(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(f): Form<LoginForm>,
) -> Result<Response, PageError> {
    csrf::check(
        &cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or_default(),
        &f.csrf,
    )?;
    let next = crate::auth::safe_next(f.next.as_deref(), "");
    let username = f.username.trim().to_string();
    let done = match log_in(&state, ip, &username, f.password).await? {
        Ok(done) => done,
        Err(refused) => {
            let (message, status) = match refused {
                Refused::TooMany(m) => (m, StatusCode::TOO_MANY_REQUESTS),
                Refused::Wrong => ("用户名或密码错误".to_string(), StatusCode::UNAUTHORIZED),
            };
            return Ok(login_page(&state, next, f.username, Some(message), status));
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

#[derive(Deserialize)]
pub struct LogoutForm {
    csrf: String,
}

pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(f): Form<LogoutForm>,
) -> Result<Response, PageError> {
    if let Some(s) = live(&state, &headers).await? {
        csrf::check(&s.csrf, &f.csrf)?;
        crate::accounts::sessions::close(&state, &s).await?;
    }
    let mut res = Redirect::to("/").into_response();
    if let Ok(v) = set_cookie(&state, COOKIE, "", 0).parse() {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(res)
}
