//! The platform's router: each domain's `router()` (its pages and its JSON API together, the
//! API routes registered with their OpenAPI entries),
//! then the layers every request passes — the ledger pump after writes, JSON errors under
//! `/api/`, security headers, metrics.
//!
//! | domain | routes |
//! |---|---|
//! | `registry` | `/`, `/orgs`, `/orgs/{uscc}`, `/admin/orgs…/edit`, `/api/v1/orgs…` |
//! | `accounts` | `/login`, `/logout`, `/admin`, `/account/…`, `/admin/orgs/{uscc}/account`, `/api/v1/{my,admin}/session` |
//! | `applications` | `/services…`, `/my/applications…`, `/admin/applications…`, `/api/v1/services`, `/api/v1/{my,admin}/applications…` |
//! | `credit` | `/orgs/{uscc}/objection`, `/admin/orgs/{uscc}/credit…`, `/api/v1/orgs/{uscc}/{credit,objections}` |
//! | `enforcement` | `/complaints/…`, `/admin/cases…`, `/api/v1/complaints…` |
//! | `legitimacy` | `/check`, `/illegal-orgs`, `/admin/illegal-orgs`, `/api/v1/{illegal-orgs,lookup,screen}` |
//! | `quality` | `/admin/quality`, `/admin/quality.csv` |
//! | `ledger` | `/ledger…`, `/api/v1/ledger/…` |
//! | `platform` | `/healthz`, `/metrics`, `/api`, `/api/openapi.json`, `/static/style.css` |

use crate::AppState;
use crate::error::ApiError;
use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use gongyi_types::ErrorCode;
use std::sync::OnceLock;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

/// Every domain's routes, with the OpenAPI entries of its API routes.
fn domains() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(crate::platform::openapi::ApiDoc::openapi())
        .merge(crate::registry::router())
        .merge(crate::accounts::router())
        .merge(crate::applications::router())
        .merge(crate::credit::router())
        .merge(crate::enforcement::router())
        .merge(crate::legitimacy::router())
        .merge(crate::exchange::router())
        .merge(crate::quality::router())
        .merge(crate::ledger::router())
        .merge(crate::platform::router())
}

/// The OpenAPI document the domains' routers registered (built once).
pub fn api_document() -> &'static utoipa::openapi::OpenApi {
    static DOC: OnceLock<utoipa::openapi::OpenApi> = OnceLock::new();
    DOC.get_or_init(|| domains().split_for_parts().1)
}

pub fn router(state: AppState) -> Router {
    let (routes, _) = domains().split_for_parts();
    routes
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::ledger::pump::after_writes,
        ))
        .layer(middleware::from_fn(json_rejections))
        .layer(middleware::from_fn_with_state(state.clone(), error_pages))
        .layer(middleware::from_fn(security_headers))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::platform::metrics::track,
        ))
        .with_state(state)
}

/// An error page drawn by a handler knows neither who is logged in nor where they came from:
/// it is drawn again here with the visitor's header links (工作台 or 我的申请, 退出) and a link
/// back to the page of this site they came from, so no error is a dead end.
async fn error_pages(
    axum::extract::State(state): axum::extract::State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    // The API answers errors as JSON: nothing to redraw, and no header copy on its hot path.
    if req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let headers = req.headers().clone();
    let res = next.run(req).await;
    let Some(shown) = res.extensions().get::<crate::error::ShownError>().cloned() else {
        return res;
    };
    let nav = crate::web::layout::Nav::of(&state, &headers)
        .await
        .unwrap_or_default();
    shown.page(res.status(), nav, same_site_referer(&headers))
}

/// The path (and query) of the `Referer` when it is a page of this site.
fn same_site_referer(headers: &axum::http::HeaderMap) -> Option<String> {
    let host = headers.get(header::HOST)?.to_str().ok()?;
    let referer = headers.get(header::REFERER)?.to_str().ok()?;
    let rest = referer
        .strip_prefix("https://")
        .or_else(|| referer.strip_prefix("http://"))?;
    let path = rest.strip_prefix(host)?;
    (path.starts_with('/') && !path.starts_with("//")).then(|| path.to_string())
}

async fn not_found(req: Request) -> Response {
    use axum::response::IntoResponse;
    let e = ApiError::new(
        ErrorCode::RouteNotFound,
        format!("没有这个地址：{}", req.uri().path()),
    );
    if req.uri().path().starts_with("/api/") {
        e.into_response()
    } else {
        crate::error::PageError(e).into_response()
    }
}

/// axum's extractors answer a malformed path, query or body with a plain-text 4xx ("Invalid
/// URL: Cannot parse `9223372036854775808` to a `i64`", a body over the limit, a wrong form
/// type). Under `/api/` every error is the JSON envelope with a stable code: such a response
/// is rewritten into it, axum's text kept as the detail of a Chinese message.
async fn json_rejections(req: Request, next: Next) -> Response {
    use axum::response::IntoResponse;
    let api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    let plain = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain"));
    if !api || !plain || !res.status().is_client_error() {
        return res;
    }
    let status = res.status();
    let body = axum::body::to_bytes(res.into_body(), 64 * 1024)
        .await
        .unwrap_or_default();
    let detail = String::from_utf8_lossy(&body);
    let (code, what) = match status.as_u16() {
        404 => (ErrorCode::NotFound, "没有这个地址或记录"),
        405 => (ErrorCode::MethodNotAllowed, "该地址不支持这种请求方法"),
        413 => (ErrorCode::BodyTooLarge, "请求体过大"),
        415 => (ErrorCode::UnsupportedMediaType, "请求体的类型不受支持"),
        _ => (ErrorCode::InvalidRequest, "请求格式错误"),
    };
    ApiError::new(code, format!("{what}：{detail}")).into_response()
}

/// Whether a request is a logged-in one (a session cookie) or for an account's pages.
fn is_private(req: &Request) -> bool {
    let path = req.uri().path();
    let account_area = ["/admin", "/my/", "/account/", "/api/v1/admin", "/api/v1/my"]
        .iter()
        .any(|p| path.starts_with(p));
    let with_session = req
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .any(|(k, v)| k == "gongyi_session" && !v.is_empty());
    account_area || with_session
}

/// Conservative headers on every response: no framing, no MIME sniffing, same-origin resources
/// only (the pages use no scripts and no third-party assets).
async fn security_headers(req: Request, next: Next) -> Response {
    let private = is_private(&req);
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if private {
        // An official's or an applicant's page holds personal data (reporters' contacts,
        // objectors, CSRF tokens): no shared proxy or browser cache may keep it.
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'self'; img-src 'self' data:; style-src 'self'; form-action 'self'; frame-ancestors 'none'"));
    res
}
