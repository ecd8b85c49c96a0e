//! SHA-256 Merkle tree hashing — RFC 6962 §2.1, RFC 9162 §2.1.1.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use sha2::{Digest, Sha256};

/// Size in bytes of a tree hash (SHA-256).
pub const HASH_SIZE: usize = 32;

/// Domain-separation prefix of a leaf hash — RFC 6962 §2.1.
pub const LEAF_PREFIX: u8 = 0x00;

/// Domain-separation prefix of an interior node hash — RFC 6962 §2.1.
pub const NODE_PREFIX: u8 = 0x01;

/// A SHA-256 Merkle tree hash: a leaf hash, an interior node hash or a root hash.
///
/// Serialized (serde) as standard base64 with padding, as in checkpoints and tiles.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Hash(pub [u8; HASH_SIZE]);

/// A byte string could not be read as a [`Hash`](struct@Hash).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HashError {
    /// The value is not exactly 32 bytes long.
    #[error("a SHA-256 hash is {HASH_SIZE} bytes, got {0}")]
    WrongLength(usize),
    /// The text is not standard base64 (RFC 4648 §4).
    #[error("hash is not valid base64: {0}")]
    Base64(String),
    /// The text is not hexadecimal.
    #[error("hash is not valid hex: {0}")]
    Hex(String),
}

impl Hash {
    /// Reads a hash from exactly 32 bytes.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, HashError> {
        let array: [u8; HASH_SIZE] = bytes
            .try_into()
            .map_err(|_| HashError::WrongLength(bytes.len()))?;
        Ok(Self(array))
    }

    /// Reads a hash from standard padded base64 (RFC 4648 §4), as used by checkpoints.
    pub fn from_base64(text: &str) -> Result<Self, HashError> {
        let bytes = BASE64
            .decode(text)
            .map_err(|e| HashError::Base64(e.to_string()))?;
        Self::from_slice(&bytes)
    }

    /// Reads a hash from 64 hex digits.
    pub fn from_hex(text: &str) -> Result<Self, HashError> {
        let bytes = hex::decode(text).map_err(|e| HashError::Hex(e.to_string()))?;
        Self::from_slice(&bytes)
    }

    /// Standard padded base64 (RFC 4648 §4).
    pub fn to_base64(&self) -> String {
        BASE64.encode(self.0)
    }

    /// Lower-case hex.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// The 32 raw bytes.
    pub fn as_bytes(&self) -> &[u8; HASH_SIZE] {
        &self.0
    }
}

impl AsRef<[u8]> for Hash {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Hash({})", self.to_hex())
    }
}

impl fmt::Display for Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl serde::Serialize for Hash {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_base64())
    }
}

impl<'de> serde::Deserialize<'de> for Hash {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Self::from_base64(&text).map_err(serde::de::Error::custom)
    }
}

/// Leaf hash: `SHA-256(0x00 || data)` — RFC 6962 §2.1, RFC 9162 §2.1.1.
pub fn leaf_hash(data: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([LEAF_PREFIX]);
    h.update(data);
    Hash(h.finalize().into())
}

/// Interior node hash: `SHA-256(0x01 || left || right)` — RFC 6962 §2.1, RFC 9162 §2.1.1.
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut buf = [0u8; 1 + 2 * HASH_SIZE];
    buf[0] = NODE_PREFIX;
    buf[1..=HASH_SIZE].copy_from_slice(&left.0);
    buf[1 + HASH_SIZE..].copy_from_slice(&right.0);
    Hash(Sha256::digest(buf).into())
}

/// Root of the empty tree: `MTH({}) = SHA-256()` — RFC 6962 §2.1, RFC 9162 §2.1.1.
pub fn empty_root() -> Hash {
    Hash(Sha256::digest([]).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_root_is_sha256_of_nothing() {
        assert_eq!(
            empty_root().to_hex(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn leaf_of_empty_input_matches_rfc6962_test_vector() {
        assert_eq!(
            leaf_hash(b"").to_hex(),
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"
        );
    }

    #[test]
    fn base64_round_trip_and_length_check() {
        let h = leaf_hash(b"x");
        assert_eq!(Hash::from_base64(&h.to_base64()), Ok(h));
        assert_eq!(Hash::from_hex(&h.to_hex()), Ok(h));
        assert_eq!(Hash::from_slice(&[0; 31]), Err(HashError::WrongLength(31)));
        assert!(matches!(
            Hash::from_base64("not base64!"),
            Err(HashError::Base64(_))
        ));
    }

    #[test]
    fn serde_uses_base64() {
        let h = leaf_hash(b"");
        let json = serde_json::to_string(&h).unwrap();
        assert_eq!(json, "\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\"");
        assert_eq!(serde_json::from_str::<Hash>(&json).unwrap(), h);
    }
}
