//! `POST /ledger/add-checkpoint` — C2SP tlog-witness. This node does not witness other logs
//! yet (no cosigner key is configured), so the endpoint answers 404 with a JSON error.

use crate::error::ApiError;

pub async fn handler() -> ApiError {
    ApiError::not_found(
        "witness_not_configured",
        "本节点未配置见证（cosigner）密钥，不为其他账本联署检查点",
    )
}
