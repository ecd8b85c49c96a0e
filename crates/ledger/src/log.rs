//! The transparency log: durable appends with group commit, checkpoints, proofs and tiles.
//!
//! Appends from any number of threads are queued; whichever caller finds no commit in
//! progress becomes the leader, takes the whole queue, writes it with one write and one
//! `fsync`, hashes it, publishes the new size and wakes the others. An append returns only
//! once its entries are durable, and the tree size that proofs and checkpoints see never
//! runs ahead of durable entries. A failed write stops the log (every later append fails)
//! until it is reopened, since the storage may hold a partial batch that only recovery can
//! cut away; the entries of a failed append may or may not be in the reopened log.
//!
//! Over 400 lines: the group-commit protocol (queue, leader, durable write, publish) is one
//! piece whose invariants are stated and kept in one place.

use std::fmt;
use std::mem;
use std::ops::Range;
use std::path::Path;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError, RwLock};
use std::time::{Duration, Instant};

use crate::checkpoint::{Checkpoint, CheckpointError};
use crate::file_storage::FileStorage;
use crate::frontier::Frontier;
use crate::hash::{Hash, empty_root, leaf_hash};
use crate::note::{self, NoteError};
use crate::proof::{self, ProofError};
use crate::storage::{LogStorage, StorageError, StoredHashes};
use crate::tile::{
    TILE_HEIGHT, TileError, TileKind, TilePath, encode_entry_bundle, encode_hash_tile,
    tile_available,
};
use crate::tree::{HashSource, NodeId, TreeError, tree_hash};
use crate::vkey::{KeyType, SignerKey, VerifierKey};

/// Largest entry: the `u16` length prefix of tlog-tiles entry bundles.
pub const MAX_ENTRY_SIZE: usize = u16::MAX as usize;

/// Entries read at a time when hashes are rebuilt or verified.
const CHUNK: u64 = 4096;

/// Upper bound of the time a new leader waits for more entries to join its batch.
const MAX_LINGER: Duration = Duration::from_millis(2);

/// A log operation failed.
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    /// An entry exceeds [`MAX_ENTRY_SIZE`].
    #[error("entry of {0} bytes is larger than {MAX_ENTRY_SIZE} bytes")]
    EntryTooLarge(usize),
    /// The origin cannot be a checkpoint origin line.
    #[error("invalid log origin: {0}")]
    InvalidOrigin(CheckpointError),
    /// Checkpoints are signed with plain Ed25519 note keys.
    #[error("log key {0} must be an Ed25519 (type 0x01) key")]
    WrongKeyType(String),
    /// The stored checkpoint cannot be read.
    #[error("stored checkpoint is unreadable: {0}")]
    StoredCheckpoint(String),
    /// The storage belongs to another log.
    #[error("storage holds a checkpoint of {found:?}, not of {expected:?}")]
    OriginMismatch {
        /// Origin given to open.
        expected: String,
        /// Origin of the stored checkpoint.
        found: String,
    },
    /// Fewer entries than the last signed checkpoint covers: storage lost data.
    #[error("the last checkpoint covers {checkpoint} entries but only {entries} are stored")]
    EntriesLost {
        /// Size of the stored checkpoint.
        checkpoint: u64,
        /// Entries found.
        entries: u64,
    },
    /// Recomputed hashes disagree with the stored checkpoint or stored hashes.
    #[error("at size {size} the stored data gives root {computed}, but {expected} was signed")]
    RootMismatch {
        /// Tree size.
        size: u64,
        /// Root recomputed.
        computed: Hash,
        /// Root expected.
        expected: Hash,
    },
    /// A stored hash differs from the one recomputed from the entries.
    #[error("stored hash of node (level {}, index {}) differs from the recomputed one", .0.level, .0.index)]
    HashMismatch(NodeId),
    /// A size beyond the current log was asked for.
    #[error("tree size {size} is beyond the log size {log_size}")]
    SizeBeyondLog {
        /// Size asked for.
        size: u64,
        /// Current size.
        log_size: u64,
    },
    /// An earlier write failed; the log must be reopened.
    #[error("log stopped after a storage failure ({0}); reopen it")]
    Stopped(String),
    /// Storage failure.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// Proof generation failure.
    #[error(transparent)]
    Proof(#[from] ProofError),
    /// Hash reading failure.
    #[error(transparent)]
    Tree(#[from] TreeError),
    /// Checkpoint building failure.
    #[error(transparent)]
    Checkpoint(#[from] CheckpointError),
    /// Tile encoding failure.
    #[error(transparent)]
    Tile(#[from] TileError),
}

struct Queue {
    /// Entries waiting for a commit: indexes `durable .. next_index`, minus any in flight.
    pending: Vec<Vec<u8>>,
    /// Index the next queued entry gets.
    next_index: u64,
    /// Entries durable and published.
    durable: u64,
    /// Whether a leader is writing.
    committing: bool,
    /// Why the log stopped, if it did.
    failed: Option<String>,
    /// Entries in the last commit: how many concurrent appenders to expect.
    last_batch: usize,
    /// Duration of the last commit (mostly the `fsync`).
    last_commit: Duration,
}

/// An append-only Merkle tree log of byte entries, with signed checkpoints.
///
/// `Log` is `Send + Sync`; its methods block on I/O, so call them from
/// `tokio::task::spawn_blocking` in an async server.
pub struct Log {
    storage: Box<dyn LogStorage>,
    signer: SignerKey,
    origin: String,
    queue: Mutex<Queue>,
    committed: Condvar,
    arrived: Condvar,
    tree: RwLock<Frontier>,
    checkpoint: Mutex<Option<(u64, Vec<u8>)>>,
}

impl fmt::Debug for Log {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Log")
            .field("origin", &self.origin)
            .field("size", &self.size())
            .finish_non_exhaustive()
    }
}

/// Marks the log stopped if a leader unwinds out of a commit.
struct CommitGuard<'a> {
    log: &'a Log,
    armed: bool,
}

impl Drop for CommitGuard<'_> {
    fn drop(&mut self) {
        if self.armed {
            let mut q = self.log.lock_queue();
            q.committing = false;
            q.failed = Some("a commit panicked".into());
            self.log.committed.notify_all();
        }
    }
}

impl Log {
    /// Opens (or creates) a log stored in the directory `dir`.
    ///
    /// `signer` signs checkpoints for `origin` (by convention the key name is the origin).
    pub fn open(dir: impl AsRef<Path>, signer: SignerKey, origin: &str) -> Result<Self, LogError> {
        Self::with_storage(FileStorage::open(dir)?, signer, origin)
    }

    /// Opens a log on any storage: rebuilds hashes missing since the storage's last sync
    /// and checks the stored checkpoint against the entries.
    pub fn with_storage(
        storage: impl LogStorage + 'static,
        signer: SignerKey,
        origin: &str,
    ) -> Result<Self, LogError> {
        Checkpoint::new(origin, 0, empty_root()).map_err(LogError::InvalidOrigin)?;
        if signer.key_type() != KeyType::Ed25519 {
            return Err(LogError::WrongKeyType(signer.name().to_owned()));
        }
        let storage: Box<dyn LogStorage> = Box::new(storage);
        let entries = storage.entry_count();
        let hashed = storage.hashed_size();
        if hashed > entries {
            return Err(StorageError::Corrupt(format!(
                "{hashed} leaves hashed but only {entries} entries stored"
            ))
            .into());
        }
        let stored = load_checkpoint(&*storage, origin)?;
        if let Some((checkpoint, _)) = &stored
            && checkpoint.size > entries
        {
            return Err(LogError::EntriesLost {
                checkpoint: checkpoint.size,
                entries,
            });
        }

        let mut frontier = Frontier::from_source(hashed, &StoredHashes(&*storage))?;
        let mut next = hashed;
        while next < entries {
            let count = CHUNK.min(entries - next);
            let batch = storage.read_entries(next, count)?;
            let mut hashes = Vec::with_capacity(2 * batch.len());
            for entry in &batch {
                frontier.push(leaf_hash(entry), &mut hashes);
            }
            storage.append_hashes(count, &hashes)?;
            next += count;
        }
        if hashed < entries {
            storage.sync()?;
        }

        let mut cached = None;
        if let Some((checkpoint, note)) = stored {
            let computed = tree_hash(checkpoint.size, &StoredHashes(&*storage))?;
            if computed != checkpoint.root {
                return Err(LogError::RootMismatch {
                    size: checkpoint.size,
                    computed,
                    expected: checkpoint.root,
                });
            }
            if checkpoint.size == entries && note::open(&note, &[signer.verifier_key()]).is_ok() {
                cached = Some((checkpoint.size, note));
            }
        }
        Ok(Self {
            storage,
            signer,
            origin: origin.to_owned(),
            queue: Mutex::new(Queue {
                pending: Vec::new(),
                next_index: entries,
                durable: entries,
                committing: false,
                failed: None,
                last_batch: 0,
                last_commit: Duration::ZERO,
            }),
            committed: Condvar::new(),
            arrived: Condvar::new(),
            tree: RwLock::new(frontier),
            checkpoint: Mutex::new(cached),
        })
    }

    /// The log's origin line.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The key that verifies this log's checkpoints.
    pub fn verifier_key(&self) -> VerifierKey {
        self.signer.verifier_key()
    }

    /// Number of durable entries.
    pub fn size(&self) -> u64 {
        self.read_tree().size()
    }

    /// Root hash of the whole log.
    pub fn root(&self) -> Hash {
        self.read_tree().root()
    }

    /// Appends one entry; returns its index once it is durable.
    pub fn append(&self, entry: impl Into<Vec<u8>>) -> Result<u64, LogError> {
        Ok(self.append_batch(vec![entry.into()])?.start)
    }

    /// Appends entries in order, contiguously; returns their indexes once all are durable.
    pub fn append_batch(&self, entries: Vec<Vec<u8>>) -> Result<Range<u64>, LogError> {
        if let Some(big) = entries.iter().find(|e| e.len() > MAX_ENTRY_SIZE) {
            return Err(LogError::EntryTooLarge(big.len()));
        }
        let mut q = self.lock_queue();
        if let Some(why) = &q.failed {
            return Err(LogError::Stopped(why.clone()));
        }
        let start = q.next_index;
        let end = start + entries.len() as u64;
        q.next_index = end;
        q.pending.extend(entries);
        self.arrived.notify_one();
        loop {
            if q.durable >= end {
                return Ok(start..end);
            }
            if let Some(why) = &q.failed {
                return Err(LogError::Stopped(why.clone()));
            }
            if q.committing {
                q = self
                    .committed
                    .wait(q)
                    .unwrap_or_else(PoisonError::into_inner);
                continue;
            }
            // Become the leader. Right after a commit the other appenders are still waking
            // up: wait a little (a fraction of an fsync) for as many entries as the last
            // batch had, so that batches do not alternate between tiny and large.
            q.committing = true;
            let linger = (q.last_commit / 4).min(MAX_LINGER);
            let deadline = Instant::now() + linger;
            while q.pending.len() < q.last_batch {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    break;
                }
                q = self
                    .arrived
                    .wait_timeout(q, left)
                    .unwrap_or_else(PoisonError::into_inner)
                    .0;
            }
            let batch = mem::take(&mut q.pending);
            let first = q.durable;
            let count = batch.len() as u64;
            drop(q);
            let mut guard = CommitGuard {
                log: self,
                armed: true,
            };
            let started = Instant::now();
            let result = self.commit(first, batch);
            guard.armed = false;
            q = self.lock_queue();
            q.committing = false;
            q.last_batch = count as usize;
            q.last_commit = started.elapsed();
            match &result {
                Ok(()) => q.durable = first + count,
                Err(e) => q.failed = Some(e.to_string()),
            }
            self.committed.notify_all();
            result?;
        }
    }

    /// Writes a batch durably, hashes it and publishes the new size.
    fn commit(&self, first: u64, batch: Vec<Vec<u8>>) -> Result<(), LogError> {
        let leaves: Vec<Hash> = batch.iter().map(|e| leaf_hash(e)).collect();
        self.storage.append_entries(&batch, &leaves)?;
        let mut frontier = self.read_tree().clone();
        if frontier.size() != first {
            return Err(StorageError::Corrupt(format!(
                "commit at {first} but the tree has {} leaves",
                frontier.size()
            ))
            .into());
        }
        let mut hashes = Vec::with_capacity(2 * leaves.len());
        for leaf in leaves {
            frontier.push(leaf, &mut hashes);
        }
        self.storage.append_hashes(batch.len() as u64, &hashes)?;
        *self.tree.write().unwrap_or_else(PoisonError::into_inner) = frontier;
        Ok(())
    }

    /// Signs (or returns the already signed) checkpoint of the current durable size.
    ///
    /// The stored hashes are made durable and the note is stored before it is returned, so
    /// a reopened log can check itself against it.
    pub fn checkpoint(&self) -> Result<Vec<u8>, LogError> {
        let mut cached = self
            .checkpoint
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let (size, root) = {
            let tree = self.read_tree();
            (tree.size(), tree.root())
        };
        if let Some((cached_size, note)) = &*cached
            && *cached_size == size
        {
            return Ok(note.clone());
        }
        let note = Checkpoint::new(&self.origin, size, root)?.sign(&[&self.signer])?;
        let synced = self.storage.sync()?;
        if synced < size {
            return Err(StorageError::Corrupt(format!(
                "synced {synced} leaves, fewer than the {size} published"
            ))
            .into());
        }
        self.storage.store_checkpoint(&note)?;
        *cached = Some((size, note.clone()));
        Ok(note)
    }

    /// Audit path of entry `index` in the tree of `size` — RFC 9162 §2.1.3.
    pub fn inclusion_proof(&self, index: u64, size: u64) -> Result<Vec<Hash>, LogError> {
        self.check_size(size)?;
        Ok(proof::inclusion_proof(index, size, &self.hashes())?)
    }

    /// Consistency proof from the tree of `old` to the tree of `new` — RFC 9162 §2.1.4.
    pub fn consistency_proof(&self, old: u64, new: u64) -> Result<Vec<Hash>, LogError> {
        self.check_size(new)?;
        Ok(proof::consistency_proof(old, new, &self.hashes())?)
    }

    /// Root hash of the tree of `size`.
    pub fn tree_hash(&self, size: u64) -> Result<Hash, LogError> {
        self.check_size(size)?;
        Ok(tree_hash(size, &self.hashes())?)
    }

    /// Leaf hash of entry `index`.
    pub fn leaf_hash(&self, index: u64) -> Result<Hash, LogError> {
        self.check_size(index.saturating_add(1))?;
        let hashes = self.hashes().read_hashes(&[NodeId::new(0, index)])?;
        hashes
            .first()
            .copied()
            .ok_or_else(|| TreeError::WrongCount { want: 1, got: 0 }.into())
    }

    /// Entry `index`.
    pub fn entry(&self, index: u64) -> Result<Vec<u8>, LogError> {
        self.check_size(index.saturating_add(1))?;
        let mut entries = self.storage.read_entries(index, 1)?;
        entries.pop().ok_or_else(|| {
            StorageError::EntriesOutOfRange {
                start: index,
                end: index + 1,
                count: 0,
            }
            .into()
        })
    }

    /// Entries `start .. start + count`.
    pub fn entries(&self, start: u64, count: u64) -> Result<Vec<Vec<u8>>, LogError> {
        self.check_size(start.saturating_add(count))?;
        Ok(self.storage.read_entries(start, count)?)
    }

    /// Contents of a tlog-tiles resource, or `None` if the log does not (yet) hold all of it.
    pub fn tile(&self, path: &TilePath) -> Result<Option<Vec<u8>>, LogError> {
        if !tile_available(path, self.size()) {
            return Ok(None);
        }
        let (Some(first), width) = (path.first(), u64::from(path.width)) else {
            return Ok(None);
        };
        match path.kind {
            TileKind::Entries => {
                let entries = self.storage.read_entries(first, width)?;
                Ok(Some(encode_entry_bundle(&entries)?))
            }
            TileKind::Hashes(level) => {
                let Ok(level) = u8::try_from(u32::from(level) * TILE_HEIGHT) else {
                    return Ok(None);
                };
                let nodes: Vec<NodeId> = (first..first + width)
                    .map(|i| NodeId::new(level, i))
                    .collect();
                let hashes = self.storage.read_hashes(&nodes)?;
                Ok(Some(encode_hash_tile(&hashes)?))
            }
        }
    }

    /// Recomputes every stored hash and the stored checkpoint's root from the entries;
    /// returns the number of entries checked. Reads the whole log.
    pub fn verify_integrity(&self) -> Result<u64, LogError> {
        let size = self.size();
        let mut frontier = Frontier::new();
        let mut next = 0;
        while next < size {
            let count = CHUNK.min(size - next);
            let batch = self.storage.read_entries(next, count)?;
            let mut computed = Vec::with_capacity(2 * batch.len());
            let mut nodes = Vec::with_capacity(2 * batch.len());
            for (i, entry) in batch.iter().enumerate() {
                let leaf = next + i as u64;
                frontier.push(leaf_hash(entry), &mut computed);
                for level in 0..=(leaf + 1).trailing_zeros() {
                    nodes.push(NodeId::new(level as u8, ((leaf + 1) >> level) - 1));
                }
            }
            let stored = self.storage.read_hashes(&nodes)?;
            if let Some(i) = (0..nodes.len()).find(|&i| stored.get(i) != computed.get(i)) {
                return Err(LogError::HashMismatch(nodes[i]));
            }
            next += count;
        }
        if let Some((checkpoint, _)) = load_checkpoint(&*self.storage, &self.origin)? {
            let computed = tree_hash(checkpoint.size, &self.hashes())?;
            if computed != checkpoint.root {
                return Err(LogError::RootMismatch {
                    size: checkpoint.size,
                    computed,
                    expected: checkpoint.root,
                });
            }
        }
        Ok(size)
    }

    fn hashes(&self) -> StoredHashes<'_> {
        StoredHashes(&*self.storage)
    }

    fn check_size(&self, size: u64) -> Result<(), LogError> {
        let log_size = self.size();
        if size > log_size {
            return Err(LogError::SizeBeyondLog { size, log_size });
        }
        Ok(())
    }

    fn read_tree(&self) -> std::sync::RwLockReadGuard<'_, Frontier> {
        self.tree.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn lock_queue(&self) -> MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The stored checkpoint, parsed (its signature is not checked: it is the log's own file).
fn load_checkpoint(
    storage: &dyn LogStorage,
    origin: &str,
) -> Result<Option<(Checkpoint, Vec<u8>)>, LogError> {
    let Some(note) = storage.load_checkpoint()? else {
        return Ok(None);
    };
    let unreadable = |e: &dyn fmt::Display| LogError::StoredCheckpoint(e.to_string());
    let parsed = note::parse(&note).map_err(|e: NoteError| unreadable(&e))?;
    let checkpoint = Checkpoint::parse(&parsed.text).map_err(|e| unreadable(&e))?;
    if checkpoint.origin != origin {
        return Err(LogError::OriginMismatch {
            expected: origin.to_owned(),
            found: checkpoint.origin,
        });
    }
    Ok(Some((checkpoint, note)))
}
