//! The leaf format, version 1: one canonical JSON object per audit row.
//!
//! ```text
//! {"v":1,"type":"audit","audit_id":42,"at":"2026-11-27T02:00:00Z","action":"org.update",
//!  "entity_kind":"org","entity_id":"51110105MJ0000012X","before":"<hex>","after":"<hex>",
//!  "actor":"<hex>"}
//! ```
//! (one line, no whitespace, keys in exactly this order; strings escaped as by `serde_json`).
//!
//! - `before` / `after`: the audit row's SHA-256 digests (hex) of the record's canonical JSON
//!   before and after the write, or `null` (a creation has no `before`).
//! - `actor`: `hex(SHA-256(salt || actor))`, a commitment to `user:<name>` or `cli:<command>`
//!   under the node's 32-byte secret salt: the node can show who acted, nobody else can guess it.
//! - `entity_kind` / `entity_id`: what was written, by an identifier that is public anyway —
//!   `org` and its 统一社会信用代码 (the registry, credit lists, penalties, objections),
//!   `illegal_batch` and its batch number, `application` and its application number (网上办事),
//!   `case` and its case number (执法监察). Kinds whose identifier could name a person
//!   (`user`, `api_key`) or is a secret (a complaint's tracking number) are not logged: the
//!   audit trail keeps them, the public log does not.
//!
//! The audit row's free-text `detail` is never included: it may hold names. So a leaf holds no
//! personal data and can stay public forever.

use crate::ledger::handle::NodeSalt;
use gongyi_store::AuditEntry;
use gongyi_types::EntityKind;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Leaf format version.
pub const VERSION: u32 = 1;

/// Entity kinds whose audit rows enter the ledger ([`EntityKind::public`]).
pub fn logged_kinds() -> impl Iterator<Item = EntityKind> {
    EntityKind::ALL.into_iter().filter(|k| k.public())
}

/// Whether an audit row of the stored kind `code` enters the ledger.
pub fn is_logged(code: &str) -> bool {
    EntityKind::parse(code).is_some_and(EntityKind::public)
}

/// 账本的一个叶子。字段顺序即规范编码的键顺序。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Leaf {
    pub v: u32,
    #[serde(rename = "type")]
    pub kind: String,
    pub audit_id: i64,
    pub at: String,
    pub action: String,
    pub entity_kind: String,
    pub entity_id: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub actor: String,
}

/// `hex(SHA-256(salt || actor))`.
pub fn commitment(salt: &NodeSalt, actor: &str) -> String {
    let mut h = Sha256::new();
    h.update(salt.as_bytes());
    h.update(actor.as_bytes());
    hex::encode(h.finalize())
}

impl Leaf {
    pub fn from_audit(a: &AuditEntry, salt: &NodeSalt) -> Self {
        Self {
            v: VERSION,
            kind: "audit".into(),
            audit_id: a.id,
            at: a.at.clone(),
            action: a.action.clone(),
            entity_kind: a.entity_kind.clone(),
            entity_id: a.entity_id.clone(),
            before: a.before_digest.clone(),
            after: a.after_digest.clone(),
            actor: commitment(salt, &a.actor),
        }
    }

    /// The canonical bytes.
    pub fn encode(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// Parses a leaf; only a canonical encoding is accepted.
    pub fn parse(bytes: &[u8]) -> Option<Self> {
        let leaf: Self = serde_json::from_slice(bytes).ok()?;
        (leaf.encode() == bytes).then_some(leaf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_form_is_fixed() {
        let a = AuditEntry {
            id: 7,
            at: "2026-11-27T02:00:00Z".into(),
            actor: "user:chaoyang".into(),
            action: "org.update".into(),
            entity_kind: "org".into(),
            entity_id: "51110105MJ0000012X".into(),
            before_digest: None,
            after_digest: Some("ab".into()),
            detail: "王小明".into(),
        };
        let salt = NodeSalt::new([0; 32]);
        let leaf = Leaf::from_audit(&a, &salt);
        let text = String::from_utf8(leaf.encode()).unwrap_or_default();
        assert_eq!(
            text,
            format!(
                "{{\"v\":1,\"type\":\"audit\",\"audit_id\":7,\"at\":\"2026-11-27T02:00:00Z\",\"action\":\"org.update\",\"entity_kind\":\"org\",\"entity_id\":\"51110105MJ0000012X\",\"before\":null,\"after\":\"ab\",\"actor\":\"{}\"}}",
                commitment(&salt, "user:chaoyang")
            )
        );
        assert!(!text.contains("chaoyang") && !text.contains("王小明"));
        assert_eq!(Leaf::parse(text.as_bytes()), Some(leaf));
        assert_eq!(Leaf::parse(text.replace(':', ": ").as_bytes()), None);
    }
}
