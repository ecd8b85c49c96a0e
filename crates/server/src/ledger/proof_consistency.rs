//! `GET /api/v1/ledger/proof/consistency?from=&to=` — RFC 9162 §2.1.4.

use crate::AppState;
use crate::error::{ApiError, ErrorBody};
use crate::ledger::handle::{blocking, require};
use crate::ledger::model::{ConsistencyResponse, RawConsistency, beyond, hashes, parse_u64};
use axum::Json;
use axum::extract::{Query, State};
use gongyi_types::ErrorCode;

#[utoipa::path(
    get,
    path = "/api/v1/ledger/proof/consistency",
    tag = "ledger",
    summary = "一致性证明",
    params(RawConsistency),
    responses(
        (status = 200, description = "一致性证明（base64 哈希）", body = ConsistencyResponse),
        (status = 400, description = "参数错误（invalid_size、invalid_range）", body = ErrorBody),
        (status = 404, description = "树大小超出账本（size_beyond_log）", body = ErrorBody),
    )
)]
pub async fn get_consistency_proof(
    State(state): State<AppState>,
    Query(q): Query<RawConsistency>,
) -> Result<Json<ConsistencyResponse>, ApiError> {
    let ledger = require(&state)?;
    let from = parse_u64(
        q.from.as_deref(),
        ErrorCode::InvalidSize,
        "起始树大小 from ",
    )?;
    let to = parse_u64(q.to.as_deref(), ErrorCode::InvalidSize, "目标树大小 to ")?;
    if from == 0 || from > to {
        return Err(ApiError::new(
            ErrorCode::InvalidRange,
            format!("须满足 0 < from ≤ to，收到 from={from}、to={to}"),
        ));
    }
    let log_size = ledger.log.size();
    if to > log_size {
        return Err(beyond(to, log_size));
    }
    let log = ledger.log.clone();
    let proof = blocking(move || log.consistency_proof(from, to)).await?;
    Ok(Json(ConsistencyResponse {
        from,
        to,
        proof: hashes(&proof),
    }))
}
