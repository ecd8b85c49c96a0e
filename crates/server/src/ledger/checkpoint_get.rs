//! `GET /ledger/checkpoint` — the current signed checkpoint (C2SP tlog-checkpoint note).

use crate::AppState;
use crate::error::ApiError;
use crate::ledger::handle::require;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

pub async fn handler(State(state): State<AppState>) -> Result<Response, ApiError> {
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
