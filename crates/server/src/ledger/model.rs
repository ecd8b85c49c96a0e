//! Wire types of the ledger's JSON helpers, and parsing of their parameters.

use crate::error::ApiError;
use crate::ledger::leaf::Leaf;
use gongyi_ledger::Hash;
use gongyi_types::ErrorCode;
use serde::{Deserialize, Serialize};

/// 账本中的一个条目。
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct EntryResponse {
    pub index: u64,
    /// 条目的原始字节（规范的叶子 JSON），以文本表示。
    pub entry: String,
    /// 解析后的同一条目。
    pub leaf: Option<Leaf>,
    /// 叶子哈希 base64(SHA-256(0x00 || entry))，见 RFC 9162 §2.1.1。
    pub leaf_hash: String,
}

/// 包含证明，见 RFC 9162 §2.1.3。
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct InclusionResponse {
    pub index: u64,
    pub size: u64,
    /// 审计路径：base64 哈希，自底向上。
    pub proof: Vec<String>,
}

/// 一致性证明，见 RFC 9162 §2.1.4。
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ConsistencyResponse {
    pub from: u64,
    pub to: u64,
    /// base64 哈希。
    pub proof: Vec<String>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RawInclusion {
    /// 叶子序号（从 0 开始）。
    #[param(required, value_type = u64, minimum = 0)]
    pub index: Option<String>,
    /// 据以证明的检查点的树大小（默认为当前大小）。
    #[param(value_type = Option<u64>, minimum = 1)]
    pub size: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RawConsistency {
    /// 较早的树大小（≥ 1）。
    #[param(required, value_type = u64, minimum = 1)]
    pub from: Option<String>,
    /// 较新的树大小。
    #[param(required, value_type = u64, minimum = 1)]
    pub to: Option<String>,
}

pub fn hashes(proof: &[Hash]) -> Vec<String> {
    proof.iter().map(Hash::to_base64).collect()
}

/// A decimal `u64` parameter; anything else is a 400 with `code`.
pub fn parse_u64(raw: Option<&str>, code: ErrorCode, what: &str) -> Result<u64, ApiError> {
    let raw = raw.map(str::trim).unwrap_or_default();
    if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ApiError::new(
            code,
            format!("{what}应为非负整数，收到“{raw}”"),
        ));
    }
    raw.parse()
        .map_err(|_| ApiError::new(code, format!("{what}过大：{raw}")))
}

/// A 404 for a size beyond the log.
pub fn beyond(size: u64, log_size: u64) -> ApiError {
    ApiError::new(
        ErrorCode::SizeBeyondLog,
        format!("树大小 {size} 超出账本当前大小 {log_size}"),
    )
}
