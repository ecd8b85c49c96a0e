//! `GET /ledger/tile/{*path}` — C2SP tlog-tiles: `tile/<L>/<N>[.p/<W>]` and
//! `tile/entries/<N>[.p/<W>]`. A tile not (yet) in the log is a 404; a tile never changes, so
//! full tiles are cacheable forever.

use crate::AppState;
use crate::error::ApiError;
use crate::ledger::handle::{blocking, require};
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use gongyi_ledger::TilePath;
use gongyi_types::ErrorCode;

pub async fn get_tile(
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Response, ApiError> {
    let ledger = require(&state)?;
    let path = TilePath::parse(&format!("tile/{raw}"))
        .map_err(|e| ApiError::new(ErrorCode::InvalidTilePath, format!("瓦片路径无效：{e}")))?;
    let log = ledger.log.clone();
    let Some(bytes) = blocking(move || log.tile(&path)).await? else {
        return Err(ApiError::new(
            ErrorCode::TileNotFound,
            format!("账本中还没有瓦片 tile/{raw}"),
        ));
    };
    let cache = if path.is_partial() {
        "public, max-age=60"
    } else {
        "public, max-age=31536000, immutable"
    };
    Ok((
        [
            (header::CONTENT_TYPE, "application/octet-stream"),
            (header::CACHE_CONTROL, cache),
        ],
        bytes,
    )
        .into_response())
}
