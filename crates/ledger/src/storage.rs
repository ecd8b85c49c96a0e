//! Where a [`crate::Log`] keeps its entries, hashes and latest checkpoint.
//!
//! Entries are the source of truth and must be durable when [`LogStorage::append_entries`]
//! returns. Hashes are derived data (recomputable from entries): they are appended in the
//! canonical stored order ([`crate::tree::stored_hash_index`]) and only need to be durable
//! after [`LogStorage::sync`]. The log calls the write methods from one thread at a time.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, PoisonError, RwLock};

use crate::hash::Hash;
use crate::tree::{HashSource, NodeId, TreeError, stored_hash_count, stored_hash_index};

/// A storage operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// A file operation failed.
    #[error("I/O error on {path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The error.
        #[source]
        source: std::io::Error,
    },
    /// Stored data contradicts itself (bad checksum, missing data below a sync point …).
    #[error("storage is corrupt: {0}")]
    Corrupt(String),
    /// Entries beyond those stored were asked for.
    #[error("entries {start}..{end} are not all stored ({count} stored)")]
    EntriesOutOfRange {
        /// First entry asked for.
        start: u64,
        /// One past the last entry asked for.
        end: u64,
        /// Entries stored.
        count: u64,
    },
    /// A hash not (yet) stored was asked for.
    #[error("hash of node (level {}, index {}) is not stored", .0.level, .0.index)]
    HashNotStored(NodeId),
    /// `append_hashes` got a number of hashes that does not fit the number of leaves.
    #[error("{leaves} leaves need {expected} stored hashes, got {got}")]
    HashCount {
        /// Leaves covered.
        leaves: u64,
        /// Hashes needed.
        expected: u64,
        /// Hashes given.
        got: u64,
    },
    /// Hashes were appended for entries that are not stored.
    #[error("hashes for {hashed} leaves but only {entries} entries are stored")]
    HashesBeyondEntries {
        /// Leaves hashed after the append.
        hashed: u64,
        /// Entries stored.
        entries: u64,
    },
    /// A failure injected by a test ([`MemoryStorage::fail_appends`]).
    #[error("injected storage failure")]
    Injected,
}

/// Persistence of a log: entries (durable on append), stored hashes (durable on sync) and
/// the latest signed checkpoint.
pub trait LogStorage: Send + Sync {
    /// Number of complete entries stored (a torn tail is dropped when the storage opens).
    fn entry_count(&self) -> u64;

    /// Number of leaves whose stored hashes are all present.
    fn hashed_size(&self) -> u64;

    /// Appends `entries` at index `entry_count()`; they are durable when this returns.
    /// `leaf_hashes[i]` is the leaf hash of `entries[i]`; a storage may use it as checksum.
    fn append_entries(&self, entries: &[Vec<u8>], leaf_hashes: &[Hash])
    -> Result<(), StorageError>;

    /// Appends the stored hashes (canonical order) that `leaves` more leaves add, starting
    /// at leaf `hashed_size()`. Durable only after [`LogStorage::sync`].
    fn append_hashes(&self, leaves: u64, hashes: &[Hash]) -> Result<(), StorageError>;

    /// Entries `start .. start + count`.
    fn read_entries(&self, start: u64, count: u64) -> Result<Vec<Vec<u8>>, StorageError>;

    /// Stored hashes of full subtrees, in the order asked.
    fn read_hashes(&self, nodes: &[NodeId]) -> Result<Vec<Hash>, StorageError>;

    /// Makes every appended hash durable; returns the hashed size now durable.
    fn sync(&self) -> Result<u64, StorageError>;

    /// Atomically and durably replaces the stored checkpoint note.
    fn store_checkpoint(&self, note: &[u8]) -> Result<(), StorageError>;

    /// The stored checkpoint note, if any.
    fn load_checkpoint(&self) -> Result<Option<Vec<u8>>, StorageError>;
}

impl<T: LogStorage + ?Sized> LogStorage for Arc<T> {
    fn entry_count(&self) -> u64 {
        (**self).entry_count()
    }
    fn hashed_size(&self) -> u64 {
        (**self).hashed_size()
    }
    fn append_entries(
        &self,
        entries: &[Vec<u8>],
        leaf_hashes: &[Hash],
    ) -> Result<(), StorageError> {
        (**self).append_entries(entries, leaf_hashes)
    }
    fn append_hashes(&self, leaves: u64, hashes: &[Hash]) -> Result<(), StorageError> {
        (**self).append_hashes(leaves, hashes)
    }
    fn read_entries(&self, start: u64, count: u64) -> Result<Vec<Vec<u8>>, StorageError> {
        (**self).read_entries(start, count)
    }
    fn read_hashes(&self, nodes: &[NodeId]) -> Result<Vec<Hash>, StorageError> {
        (**self).read_hashes(nodes)
    }
    fn sync(&self) -> Result<u64, StorageError> {
        (**self).sync()
    }
    fn store_checkpoint(&self, note: &[u8]) -> Result<(), StorageError> {
        (**self).store_checkpoint(note)
    }
    fn load_checkpoint(&self) -> Result<Option<Vec<u8>>, StorageError> {
        (**self).load_checkpoint()
    }
}

/// A [`LogStorage`] seen as a [`HashSource`].
pub struct StoredHashes<'a>(pub &'a dyn LogStorage);

impl HashSource for StoredHashes<'_> {
    fn read_hashes(&self, nodes: &[NodeId]) -> Result<Vec<Hash>, TreeError> {
        self.0
            .read_hashes(nodes)
            .map_err(|e| TreeError::Source(Box::new(e)))
    }
}

/// Checks an `append_hashes` call against the hashed size and entry count.
pub(crate) fn check_hash_append(
    hashed: u64,
    entries: u64,
    leaves: u64,
    got: usize,
) -> Result<(), StorageError> {
    let after = hashed + leaves;
    if after > entries {
        return Err(StorageError::HashesBeyondEntries {
            hashed: after,
            entries,
        });
    }
    let expected = stored_hash_count(after) - stored_hash_count(hashed);
    if expected != got as u64 {
        return Err(StorageError::HashCount {
            leaves,
            expected,
            got: got as u64,
        });
    }
    Ok(())
}

/// Checks that `[start, start + count)` lies within `stored` entries.
pub(crate) fn check_entry_range(start: u64, count: u64, stored: u64) -> Result<u64, StorageError> {
    match start.checked_add(count) {
        Some(end) if end <= stored => Ok(end),
        end => Err(StorageError::EntriesOutOfRange {
            start,
            end: end.unwrap_or(u64::MAX),
            count: stored,
        }),
    }
}

#[derive(Default)]
struct MemoryInner {
    entries: Vec<Vec<u8>>,
    hashes: Vec<Hash>,
    hashed: u64,
    checkpoint: Option<Vec<u8>>,
}

/// A [`LogStorage`] in memory, for tests: nothing survives the process.
#[derive(Default)]
pub struct MemoryStorage {
    inner: RwLock<MemoryInner>,
    fail: AtomicBool,
}

impl MemoryStorage {
    /// An empty storage.
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes every later append fail (or succeed again), to test failure handling.
    pub fn fail_appends(&self, fail: bool) {
        self.fail.store(fail, Ordering::SeqCst);
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, MemoryInner> {
        self.inner.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, MemoryInner> {
        self.inner.write().unwrap_or_else(PoisonError::into_inner)
    }
}

impl LogStorage for MemoryStorage {
    fn entry_count(&self) -> u64 {
        self.read().entries.len() as u64
    }

    fn hashed_size(&self) -> u64 {
        self.read().hashed
    }

    fn append_entries(&self, entries: &[Vec<u8>], _: &[Hash]) -> Result<(), StorageError> {
        if self.fail.load(Ordering::SeqCst) {
            return Err(StorageError::Injected);
        }
        self.write().entries.extend_from_slice(entries);
        Ok(())
    }

    fn append_hashes(&self, leaves: u64, hashes: &[Hash]) -> Result<(), StorageError> {
        if self.fail.load(Ordering::SeqCst) {
            return Err(StorageError::Injected);
        }
        let mut inner = self.write();
        check_hash_append(
            inner.hashed,
            inner.entries.len() as u64,
            leaves,
            hashes.len(),
        )?;
        inner.hashes.extend_from_slice(hashes);
        inner.hashed += leaves;
        Ok(())
    }

    fn read_entries(&self, start: u64, count: u64) -> Result<Vec<Vec<u8>>, StorageError> {
        let inner = self.read();
        let end = check_entry_range(start, count, inner.entries.len() as u64)?;
        Ok(inner.entries[start as usize..end as usize].to_vec())
    }

    fn read_hashes(&self, nodes: &[NodeId]) -> Result<Vec<Hash>, StorageError> {
        let inner = self.read();
        nodes
            .iter()
            .map(|node| {
                node.end_leaf()
                    .filter(|&end| end <= inner.hashed)
                    .and_then(|_| usize::try_from(stored_hash_index(*node)).ok())
                    .and_then(|i| inner.hashes.get(i).copied())
                    .ok_or(StorageError::HashNotStored(*node))
            })
            .collect()
    }

    fn sync(&self) -> Result<u64, StorageError> {
        Ok(self.read().hashed)
    }

    fn store_checkpoint(&self, note: &[u8]) -> Result<(), StorageError> {
        self.write().checkpoint = Some(note.to_vec());
        Ok(())
    }

    fn load_checkpoint(&self) -> Result<Option<Vec<u8>>, StorageError> {
        Ok(self.read().checkpoint.clone())
    }
}
