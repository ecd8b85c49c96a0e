//! One error type for the API and the pages: a status, a stable snake_case code and a Chinese
//! message (meilisearch's error-code table is the model). A 5xx logs the real cause and shows
//! a generic message. Pages render the same error as HTML ([`PageError`]).

use axum::Json;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use gongyi_types::ErrorCode;
use serde::Serialize;

#[derive(Debug, Clone)]
pub struct ApiError {
    /// Derived from `code` (the table in `gongyi_types::ErrorCode`).
    pub status: StatusCode,
    pub code: ErrorCode,
    pub message: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code from the one table of codes (`gongyi_types::ErrorCode`),
    /// e.g. `invalid_uscc`, `org_not_found`.
    #[schema(value_type = String, example = "org_not_found")]
    pub code: ErrorCode,
    /// 中文说明.
    pub message: String,
}

impl ApiError {
    /// An error with `code`'s status and a message for people.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::from_u16(code.http_status())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            code,
            message: message.into(),
        }
    }
    pub fn unauthorized() -> Self {
        Self::new(ErrorCode::LoginRequired, "请先登录")
    }
    /// Logs the cause; the client sees only that something went wrong on our side.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "internal error");
        Self::new(ErrorCode::InternalError, "服务器内部错误，请稍后再试")
    }
}

impl From<gongyi_store::StoreError> for ApiError {
    fn from(e: gongyi_store::StoreError) -> Self {
        match e {
            gongyi_store::StoreError::NotFound(what) => {
                Self::new(ErrorCode::NotFound, format!("未找到：{what}"))
            }
            gongyi_store::StoreError::Conflict(msg) => Self::new(ErrorCode::Conflict, msg),
            // A unique index or a PostgreSQL serialization failure / deadlock caught a race the
            // code did not foresee: the client retries, it is not the server's fault.
            e if e.is_unique_violation() || e.is_retryable() => Self::new(
                ErrorCode::Conflict,
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
            code: e.code.as_str().to_string(),
            message: e.message.clone(),
            nav: crate::web::layout::Nav::anonymous(),
        };
        let html = askama::Template::render(&page).unwrap_or_else(|_| e.message.clone());
        (e.status, Html(html)).into_response()
    }
}
