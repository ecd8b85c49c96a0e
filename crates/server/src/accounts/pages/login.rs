//! `/login` and `/logout`: argon2id check, throttling, session cookie, CSRF.

use crate::AppState;
use crate::auth::attempt::Attempt;
use crate::auth::session::{COOKIE, LOGIN_CSRF_COOKIE, cookie, set_cookie};
use crate::auth::{csrf, current_session, password};
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
        safe_next(&p.next),
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
    let next = safe_next(&f.next);
    let attempt = Attempt::new(&state, format!("u:{}", f.username), ip);
    if let Err(too_many) = attempt.gate().await {
        return Ok(login_page(
            &state,
            next,
            f.username,
            Some(too_many.message()),
            StatusCode::TOO_MANY_REQUESTS,
        ));
    }
    let user = state
        .store
        .user_by_name(&f.username)
        .await?
        .filter(|u| !u.disabled);
    let ok = password::check_login(
        f.password.clone(),
        user.as_ref().map(|u| u.password_hash.clone()),
    )
    .await;
    let user = match user {
        Some(u) if ok => u,
        other => {
            attempt
                .failed(
                    other
                        .as_ref()
                        .map(|u| (gongyi_types::EntityKind::User, u.username.as_str())),
                )
                .await;
            return Ok(login_page(
                &state,
                next,
                f.username,
                Some("用户名或密码错误".into()),
                StatusCode::UNAUTHORIZED,
            ));
        }
    };
    attempt.succeeded();
    let opened = crate::accounts::sessions::open_official(&state, &user, ip).await?;
    let mut res = Redirect::to(&next).into_response();
    for c in [
        set_cookie(&state, COOKIE, &opened.token, opened.minutes * 60),
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
    if let Some(s) = current_session(&state, &headers).await? {
        csrf::check(&s.csrf, &f.csrf)?;
        crate::accounts::sessions::close_official(&state, &s).await?;
    }
    let mut res = Redirect::to("/").into_response();
    if let Ok(v) = set_cookie(&state, COOKIE, "", 0).parse() {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(res)
}
