//! `GET /ledger/vkey` — the verifier key of the node's checkpoints (`<name>+<hex>+<base64>`).

use crate::AppState;
use crate::error::{ApiError, ErrorBody};
use crate::ledger::handle::require;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

#[utoipa::path(
    get,
    path = "/ledger/vkey",
    tag = "ledger",
    summary = "账本检查点的验证密钥",
    responses(
        (status = 200, description = "验证密钥：<名称>+<hex>+<base64(0x01 ‖ 公钥)>（C2SP signed-note）", body = String, content_type = "text/plain"),
        (status = 404, description = "本节点未启用公开账本（ledger_disabled）", body = ErrorBody),
    )
)]
pub async fn get_vkey(State(state): State<AppState>) -> Result<Response, ApiError> {
    let vkey = require(&state)?.vkey.to_string();
    Ok((
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("{vkey}\n"),
    )
        .into_response())
}
