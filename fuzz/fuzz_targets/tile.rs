//! Tile paths, hash tiles and entry bundles: parsers never panic and round-trip.
#![no_main]

use gongyi_ledger::TilePath;
use gongyi_ledger::tile::{decode_entry_bundle, decode_hash_tile, encode_entry_bundle};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(path) = TilePath::parse(text) {
            assert_eq!(path.to_string(), text);
            let _ = decode_hash_tile(&path, data);
        }
    }
    if let Ok(entries) = decode_entry_bundle(data) {
        assert_eq!(encode_entry_bundle(&entries).expect("re-encodes"), data);
    }
});
