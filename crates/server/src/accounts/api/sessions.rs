//! `GET /api/v1/my/session` and `GET /api/v1/admin/session` — who the session cookie belongs to
//! and its CSRF token, which every JSON write must send back in `X-CSRF-Token`
//! (see [`crate::web::write_auth`]). Reading the token is safe: no CORS header is ever sent, so only
//! this origin's pages and non-browser clients holding the cookie can read the answer.
//!
//! JSON clients log in with the same form posts as the pages (no separate API login, so one
//! throttle and one session store): the login forms use a double-submit cookie, so a client
//! picks any random token `T` and posts `login`, `password`, `csrf=T` as
//! `application/x-www-form-urlencoded` with the cookie `gongyi_login_csrf=T` to
//! `/account/login` (applicants) — or `username`, `password`, `csrf=T` with `gongyi_login_csrf=T`
//! to `/login` (officials). A 303 answer sets the session cookie `gongyi_session` (one for every account).

use crate::AppState;
use crate::applications::api::write_model::{ApplicantSessionInfo, OfficialSessionInfo};
use crate::auth::applicant::current_applicant;
use crate::auth::current_session;
use crate::error::{ApiError, ErrorBody};
use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;

#[utoipa::path(
    get,
    operation_id = "get_applicant_session",
    path = "/api/v1/my/session",
    tag = "services",
    summary = "办事账号的会话与 CSRF 令牌",
    description = "登录：先自选一个随机令牌 T，以 Cookie gongyi_login_csrf=T 向 /account/login 提交表单（application/x-www-form-urlencoded），字段为 login（统一社会信用代码或手机号）、password、csrf=T；303 响应的 Set-Cookie 含会话 Cookie gongyi_session（各类账号同一个）。之后带该 Cookie 调用本接口取得 csrf_token，每个写操作须在请求头 X-CSRF-Token 中携带它。",
    responses(
        (status = 200, description = "当前办事账号与 CSRF 令牌", body = ApplicantSessionInfo),
        (status = 401, description = "未登录办事账号（login_required）", body = ErrorBody),
    )
)]
pub async fn applicant(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<ApplicantSessionInfo>, ApiError> {
    let s = current_applicant(&state, &headers)
        .await?
        .ok_or_else(ApiError::unauthorized)?;
    Ok(Json(ApplicantSessionInfo {
        login: s.applicant.login,
        kind: s.applicant.kind,
        display_name: s.applicant.display_name,
        uscc: s.applicant.uscc,
        csrf_token: s.csrf,
    }))
}

#[utoipa::path(
    get,
    operation_id = "get_official_session",
    path = "/api/v1/admin/session",
    tag = "services",
    summary = "工作人员的会话与 CSRF 令牌",
    description = "登录：先自选一个随机令牌 T，以 Cookie gongyi_login_csrf=T 向 /login 提交表单，字段为 username、password、csrf=T；303 响应的 Set-Cookie 含会话 Cookie gongyi_session。之后带该 Cookie 调用本接口取得 csrf_token，每个写操作须在请求头 X-CSRF-Token 中携带它。",
    responses(
        (status = 200, description = "当前工作人员、辖区与 CSRF 令牌", body = OfficialSessionInfo),
        (status = 401, description = "未登录（login_required）", body = ErrorBody),
    )
)]
pub async fn official(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<OfficialSessionInfo>, ApiError> {
    let s = current_session(&state, &headers)
        .await?
        .ok_or_else(ApiError::unauthorized)?;
    Ok(Json(OfficialSessionInfo {
        username: s.official.username,
        display_name: s.official.display_name,
        division: s.official.division.to_string(),
        csrf_token: s.csrf,
    }))
}
