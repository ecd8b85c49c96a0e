//! Serving tlog-tiles from a log and recomputing everything from tiles alone.

use std::error::Error;
use std::sync::Arc;

use gongyi_ledger::checkpoint::Checkpoint;
use gongyi_ledger::tile::{edge_tiles, new_tiles, tiles_for_size};
use gongyi_ledger::{
    HashSource, Log, MemoryStorage, TileHashReader, TileKind, TilePath, consistency_proof,
    inclusion_proof, tree_hash,
};

use crate::support::{ORIGIN, log_key};

type Fetched = Result<Vec<u8>, Box<dyn Error + Send + Sync>>;

fn fetcher(log: Arc<Log>) -> impl Fn(&TilePath) -> Fetched {
    move |path| {
        log.tile(path)?
            .ok_or_else(|| format!("{path} not found").into())
    }
}

#[test]
fn an_auditor_recomputes_the_log_from_tiles() {
    let log = Arc::new(Log::with_storage(MemoryStorage::new(), log_key(), ORIGIN).unwrap());
    // 65,536 + 1,234 entries: full level-0 and level-1 tiles, and partial tiles at levels 0-2.
    let size = 65_536 + 1_234;
    log.append_batch((0..size as u32).map(|i| i.to_be_bytes().to_vec()).collect())
        .unwrap();
    let old_size = 60_000;
    let signed = log.checkpoint().unwrap();
    let (cp, _) = Checkpoint::open(&signed, ORIGIN, &[log.verifier_key()]).unwrap();
    assert_eq!(cp.size, size);

    for tile in tiles_for_size(size) {
        assert!(log.tile(&tile).unwrap().is_some(), "{tile} is served");
    }
    let beyond = TilePath::parse("tile/0/x001/000").unwrap();
    assert_eq!(log.tile(&beyond).unwrap(), None);
    assert_eq!(edge_tiles(size).len(), 3);
    assert!(
        new_tiles(size - 10, size)
            .iter()
            .any(|t| t.kind == TileKind::Entries)
    );

    let reader = TileHashReader::new(cp.size, cp.root, fetcher(Arc::clone(&log)));
    assert_eq!(tree_hash(size, &reader).unwrap(), cp.root);
    for index in [0, 1, 255, 256, 40_000, 65_535, 65_536, size - 1] {
        assert_eq!(
            inclusion_proof(index, size, &reader).unwrap(),
            log.inclusion_proof(index, size).unwrap(),
            "inclusion proof of {index}"
        );
    }
    assert_eq!(
        consistency_proof(old_size, size, &reader).unwrap(),
        log.consistency_proof(old_size, size).unwrap()
    );
    let last_bundle = reader.entries(size / 256).unwrap();
    assert_eq!(last_bundle.len(), (size % 256) as usize);
    assert_eq!(last_bundle[0], ((size / 256 * 256) as u32).to_be_bytes());
    assert_eq!(reader.entries(3).unwrap().len(), 256);
}

#[test]
fn forged_tiles_are_detected() {
    let log = Arc::new(Log::with_storage(MemoryStorage::new(), log_key(), ORIGIN).unwrap());
    log.append_batch((0..1000u32).map(|i| i.to_be_bytes().to_vec()).collect())
        .unwrap();
    let size = log.size();
    let root = log.root();
    let forged = TilePath::parse("tile/0/001").unwrap();
    let inner = fetcher(Arc::clone(&log));
    let lying = move |path: &TilePath| -> Fetched {
        let mut data = inner(path)?;
        if *path == forged || path.kind == TileKind::Entries {
            data[5] ^= 1;
        }
        Ok(data)
    };
    let reader = TileHashReader::new(size, root, lying);
    assert!(
        reader
            .read_hashes(&[gongyi_ledger::NodeId::new(0, 300)])
            .is_err()
    );
    assert!(
        reader
            .read_hashes(&[gongyi_ledger::NodeId::new(0, 3)])
            .is_ok()
    );
    assert!(reader.entries(0).is_err());

    // A wrong root makes the edge tiles fail.
    let reader = TileHashReader::new(
        size,
        gongyi_ledger::leaf_hash(b"x"),
        fetcher(Arc::clone(&log)),
    );
    assert!(tree_hash(size, &reader).is_err());
}
