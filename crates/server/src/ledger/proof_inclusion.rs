//! `GET /api/v1/ledger/proof/inclusion?index=&size=` — RFC 9162 §2.1.3 audit path.

use crate::AppState;
use crate::error::{ApiError, ErrorBody};
use crate::ledger::handle::{blocking, require};
use crate::ledger::model::{InclusionResponse, RawInclusion, beyond, hashes, parse_u64};
use axum::Json;
use axum::extract::{Query, State};
use gongyi_types::ErrorCode;

#[utoipa::path(
    get,
    path = "/api/v1/ledger/proof/inclusion",
    tag = "ledger",
    summary = "包含证明",
    params(RawInclusion),
    responses(
        (status = 200, description = "审计路径（base64 哈希）", body = InclusionResponse),
        (status = 400, description = "参数格式错误（invalid_index、invalid_size）", body = ErrorBody),
        (status = 404, description = "序号或树大小超出账本（entry_not_found、size_beyond_log）", body = ErrorBody),
    )
)]
pub async fn get_inclusion_proof(
    State(state): State<AppState>,
    Query(q): Query<RawInclusion>,
) -> Result<Json<InclusionResponse>, ApiError> {
    let ledger = require(&state)?;
    let index = parse_u64(q.index.as_deref(), ErrorCode::InvalidIndex, "条目序号")?;
    let log_size = ledger.log.size();
    let size = match q.size.as_deref() {
        None | Some("") => log_size,
        Some(s) => parse_u64(Some(s), ErrorCode::InvalidSize, "树大小")?,
    };
    if size > log_size {
        return Err(beyond(size, log_size));
    }
    if index >= size {
        return Err(ApiError::new(
            ErrorCode::EntryNotFound,
            format!("大小为 {size} 的树中没有序号为 {index} 的条目"),
        ));
    }
    let log = ledger.log.clone();
    let proof = blocking(move || log.inclusion_proof(index, size)).await?;
    Ok(Json(InclusionResponse {
        index,
        size,
        proof: hashes(&proof),
    }))
}
