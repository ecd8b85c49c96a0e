//! `POST /api/v1/screen` — every listed illegal-organization name in a text, in its common
//! disguises (spacing, inserted punctuation, full-/half-width, traditional characters), with
//! offsets and the list entry (gongyi_screen::Screener over the published list, rebuilt when
//! a batch is published).

use crate::AppState;
use crate::error::{ApiError, ErrorBody};
use crate::legitimacy::api::illegal_orgs::IllegalEntry;
use crate::platform::client_ip::ClientIp;
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use gongyi_types::ErrorCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Largest text screened in one request, in bytes of UTF-8 (about 330,000 Chinese
/// characters). Longer documents are screened in parts or with `gongyi screen`.
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;
/// Body limit of the route: the text plus JSON escaping.
pub const MAX_BODY_BYTES: usize = 8 * MAX_TEXT_BYTES;

#[derive(Debug, Deserialize, ToSchema)]
pub struct ScreenRequest {
    pub text: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ScreenResponse {
    /// 按 start 排序，起点相同时较长的在前；重叠和嵌套的名称全部列出。
    pub matches: Vec<ScreenMatch>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ScreenMatch {
    /// 名称第一个字符的偏移，以字符计（Unicode 标量值，非 UTF-16 单元、非字节）。
    pub start: usize,
    /// 名称最后一个字符之后的偏移（不含），以字符计。
    pub end: usize,
    /// start 与 end 之间的原文（含变形写法）。
    pub matched: String,
    pub entry: IllegalEntry,
}

#[utoipa::path(
    post,
    path = "/api/v1/screen",
    tag = "enforcement",
    summary = "文本筛查非法社会组织名称",
    description = "在文本中查找非法社会组织名单上的每个名称及其常见变体（插入空格或标点、全角/半角、繁体、大小写、不可见字符）。start/end 为字符偏移（Unicode 标量值计数，非 UTF-16 单元、非字节），end 不含。文本最多 1 MiB（UTF-8），超出返回 413 text_too_large。",
    request_body = ScreenRequest,
    responses(
        (status = 200, description = "所有命中及其名单条目", body = ScreenResponse),
        (status = 400, description = "请求体无效（invalid_json）", body = ErrorBody),
        (status = 413, description = "文本超过 1 MiB（text_too_large）", body = ErrorBody),
        (status = 429, description = "超过请求频率（与合法性查询共用：匿名每地址每分钟30次，或 API 密钥的额度；rate_limited，见 Retry-After）", body = ErrorBody),
    )
)]
pub async fn screen_text(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: axum::http::HeaderMap,
    body: Result<Json<ScreenRequest>, JsonRejection>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    if let Err(r) = crate::legitimacy::api::lookup::admit(&state, &headers, ip).await {
        return r;
    }
    match screen(&state, body).await {
        Ok(r) => Json(r).into_response(),
        Err(e) => e.into_response(),
    }
}

async fn screen(
    state: &AppState,
    body: Result<Json<ScreenRequest>, JsonRejection>,
) -> Result<ScreenResponse, ApiError> {
    let too_large = || {
        ApiError::new(
            ErrorCode::TextTooLarge,
            format!("文本不能超过 {MAX_TEXT_BYTES} 字节（UTF-8）"),
        )
    };
    let Json(req) = body.map_err(|e| match e {
        JsonRejection::BytesRejection(_) => too_large(),
        e => ApiError::new(
            ErrorCode::InvalidJson,
            format!("请求体应为 {{\"text\": \"...\"}}：{e}"),
        ),
    })?;
    if req.text.len() > MAX_TEXT_BYTES {
        return Err(too_large());
    }
    let list = state.legitimacy.illegal(&state.store).await?;
    let matches = tokio::task::spawn_blocking(move || {
        list.screener()
            .find(&req.text)
            .into_iter()
            .filter_map(|m| {
                Some(ScreenMatch {
                    start: m.start,
                    end: m.end,
                    matched: m.matched.to_string(),
                    entry: IllegalEntry::new(list.entry(m.entry.id)?),
                })
            })
            .collect()
    })
    .await
    .map_err(ApiError::internal)?;
    Ok(ScreenResponse { matches })
}
