//! The log: appends, proofs, checkpoints, reopening, recovery and failure handling.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::sync::Arc;

use gongyi_ledger::checkpoint::Checkpoint;
use gongyi_ledger::{
    FileStorage, Log, LogError, LogStorage, MAX_ENTRY_SIZE, MemoryStorage, StorageError, leaf_hash,
    verify_consistency, verify_inclusion,
};

use crate::support::{ORIGIN, TempDir, log_key};

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn log_is_send_and_sync() {
    assert_send_sync::<Log>();
}

fn check_log(log: &Log, checkpoints: &[Vec<u8>]) {
    let keys = [log.verifier_key()];
    let size = log.size();
    let root = log.root();
    for index in (0..size).step_by(7) {
        let entry = log.entry(index).unwrap();
        let proof = log.inclusion_proof(index, size).unwrap();
        verify_inclusion(&leaf_hash(&entry), index, size, &proof, &root).unwrap();
    }
    for signed in checkpoints {
        let (cp, _) = Checkpoint::open(signed, ORIGIN, &keys).unwrap();
        if cp.size > 0 && cp.size <= size {
            let proof = log.consistency_proof(cp.size, size).unwrap();
            verify_consistency(cp.size, size, &cp.root, &root, &proof).unwrap();
        }
    }
}

#[test]
fn appends_get_consecutive_indexes_and_verify() {
    let log = Log::with_storage(MemoryStorage::new(), log_key(), ORIGIN).unwrap();
    assert_eq!(log.size(), 0);
    let empty = log.checkpoint().unwrap();
    assert_eq!(log.append(b"first".to_vec()).unwrap(), 0);
    assert_eq!(log.append("second").unwrap(), 1);
    let batch: Vec<Vec<u8>> = (0..100u32).map(|i| i.to_be_bytes().to_vec()).collect();
    assert_eq!(log.append_batch(batch).unwrap(), 2..102);
    assert_eq!(log.append_batch(Vec::new()).unwrap(), 102..102);
    assert_eq!(log.entry(1).unwrap(), b"second");
    let first = log.checkpoint().unwrap();
    assert_eq!(
        log.checkpoint().unwrap(),
        first,
        "unchanged size reuses the note"
    );
    log.append(vec![0; MAX_ENTRY_SIZE]).unwrap();
    assert!(matches!(
        log.append(vec![0; MAX_ENTRY_SIZE + 1]),
        Err(LogError::EntryTooLarge(_))
    ));
    let second = log.checkpoint().unwrap();
    check_log(&log, &[empty, first, second]);
    assert!(matches!(
        log.inclusion_proof(0, 1000),
        Err(LogError::SizeBeyondLog { .. })
    ));
    assert!(log.entry(103).is_err());
    assert_eq!(log.verify_integrity().unwrap(), 103);
}

#[test]
fn concurrent_appends_are_all_durable_and_distinct() {
    let dir = TempDir::new("concurrent");
    let log = Arc::new(Log::open(dir.path(), log_key(), ORIGIN).unwrap());
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let log = Arc::clone(&log);
            std::thread::spawn(move || {
                (0..150)
                    .map(|i| {
                        let data = format!("t{t} #{i}").into_bytes();
                        (log.append(data.clone()).unwrap(), data)
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut all: Vec<(u64, Vec<u8>)> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    all.sort();
    assert_eq!(all.len(), 1200);
    for (expected, (index, data)) in all.iter().enumerate() {
        assert_eq!(*index, expected as u64);
        assert_eq!(&log.entry(*index).unwrap(), data);
    }
    let cp = log.checkpoint().unwrap();
    drop(log);
    let log = Log::open(dir.path(), log_key(), ORIGIN).unwrap();
    assert_eq!(log.size(), 1200);
    assert_eq!(log.checkpoint().unwrap(), cp);
    check_log(&log, &[cp]);
    log.verify_integrity().unwrap();
}

#[test]
fn reopening_keeps_entries_and_checkpoints_consistent() {
    let dir = TempDir::new("reopen");
    let mut checkpoints = Vec::new();
    for round in 0..3u32 {
        let log = Log::open(dir.path(), log_key(), ORIGIN).unwrap();
        assert_eq!(log.size(), u64::from(round) * 300);
        log.append_batch(
            (0..300u32)
                .map(|i| (round * 1000 + i).to_be_bytes().to_vec())
                .collect(),
        )
        .unwrap();
        checkpoints.push(log.checkpoint().unwrap());
        check_log(&log, &checkpoints);
    }
    // Large enough for the cached upper levels (≥ 256 leaves) to be reloaded.
    let log = Log::open(dir.path(), log_key(), ORIGIN).unwrap();
    check_log(&log, &checkpoints);
    assert!(matches!(
        Log::open(dir.path(), log_key(), "other.example/log"),
        Err(LogError::OriginMismatch { .. })
    ));
}

#[test]
fn torn_tail_is_moved_aside_and_acknowledged_entries_stay() {
    let dir = TempDir::new("torn");
    let log = Log::open(dir.path(), log_key(), ORIGIN).unwrap();
    log.append_batch((0..10u8).map(|i| vec![i; 20]).collect())
        .unwrap();
    let cp = log.checkpoint().unwrap();
    log.append(b"acknowledged after the checkpoint".to_vec())
        .unwrap();
    drop(log);
    // A crash in the middle of writing a record: a header and half the data.
    let mut f = OpenOptions::new()
        .append(true)
        .open(dir.path().join("entries.log"))
        .unwrap();
    f.write_all(&[0, 0, 0, 50, 1, 2, 3]).unwrap();
    drop(f);
    let storage = FileStorage::open(dir.path()).unwrap();
    assert_eq!(storage.torn_bytes(), 7);
    assert_eq!(storage.entry_count(), 11);
    let log = Log::with_storage(storage, log_key(), ORIGIN).unwrap();
    assert_eq!(log.entry(10).unwrap(), b"acknowledged after the checkpoint");
    assert!(
        dir.path()
            .join(format!("entries.log.torn-{}", 10 * 32 + 45))
            .exists()
    );
    assert_eq!(log.append(b"next".to_vec()).unwrap(), 11);
    check_log(&log, &[cp]);
    log.verify_integrity().unwrap();
}

#[test]
fn derived_files_are_rebuilt_from_entries() {
    let dir = TempDir::new("rebuild");
    let log = Log::open(dir.path(), log_key(), ORIGIN).unwrap();
    log.append_batch((0..700u32).map(|i| i.to_le_bytes().to_vec()).collect())
        .unwrap();
    let cp = log.checkpoint().unwrap();
    let root = log.root();
    drop(log);
    for damaged in ["hashes.bin", "entries.idx", "synced"] {
        let path = dir.path().join(damaged);
        let len = fs::metadata(&path).unwrap().len();
        OpenOptions::new()
            .write(true)
            .open(&path)
            .unwrap()
            .set_len(len / 3)
            .unwrap();
        let log = Log::open(dir.path(), log_key(), ORIGIN).unwrap();
        assert_eq!(log.root(), root, "after damaging {damaged}");
        assert_eq!(log.verify_integrity().unwrap(), 700);
        check_log(&log, std::slice::from_ref(&cp));
    }
}

#[test]
fn lost_entries_below_the_checkpoint_refuse_to_open() {
    let dir = TempDir::new("lost");
    let log = Log::open(dir.path(), log_key(), ORIGIN).unwrap();
    log.append_batch((0..10u8).map(|i| vec![i; 20]).collect())
        .unwrap();
    log.checkpoint().unwrap();
    drop(log);
    fs::remove_file(dir.path().join("synced")).unwrap();
    let path = dir.path().join("entries.log");
    OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(5 * 32)
        .unwrap();
    assert!(matches!(
        Log::open(dir.path(), log_key(), ORIGIN),
        Err(LogError::EntriesLost {
            checkpoint: 10,
            entries: 5
        })
    ));
}

#[test]
fn a_failed_write_stops_the_log_until_reopened() {
    let storage = Arc::new(MemoryStorage::new());
    let log = Log::with_storage(Arc::clone(&storage), log_key(), ORIGIN).unwrap();
    log.append(b"ok".to_vec()).unwrap();
    storage.fail_appends(true);
    assert!(matches!(
        log.append(b"fails".to_vec()),
        Err(LogError::Storage(StorageError::Injected))
    ));
    storage.fail_appends(false);
    assert!(matches!(
        log.append(b"refused".to_vec()),
        Err(LogError::Stopped(_))
    ));
    assert_eq!(log.size(), 1);
    let cp = log.checkpoint().unwrap();
    drop(log);
    let log = Log::with_storage(storage, log_key(), ORIGIN).unwrap();
    assert_eq!(log.append(b"again".to_vec()).unwrap(), 1);
    check_log(&log, &[cp]);
}

#[test]
fn only_plain_ed25519_keys_sign_checkpoints() {
    let key =
        gongyi_ledger::SignerKey::generate(ORIGIN, gongyi_ledger::KeyType::CosignatureV1).unwrap();
    assert!(matches!(
        Log::with_storage(MemoryStorage::new(), key, ORIGIN),
        Err(LogError::WrongKeyType(_))
    ));
    assert!(matches!(
        Log::with_storage(MemoryStorage::new(), log_key(), "two\nlines"),
        Err(LogError::InvalidOrigin(_))
    ));
}
