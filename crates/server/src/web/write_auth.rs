//! Who may write through the JSON API, and the CSRF check of every write.
//!
//! Writes are authenticated by the same session cookie as the pages (`gongyi_session`, one for
//! every account; the role decides what it may write), and a browser attaches that cookie to any
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
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use gongyi_types::ErrorCode;
use serde::de::DeserializeOwned;

/// A JSON write by an official: the session (401 without one) and its CSRF token in the
/// `X-CSRF-Token` header (403 otherwise), checked before the body is read.
pub struct OfficialWrite(pub Session);
/// A JSON write by an applicant: the session and the CSRF header, as for [`OfficialWrite`].
pub struct ApplicantWrite(pub ApplicantSession);
/// A JSON request body (415 unless sent as JSON, 400 `invalid_json` if malformed: [`json_body`]).
pub struct JsonBody<T>(pub T);
/// A JSON request body that may be omitted: empty, blank or `null` is `T::default()`.
pub struct OptionalJsonBody<T>(pub T);

impl FromRequestParts<AppState> for OfficialWrite {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        official(state, &parts.headers).await.map(Self)
    }
}

impl FromRequestParts<AppState> for ApplicantWrite {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        applicant(state, &parts.headers).await.map(Self)
    }
}

/// The headers and the body bytes (axum's limit answers 413, as JSON under `/api/`).
async fn read(req: Request, state: &AppState) -> Result<(HeaderMap, Bytes), Response> {
    let headers = req.headers().clone();
    let body = Bytes::from_request(req, state)
        .await
        .map_err(IntoResponse::into_response)?;
    Ok((headers, body))
}

impl<T: DeserializeOwned + Send> FromRequest<AppState> for JsonBody<T> {
    type Rejection = Response;
    async fn from_request(req: Request, state: &AppState) -> Result<Self, Response> {
        let (headers, body) = read(req, state).await?;
        json_body(&headers, &body)
            .map(Self)
            .map_err(IntoResponse::into_response)
    }
}

impl<T: DeserializeOwned + Default + Send> FromRequest<AppState> for OptionalJsonBody<T> {
    type Rejection = Response;
    async fn from_request(req: Request, state: &AppState) -> Result<Self, Response> {
        let (headers, body) = read(req, state).await?;
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(Self(T::default()));
        }
        json_body::<Option<T>>(&headers, &body)
            .map(|v| Self(v.unwrap_or_default()))
            .map_err(IntoResponse::into_response)
    }
}

/// The header that carries the session's CSRF token on every write.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// Checks the `X-CSRF-Token` header against the session's token.
pub fn check_header(expected: &str, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(v) = headers.get(CSRF_HEADER) else {
        return Err(ApiError::new(
            ErrorCode::CsrfHeaderMissing,
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

/// Reads a JSON body: a body sent as anything but `application/json` (or `…+json`) is a 415
/// `unsupported_media_type`, malformed JSON a 400 `invalid_json` (not axum's plain-text
/// rejections). The media type matters for the anonymous writes (complaints, objections): a
/// hostile page can make its visitors' browsers post `text/plain` — a "simple" request that
/// needs no CORS preflight — but never `application/json` to another origin.
/// An empty body needs no type (the steps whose body may be omitted check for it first).
pub fn json_body<T: serde::de::DeserializeOwned>(
    headers: &HeaderMap,
    body: &[u8],
) -> Result<T, ApiError> {
    let media = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        });
    let is_json = |m: &str| {
        m == "application/json" || (m.starts_with("application/") && m.ends_with("+json"))
    };
    match media.as_deref() {
        Some(m) if is_json(m) => {}
        None if body.is_empty() => {}
        other => {
            return Err(ApiError::new(
                ErrorCode::UnsupportedMediaType,
                format!(
                    "请求体须以 Content-Type: application/json 发送（收到的是 {}）",
                    other.unwrap_or("无类型")
                ),
            ));
        }
    }
    serde_json::from_slice(body).map_err(|e| {
        ApiError::new(
            ErrorCode::InvalidJson,
            format!("请求体不是有效的 JSON：{e}"),
        )
    })
}
