//! What a higher node reads from a lower one over HTTP: the signed checkpoint, consistency
//! proofs, the change feed and tiles — all public endpoints of a gongyi node.

use super::SyncError;
use gongyi_ledger::Hash;
use serde::Deserialize;

pub async fn get_bytes(client: &reqwest::Client, url: &str) -> Result<Vec<u8>, SyncError> {
    let r = client
        .get(url)
        .send()
        .await
        .map_err(|e| SyncError::Unreachable(format!("{url}：{e}")))?;
    if !r.status().is_success() {
        return Err(SyncError::Unreachable(format!("{url} 返回 {}", r.status())));
    }
    Ok(r.bytes()
        .await
        .map_err(|e| SyncError::Unreachable(format!("{url}：{e}")))?
        .to_vec())
}

async fn get_json<T: serde::de::DeserializeOwned>(
    client: &reqwest::Client,
    url: &str,
) -> Result<T, SyncError> {
    let bytes = get_bytes(client, url).await?;
    serde_json::from_slice(&bytes)
        .map_err(|e| SyncError::Protocol(format!("{url} 的应答无法解析：{e}")))
}

/// One item of the source's change feed (`exchange::api::changes`).
#[derive(Debug, Clone, Deserialize)]
pub struct FeedItem {
    pub cursor: String,
    pub kind: String,
    pub id: String,
    pub action: String,
    pub at: String,
    pub ledger_index: Option<u64>,
    pub record: Option<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
pub struct FeedPage {
    pub items: Vec<FeedItem>,
}

pub async fn changes(
    client: &reqwest::Client,
    base: &str,
    after: &str,
    limit: u32,
) -> Result<FeedPage, SyncError> {
    let q = serde_urlencoded::to_string([("after", after), ("limit", &limit.to_string())])
        .map_err(|e| SyncError::Protocol(e.to_string()))?;
    get_json(client, &format!("{base}/api/v1/changes?{q}")).await
}

#[derive(Debug, Deserialize)]
struct ConsistencyIn {
    proof: Vec<String>,
}

/// The source's proof that its tree of `to` leaves extends its tree of `from` leaves.
pub async fn consistency_proof(
    client: &reqwest::Client,
    base: &str,
    from: u64,
    to: u64,
) -> Result<Vec<Hash>, SyncError> {
    let p: ConsistencyIn = get_json(
        client,
        &format!("{base}/api/v1/ledger/proof/consistency?from={from}&to={to}"),
    )
    .await?;
    p.proof
        .iter()
        .map(|h| {
            Hash::from_base64(h)
                .map_err(|e| SyncError::Protocol(format!("一致性证明中的哈希无效：{e}")))
        })
        .collect()
}
