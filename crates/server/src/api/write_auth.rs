//! Who may write through the JSON API, and the CSRF check of every write.
//!
//! Writes are authenticated by the same session cookies as the pages (`gongyi_applicant` for
//! applicants, `gongyi_session` for officials), and a browser attaches those cookies to any
//! request to this origin — also one a hostile page makes it send. So every write must also
//! carry the session's CSRF token in an `X-CSRF-Token` header (OWASP synchronizer-token pattern,
//! the same token the pages put in their forms): another origin cannot read the token (the
//! session endpoints answer without CORS headers), and it cannot set a custom header on a
//! cross-origin request without a CORS preflight, which this server never grants. SameSite=Lax
//! alone would leave same-site origins (other subdomains) and older browsers open.
//! A missing header is 403 `csrf_header_missing`, a wrong one 403 `csrf_failed`.

use crate::AppState;
use crate::auth::applicant::{ApplicantSession, current_applicant};
use crate::auth::{Session, csrf, current_session};
use crate::error::ApiError;
use axum::http::HeaderMap;

/// The header that carries the session's CSRF token on every write.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// Checks the `X-CSRF-Token` header against the session's token.
pub fn check_header(expected: &str, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(v) = headers.get(CSRF_HEADER) else {
        return Err(ApiError::forbidden(
            "csrf_header_missing",
            "写操作须在 X-CSRF-Token 请求头中携带会话的 CSRF 令牌（见 GET /api/v1/my/session 或 /api/v1/admin/session）",
        ));
    };
    csrf::check(expected, v.to_str().unwrap_or(""))
}

/// The applicant's session (401 without one) with a valid CSRF header (403 otherwise).
pub async fn applicant(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<ApplicantSession, ApiError> {
    let s = current_applicant(state, headers)
        .await?
        .ok_or_else(ApiError::unauthorized)?;
    check_header(&s.csrf, headers)?;
    Ok(s)
}

/// The official's session (401 without one) with a valid CSRF header (403 otherwise).
pub async fn official(state: &AppState, headers: &HeaderMap) -> Result<Session, ApiError> {
    let s = current_session(state, headers)
        .await?
        .ok_or_else(ApiError::unauthorized)?;
    check_header(&s.csrf, headers)?;
    Ok(s)
}

/// Reads a JSON body: malformed JSON is a 400 `invalid_json` (not axum's plain-text rejection).
pub fn json_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request("invalid_json", format!("请求体不是有效的 JSON：{e}")))
}
