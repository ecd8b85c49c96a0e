//! A [`LogStorage`] in a directory of append-only files.
//!
//! | file | contents | durability |
//! |---|---|---|
//! | `entries.log` | records `u32 BE length ‖ entry ‖ first 8 bytes of the leaf hash` | `fdatasync` before an append returns |
//! | `entries.idx` | `u64 BE` end offset of each record | derived; synced by [`LogStorage::sync`] |
//! | `hashes.bin` | stored hashes, 32 bytes each, canonical order | derived; synced by [`LogStorage::sync`] |
//! | `synced` | `v1 <size> <entries.log offset>`: derived files are valid up to there | atomic rename |
//! | `checkpoint` | latest signed checkpoint note | atomic rename |
//!
//! On open, derived files are cut back to the `synced` point and rebuilt from the records
//! after it (the log recomputes the hashes). A record that is truncated or fails its
//! checksum ends the log: it can only be an unacknowledged write torn by a crash. Those
//! bytes are moved to `entries.log.torn-<offset>`, never silently dropped.
//!
//! Over 400 lines: the files' formats, their crash-recovery on open and their durability
//! rules belong together (each recovery step refers to a write step).

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufReader, Read, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError, RwLock};

use crate::hash::{HASH_SIZE, Hash, leaf_hash};
use crate::storage::{LogStorage, StorageError, check_entry_range, check_hash_append};
use crate::tree::{NodeId, stored_hash_count, stored_hash_index};

const ENTRIES: &str = "entries.log";
const INDEX: &str = "entries.idx";
const HASHES: &str = "hashes.bin";
const SYNCED: &str = "synced";
const CHECKPOINT: &str = "checkpoint";

/// Bytes of the leaf hash kept as a record checksum.
const CHECKSUM_SIZE: usize = 8;
/// Record header: the entry length.
const HEADER_SIZE: usize = 4;
/// Larger records are treated as corrupt.
const MAX_RECORD: usize = 1 << 24;
/// Levels at and above this one are cached in memory (1/128 of the hashes).
const CACHED_LEVEL: u8 = 8;
/// Stored hashes closer than this are fetched with one read.
const READ_WINDOW: u64 = 512;

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> StorageError + '_ {
    move |source| StorageError::Io {
        path: path.to_owned(),
        source,
    }
}

struct State {
    entry_count: u64,
    entries_len: u64,
    hashed: u64,
    /// `upper[l]` holds the stored hashes of level `CACHED_LEVEL + l`.
    upper: Vec<Vec<Hash>>,
}

/// Entries, hashes and checkpoint of a log in one directory.
pub struct FileStorage {
    dir: PathBuf,
    entries: File,
    index: File,
    hashes: File,
    state: RwLock<State>,
    writer: Mutex<()>,
    syncer: Mutex<()>,
    broken: AtomicBool,
    torn_bytes: u64,
}

impl FileStorage {
    /// Opens (or creates) the storage in `dir`, recovering from a crash.
    pub fn open(dir: impl AsRef<Path>) -> Result<Self, StorageError> {
        let dir = dir.as_ref().to_owned();
        fs::create_dir_all(&dir).map_err(io_error(&dir))?;
        let open = |name: &str| {
            let path = dir.join(name);
            OpenOptions::new()
                .read(true)
                .append(true)
                .create(true)
                .open(&path)
                .map_err(io_error(&path))
        };
        let entries = open(ENTRIES)?;
        let index = open(INDEX)?;
        let hashes = open(HASHES)?;
        sync_dir(&dir)?;

        let len = |file: &File, name: &str| {
            file.metadata()
                .map(|m| m.len())
                .map_err(io_error(&dir.join(name)))
        };
        let entries_len = len(&entries, ENTRIES)?;
        let (mut synced, mut synced_offset) = read_synced(&dir).unwrap_or((0, 0));
        if synced > 0 {
            let idx_ok = len(&index, INDEX)? >= synced * 8
                && read_u64_at(&index, (synced - 1) * 8).ok() == Some(synced_offset);
            if !idx_ok {
                // The index no longer matches its sync point: rebuild it from the records.
                (synced, synced_offset) = (0, 0);
            }
        }
        if entries_len < synced_offset {
            return Err(StorageError::Corrupt(format!(
                "{ENTRIES} has {entries_len} bytes but {synced_offset} were synced: \
                 acknowledged entries are missing"
            )));
        }
        index
            .set_len(synced * 8)
            .map_err(io_error(&dir.join(INDEX)))?;

        let scan = scan_records(&entries, synced_offset, entries_len)
            .map_err(io_error(&dir.join(ENTRIES)))?;
        let mut torn_bytes = 0;
        if scan.valid_end < entries_len {
            torn_bytes = entries_len - scan.valid_end;
            preserve_torn_tail(&dir, &entries, scan.valid_end, entries_len)?;
        }
        (&index)
            .write_all(&scan.index_tail)
            .map_err(io_error(&dir.join(INDEX)))?;
        let entry_count = synced + scan.count;

        let want = stored_hash_count(synced) * HASH_SIZE as u64;
        let hashed = if len(&hashes, HASHES)? >= want {
            synced
        } else {
            0
        };
        hashes
            .set_len(stored_hash_count(hashed) * HASH_SIZE as u64)
            .map_err(io_error(&dir.join(HASHES)))?;
        let upper = load_upper(&hashes, hashed).map_err(io_error(&dir.join(HASHES)))?;

        Ok(Self {
            dir,
            entries,
            index,
            hashes,
            state: RwLock::new(State {
                entry_count,
                entries_len: scan.valid_end,
                hashed,
                upper,
            }),
            writer: Mutex::new(()),
            syncer: Mutex::new(()),
            broken: AtomicBool::new(false),
            torn_bytes,
        })
    }

    /// Directory of the storage.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Bytes of a torn tail moved aside when this storage was opened (0 after a clean stop).
    pub fn torn_bytes(&self) -> u64 {
        self.torn_bytes
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    fn read_state(&self) -> std::sync::RwLockReadGuard<'_, State> {
        self.state.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write_state(&self) -> std::sync::RwLockWriteGuard<'_, State> {
        self.state.write().unwrap_or_else(PoisonError::into_inner)
    }

    /// Serializes writers; refuses to write after a failed write (the files may hold a
    /// partial append that only a reopen can clean up).
    fn lock_writer(&self) -> Result<MutexGuard<'_, ()>, StorageError> {
        let guard = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        if self.broken.load(Ordering::SeqCst) {
            return Err(StorageError::Corrupt(
                "an earlier write failed; reopen the storage".into(),
            ));
        }
        Ok(guard)
    }

    fn fail<T>(&self, result: Result<T, StorageError>) -> Result<T, StorageError> {
        if result.is_err() {
            self.broken.store(true, Ordering::SeqCst);
        }
        result
    }

    fn read_index(&self, first: u64, count: u64) -> Result<Vec<u64>, StorageError> {
        let mut buf = vec![0u8; count as usize * 8];
        self.index
            .read_exact_at(&mut buf, first * 8)
            .map_err(io_error(&self.path(INDEX)))?;
        Ok(buf
            .chunks_exact(8)
            .map(|c| u64::from_be_bytes(c.try_into().unwrap_or_default()))
            .collect())
    }

    fn read_hash_file(
        &self,
        wanted: &mut [(u64, usize)],
        out: &mut [Hash],
    ) -> Result<(), StorageError> {
        wanted.sort_unstable();
        let mut i = 0;
        while i < wanted.len() {
            let first = wanted[i].0;
            let mut j = i;
            while j + 1 < wanted.len() && wanted[j + 1].0 - first < READ_WINDOW {
                j += 1;
            }
            let span = wanted[j].0 - first + 1;
            let mut buf = vec![0u8; span as usize * HASH_SIZE];
            self.hashes
                .read_exact_at(&mut buf, first * HASH_SIZE as u64)
                .map_err(io_error(&self.path(HASHES)))?;
            for &(position, slot) in &wanted[i..=j] {
                let at = (position - first) as usize * HASH_SIZE;
                out[slot] = Hash::from_slice(&buf[at..at + HASH_SIZE])
                    .map_err(|e| StorageError::Corrupt(e.to_string()))?;
            }
            i = j + 1;
        }
        Ok(())
    }
}

impl LogStorage for FileStorage {
    fn entry_count(&self) -> u64 {
        self.read_state().entry_count
    }

    fn hashed_size(&self) -> u64 {
        self.read_state().hashed
    }

    fn append_entries(
        &self,
        entries: &[Vec<u8>],
        leaf_hashes: &[Hash],
    ) -> Result<(), StorageError> {
        let _writer = self.lock_writer()?;
        if entries.len() != leaf_hashes.len() {
            return Err(StorageError::HashCount {
                leaves: entries.len() as u64,
                expected: entries.len() as u64,
                got: leaf_hashes.len() as u64,
            });
        }
        if let Some(big) = entries.iter().find(|e| e.len() > MAX_RECORD) {
            return Err(StorageError::Corrupt(format!(
                "an entry of {} bytes exceeds the record limit",
                big.len()
            )));
        }
        let mut offset = self.read_state().entries_len;
        let total = entries
            .iter()
            .map(|e| HEADER_SIZE + e.len() + CHECKSUM_SIZE)
            .sum();
        let mut records = Vec::with_capacity(total);
        let mut ends = Vec::with_capacity(entries.len() * 8);
        for (entry, leaf) in entries.iter().zip(leaf_hashes) {
            records.extend_from_slice(&(entry.len() as u32).to_be_bytes());
            records.extend_from_slice(entry);
            records.extend_from_slice(&leaf.0[..CHECKSUM_SIZE]);
            offset += (HEADER_SIZE + entry.len() + CHECKSUM_SIZE) as u64;
            ends.extend_from_slice(&offset.to_be_bytes());
        }
        let path = self.path(ENTRIES);
        self.fail(
            (&self.entries)
                .write_all(&records)
                .and_then(|()| self.entries.sync_data())
                .map_err(io_error(&path)),
        )?;
        let path = self.path(INDEX);
        self.fail((&self.index).write_all(&ends).map_err(io_error(&path)))?;
        let mut state = self.write_state();
        state.entry_count += entries.len() as u64;
        state.entries_len = offset;
        Ok(())
    }

    fn append_hashes(&self, leaves: u64, hashes: &[Hash]) -> Result<(), StorageError> {
        let _writer = self.lock_writer()?;
        let (hashed, entries) = {
            let s = self.read_state();
            (s.hashed, s.entry_count)
        };
        check_hash_append(hashed, entries, leaves, hashes.len())?;
        let bytes: Vec<u8> = hashes.iter().flat_map(|h| h.0).collect();
        let path = self.path(HASHES);
        self.fail((&self.hashes).write_all(&bytes).map_err(io_error(&path)))?;
        let mut state = self.write_state();
        let mut position = 0;
        for leaf in hashed..hashed + leaves {
            let group = 1 + (leaf + 1).trailing_zeros() as usize;
            for level in CACHED_LEVEL as usize..group {
                let l = level - CACHED_LEVEL as usize;
                if state.upper.len() <= l {
                    state.upper.resize_with(l + 1, Vec::new);
                }
                state.upper[l].push(hashes[position + level]);
            }
            position += group;
        }
        state.hashed += leaves;
        Ok(())
    }

    fn read_entries(&self, start: u64, count: u64) -> Result<Vec<Vec<u8>>, StorageError> {
        let end = check_entry_range(start, count, self.read_state().entry_count)?;
        if count == 0 {
            return Ok(Vec::new());
        }
        let (first, ends) = if start == 0 {
            (0, self.read_index(0, count)?)
        } else {
            let mut offsets = self.read_index(start - 1, count + 1)?;
            let first = offsets.remove(0);
            (first, offsets)
        };
        let last = ends.last().copied().unwrap_or(first);
        let corrupt = |what: &str| StorageError::Corrupt(format!("{ENTRIES}: {what}"));
        if last < first {
            return Err(corrupt("index offsets go backwards"));
        }
        let mut buf = vec![0u8; (last - first) as usize];
        self.entries
            .read_exact_at(&mut buf, first)
            .map_err(io_error(&self.path(ENTRIES)))?;
        let mut out = Vec::with_capacity(count as usize);
        let mut at = 0usize;
        for (i, &record_end) in ends.iter().enumerate() {
            let index = start + i as u64;
            let entry = parse_record(&buf[at..])
                .ok_or_else(|| corrupt(&format!("record {index} is damaged")))?;
            at += HEADER_SIZE + entry.len() + CHECKSUM_SIZE;
            if first + at as u64 != record_end {
                return Err(corrupt(&format!(
                    "record {index} does not end at its index offset"
                )));
            }
            out.push(entry.to_vec());
        }
        debug_assert_eq!(end, start + out.len() as u64);
        Ok(out)
    }

    fn read_hashes(&self, nodes: &[NodeId]) -> Result<Vec<Hash>, StorageError> {
        let mut out = vec![Hash::default(); nodes.len()];
        let mut from_file = Vec::new();
        {
            let state = self.read_state();
            for (slot, node) in nodes.iter().enumerate() {
                if node.end_leaf().is_none_or(|end| end > state.hashed) {
                    return Err(StorageError::HashNotStored(*node));
                }
                if node.level >= CACHED_LEVEL {
                    out[slot] = state
                        .upper
                        .get(usize::from(node.level - CACHED_LEVEL))
                        .and_then(|level| level.get(usize::try_from(node.index).ok()?))
                        .copied()
                        .ok_or(StorageError::HashNotStored(*node))?;
                } else {
                    from_file.push((stored_hash_index(*node), slot));
                }
            }
        }
        self.read_hash_file(&mut from_file, &mut out)?;
        Ok(out)
    }

    fn sync(&self) -> Result<u64, StorageError> {
        let _syncer = self.syncer.lock().unwrap_or_else(PoisonError::into_inner);
        let hashed = self.read_state().hashed;
        let offset = if hashed == 0 {
            0
        } else {
            self.read_index(hashed - 1, 1)?
                .first()
                .copied()
                .unwrap_or(0)
        };
        self.index
            .sync_data()
            .map_err(io_error(&self.path(INDEX)))?;
        self.hashes
            .sync_data()
            .map_err(io_error(&self.path(HASHES)))?;
        replace_file(
            &self.dir,
            SYNCED,
            format!("v1 {hashed} {offset}\n").as_bytes(),
        )?;
        Ok(hashed)
    }

    fn store_checkpoint(&self, note: &[u8]) -> Result<(), StorageError> {
        let _syncer = self.syncer.lock().unwrap_or_else(PoisonError::into_inner);
        replace_file(&self.dir, CHECKPOINT, note)
    }

    fn load_checkpoint(&self) -> Result<Option<Vec<u8>>, StorageError> {
        let path = self.path(CHECKPOINT);
        match fs::read(&path) {
            Ok(note) => Ok(Some(note)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io_error(&path)(e)),
        }
    }
}

/// The entry of a record at the start of `buf`, if complete and its checksum matches.
fn parse_record(buf: &[u8]) -> Option<&[u8]> {
    let (len, rest) = buf.split_first_chunk::<HEADER_SIZE>()?;
    let len = u32::from_be_bytes(*len) as usize;
    if len > MAX_RECORD || rest.len() < len + CHECKSUM_SIZE {
        return None;
    }
    let (entry, rest) = rest.split_at(len);
    (rest[..CHECKSUM_SIZE] == leaf_hash(entry).0[..CHECKSUM_SIZE]).then_some(entry)
}

struct Scan {
    count: u64,
    valid_end: u64,
    index_tail: Vec<u8>,
}

/// Reads records from `offset` to `len`, stopping at the first damaged one.
fn scan_records(file: &File, offset: u64, len: u64) -> io::Result<Scan> {
    let mut reader = BufReader::with_capacity(1 << 20, ReadAt { file, at: offset });
    let mut scan = Scan {
        count: 0,
        valid_end: offset,
        index_tail: Vec::new(),
    };
    let mut header = [0u8; HEADER_SIZE];
    let mut record = Vec::new();
    while scan.valid_end < len {
        if !read_full(&mut reader, &mut header)? {
            break;
        }
        let entry_len = u32::from_be_bytes(header) as usize;
        if entry_len > MAX_RECORD {
            break;
        }
        record.clear();
        record.extend_from_slice(&header);
        record.resize(HEADER_SIZE + entry_len + CHECKSUM_SIZE, 0);
        if !read_full(&mut reader, &mut record[HEADER_SIZE..])? || parse_record(&record).is_none() {
            break;
        }
        scan.valid_end += record.len() as u64;
        scan.count += 1;
        scan.index_tail
            .extend_from_slice(&scan.valid_end.to_be_bytes());
    }
    Ok(scan)
}

/// `read_exact` that reports a clean or torn end of file as `false`.
fn read_full(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<bool> {
    match reader.read_exact(buf) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(false),
        Err(e) => Err(e),
    }
}

/// Sequential reads through `pread`, so the shared append handle is not moved.
struct ReadAt<'a> {
    file: &'a File,
    at: u64,
}

impl Read for ReadAt<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.file.read_at(buf, self.at)?;
        self.at += n as u64;
        Ok(n)
    }
}

fn read_u64_at(file: &File, at: u64) -> io::Result<u64> {
    let mut buf = [0u8; 8];
    file.read_exact_at(&mut buf, at)?;
    Ok(u64::from_be_bytes(buf))
}

/// Copies `[from, to)` of the entries file aside, then truncates it at `from`.
fn preserve_torn_tail(dir: &Path, entries: &File, from: u64, to: u64) -> Result<(), StorageError> {
    let path = dir.join(format!("{ENTRIES}.torn-{from}"));
    let mut tail = vec![0u8; (to - from) as usize];
    entries
        .read_exact_at(&mut tail, from)
        .map_err(io_error(&dir.join(ENTRIES)))?;
    let mut file = File::create(&path).map_err(io_error(&path))?;
    file.write_all(&tail)
        .and_then(|()| file.sync_all())
        .map_err(io_error(&path))?;
    sync_dir(dir)?;
    entries
        .set_len(from)
        .and_then(|()| entries.sync_all())
        .map_err(io_error(&dir.join(ENTRIES)))
}

/// Loads the hashes of levels ≥ [`CACHED_LEVEL`]: the ones completed by every 256th leaf.
fn load_upper(hashes: &File, hashed: u64) -> io::Result<Vec<Vec<Hash>>> {
    let mut upper: Vec<Vec<Hash>> = Vec::new();
    let step = 1u64 << CACHED_LEVEL;
    let mut leaf = step - 1;
    while leaf < hashed {
        let top = (leaf + 1).trailing_zeros() as usize;
        let count = top + 1 - CACHED_LEVEL as usize;
        let mut buf = vec![0u8; count * HASH_SIZE];
        hashes.read_exact_at(
            &mut buf,
            (stored_hash_count(leaf) + u64::from(CACHED_LEVEL)) * HASH_SIZE as u64,
        )?;
        for (l, chunk) in buf.chunks_exact(HASH_SIZE).enumerate() {
            if upper.len() <= l {
                upper.resize_with(l + 1, Vec::new);
            }
            upper[l].push(Hash(chunk.try_into().unwrap_or_default()));
        }
        leaf += step;
    }
    Ok(upper)
}

fn read_synced(dir: &Path) -> Option<(u64, u64)> {
    let text = fs::read_to_string(dir.join(SYNCED)).ok()?;
    let mut parts = text.strip_suffix('\n')?.split(' ');
    if parts.next()? != "v1" {
        return None;
    }
    let size = parts.next()?.parse().ok()?;
    let offset = parts.next()?.parse().ok()?;
    parts.next().is_none().then_some((size, offset))
}

/// Writes `name` atomically: temporary file, `fsync`, rename, `fsync` of the directory.
pub(crate) fn replace_file(dir: &Path, name: &str, contents: &[u8]) -> Result<(), StorageError> {
    let tmp = dir.join(format!("{name}.tmp"));
    let mut file = File::create(&tmp).map_err(io_error(&tmp))?;
    file.write_all(contents)
        .and_then(|()| file.sync_all())
        .map_err(io_error(&tmp))?;
    let path = dir.join(name);
    fs::rename(&tmp, &path).map_err(io_error(&path))?;
    sync_dir(dir)
}

fn sync_dir(dir: &Path) -> Result<(), StorageError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io_error(dir))
}
