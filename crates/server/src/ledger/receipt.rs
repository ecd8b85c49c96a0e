//! A receipt: everything needed to check offline that one leaf is in a node's log — the entry,
//! its index, a signed checkpoint and the inclusion proof (RFC 9162 §2.1.3.2) from the entry
//! to the checkpoint's root.
//!
//! ```json
//! {"format":"gongyi-ledger-receipt/v1","origin":"gongyi.local/ledger","vkey":"gongyi.local/ledger+…",
//!  "index":3,"entry":"{\"v\":1,…}","checkpoint":"gongyi.local/ledger\n10\n…\n\n— …\n",
//!  "inclusion_proof":["base64",…]}
//! ```
//! The `vkey` inside is what the node says its key is; check against a key obtained
//! independently ([`Receipt::verify`] takes the key to trust).

use crate::ledger::leaf::Leaf;
use gongyi_ledger::{Checkpoint, Hash, VerifierKey, leaf_hash, verify_inclusion};
use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "gongyi-ledger-receipt/v1";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Receipt {
    /// 固定为 gongyi-ledger-receipt/v1。
    pub format: String,
    /// 账本的 origin 行（账本名称）。
    pub origin: String,
    /// 本节点自称的验证密钥（应与独立取得的密钥核对）。
    pub vkey: String,
    /// 条目在账本中的序号。
    pub index: u64,
    /// 条目的原文（规范的叶子 JSON）。
    pub entry: String,
    /// 包含该条目的树的签名检查点（C2SP signed note）。
    pub checkpoint: String,
    /// 从该条目到检查点根哈希的审计路径（base64）。
    pub inclusion_proof: Vec<String>,
}

/// What a valid receipt proves.
#[derive(Debug, Clone)]
pub struct Verified {
    pub leaf: Leaf,
    pub index: u64,
    pub size: u64,
    pub root: Hash,
}

/// Why a receipt is rejected.
#[derive(Debug, thiserror::Error)]
pub enum ReceiptError {
    #[error("不是回执（应为 {FORMAT} 格式的 JSON）：{0}")]
    Format(String),
    #[error("检查点签名或格式无效：{0}")]
    Checkpoint(gongyi_ledger::CheckpointError),
    #[error("条目序号 {index} 不在检查点的树（大小 {size}）中")]
    IndexBeyond { index: u64, size: u64 },
    #[error("包含证明中的哈希无效：{0}")]
    Hash(String),
    #[error("包含证明不成立（条目或证明被改动）：{0}")]
    Proof(gongyi_ledger::ProofError),
    #[error("条目不是规范的 v1 账本叶子")]
    Leaf,
    #[error("验证密钥无效：{0}")]
    Key(String),
}

impl Receipt {
    pub fn parse(text: &str) -> Result<Self, ReceiptError> {
        let r: Self =
            serde_json::from_str(text.trim()).map_err(|e| ReceiptError::Format(e.to_string()))?;
        if r.format != FORMAT {
            return Err(ReceiptError::Format(format!("format 为“{}”", r.format)));
        }
        Ok(r)
    }

    /// The key the receipt names (trust it only if it matches one obtained independently).
    pub fn stated_vkey(&self) -> Result<VerifierKey, ReceiptError> {
        VerifierKey::parse(&self.vkey).map_err(|e| ReceiptError::Key(e.to_string()))
    }

    /// Checks the checkpoint's signature by `vkey`, then the entry's inclusion in its tree.
    pub fn verify(&self, vkey: &VerifierKey) -> Result<Verified, ReceiptError> {
        if self.format != FORMAT {
            return Err(ReceiptError::Format(format!("format 为“{}”", self.format)));
        }
        let (cp, _) = Checkpoint::open(self.checkpoint.as_bytes(), &self.origin, &[vkey])
            .map_err(ReceiptError::Checkpoint)?;
        if self.index >= cp.size {
            return Err(ReceiptError::IndexBeyond {
                index: self.index,
                size: cp.size,
            });
        }
        let proof = self
            .inclusion_proof
            .iter()
            .map(|h| Hash::from_base64(h).map_err(|e| ReceiptError::Hash(e.to_string())))
            .collect::<Result<Vec<_>, _>>()?;
        let leaf = leaf_hash(self.entry.as_bytes());
        verify_inclusion(&leaf, self.index, cp.size, &proof, &cp.root)
            .map_err(ReceiptError::Proof)?;
        let leaf = Leaf::parse(self.entry.as_bytes()).ok_or(ReceiptError::Leaf)?;
        Ok(Verified {
            leaf,
            index: self.index,
            size: cp.size,
            root: cp.root,
        })
    }
}
