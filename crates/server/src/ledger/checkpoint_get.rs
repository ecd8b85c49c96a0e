//! `GET /ledger/checkpoint` — the current signed checkpoint (C2SP tlog-checkpoint note),
//! followed by the cosignatures of the witnesses that cosigned this very tree head (C2SP
//! tlog-cosignature: extra signature lines of the same note).

use crate::AppState;
use crate::error::{ApiError, ErrorBody};
use crate::ledger::handle::require;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

#[utoipa::path(
    get,
    path = "/ledger/checkpoint",
    tag = "ledger",
    summary = "当前签名检查点",
    responses(
        (status = 200, description = "C2SP 签名检查点：origin、大小、base64 根哈希、空行、账本签名行及见证联署行", body = String, content_type = "text/plain"),
        (status = 404, description = "本节点未启用公开账本（ledger_disabled）", body = ErrorBody),
    )
)]
pub async fn get_checkpoint(State(state): State<AppState>) -> Result<Response, ApiError> {
    let note = require(&state)?.checkpoint().await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        note,
    )
        .into_response())
}
