//! Wire types of the ledger's JSON helpers, and parsing of their parameters.

use crate::error::ApiError;
use crate::ledger::leaf::Leaf;
use gongyi_ledger::Hash;
use gongyi_types::ErrorCode;
use serde::{Deserialize, Serialize};

/// One log entry.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct EntryResponse {
    pub index: u64,
    /// The entry's exact bytes (canonical leaf JSON) as text.
    pub entry: String,
    /// The same entry, parsed.
    pub leaf: Option<Leaf>,
    /// `base64(SHA-256(0x00 || entry))` — RFC 9162 §2.1.1.
    pub leaf_hash: String,
}

/// An inclusion proof — RFC 9162 §2.1.3.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct InclusionResponse {
    pub index: u64,
    pub size: u64,
    /// Audit path, base64 hashes, bottom up.
    pub proof: Vec<String>,
}

/// A consistency proof — RFC 9162 §2.1.4.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ConsistencyResponse {
    pub from: u64,
    pub to: u64,
    /// Base64 hashes.
    pub proof: Vec<String>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RawInclusion {
    /// Leaf index (from 0).
    #[param(required, value_type = u64, minimum = 0)]
    pub index: Option<String>,
    /// Tree size of the checkpoint to prove against (default: the current size).
    #[param(value_type = Option<u64>, minimum = 1)]
    pub size: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RawConsistency {
    /// The older tree size (≥ 1).
    #[param(required, value_type = u64, minimum = 1)]
    pub from: Option<String>,
    /// The newer tree size.
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
