//! CSRF protection (OWASP synchronizer-token pattern): every form carries the session's token;
//! the login form, before a session exists, uses a double-submit cookie.

use crate::error::ApiError;
use gongyi_types::ErrorCode;
use rand::RngCore;

/// A fresh random token (256 bits, hex).
pub fn token() -> String {
    let mut b = [0u8; 32];
    rand::rng().fill_bytes(&mut b);
    hex::encode(b)
}

/// Constant-time comparison of the submitted token with the expected one.
pub fn check(expected: &str, submitted: &str) -> Result<(), ApiError> {
    let (a, b) = (expected.as_bytes(), submitted.as_bytes());
    let same = a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0;
    if same && !expected.is_empty() {
        Ok(())
    } else {
        Err(ApiError::new(
            ErrorCode::CsrfFailed,
            "表单已过期或来源无效，请刷新页面后重试",
        ))
    }
}

/// The double-submit cookie of the anonymous public forms (an objection; the complaint form
/// keeps its own): the token is set as a cookie with the form and must come back in the form.
pub const PUBLIC_FORM_COOKIE: &str = "gongyi_form_csrf";

/// A fresh token for an anonymous form, and the response with its cookie set.
pub fn public_form(
    state: &crate::AppState,
    render: impl FnOnce(&str) -> axum::response::Response,
) -> axum::response::Response {
    let token = token();
    let mut res = render(&token);
    let cookie = crate::auth::session::set_cookie(state, PUBLIC_FORM_COOKIE, &token, 3600);
    if let Ok(v) = cookie.parse() {
        res.headers_mut().append(axum::http::header::SET_COOKIE, v);
    }
    res
}

/// Checks an anonymous form's token against its cookie.
pub fn check_public_form(headers: &axum::http::HeaderMap, submitted: &str) -> Result<(), ApiError> {
    check(
        &crate::auth::session::cookie(headers, PUBLIC_FORM_COOKIE).unwrap_or_default(),
        submitted,
    )
}
