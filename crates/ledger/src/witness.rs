//! A witness — C2SP tlog-witness `add-checkpoint`, without the HTTP transport.
//!
//! Request body:
//!
//! ```text
//! old <size>\n
//! <base64 consistency proof hash>\n   (0 to 63 lines)
//! \n
//! <signed checkpoint note>
//! ```
//!
//! The witness checks the log's signature, that `old` is the size it last cosigned for the
//! origin, and the consistency proof from its stored tree head to the new checkpoint; then it
//! stores the new tree head (atomically, compare-and-swap) and returns its cosignature line.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use crate::checkpoint::{Checkpoint, CheckpointError, parse_decimal};
use crate::cosignature::{CosignatureError, cosign};
use crate::hash::{Hash, empty_root};
use crate::note::{self, NoteError};
use crate::proof::{ProofError, verify_consistency};
use crate::vkey::{KeyType, SignerKey, VerifierKey};

/// Most consistency proof lines a request may carry.
pub const MAX_PROOF_LINES: usize = 63;

/// The size and root a witness last cosigned for a log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TreeHead {
    /// Tree size.
    pub size: u64,
    /// Root hash.
    pub root: Hash,
}

/// The witness's store failed.
#[derive(Debug, thiserror::Error)]
#[error("witness store: {0}")]
pub struct WitnessStoreError(pub String);

/// Persistence of the latest cosigned tree head per origin.
pub trait WitnessStore: Send + Sync {
    /// The latest cosigned tree head for `origin`, if any.
    fn latest(&self, origin: &str) -> Result<Option<TreeHead>, WitnessStoreError>;
    /// Stores `new` if the latest tree head is still `expected`; `false` if it changed.
    /// Must be atomic and durable before returning `true`.
    fn compare_and_swap(
        &self,
        origin: &str,
        expected: Option<&TreeHead>,
        new: &TreeHead,
    ) -> Result<bool, WitnessStoreError>;
}

/// A [`WitnessStore`] in memory (tests, or a witness whose state lives elsewhere).
#[derive(Debug, Default)]
pub struct MemoryWitnessStore {
    heads: Mutex<HashMap<String, TreeHead>>,
}

impl WitnessStore for MemoryWitnessStore {
    fn latest(&self, origin: &str) -> Result<Option<TreeHead>, WitnessStoreError> {
        let heads = self.heads.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(heads.get(origin).copied())
    }

    fn compare_and_swap(
        &self,
        origin: &str,
        expected: Option<&TreeHead>,
        new: &TreeHead,
    ) -> Result<bool, WitnessStoreError> {
        let mut heads = self.heads.lock().unwrap_or_else(PoisonError::into_inner);
        if heads.get(origin) != expected {
            return Ok(false);
        }
        heads.insert(origin.to_owned(), *new);
        Ok(true)
    }
}

/// An `add-checkpoint` request was refused. [`WitnessError::http_status`] gives the status
/// the C2SP tlog-witness protocol assigns.
#[derive(Debug, thiserror::Error)]
pub enum WitnessError {
    /// The body is not `old` line, proof lines, blank line, note (400).
    #[error("malformed add-checkpoint request: {0}")]
    MalformedRequest(&'static str),
    /// The checkpoint note or body is malformed (400).
    #[error("malformed checkpoint: {0}")]
    MalformedCheckpoint(#[from] CheckpointError),
    /// The old size is larger than the checkpoint size (400).
    #[error("old size {old} is larger than the checkpoint size {new}")]
    OldSizeTooLarge {
        /// Old size in the request.
        old: u64,
        /// Checkpoint size.
        new: u64,
    },
    /// The witness does not know this log (404).
    #[error("unknown log origin {0:?}")]
    UnknownOrigin(String),
    /// No signature verifies with the log's keys (403).
    #[error("checkpoint is not signed by the log: {0}")]
    NotSignedByLog(NoteError),
    /// The old size is not the size last cosigned (409, body = `known_size` and `\n`).
    #[error("old size {old} does not match the last cosigned size {known_size}")]
    Conflict {
        /// Old size in the request.
        old: u64,
        /// Size the witness last cosigned.
        known_size: u64,
    },
    /// Same size as the last cosigned checkpoint but another root: a fork (409).
    #[error("checkpoint of size {size} has root {found}, but {known} was cosigned")]
    InconsistentRoot {
        /// Tree size.
        size: u64,
        /// Root cosigned before.
        known: Hash,
        /// Root now presented.
        found: Hash,
    },
    /// The consistency proof does not prove the new checkpoint extends the old one (422).
    #[error("consistency proof does not verify: {0}")]
    InvalidProof(ProofError),
    /// A proof was sent although the old size is zero (422).
    #[error("the consistency proof must be empty when the old size is 0")]
    UnexpectedProof,
    /// The store failed (500).
    #[error(transparent)]
    Store(#[from] WitnessStoreError),
    /// Cosigning failed (500).
    #[error(transparent)]
    Cosign(#[from] CosignatureError),
}

impl WitnessError {
    /// HTTP status of this refusal under C2SP tlog-witness.
    pub fn http_status(&self) -> u16 {
        match self {
            Self::MalformedRequest(_)
            | Self::MalformedCheckpoint(_)
            | Self::OldSizeTooLarge { .. } => 400,
            Self::NotSignedByLog(_) => 403,
            Self::UnknownOrigin(_) => 404,
            Self::Conflict { .. } | Self::InconsistentRoot { .. } => 409,
            Self::InvalidProof(_) | Self::UnexpectedProof => 422,
            Self::Store(_) | Self::Cosign(_) => 500,
        }
    }
}

/// A parsed `add-checkpoint` request body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddCheckpointRequest {
    /// Size of the checkpoint the client believes the witness last cosigned.
    pub old_size: u64,
    /// Consistency proof from `old_size` to the checkpoint's size.
    pub proof: Vec<Hash>,
    /// The signed checkpoint note.
    pub checkpoint: Vec<u8>,
}

impl AddCheckpointRequest {
    /// Parses a request body.
    pub fn parse(body: &[u8]) -> Result<Self, WitnessError> {
        let (first, mut rest) =
            split_line(body).ok_or(WitnessError::MalformedRequest("missing old size line"))?;
        let old_size = std::str::from_utf8(first)
            .ok()
            .and_then(|l| l.strip_prefix("old "))
            .and_then(parse_decimal)
            .ok_or(WitnessError::MalformedRequest(
                "first line must be \"old <decimal size>\"",
            ))?;
        let mut proof = Vec::new();
        loop {
            let (line, tail) = split_line(rest).ok_or(WitnessError::MalformedRequest(
                "missing blank line before the checkpoint",
            ))?;
            rest = tail;
            if line.is_empty() {
                break;
            }
            if proof.len() == MAX_PROOF_LINES {
                return Err(WitnessError::MalformedRequest(
                    "more than 63 consistency proof lines",
                ));
            }
            let hash = std::str::from_utf8(line)
                .ok()
                .and_then(|l| Hash::from_base64(l).ok())
                .ok_or(WitnessError::MalformedRequest(
                    "a consistency proof line is not base64 of 32 bytes",
                ))?;
            proof.push(hash);
        }
        if rest.is_empty() {
            return Err(WitnessError::MalformedRequest("missing checkpoint"));
        }
        Ok(Self {
            old_size,
            proof,
            checkpoint: rest.to_vec(),
        })
    }

    /// Encodes the request body (what a log sends to a witness).
    pub fn encode(&self) -> Vec<u8> {
        let mut out = format!("old {}\n", self.old_size).into_bytes();
        for hash in &self.proof {
            out.extend_from_slice(hash.to_base64().as_bytes());
            out.push(b'\n');
        }
        out.push(b'\n');
        out.extend_from_slice(&self.checkpoint);
        out
    }
}

fn split_line(data: &[u8]) -> Option<(&[u8], &[u8])> {
    let end = data.iter().position(|&b| b == b'\n')?;
    Some((&data[..end], &data[end + 1..]))
}

/// A witness: a cosigner key, the logs it follows and their keys, and its store.
pub struct Witness<S> {
    key: SignerKey,
    logs: HashMap<String, Vec<VerifierKey>>,
    store: S,
}

impl<S: WitnessStore> Witness<S> {
    /// A witness signing with `key`, which must be a `cosignature/v1` (type 0x04) key.
    pub fn new(key: SignerKey, store: S) -> Result<Self, WitnessError> {
        if key.key_type() != KeyType::CosignatureV1 {
            return Err(CosignatureError::WrongKeyType(key.name().to_owned()).into());
        }
        Ok(Self {
            key,
            logs: HashMap::new(),
            store,
        })
    }

    /// Follows the log `origin`, whose checkpoints are signed by one of `keys`.
    pub fn add_log(&mut self, origin: &str, keys: Vec<VerifierKey>) {
        self.logs.insert(origin.to_owned(), keys);
    }

    /// The witness's public key.
    pub fn verifier_key(&self) -> VerifierKey {
        self.key.verifier_key()
    }

    /// The witness's store.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// Handles an `add-checkpoint` body at time `now` (POSIX seconds); returns the response
    /// body: the cosignature line `— <name> <base64>\n`.
    pub fn add_checkpoint(&self, body: &[u8], now: u64) -> Result<String, WitnessError> {
        self.add_checkpoint_request(&AddCheckpointRequest::parse(body)?, now)
    }

    /// Handles a parsed `add-checkpoint` request; see [`Witness::add_checkpoint`].
    pub fn add_checkpoint_request(
        &self,
        request: &AddCheckpointRequest,
        now: u64,
    ) -> Result<String, WitnessError> {
        let parsed = note::parse(&request.checkpoint).map_err(CheckpointError::from)?;
        let checkpoint = Checkpoint::parse(&parsed.text)?;
        let keys = self
            .logs
            .get(&checkpoint.origin)
            .ok_or_else(|| WitnessError::UnknownOrigin(checkpoint.origin.clone()))?;
        note::open(&request.checkpoint, keys).map_err(WitnessError::NotSignedByLog)?;
        let (old, new) = (request.old_size, checkpoint.size);
        if old > new {
            return Err(WitnessError::OldSizeTooLarge { old, new });
        }
        let latest = self.store.latest(&checkpoint.origin)?;
        let known_size = latest.map_or(0, |h| h.size);
        if old != known_size {
            return Err(WitnessError::Conflict { old, known_size });
        }
        let known_root = latest.map_or_else(empty_root, |h| h.root);
        if old == new {
            if !request.proof.is_empty() {
                return Err(WitnessError::InvalidProof(ProofError::NonEmptyProof(
                    request.proof.len(),
                )));
            }
            // With no tree head stored, old == new == 0 and the root must be the empty one.
            if checkpoint.root != known_root {
                return Err(WitnessError::InconsistentRoot {
                    size: new,
                    known: known_root,
                    found: checkpoint.root,
                });
            }
        } else if old == 0 {
            if !request.proof.is_empty() {
                return Err(WitnessError::UnexpectedProof);
            }
        } else {
            verify_consistency(old, new, &known_root, &checkpoint.root, &request.proof)
                .map_err(WitnessError::InvalidProof)?;
        }
        let head = TreeHead {
            size: new,
            root: checkpoint.root,
        };
        if !self
            .store
            .compare_and_swap(&checkpoint.origin, latest.as_ref(), &head)?
        {
            let now_known = self.store.latest(&checkpoint.origin)?.map_or(0, |h| h.size);
            return Err(WitnessError::Conflict {
                old,
                known_size: now_known,
            });
        }
        Ok(cosign(&self.key, &parsed.text, now)?.to_line())
    }
}
