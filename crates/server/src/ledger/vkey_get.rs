//! `GET /ledger/vkey` — the verifier key of the node's checkpoints (`<name>+<hex>+<base64>`).

use crate::AppState;
use crate::error::ApiError;
use crate::ledger::handle::require;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

pub async fn handler(State(state): State<AppState>) -> Result<Response, ApiError> {
    let vkey = require(&state)?.vkey.to_string();
    Ok((
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("{vkey}\n"),
    )
        .into_response())
}
