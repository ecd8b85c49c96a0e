//! `GET /ledger/witness-vkey` — the verifier key of this node's cosignatures (C2SP
//! tlog-cosignature: a vkey of type 0x04), for logs and clients that count this node among
//! their witnesses. 404 when this node witnesses no log.

use crate::AppState;
use crate::error::{ApiError, ErrorBody};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use gongyi_types::ErrorCode;

#[utoipa::path(
    get,
    path = "/ledger/witness-vkey",
    tag = "ledger",
    summary = "本节点作为见证的联署验证密钥",
    responses(
        (status = 200, description = "联署验证密钥：<名称>+<hex>+<base64(0x04 ‖ 公钥)>", body = String, content_type = "text/plain"),
        (status = 404, description = "本节点未配置见证（witness_not_configured）", body = ErrorBody),
    )
)]
pub async fn get_witness_vkey(State(state): State<AppState>) -> Result<Response, ApiError> {
    let witness = state.witness.as_ref().ok_or_else(|| {
        ApiError::new(
            ErrorCode::WitnessNotConfigured,
            "本节点未配置见证，没有联署密钥",
        )
    })?;
    Ok((
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("{}\n", witness.vkey),
    )
        .into_response())
}
