//! One error type for the API and the pages: a status, a stable snake_case code and a Chinese
//! message (meilisearch's error-code table is the model). A 5xx logs the real cause and shows
//! a generic message. Pages render the same error as HTML ([`PageError`]).

use axum::Json;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde::Serialize;

#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: String,
    pub message: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code, e.g. `invalid_uscc`, `org_not_found`.
    pub code: String,
    /// 中文说明.
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            status,
            code: code.into(),
            message: message.into(),
        }
    }
    pub fn bad_request(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, message)
    }
    pub fn not_found(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, code, message)
    }
    pub fn forbidden(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, code, message)
    }
    pub fn unauthorized() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "login_required", "请先登录")
    }
    /// Logs the cause; the client sees only that something went wrong on our side.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "internal error");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            "服务器内部错误，请稍后再试",
        )
    }
}

impl From<gongyi_store::StoreError> for ApiError {
    fn from(e: gongyi_store::StoreError) -> Self {
        match e {
            gongyi_store::StoreError::NotFound(what) => {
                Self::not_found("not_found", format!("未找到：{what}"))
            }
            gongyi_store::StoreError::Conflict(msg) => {
                Self::new(StatusCode::CONFLICT, "conflict", msg)
            }
            // A unique index or a PostgreSQL serialization failure / deadlock caught a race the
            // code did not foresee: the client retries, it is not the server's fault.
            e if e.is_unique_violation() || e.is_retryable() => Self::new(
                StatusCode::CONFLICT,
                "conflict",
                "同时提交的另一请求已改变了这项数据，请刷新后重试",
            ),
            e => Self::internal(e),
        }
    }
}

impl From<gongyi_search::SearchError> for ApiError {
    fn from(e: gongyi_search::SearchError) -> Self {
        Self::internal(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code,
                message: self.message,
            },
        };
        (self.status, Json(body)).into_response()
    }
}

/// The same error, shown as a page.
#[derive(Debug)]
pub struct PageError(pub ApiError);

impl<E: Into<ApiError>> From<E> for PageError {
    fn from(e: E) -> Self {
        Self(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let e = self.0;
        let page = crate::web::layout::ErrorPage {
            title: format!(
                "{} {}",
                e.status.as_u16(),
                e.status.canonical_reason().unwrap_or("")
            ),
            code: e.code.clone(),
            message: e.message.clone(),
            nav: crate::web::layout::Nav::anonymous(),
        };
        let html = askama::Template::render(&page).unwrap_or_else(|_| e.message.clone());
        (e.status, Html(html)).into_response()
    }
}
