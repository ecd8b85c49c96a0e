//! Signed notes — C2SP signed-note, byte-compatible with Go's `golang.org/x/mod/sumdb/note`.
//!
//! ```text
//! <text, ending in \n>
//! <blank line>
//! — <key name> <base64(4-byte big-endian key ID || signature)>\n   (one or more)
//! ```
//!
//! The dash is U+2014 EM DASH followed by a space. The text is separated from the
//! signatures by the *last* blank line; the whole note is UTF-8 without control characters
//! other than newline.

use std::collections::HashSet;
use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use crate::vkey::{KeyType, SignerKey, VerifierKey, is_valid_key_name};

/// Most signature lines accepted in one note (as Go's note package).
pub const MAX_SIGNATURES: usize = 100;

/// Prefix of a signature line: U+2014 EM DASH and a space.
pub const SIGNATURE_PREFIX: &str = "\u{2014} ";

/// Something that checks signatures made by one key.
pub trait NoteVerifier {
    /// Key name.
    fn name(&self) -> &str;
    /// Key ID.
    fn key_id(&self) -> u32;
    /// Whether `signature` (without the key ID) is valid over the note `text`.
    fn verify(&self, text: &[u8], signature: &[u8]) -> bool;
}

/// Something that signs note texts with one key.
pub trait NoteSigner {
    /// Key name.
    fn name(&self) -> &str;
    /// Key ID.
    fn key_id(&self) -> u32;
    /// Signature bytes (without the key ID) over the note `text`.
    fn sign(&self, text: &[u8]) -> Result<Vec<u8>, NoteError>;
}

impl<T: NoteVerifier + ?Sized> NoteVerifier for &T {
    fn name(&self) -> &str {
        (**self).name()
    }
    fn key_id(&self) -> u32 {
        (**self).key_id()
    }
    fn verify(&self, text: &[u8], signature: &[u8]) -> bool {
        (**self).verify(text, signature)
    }
}

impl NoteVerifier for VerifierKey {
    fn name(&self) -> &str {
        VerifierKey::name(self)
    }
    fn key_id(&self) -> u32 {
        VerifierKey::key_id(self)
    }
    fn verify(&self, text: &[u8], signature: &[u8]) -> bool {
        match self.key_type() {
            KeyType::Ed25519 => self.verify_ed25519(text, signature),
            KeyType::CosignatureV1 => {
                crate::cosignature::verify_cosignature_bytes(self, text, signature).is_ok()
            }
        }
    }
}

impl NoteSigner for SignerKey {
    fn name(&self) -> &str {
        SignerKey::name(self)
    }
    fn key_id(&self) -> u32 {
        SignerKey::key_id(self)
    }
    fn sign(&self, text: &[u8]) -> Result<Vec<u8>, NoteError> {
        match self.key_type() {
            KeyType::Ed25519 => Ok(self.sign_ed25519(text).to_vec()),
            KeyType::CosignatureV1 => Err(NoteError::UnsupportedSigner {
                name: self.name().to_owned(),
                reason: "a cosignature key signs through cosignature::Cosigner, with a timestamp",
            }),
        }
    }
}

/// A note could not be parsed, verified or signed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoteError {
    /// The note is not valid UTF-8.
    #[error("note is not valid UTF-8 (byte {offset})")]
    NotUtf8 {
        /// Offset of the first invalid byte.
        offset: usize,
    },
    /// The note holds an ASCII control character other than newline.
    #[error("note holds control character 0x{byte:02x} at byte {offset}")]
    ControlCharacter {
        /// Offset of the character.
        offset: usize,
        /// The character.
        byte: u8,
    },
    /// No blank line separates the text from the signatures.
    #[error("note has no blank line before its signatures")]
    MissingBlankLine,
    /// Nothing follows the blank line.
    #[error("note has no signature lines")]
    NoSignatures,
    /// The last signature line does not end in a newline.
    #[error("note does not end with a newline")]
    MissingFinalNewline,
    /// A signature line is malformed.
    #[error("signature line {line}: {reason}")]
    BadSignatureLine {
        /// 1-based number among the signature lines.
        line: usize,
        /// What is wrong.
        reason: &'static str,
    },
    /// More than [`MAX_SIGNATURES`] signature lines.
    #[error("note has more than {MAX_SIGNATURES} signatures")]
    TooManySignatures,
    /// No signature is from a known key.
    #[error("no signature from a known key (signed by: {})", .signers.join(", "))]
    UnknownKey {
        /// `name+keyid` of every signature found.
        signers: Vec<String>,
    },
    /// A signature from a known key does not verify.
    #[error("invalid signature for key {name}+{key_id:08x}")]
    InvalidSignature {
        /// Key name.
        name: String,
        /// Key ID.
        key_id: u32,
    },
    /// Two known keys share a name and key ID.
    #[error("ambiguous key {name}+{key_id:08x}")]
    AmbiguousKey {
        /// Key name.
        name: String,
        /// Key ID.
        key_id: u32,
    },
    /// A text to sign is empty or does not end in a newline.
    #[error("note text must end with a newline")]
    TextNotNewlineTerminated,
    /// A signer's name is not a valid key name.
    #[error("invalid signer name {0:?}")]
    InvalidSignerName(String),
    /// The signer cannot produce this kind of signature.
    #[error("signer {name} cannot sign this note: {reason}")]
    UnsupportedSigner {
        /// Key name.
        name: String,
        /// Why.
        reason: &'static str,
    },
}

/// One signature line of a note.
#[derive(Clone, PartialEq, Eq)]
pub struct Signature {
    /// Key name.
    pub name: String,
    /// Key ID (first 4 bytes of the decoded signature field).
    pub key_id: u32,
    /// Signature bytes after the key ID.
    pub signature: Vec<u8>,
}

impl Signature {
    /// The line `— <name> <base64(key ID || signature)>\n`.
    pub fn to_line(&self) -> String {
        let mut raw = Vec::with_capacity(4 + self.signature.len());
        raw.extend_from_slice(&self.key_id.to_be_bytes());
        raw.extend_from_slice(&self.signature);
        format!("{SIGNATURE_PREFIX}{} {}\n", self.name, BASE64.encode(raw))
    }

    /// Parses one signature line without its newline; `line` numbers errors.
    pub fn parse_line(text: &str, line: usize) -> Result<Self, NoteError> {
        let bad = |reason| NoteError::BadSignatureLine { line, reason };
        let rest = text
            .strip_prefix(SIGNATURE_PREFIX)
            .ok_or(bad("does not start with an em dash and a space"))?;
        let (name, b64) = rest
            .split_once(' ')
            .ok_or(bad("no space after the key name"))?;
        if !is_valid_key_name(name) {
            return Err(bad("invalid key name"));
        }
        if b64.is_empty() {
            return Err(bad("empty signature"));
        }
        let raw = BASE64
            .decode(b64)
            .map_err(|_| bad("signature is not base64"))?;
        if raw.len() < 5 {
            return Err(bad("signature shorter than a key ID and one byte"));
        }
        let (id, signature) = raw.split_at(4);
        let key_id = u32::from_be_bytes([id[0], id[1], id[2], id[3]]);
        Ok(Self {
            name: name.to_owned(),
            key_id,
            signature: signature.to_vec(),
        })
    }
}

impl fmt::Debug for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.to_line().trim_end())
    }
}

/// A parsed note: its text and its signatures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// The text, ending in a newline.
    pub text: String,
    /// Signatures verified by a known key.
    pub verified: Vec<Signature>,
    /// Signatures from unknown keys (kept, never trusted).
    pub unverified: Vec<Signature>,
}

impl Note {
    /// Encodes the note: text, blank line, verified then unverified signature lines.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = self.text.clone().into_bytes();
        out.push(b'\n');
        for sig in self.verified.iter().chain(&self.unverified) {
            out.extend_from_slice(sig.to_line().as_bytes());
        }
        out
    }
}

/// Checks UTF-8 and the absence of control characters other than newline.
fn check_characters(msg: &[u8]) -> Result<&str, NoteError> {
    let text = std::str::from_utf8(msg).map_err(|e| NoteError::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    if let Some(offset) = msg.iter().position(|&b| b < 0x20 && b != b'\n') {
        return Err(NoteError::ControlCharacter {
            offset,
            byte: msg[offset],
        });
    }
    Ok(text)
}

/// Parses a note without verifying anything: every signature lands in `unverified`.
///
/// Repeated identical signature lines are kept once.
pub fn parse(msg: &[u8]) -> Result<Note, NoteError> {
    let all = check_characters(msg)?;
    let split = all.rfind("\n\n").ok_or(NoteError::MissingBlankLine)?;
    let (text, sigs) = (&all[..=split], &all[split + 2..]);
    if sigs.is_empty() {
        return Err(NoteError::NoSignatures);
    }
    let Some(sigs) = sigs.strip_suffix('\n') else {
        return Err(NoteError::MissingFinalNewline);
    };
    let mut unverified = Vec::new();
    let mut seen = HashSet::new();
    for (i, line) in sigs.split('\n').enumerate() {
        if i >= MAX_SIGNATURES {
            return Err(NoteError::TooManySignatures);
        }
        let sig = Signature::parse_line(line, i + 1)?;
        if seen.insert(line) {
            unverified.push(sig);
        }
    }
    Ok(Note {
        text: text.to_owned(),
        verified: Vec::new(),
        unverified,
    })
}

/// Parses a note and verifies its signatures against `known` keys — the semantics of Go's
/// `note.Open`: signatures from unknown keys are kept unverified, a bad signature from a
/// known key rejects the note, and at least one known signature must verify.
pub fn open<V: NoteVerifier>(msg: &[u8], known: &[V]) -> Result<Note, NoteError> {
    let parsed = parse(msg)?;
    let mut note = Note {
        text: parsed.text,
        verified: Vec::new(),
        unverified: Vec::new(),
    };
    let mut seen = HashSet::new();
    for sig in parsed.unverified {
        let mut matching = known
            .iter()
            .filter(|v| v.name() == sig.name && v.key_id() == sig.key_id);
        let Some(verifier) = matching.next() else {
            note.unverified.push(sig);
            continue;
        };
        if matching.next().is_some() {
            return Err(NoteError::AmbiguousKey {
                name: sig.name,
                key_id: sig.key_id,
            });
        }
        if !seen.insert((sig.name.clone(), sig.key_id)) {
            continue; // a second signature by the same key is dropped, as in Go
        }
        if !verifier.verify(note.text.as_bytes(), &sig.signature) {
            return Err(NoteError::InvalidSignature {
                name: sig.name,
                key_id: sig.key_id,
            });
        }
        note.verified.push(sig);
    }
    if note.verified.is_empty() {
        return Err(NoteError::UnknownKey {
            signers: note
                .unverified
                .iter()
                .map(|s| format!("{}+{:08x}", s.name, s.key_id))
                .collect(),
        });
    }
    Ok(note)
}

/// Signs `text` (which must end in a newline) with each signer, in order.
pub fn sign(text: &str, signers: &[&dyn NoteSigner]) -> Result<Vec<u8>, NoteError> {
    let note = Note {
        text: text.to_owned(),
        verified: Vec::new(),
        unverified: Vec::new(),
    };
    sign_note(&note, signers)
}

/// Re-encodes `note` with new signatures appended after its existing ones; an existing
/// signature by the same key (name and ID) as a new signer is replaced (Go's `note.Sign`).
pub fn sign_note(note: &Note, signers: &[&dyn NoteSigner]) -> Result<Vec<u8>, NoteError> {
    if !note.text.ends_with('\n') {
        return Err(NoteError::TextNotNewlineTerminated);
    }
    check_characters(note.text.as_bytes())?;
    let mut new = Vec::with_capacity(signers.len());
    for signer in signers {
        if !is_valid_key_name(signer.name()) {
            return Err(NoteError::InvalidSignerName(signer.name().to_owned()));
        }
        new.push(Signature {
            name: signer.name().to_owned(),
            key_id: signer.key_id(),
            signature: signer.sign(note.text.as_bytes())?,
        });
    }
    let replaced = |s: &Signature| new.iter().any(|n| n.name == s.name && n.key_id == s.key_id);
    let mut out = note.text.clone().into_bytes();
    out.push(b'\n');
    for sig in note.verified.iter().chain(&note.unverified) {
        if !replaced(sig) {
            out.extend_from_slice(sig.to_line().as_bytes());
        }
    }
    for sig in &new {
        out.extend_from_slice(sig.to_line().as_bytes());
    }
    Ok(out)
}

#[cfg(test)]
#[path = "note_tests.rs"]
mod tests;
