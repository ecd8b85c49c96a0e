//! `GET /api/v1/ledger/entries/{index}` — one log entry and its leaf hash.

use crate::AppState;
use crate::error::{ApiError, ErrorBody};
use crate::ledger::handle::{blocking, require};
use crate::ledger::leaf::Leaf;
use crate::ledger::model::{EntryResponse, parse_u64};
use axum::Json;
use axum::extract::{Path, State};
use gongyi_types::ErrorCode;

#[utoipa::path(
    get,
    path = "/api/v1/ledger/entries/{index}",
    tag = "ledger",
    summary = "账本条目",
    params(("index" = u64, Path, description = "条目序号（从 0 起）", minimum = 0)),
    responses(
        (status = 200, description = "条目原文、解析结果及叶哈希", body = EntryResponse),
        (status = 400, description = "序号格式错误（invalid_index）", body = ErrorBody),
        (status = 404, description = "序号超出账本大小（entry_not_found）", body = ErrorBody),
    )
)]
pub async fn get_entry(
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Json<EntryResponse>, ApiError> {
    let ledger = require(&state)?;
    let index = parse_u64(Some(&raw), ErrorCode::InvalidIndex, "条目序号")?;
    let size = ledger.log.size();
    if index >= size {
        return Err(ApiError::new(
            ErrorCode::EntryNotFound,
            format!("账本目前有 {size} 条，没有序号为 {index} 的条目"),
        ));
    }
    let log = ledger.log.clone();
    let (entry, hash) = blocking(move || Ok((log.entry(index)?, log.leaf_hash(index)?))).await?;
    Ok(Json(EntryResponse {
        index,
        leaf: Leaf::parse(&entry),
        entry: String::from_utf8_lossy(&entry).into_owned(),
        leaf_hash: hash.to_base64(),
    }))
}
