//! Witness cosignatures — C2SP tlog-cosignature, Ed25519 `cosignature/v1` (key type 0x04).
//!
//! The signed message is
//!
//! ```text
//! cosignature/v1\n
//! time <POSIX seconds, decimal>\n
//! <checkpoint note text>
//! ```
//!
//! and the signature field of the note line is `key ID || u64 big-endian timestamp ||
//! 64-byte Ed25519 signature`, the key ID being `SHA-256(name || "\n" || 0x04 || key)[:4]`.

use crate::note::{NoteError, NoteSigner, Signature};
use crate::vkey::{ED25519_SIGNATURE_SIZE, KeyType, SignerKey, VerifierKey};

/// Header line of the signed message (domain separation).
pub const COSIGNATURE_V1_HEADER: &str = "cosignature/v1";

/// Length of a `timestamped_signature`: 8-byte timestamp and 64-byte Ed25519 signature.
pub const COSIGNATURE_SIZE: usize = 8 + ED25519_SIGNATURE_SIZE;

/// Largest timestamp allowed by the specification (`2^63 − 1`).
pub const MAX_TIMESTAMP: u64 = i64::MAX as u64;

/// A cosignature could not be made or does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CosignatureError {
    /// The key is not a `cosignature/v1` (type 0x04) key.
    #[error("key {0} is not a cosignature/v1 (type 0x04) key")]
    WrongKeyType(String),
    /// The signature line is by another key.
    #[error("signature is by {found}, not by {expected}")]
    KeyMismatch {
        /// `name+id` of the expected key.
        expected: String,
        /// `name+id` on the signature line.
        found: String,
    },
    /// The signature field is not 72 bytes.
    #[error("cosignature must be {COSIGNATURE_SIZE} bytes, got {0}")]
    WrongLength(usize),
    /// The timestamp exceeds `2^63 − 1`.
    #[error("cosignature timestamp {0} exceeds 2^63-1")]
    TimestampTooLarge(u64),
    /// The Ed25519 signature does not verify.
    #[error("cosignature does not verify")]
    InvalidSignature,
}

/// The message a `cosignature/v1` signs over a checkpoint note text.
pub fn cosigned_message(checkpoint_text: &[u8], timestamp: u64) -> Vec<u8> {
    let mut msg = format!("{COSIGNATURE_V1_HEADER}\ntime {timestamp}\n").into_bytes();
    msg.extend_from_slice(checkpoint_text);
    msg
}

/// A cosigner key bound to a signing time, usable wherever a [`NoteSigner`] is.
pub struct Cosigner<'a> {
    key: &'a SignerKey,
    timestamp: u64,
}

impl<'a> Cosigner<'a> {
    /// A cosigner signing at `timestamp` (POSIX seconds); the key must be of type 0x04.
    pub fn new(key: &'a SignerKey, timestamp: u64) -> Result<Self, CosignatureError> {
        if key.key_type() != KeyType::CosignatureV1 {
            return Err(CosignatureError::WrongKeyType(key.name().to_owned()));
        }
        if timestamp > MAX_TIMESTAMP {
            return Err(CosignatureError::TimestampTooLarge(timestamp));
        }
        Ok(Self { key, timestamp })
    }

    /// The signature field (without key ID) over `checkpoint_text`.
    pub fn cosign_bytes(&self, checkpoint_text: &[u8]) -> Vec<u8> {
        let signature = self
            .key
            .sign_ed25519(&cosigned_message(checkpoint_text, self.timestamp));
        let mut out = Vec::with_capacity(COSIGNATURE_SIZE);
        out.extend_from_slice(&self.timestamp.to_be_bytes());
        out.extend_from_slice(&signature);
        out
    }
}

impl NoteSigner for Cosigner<'_> {
    fn name(&self) -> &str {
        self.key.name()
    }
    fn key_id(&self) -> u32 {
        self.key.key_id()
    }
    fn sign(&self, text: &[u8]) -> Result<Vec<u8>, NoteError> {
        Ok(self.cosign_bytes(text))
    }
}

/// Cosigns a checkpoint note text at `timestamp`; returns the note signature.
pub fn cosign(
    key: &SignerKey,
    checkpoint_text: &str,
    timestamp: u64,
) -> Result<Signature, CosignatureError> {
    let cosigner = Cosigner::new(key, timestamp)?;
    Ok(Signature {
        name: key.name().to_owned(),
        key_id: key.key_id(),
        signature: cosigner.cosign_bytes(checkpoint_text.as_bytes()),
    })
}

/// Verifies a cosignature line over a checkpoint note text; returns its timestamp.
pub fn verify_cosignature(
    key: &VerifierKey,
    checkpoint_text: &str,
    signature: &Signature,
) -> Result<u64, CosignatureError> {
    if signature.name != key.name() || signature.key_id != key.key_id() {
        return Err(CosignatureError::KeyMismatch {
            expected: format!("{}+{:08x}", key.name(), key.key_id()),
            found: format!("{}+{:08x}", signature.name, signature.key_id),
        });
    }
    verify_cosignature_bytes(key, checkpoint_text.as_bytes(), &signature.signature)
}

/// Verifies a signature field (`timestamp || signature`) over a note text; returns the
/// timestamp.
pub fn verify_cosignature_bytes(
    key: &VerifierKey,
    checkpoint_text: &[u8],
    signature: &[u8],
) -> Result<u64, CosignatureError> {
    if key.key_type() != KeyType::CosignatureV1 {
        return Err(CosignatureError::WrongKeyType(key.name().to_owned()));
    }
    let (time, sig) = signature
        .split_first_chunk::<8>()
        .filter(|(_, sig)| sig.len() == ED25519_SIGNATURE_SIZE)
        .ok_or(CosignatureError::WrongLength(signature.len()))?;
    let timestamp = u64::from_be_bytes(*time);
    if timestamp > MAX_TIMESTAMP {
        return Err(CosignatureError::TimestampTooLarge(timestamp));
    }
    if !key.verify_ed25519(&cosigned_message(checkpoint_text, timestamp), sig) {
        return Err(CosignatureError::InvalidSignature);
    }
    Ok(timestamp)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "example.com/log\n5\nTju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\n";

    #[test]
    fn cosign_and_verify() {
        let k = SignerKey::from_seed("w.example", KeyType::CosignatureV1, [3; 32]).unwrap();
        let sig = cosign(&k, TEXT, 1_679_315_147).unwrap();
        assert_eq!(sig.signature.len(), COSIGNATURE_SIZE);
        let v = k.verifier_key();
        assert_eq!(verify_cosignature(&v, TEXT, &sig), Ok(1_679_315_147));
        let other = TEXT.replace('5', "6");
        assert_eq!(
            verify_cosignature(&v, &other, &sig),
            Err(CosignatureError::InvalidSignature)
        );
    }

    #[test]
    fn plain_keys_cannot_cosign() {
        let k = SignerKey::from_seed("w", KeyType::Ed25519, [3; 32]).unwrap();
        assert!(matches!(
            cosign(&k, TEXT, 1),
            Err(CosignatureError::WrongKeyType(_))
        ));
    }

    #[test]
    fn message_layout() {
        assert_eq!(
            cosigned_message(b"o\n1\nr\n", 42),
            b"cosignature/v1\ntime 42\no\n1\nr\n".to_vec()
        );
    }
}
