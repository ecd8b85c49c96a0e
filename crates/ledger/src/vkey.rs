//! Ed25519 signer and verifier keys in the C2SP signed-note encodings
//! (`golang.org/x/mod/sumdb/note` compatible).
//!
//! * verifier key: `<name>+<hex8 key ID>+<base64(type || 32-byte public key)>`
//! * signer key: `PRIVATE+KEY+<name>+<hex8 key ID>+<base64(type || 32-byte seed)>`
//! * key ID: `SHA-256(name || "\n" || type || public key)[:4]` as a big-endian u32
//!   (C2SP signed-note "Signatures").
//!
//! Type `0x01` is a plain Ed25519 note signature (C2SP signed-note "Ed25519 signatures");
//! type `0x04` is a timestamped Ed25519 cosignature (C2SP tlog-cosignature). Go's note
//! package only knows `0x01`; accepting `0x04` in signer keys is an extension.

use std::fmt;
use std::str::FromStr;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use ed25519_dalek::{Signer as _, SigningKey, Verifier as _, VerifyingKey};
use sha2::{Digest, Sha256};

/// Length of an Ed25519 public key or seed.
pub const ED25519_KEY_SIZE: usize = 32;

/// Length of an Ed25519 signature.
pub const ED25519_SIGNATURE_SIZE: usize = 64;

const PRIVATE_KEY_PREFIX: &str = "PRIVATE+KEY+";

/// Signature type identifier byte — C2SP signed-note "Signature types".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyType {
    /// `0x01`: Ed25519 over the note text.
    Ed25519,
    /// `0x04`: timestamped Ed25519 cosignature, `cosignature/v1` (C2SP tlog-cosignature).
    CosignatureV1,
}

impl KeyType {
    /// The identifier byte.
    pub const fn byte(self) -> u8 {
        match self {
            Self::Ed25519 => 0x01,
            Self::CosignatureV1 => 0x04,
        }
    }

    /// The key type of an identifier byte, if supported.
    pub const fn from_byte(byte: u8) -> Option<Self> {
        match byte {
            0x01 => Some(Self::Ed25519),
            0x04 => Some(Self::CosignatureV1),
            _ => None,
        }
    }
}

/// A key string could not be parsed or does not match its key ID.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// The string does not have the `name+hex8+base64` shape.
    #[error("malformed key: expected <name>+<hex8 key id>+<base64 key>")]
    Malformed,
    /// A signer key does not start with `PRIVATE+KEY+`.
    #[error("signer key must start with PRIVATE+KEY+")]
    MissingPrivatePrefix,
    /// The name is empty or holds a space or a plus sign.
    #[error("invalid key name {0:?}: must be non-empty, without spaces or '+'")]
    InvalidName(String),
    /// The key ID is not 8 hex digits.
    #[error("key id must be 8 hex digits, got {0:?}")]
    BadKeyId(String),
    /// The key material is not standard base64.
    #[error("key material is not valid base64")]
    BadBase64,
    /// The type byte is not one this crate supports.
    #[error("unknown key type 0x{0:02x}")]
    UnknownType(u8),
    /// The key material has the wrong length.
    #[error("key material must be 1 + {ED25519_KEY_SIZE} bytes, got {0}")]
    WrongLength(usize),
    /// The key ID does not match the name and key.
    #[error("key id {stated:08x} does not match the name and key (computed {computed:08x})")]
    KeyIdMismatch {
        /// Key ID written in the string.
        stated: u32,
        /// Key ID computed from name, type and public key.
        computed: u32,
    },
    /// The 32 bytes are not a valid Ed25519 public key.
    #[error("not a valid Ed25519 public key")]
    InvalidPublicKey,
}

/// Whether `name` is a valid key name: non-empty, no Unicode space, no `+`
/// (C2SP signed-note "Format"; Go's `isValidName`).
pub fn is_valid_key_name(name: &str) -> bool {
    !name.is_empty() && !name.chars().any(|c| c.is_whitespace() || c == '+')
}

/// Key ID: `SHA-256(name || 0x0A || type || public key)[:4]`, big-endian —
/// C2SP signed-note "Signatures", C2SP tlog-cosignature "Format".
pub fn key_id(name: &str, key_type: KeyType, public_key: &[u8; ED25519_KEY_SIZE]) -> u32 {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update(b"\n");
    h.update([key_type.byte()]);
    h.update(public_key);
    let digest = h.finalize();
    u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]])
}

/// Splits `name+hex8+base64` and checks the name and key ID syntax.
fn split_key(text: &str) -> Result<(&str, u32, Vec<u8>), KeyError> {
    let (name, rest) = text.split_once('+').ok_or(KeyError::Malformed)?;
    let (id_hex, material) = rest.split_once('+').ok_or(KeyError::Malformed)?;
    if !is_valid_key_name(name) {
        return Err(KeyError::InvalidName(name.to_owned()));
    }
    if id_hex.len() != 8 || !id_hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(KeyError::BadKeyId(id_hex.to_owned()));
    }
    let id = u32::from_str_radix(id_hex, 16).map_err(|_| KeyError::BadKeyId(id_hex.to_owned()))?;
    let bytes = BASE64.decode(material).map_err(|_| KeyError::BadBase64)?;
    Ok((name, id, bytes))
}

/// Splits `type || 32 bytes`.
fn split_material(bytes: &[u8]) -> Result<(KeyType, [u8; ED25519_KEY_SIZE]), KeyError> {
    let (&type_byte, key) = bytes.split_first().ok_or(KeyError::WrongLength(0))?;
    let key_type = KeyType::from_byte(type_byte).ok_or(KeyError::UnknownType(type_byte))?;
    let key: [u8; ED25519_KEY_SIZE] = key
        .try_into()
        .map_err(|_| KeyError::WrongLength(bytes.len()))?;
    Ok((key_type, key))
}

fn encode_key(name: &str, id: u32, key_type: KeyType, key: &[u8; ED25519_KEY_SIZE]) -> String {
    let mut material = Vec::with_capacity(1 + ED25519_KEY_SIZE);
    material.push(key_type.byte());
    material.extend_from_slice(key);
    format!("{name}+{id:08x}+{}", BASE64.encode(material))
}

/// A public key that verifies note signatures or cosignatures.
#[derive(Clone, PartialEq, Eq)]
pub struct VerifierKey {
    name: String,
    id: u32,
    key_type: KeyType,
    key: VerifyingKey,
}

impl VerifierKey {
    /// Parses `<name>+<hex8>+<base64(type || public key)>`.
    pub fn parse(vkey: &str) -> Result<Self, KeyError> {
        let (name, stated, bytes) = split_key(vkey)?;
        let (key_type, public) = split_material(&bytes)?;
        let computed = key_id(name, key_type, &public);
        if computed != stated {
            return Err(KeyError::KeyIdMismatch { stated, computed });
        }
        Self::new(name, key_type, public)
    }

    /// A verifier key from its parts; the key ID is computed.
    pub fn new(
        name: &str,
        key_type: KeyType,
        public_key: [u8; ED25519_KEY_SIZE],
    ) -> Result<Self, KeyError> {
        if !is_valid_key_name(name) {
            return Err(KeyError::InvalidName(name.to_owned()));
        }
        let key = VerifyingKey::from_bytes(&public_key).map_err(|_| KeyError::InvalidPublicKey)?;
        Ok(Self {
            name: name.to_owned(),
            id: key_id(name, key_type, &public_key),
            key_type,
            key,
        })
    }

    /// Key name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Key ID.
    pub fn key_id(&self) -> u32 {
        self.id
    }

    /// Signature type.
    pub fn key_type(&self) -> KeyType {
        self.key_type
    }

    /// The 32-byte Ed25519 public key.
    pub fn public_key(&self) -> [u8; ED25519_KEY_SIZE] {
        self.key.to_bytes()
    }

    /// Verifies a raw Ed25519 signature (RFC 8032) over `message`.
    pub(crate) fn verify_ed25519(&self, message: &[u8], signature: &[u8]) -> bool {
        let Ok(bytes) = <[u8; ED25519_SIGNATURE_SIZE]>::try_from(signature) else {
            return false;
        };
        let signature = ed25519_dalek::Signature::from_bytes(&bytes);
        self.key.verify(message, &signature).is_ok()
    }
}

impl fmt::Display for VerifierKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&encode_key(
            &self.name,
            self.id,
            self.key_type,
            &self.key.to_bytes(),
        ))
    }
}

impl fmt::Debug for VerifierKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "VerifierKey({self})")
    }
}

impl FromStr for VerifierKey {
    type Err = KeyError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// A private Ed25519 key with its name: signs notes (type `0x01`) or cosignatures
/// (type `0x04`). Its `Debug` output never shows the secret.
#[derive(Clone)]
pub struct SignerKey {
    name: String,
    id: u32,
    key_type: KeyType,
    key: SigningKey,
}

impl SignerKey {
    /// Parses `PRIVATE+KEY+<name>+<hex8>+<base64(type || 32-byte seed)>`; the key ID must
    /// match the derived public key.
    pub fn parse(skey: &str) -> Result<Self, KeyError> {
        let rest = skey
            .strip_prefix(PRIVATE_KEY_PREFIX)
            .ok_or(KeyError::MissingPrivatePrefix)?;
        let (name, stated, bytes) = split_key(rest)?;
        let (key_type, seed) = split_material(&bytes)?;
        let signer = Self::from_seed(name, key_type, seed)?;
        if signer.id != stated {
            return Err(KeyError::KeyIdMismatch {
                stated,
                computed: signer.id,
            });
        }
        Ok(signer)
    }

    /// A signer key from a 32-byte Ed25519 seed (RFC 8032 private key).
    pub fn from_seed(
        name: &str,
        key_type: KeyType,
        seed: [u8; ED25519_KEY_SIZE],
    ) -> Result<Self, KeyError> {
        if !is_valid_key_name(name) {
            return Err(KeyError::InvalidName(name.to_owned()));
        }
        let key = SigningKey::from_bytes(&seed);
        let id = key_id(name, key_type, &key.verifying_key().to_bytes());
        Ok(Self {
            name: name.to_owned(),
            id,
            key_type,
            key,
        })
    }

    /// A new random key from the operating system's generator (through `rand`).
    pub fn generate(name: &str, key_type: KeyType) -> Result<Self, KeyError> {
        Self::from_seed(name, key_type, rand::random())
    }

    /// Key name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Key ID.
    pub fn key_id(&self) -> u32 {
        self.id
    }

    /// Signature type.
    pub fn key_type(&self) -> KeyType {
        self.key_type
    }

    /// The matching verifier key.
    pub fn verifier_key(&self) -> VerifierKey {
        VerifierKey {
            name: self.name.clone(),
            id: self.id,
            key_type: self.key_type,
            key: self.key.verifying_key(),
        }
    }

    /// The secret `PRIVATE+KEY+…` encoding. Keep it secret.
    pub fn to_private_string(&self) -> String {
        format!(
            "{PRIVATE_KEY_PREFIX}{}",
            encode_key(&self.name, self.id, self.key_type, &self.key.to_bytes())
        )
    }

    /// Raw Ed25519 signature (RFC 8032) over `message`.
    pub(crate) fn sign_ed25519(&self, message: &[u8]) -> [u8; ED25519_SIGNATURE_SIZE] {
        self.key.sign(message).to_bytes()
    }
}

impl fmt::Debug for SignerKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "SignerKey({}+{:08x}, type 0x{:02x}, secret redacted)",
            self.name,
            self.id,
            self.key_type.byte()
        )
    }
}

#[cfg(test)]
#[path = "vkey_tests.rs"]
mod tests;
