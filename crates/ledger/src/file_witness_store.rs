//! A durable [`WitnessStore`]: the latest cosigned tree head of every log, in one file.
//!
//! C2SP tlog-witness requires that a witness "MUST persist the new checkpoint before
//! responding" and that checking the old size and persisting the new head happen atomically.
//! So [`FileWitnessStore::compare_and_swap`] holds a lock across the comparison and the write,
//! and the write replaces the whole file atomically (temporary file, `fsync`, rename, `fsync`
//! of the directory): after a crash the file holds either the old or the new state, never a
//! mix, and a head is never reported stored before it is on disk. A restarted witness reads
//! the file back, so it can never cosign a checkpoint inconsistent with one it cosigned before.
//!
//! Format (text, one log per line, sorted by origin):
//!
//! ```text
//! gongyi-witness-state/v1
//! <size> <base64 root hash> <origin>
//! ```
//!
//! The origin comes last because it may contain spaces (a checkpoint origin line only excludes
//! control characters). A file that does not parse refuses to open: starting from an empty
//! state would let the witness cosign a rewritten log.
//!
//! One process at a time may use a file (the `serve` that owns the data directory).

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use crate::checkpoint::parse_decimal;
use crate::file_storage::replace_file;
use crate::hash::Hash;
use crate::witness::{TreeHead, WitnessStore, WitnessStoreError};

/// First line of the file.
const HEADER: &str = "gongyi-witness-state/v1";

/// Tree heads of the logs a witness follows, kept in a file.
#[derive(Debug)]
pub struct FileWitnessStore {
    dir: PathBuf,
    name: String,
    heads: Mutex<BTreeMap<String, TreeHead>>,
}

impl FileWitnessStore {
    /// Opens the store kept in `path` (created on the first cosignature).
    pub fn open(path: impl AsRef<Path>) -> Result<Self, WitnessStoreError> {
        let path = path.as_ref();
        let shown = path.display();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| WitnessStoreError(format!("{shown}: not a file name")))?
            .to_owned();
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
            _ => PathBuf::from("."),
        };
        let heads = match fs::read_to_string(path) {
            Ok(text) => parse(&text).map_err(|e| WitnessStoreError(format!("{shown}: {e}")))?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => BTreeMap::new(),
            Err(e) => return Err(WitnessStoreError(format!("{shown}: {e}"))),
        };
        Ok(Self {
            dir,
            name,
            heads: Mutex::new(heads),
        })
    }

    /// Path of the file.
    pub fn path(&self) -> PathBuf {
        self.dir.join(&self.name)
    }
}

fn parse(text: &str) -> Result<BTreeMap<String, TreeHead>, String> {
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return Err(format!("first line must be {HEADER:?}"));
    }
    let mut heads = BTreeMap::new();
    for (i, line) in lines.enumerate() {
        let bad = |what: &str| format!("line {}: {what}", i + 2);
        let mut parts = line.splitn(3, ' ');
        let (Some(size), Some(root), Some(origin)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(bad("expected \"<size> <root> <origin>\""));
        };
        let size = parse_decimal(size).ok_or_else(|| bad("bad size"))?;
        let root = Hash::from_base64(root).map_err(|_| bad("bad root hash"))?;
        if origin.is_empty()
            || heads
                .insert(origin.to_owned(), TreeHead { size, root })
                .is_some()
        {
            return Err(bad("empty or repeated origin"));
        }
    }
    Ok(heads)
}

fn encode(heads: &BTreeMap<String, TreeHead>) -> String {
    let mut out = format!("{HEADER}\n");
    for (origin, head) in heads {
        out.push_str(&format!(
            "{} {} {origin}\n",
            head.size,
            head.root.to_base64()
        ));
    }
    out
}

impl WitnessStore for FileWitnessStore {
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
        if origin.is_empty() || origin.contains(['\n', '\r']) {
            return Err(WitnessStoreError(format!("invalid origin {origin:?}")));
        }
        let mut heads = self.heads.lock().unwrap_or_else(PoisonError::into_inner);
        if heads.get(origin) != expected {
            return Ok(false);
        }
        let mut next = heads.clone();
        next.insert(origin.to_owned(), *new);
        replace_file(&self.dir, &self.name, encode(&next).as_bytes())
            .map_err(|e| WitnessStoreError(e.to_string()))?;
        *heads = next;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::{empty_root, leaf_hash};

    fn temp(tag: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("gongyi-witness-store-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn heads_survive_a_reopen_and_cas_is_checked() -> Result<(), WitnessStoreError> {
        let dir = temp("reopen");
        let path = dir.join("witness-state");
        let store = FileWitnessStore::open(&path)?;
        let a = TreeHead {
            size: 3,
            root: leaf_hash(b"a"),
        };
        let b = TreeHead {
            size: 9,
            root: leaf_hash(b"b"),
        };
        let origin = "example.com/log with space";
        assert!(store.compare_and_swap(origin, None, &a)?);
        assert!(!store.compare_and_swap(origin, None, &b)?);
        assert!(store.compare_and_swap(origin, Some(&a), &b)?);
        assert!(store.compare_and_swap(
            "other",
            None,
            &TreeHead {
                size: 0,
                root: empty_root()
            }
        )?);
        let again = FileWitnessStore::open(&path)?;
        assert_eq!(again.latest(origin)?, Some(b));
        assert_eq!(again.latest("other")?.map(|h| h.size), Some(0));
        assert_eq!(again.latest("unknown")?, None);
        assert!(!dir.join("witness-state.tmp").exists());
        let _ = fs::remove_dir_all(&dir);
        Ok(())
    }

    #[test]
    fn a_damaged_file_refuses_to_open() {
        let dir = temp("damaged");
        let path = dir.join("witness-state");
        for bad in [
            "nonsense\n",
            "gongyi-witness-state/v1\n3 AAAA o\n",
            "gongyi-witness-state/v1\n03 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU= o\n",
            "gongyi-witness-state/v1\n3 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",
        ] {
            fs::write(&path, bad).unwrap();
            assert!(FileWitnessStore::open(&path).is_err(), "{bad:?}");
        }
        let _ = fs::remove_dir_all(&dir);
    }
}
