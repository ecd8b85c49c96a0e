//! `POST /ledger/add-checkpoint` — C2SP tlog-witness: another node submits its checkpoint
//! with a consistency proof from the size this node last cosigned; this node answers with its
//! cosignature (C2SP tlog-cosignature `cosignature/v1`) or refuses with the status the
//! specification assigns:
//!
//! | status | when | body |
//! |---|---|---|
//! | 200 | cosigned | the cosignature line (`text/plain`) |
//! | 400 | malformed body, or `old` larger than the checkpoint size | JSON error |
//! | 403 | no signature by a key of the log | JSON error |
//! | 404 | log not witnessed here, or this node is no witness | JSON error |
//! | 409 | `old` is not the size last cosigned, or same size with another root | `<size>\n` (`text/x.tlog.size`) |
//! | 422 | the consistency proof does not verify (the log was rewritten) | JSON error |
//!
//! The 409 body is fixed by the specification, so its reason goes in the `Gongyi-Error-Code`
//! header (`old_size_mismatch` or `inconsistent_root`). Refusals that may be evidence of a
//! misbehaving log (a fork, a failed proof) are logged as warnings.

use crate::AppState;
use crate::error::{ApiError, ErrorBody};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderName, StatusCode, header};
use axum::response::{IntoResponse, Response};
use gongyi_ledger::{AddCheckpointRequest, WitnessError};
use gongyi_types::ErrorCode;

/// Content type of a 409 body (C2SP tlog-witness).
pub const SIZE_CONTENT_TYPE: &str = "text/x.tlog.size";
/// Header naming the reason of a 409.
pub const ERROR_CODE_HEADER: HeaderName = HeaderName::from_static("gongyi-error-code");

#[utoipa::path(
    post,
    path = "/ledger/add-checkpoint",
    tag = "ledger",
    summary = "见证：联署其他节点的检查点（C2SP tlog-witness）",
    request_body(
        content = String,
        content_type = "text/plain",
        description = "依次为：一行 old <上次联署的大小>、0–63 行 base64 一致性证明、空行、签名检查点"
    ),
    responses(
        (status = 200, description = "联署行：— <见证名> <base64>（cosignature/v1）", body = String, content_type = "text/plain"),
        (status = 400, description = "请求体格式错误（malformed_request、old_size_too_large）", body = ErrorBody),
        (status = 403, description = "检查点没有该账本密钥的有效签名（checkpoint_not_signed）", body = ErrorBody),
        (status = 404, description = "本节点不见证该账本或未配置见证（unknown_log、witness_not_configured）", body = ErrorBody),
        (status = 409, description = "old 与本节点上次联署的大小不符，或同一大小根哈希不同；正文为本节点联署过的大小，头部 Gongyi-Error-Code 说明原因", body = String, content_type = "text/x.tlog.size"),
        (status = 422, description = "一致性证明不成立（consistency_proof_invalid）", body = ErrorBody),
    )
)]
pub async fn add_checkpoint(State(state): State<AppState>, body: Bytes) -> Response {
    let Some(witness) = state.witness.clone() else {
        return ApiError::new(
            ErrorCode::WitnessNotConfigured,
            "本节点未配置见证（没有 --witness-log），不为其他账本联署检查点",
        )
        .into_response();
    };
    let request = match AddCheckpointRequest::parse(&body) {
        Ok(r) => r,
        Err(e) => return refusal(e, 0).into_response(),
    };
    let now = u64::try_from(state.clock.now().timestamp()).unwrap_or(0);
    let old = request.old_size;
    let result = tokio::task::spawn_blocking(move || witness.add_checkpoint(&request, now)).await;
    match result {
        Ok(Ok(line)) => {
            ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], line).into_response()
        }
        Ok(Err(e)) => refusal(e, old).into_response(),
        Err(e) => ApiError::internal(e).into_response(),
    }
}

/// A 409 with the size this witness last cosigned.
fn conflict(size: u64, code: &'static str) -> Response {
    (
        StatusCode::CONFLICT,
        [
            (header::CONTENT_TYPE, SIZE_CONTENT_TYPE),
            (ERROR_CODE_HEADER, code),
        ],
        format!("{size}\n"),
    )
        .into_response()
}

/// The response for a refused request (`old`: the old size of the request).
fn refusal(e: WitnessError, old: u64) -> Response {
    match e {
        WitnessError::MalformedRequest(why) => ApiError::new(
            ErrorCode::MalformedRequest,
            format!("请求体格式错误：{why}"),
        )
        .into_response(),
        WitnessError::MalformedCheckpoint(why) => ApiError::new(
            ErrorCode::MalformedRequest,
            format!("检查点格式错误：{why}"),
        )
        .into_response(),
        WitnessError::OldSizeTooLarge { old, new } => ApiError::new(
            ErrorCode::OldSizeTooLarge,
            format!("old（{old}）大于检查点的大小（{new}）"),
        )
        .into_response(),
        WitnessError::UnknownOrigin(origin) => ApiError::new(
            ErrorCode::UnknownLog,
            format!(
                "本节点不见证账本“{origin}”（未在 --witness-log 或 witnessed-logs.txt 中配置）"
            ),
        )
        .into_response(),
        WitnessError::NotSignedByLog(why) => ApiError::new(
            ErrorCode::CheckpointNotSigned,
            format!("检查点没有该账本已知密钥的有效签名：{why}"),
        )
        .into_response(),
        WitnessError::Conflict { known_size, .. } => conflict(known_size, "old_size_mismatch"),
        WitnessError::InconsistentRoot { size, known, found } => {
            tracing::warn!(
                size,
                %known,
                %found,
                "witness: refused a checkpoint with the size last cosigned but another root (a fork)"
            );
            conflict(size, "inconsistent_root")
        }
        WitnessError::InvalidProof(why) => {
            // Anyone may post a genuine checkpoint with a made-up proof: this says that a
            // submitter sent a bad proof, not that the log was rewritten (a fork shows as
            // InconsistentRoot, or as a proof the log itself cannot produce when it pushes).
            tracing::warn!(old, error = %why, "witness: a submitter sent a consistency proof that does not verify; checkpoint refused");
            ApiError::new(
                ErrorCode::ConsistencyProofInvalid,
                format!(
                    "一致性证明不成立（{why}）：无法证明该检查点是本节点上次联署的 {old} 条记录之树的延续（提交的证明有误，或账本已被改写），拒绝联署"
                ),
            )
            .into_response()
        }
        WitnessError::UnexpectedProof => ApiError::new(
            ErrorCode::ConsistencyProofInvalid,
            "old 为 0 时一致性证明必须为空",
        )
        .into_response(),
        e @ (WitnessError::Store(_) | WitnessError::Cosign(_)) => {
            ApiError::internal(e).into_response()
        }
    }
}
