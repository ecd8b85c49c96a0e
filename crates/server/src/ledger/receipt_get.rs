//! `GET /api/v1/ledger/receipt/{audit_id}` — a receipt (entry, index, signed checkpoint,
//! inclusion proof) for one audit row, to save and check later (`gongyi ledger verify-receipt`).
//! The checkpoint is the one `/ledger/checkpoint` serves, so it carries the cosignatures of the
//! node's witnesses when they have cosigned it (C2SP tlog-cosignature).

use crate::AppState;
use crate::error::{ApiError, ErrorBody};
use crate::ledger::handle::{blocking, note_text, require};
use crate::ledger::leaf::Leaf;
use crate::ledger::model::{hashes, parse_u64};
use crate::ledger::pump::pump_logged;
use crate::ledger::receipt::{FORMAT, Receipt};
use axum::Json;
use axum::extract::{Path, State};
use gongyi_ledger::Checkpoint;
use gongyi_types::ErrorCode;

#[utoipa::path(
    get,
    path = "/api/v1/ledger/receipt/{audit_id}",
    tag = "ledger",
    summary = "账本回执",
    params(("audit_id" = u64, Path, description = "审计记录编号", minimum = 1)),
    responses(
        (status = 200, description = "可离线验证的回执", body = Receipt),
        (status = 400, description = "编号格式错误（invalid_audit_id）", body = ErrorBody),
        (status = 404, description = "无此记录或尚未记入账本（audit_not_found、not_yet_logged）", body = ErrorBody),
    )
)]
pub async fn get_receipt(
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Json<Receipt>, ApiError> {
    let ledger = require(&state)?;
    let audit_id = parse_u64(Some(&raw), ErrorCode::InvalidAuditId, "审计记录编号")?;
    let audit_id = i64::try_from(audit_id)
        .map_err(|_| ApiError::new(ErrorCode::InvalidAuditId, "审计记录编号过大"))?;
    let not_found = || {
        ApiError::new(
            ErrorCode::AuditNotFound,
            format!("没有编号为 {audit_id} 的公开审计记录"),
        )
    };
    let mut found = state.store.audit_with_index(audit_id).await?;
    if matches!(found, Some((_, None))) {
        pump_logged(&state).await;
        found = state.store.audit_with_index(audit_id).await?;
    }
    let (audit, index) = found.ok_or_else(not_found)?;
    if !crate::ledger::leaf::is_logged(&audit.entity_kind) {
        return Err(not_found());
    }
    let Some(index) = index.and_then(|i| u64::try_from(i).ok()) else {
        return Err(ApiError::new(
            ErrorCode::NotYetLogged,
            "该记录尚未记入账本，请稍后再试",
        ));
    };
    // The served checkpoint, with the witnesses' cosignatures, unless it predates the entry.
    let mut note = ledger.checkpoint().await?;
    if checkpoint_size(&note)? <= index {
        note = ledger.fresh_checkpoint().await?;
    }
    let size = checkpoint_size(&note)?;
    let log = ledger.log.clone();
    let (entry, proof) = blocking(move || {
        let entry = log.entry(index)?;
        let proof = log.inclusion_proof(index, size)?;
        Ok((entry, proof))
    })
    .await?;
    if Leaf::parse(&entry).map(|l| l.audit_id) != Some(audit_id) {
        return Err(ApiError::internal(format!(
            "ledger entry {index} is not the leaf of audit row {audit_id}"
        )));
    }
    Ok(Json(Receipt {
        format: FORMAT.into(),
        origin: ledger.origin().into(),
        vkey: ledger.vkey.to_string(),
        index,
        entry: String::from_utf8_lossy(&entry).into_owned(),
        checkpoint: String::from_utf8_lossy(&note).into_owned(),
        inclusion_proof: hashes(&proof),
    }))
}

/// The tree size of a signed checkpoint note.
fn checkpoint_size(note: &[u8]) -> Result<u64, ApiError> {
    let text = String::from_utf8_lossy(note_text(note));
    Ok(Checkpoint::parse(&text).map_err(ApiError::internal)?.size)
}
