//! Signed-note parsing and verification never panic, and what parses re-encodes.
#![no_main]

use gongyi_ledger::note;
use gongyi_ledger::{KeyType, SignerKey};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(parsed) = note::parse(data) {
        // Re-encoding and re-parsing gives the same note (duplicates were dropped once).
        let again = note::parse(&parsed.encode()).expect("re-encoded note parses");
        assert_eq!(again, parsed);
    }
    if let Ok(key) = SignerKey::from_seed("fuzz.example/log", KeyType::Ed25519, [7; 32]) {
        let _ = note::open(data, &[key.verifier_key()]);
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = gongyi_ledger::VerifierKey::parse(text);
        let _ = SignerKey::parse(text);
    }
});
