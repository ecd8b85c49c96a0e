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
    /// 稳定的机器可读错误代码，取自统一的错误代码表（gongyi_types::ErrorCode），
    /// 例如 invalid_uscc、org_not_found。
    #[schema(value_type = String, example = "org_not_found")]
    pub code: ErrorCode,
    /// 中文说明。
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

/// The heading of an error page, in Chinese (never "404 Not Found").
pub fn heading(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "请求有误",
        401 => "请先登录",
        403 => "无权办理",
        404 => "页面不存在",
        405 => "不支持该操作",
        409 => "操作冲突",
        413 => "文件或内容过大",
        415 => "文件类型不支持",
        422 => "提交的内容有误",
        429 => "操作过于频繁",
        503 => "服务暂不可用",
        _ if status.is_server_error() => "系统出错",
        _ => "无法完成请求",
    }
}

/// An error page already rendered, kept on the response so `router::error_pages` can draw it
/// again with the visitor's navigation and a way back (the handler that failed had neither).
#[derive(Debug, Clone)]
pub struct ShownError {
    pub code: ErrorCode,
    pub message: String,
}

impl ShownError {
    /// The page for this error, with `nav` and the way `back`.
    pub fn page(
        &self,
        status: StatusCode,
        nav: crate::web::layout::Nav,
        back: Option<String>,
    ) -> Response {
        let page = crate::web::layout::ErrorPage {
            title: heading(status).to_string(),
            code: self.code.as_str().to_string(),
            message: self.message.clone(),
            nav,
            back,
        };
        let html = askama::Template::render(&page).unwrap_or_else(|_| self.message.clone());
        let mut res = (status, Html(html)).into_response();
        res.extensions_mut().insert(self.clone());
        res
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let e = self.0;
        ShownError {
            code: e.code,
            message: e.message,
        }
        .page(e.status, crate::web::layout::Nav::anonymous(), None)
    }
}
