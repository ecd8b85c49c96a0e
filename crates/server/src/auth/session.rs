//! Sessions, one kind for every account: a random token in the HttpOnly, SameSite=Lax cookie
//! `gongyi_session` (Secure unless configured off); the store keeps only SHA-256(token). What
//! the session may do depends on the account's roles: [`current_session`] is the official role
//! of it, `auth::applicant::current_applicant` the applicant role.

use crate::AppState;
use crate::auth::jurisdiction::{Official, Role};
use crate::error::ApiError;
use axum::http::HeaderMap;
use gongyi_types::DivisionCode;
use sha2::{Digest, Sha256};

pub const COOKIE: &str = "gongyi_session";
/// Double-submit cookie of the login and registration forms (before a session exists).
pub const LOGIN_CSRF_COOKIE: &str = "gongyi_login_csrf";

/// A live session of any account: the account, its CSRF token and the token's hash.
#[derive(Debug, Clone)]
pub struct Live {
    pub account_id: i64,
    pub csrf: String,
    pub token_hash: String,
}

/// The session the cookie names, if it is live and its login enabled (roles not checked).
pub async fn live(state: &AppState, headers: &HeaderMap) -> Result<Option<Live>, ApiError> {
    let Some(token) = cookie(headers, COOKIE).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let th = token_hash(&token);
    Ok(state
        .store
        .session(&th, &state.now_str())
        .await?
        .map(|s| Live {
            account_id: s.account_id,
            csrf: s.csrf_token,
            token_hash: th,
        }))
}

/// A valid session: who, and the CSRF token their forms must carry.
#[derive(Debug, Clone)]
pub struct Session {
    pub official: Official,
    pub csrf: String,
    pub token_hash: String,
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The value of cookie `name` in the request headers.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// A `Set-Cookie` value with the platform's flags.
pub fn set_cookie(state: &AppState, name: &str, value: &str, max_age_secs: i64) -> String {
    let secure = if state.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}")
}

/// The current session, if the cookie names a live one whose account holds an enabled official
/// role.
pub async fn current_session(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<Session>, ApiError> {
    let Some(s) = live(state, headers).await? else {
        return Ok(None);
    };
    let Some(u) = state.store.user_by_account(s.account_id).await? else {
        return Ok(None);
    };
    if u.disabled {
        return Ok(None);
    }
    let (Some(role), Ok(division)) = (Role::parse(&u.role), DivisionCode::parse(&u.division))
    else {
        return Err(ApiError::internal(format!(
            "account {} has an invalid role or division",
            u.username
        )));
    };
    Ok(Some(Session {
        official: Official {
            id: u.id,
            username: u.username,
            display_name: u.display_name,
            role,
            division,
        },
        csrf: s.csrf,
        token_hash: s.token_hash,
    }))
}
