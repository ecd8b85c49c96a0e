//! Checkpoints — C2SP tlog-checkpoint: the signed tree head of a log as a note text.
//!
//! ```text
//! <origin>\n
//! <tree size in decimal, no leading zeros>\n
//! <base64 root hash>\n
//! [<extension line>\n]...
//! ```

use crate::hash::Hash;
use crate::note::{self, Note, NoteError, NoteSigner, NoteVerifier};

/// A checkpoint body could not be parsed, built or verified.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckpointError {
    /// The text does not end in a newline.
    #[error("checkpoint text must end with a newline")]
    MissingFinalNewline,
    /// Fewer than three lines.
    #[error("checkpoint needs an origin, a size and a root hash line")]
    TooFewLines,
    /// The origin line is empty.
    #[error("checkpoint origin is empty")]
    EmptyOrigin,
    /// A line holds a control character.
    #[error("checkpoint line {line} holds a control character")]
    ControlCharacter {
        /// 1-based line number.
        line: usize,
    },
    /// The size line is not a canonical decimal `u64`.
    #[error("checkpoint tree size {0:?} is not a decimal number without leading zeros")]
    BadSize(String),
    /// The root hash line is not base64 of 32 bytes.
    #[error("checkpoint root hash {0:?} is not base64 of 32 bytes")]
    BadRootHash(String),
    /// An extension line is empty.
    #[error("checkpoint extension line {line} is empty")]
    EmptyExtensionLine {
        /// 1-based line number.
        line: usize,
    },
    /// The checkpoint is for another log.
    #[error("checkpoint origin {found:?} is not the expected {expected:?}")]
    OriginMismatch {
        /// Origin expected by the caller.
        expected: String,
        /// Origin in the checkpoint.
        found: String,
    },
    /// The signed note around the checkpoint is malformed or not signed by a known key.
    #[error(transparent)]
    Note(#[from] NoteError),
}

/// A log's tree head: origin, size and root hash, plus optional opaque extension lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checkpoint {
    /// Identity of the log (a schema-less URL by convention).
    pub origin: String,
    /// Number of leaves.
    pub size: u64,
    /// `MTH(D[0:size])`.
    pub root: Hash,
    /// Extension lines, without newlines; not recommended.
    pub extensions: Vec<String>,
}

/// Parses a decimal `u64` with no sign and no leading zeros (except `0` itself).
pub(crate) fn parse_decimal(text: &str) -> Option<u64> {
    let canonical = !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'));
    if canonical { text.parse().ok() } else { None }
}

fn check_line(text: &str, line: usize) -> Result<(), CheckpointError> {
    if text.bytes().any(|b| b < 0x20) {
        return Err(CheckpointError::ControlCharacter { line });
    }
    Ok(())
}

impl Checkpoint {
    /// A checkpoint without extension lines; the origin must be non-empty, on one line.
    pub fn new(origin: &str, size: u64, root: Hash) -> Result<Self, CheckpointError> {
        if origin.is_empty() {
            return Err(CheckpointError::EmptyOrigin);
        }
        check_line(origin, 1)?;
        Ok(Self {
            origin: origin.to_owned(),
            size,
            root,
            extensions: Vec::new(),
        })
    }

    /// Parses a checkpoint body (a note text).
    pub fn parse(text: &str) -> Result<Self, CheckpointError> {
        let body = text
            .strip_suffix('\n')
            .ok_or(CheckpointError::MissingFinalNewline)?;
        let mut lines = body.split('\n');
        let (Some(origin), Some(size), Some(root)) = (lines.next(), lines.next(), lines.next())
        else {
            return Err(CheckpointError::TooFewLines);
        };
        if origin.is_empty() {
            return Err(CheckpointError::EmptyOrigin);
        }
        check_line(origin, 1)?;
        let size = parse_decimal(size).ok_or_else(|| CheckpointError::BadSize(size.to_owned()))?;
        let root =
            Hash::from_base64(root).map_err(|_| CheckpointError::BadRootHash(root.to_owned()))?;
        let mut extensions = Vec::new();
        for (i, line) in lines.enumerate() {
            if line.is_empty() {
                return Err(CheckpointError::EmptyExtensionLine { line: i + 4 });
            }
            check_line(line, i + 4)?;
            extensions.push(line.to_owned());
        }
        Ok(Self {
            origin: origin.to_owned(),
            size,
            root,
            extensions,
        })
    }

    /// The note text: origin, size, base64 root and extension lines, each ending in `\n`.
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "{}\n{}\n{}\n",
            self.origin,
            self.size,
            self.root.to_base64()
        );
        for line in &self.extensions {
            out.push_str(line);
            out.push('\n');
        }
        out
    }

    /// Signs the checkpoint as a note with `signers` (usually the log key alone).
    pub fn sign(&self, signers: &[&dyn NoteSigner]) -> Result<Vec<u8>, CheckpointError> {
        for (i, line) in self.extensions.iter().enumerate() {
            if line.is_empty() {
                return Err(CheckpointError::EmptyExtensionLine { line: i + 4 });
            }
            check_line(line, i + 4)?;
        }
        Ok(note::sign(&self.to_text(), signers)?)
    }

    /// Verifies a signed checkpoint against `known` keys and checks its origin.
    pub fn open<V: NoteVerifier>(
        signed: &[u8],
        origin: &str,
        known: &[V],
    ) -> Result<(Self, Note), CheckpointError> {
        let note = note::open(signed, known)?;
        let checkpoint = Self::parse(&note.text)?;
        if checkpoint.origin != origin {
            return Err(CheckpointError::OriginMismatch {
                expected: origin.to_owned(),
                found: checkpoint.origin,
            });
        }
        Ok((checkpoint, note))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::empty_root;

    #[test]
    fn round_trip_with_extensions() {
        let mut c = Checkpoint::new("example.com/log", 20852163, empty_root()).unwrap();
        c.extensions.push("ext".to_owned());
        assert_eq!(Checkpoint::parse(&c.to_text()), Ok(c));
    }

    #[test]
    fn specific_errors() {
        let root = empty_root().to_base64();
        let cases = [
            ("o\n1\n".to_owned(), CheckpointError::TooFewLines),
            (
                format!("o\n1\n{root}"),
                CheckpointError::MissingFinalNewline,
            ),
            (format!("\n1\n{root}\n"), CheckpointError::EmptyOrigin),
            (
                format!("o\n01\n{root}\n"),
                CheckpointError::BadSize("01".into()),
            ),
            (
                format!("o\n+1\n{root}\n"),
                CheckpointError::BadSize("+1".into()),
            ),
            (
                format!("o\n18446744073709551616\n{root}\n"),
                CheckpointError::BadSize("18446744073709551616".into()),
            ),
            (
                "o\n1\nAAAA\n".to_owned(),
                CheckpointError::BadRootHash("AAAA".into()),
            ),
            (
                format!("o\n1\n{root}\n\n"),
                CheckpointError::EmptyExtensionLine { line: 4 },
            ),
        ];
        for (text, want) in cases {
            assert_eq!(Checkpoint::parse(&text), Err(want), "{text:?}");
        }
        assert!(Checkpoint::parse(&format!("o\n0\n{root}\n")).is_ok());
    }
}
