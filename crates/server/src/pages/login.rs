//! `/login` and `/logout`: argon2id check, throttling, session cookie, CSRF.

use crate::AppState;
use crate::auth::session::{COOKIE, LOGIN_CSRF_COOKIE, cookie, set_cookie, token_hash};
use crate::auth::{csrf, current_session, password};
use crate::client_ip::ClientIp;
use crate::error::{ApiError, PageError};
use crate::pages::layout::{Nav, render};
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use gongyi_store::NewAudit;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "login.html")]
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

/// Only local paths are followed after login (no open redirect).
fn safe_next(next: &Option<String>) -> String {
    match next.as_deref() {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_string(),
        _ => "/admin".to_string(),
    }
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
    let now = state.clock.now();
    let window = chrono::Duration::minutes(state.config.throttle_minutes);
    let max = state.config.max_failed_logins;
    let (ku, ki) = (format!("u:{}", f.username), format!("ip:{}", ip));
    let next = safe_next(&f.next);
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
            f.username,
            Some(msg),
            StatusCode::TOO_MANY_REQUESTS,
        ));
    }
    let user = state.store.user_by_name(&f.username).await?;
    let ok = match &user {
        Some(u) if !u.disabled => {
            let (pw, phc) = (f.password.clone(), u.password_hash.clone());
            tokio::task::spawn_blocking(move || password::verify(&pw, &phc))
                .await
                .map_err(ApiError::internal)?
        }
        _ => false,
    };
    let Some(user) = user.filter(|_| ok) else {
        state.throttle.fail(&ku, now);
        state.throttle.fail(&ki, now);
        return Ok(login_page(
            &state,
            next,
            f.username,
            Some("用户名或密码错误".into()),
            StatusCode::UNAUTHORIZED,
        ));
    };
    state.throttle.clear(&ku);
    let token = csrf::token();
    let csrf_token = csrf::token();
    let minutes = state.config.session_minutes;
    let expires = gongyi_store::timestamp(now + chrono::Duration::minutes(minutes));
    let at = state.now_str();
    state
        .store
        .create_session(&token_hash(&token), user.id, &csrf_token, &at, &expires)
        .await?;
    state
        .store
        .audit(
            &at,
            vec![NewAudit {
                actor: format!("user:{}", user.username),
                action: "session.login".into(),
                entity_kind: "user".into(),
                entity_id: user.username.clone(),
                before_digest: None,
                after_digest: None,
                detail: format!("from {}", ip),
            }],
        )
        .await?;
    let mut res = Redirect::to(&next).into_response();
    for c in [
        set_cookie(&state, COOKIE, &token, minutes * 60),
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
        state.store.delete_session(&s.token_hash).await?;
        let at = state.now_str();
        state
            .store
            .audit(
                &at,
                vec![NewAudit {
                    actor: s.official.actor(),
                    action: "session.logout".into(),
                    entity_kind: "user".into(),
                    entity_id: s.official.username.clone(),
                    before_digest: None,
                    after_digest: None,
                    detail: String::new(),
                }],
            )
            .await?;
    }
    let mut res = Redirect::to("/").into_response();
    if let Ok(v) = set_cookie(&state, COOKIE, "", 0).parse() {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(res)
}

/// For pages that need a login: the session, or a redirect to `/login?next=…`.
pub async fn require_session(
    state: &AppState,
    headers: &HeaderMap,
    here: &str,
) -> Result<Result<crate::auth::Session, Response>, PageError> {
    match current_session(state, headers).await? {
        Some(s) => Ok(Ok(s)),
        None => {
            let next = serde_urlencoded::to_string([("next", here)]).unwrap_or_default();
            Ok(Err(Redirect::to(&format!("/login?{next}")).into_response()))
        }
    }
}
