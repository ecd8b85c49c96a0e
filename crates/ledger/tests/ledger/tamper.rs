//! A leaf, proof, checkpoint or signature with one bit changed is rejected.

use gongyi_ledger::checkpoint::Checkpoint;
use gongyi_ledger::cosignature::{cosign, verify_cosignature};
use gongyi_ledger::note;
use gongyi_ledger::{
    Hash, KeyType, Log, MemoryHashes, MemoryStorage, SignerKey, consistency_proof, inclusion_proof,
    leaf_hash, tree_hash, verify_consistency, verify_inclusion,
};

use crate::support::{ORIGIN, log_key};

fn flips(bytes: &[u8]) -> impl Iterator<Item = Vec<u8>> + '_ {
    (0..bytes.len() * 8).map(move |bit| {
        let mut b = bytes.to_vec();
        b[bit / 8] ^= 1 << (bit % 8);
        b
    })
}

fn tree(n: u32) -> MemoryHashes {
    let mut t = MemoryHashes::new();
    for i in 0..n {
        t.append(format!("entry {i}").as_bytes());
    }
    t
}

#[test]
fn leaf_with_one_bit_changed_is_rejected() {
    let t = tree(1000);
    let (index, size) = (613, 1000);
    let proof = inclusion_proof(index, size, &t).unwrap();
    let entry = format!("entry {index}").into_bytes();
    verify_inclusion(&leaf_hash(&entry), index, size, &proof, &t.root()).unwrap();
    for changed in flips(&entry) {
        assert!(verify_inclusion(&leaf_hash(&changed), index, size, &proof, &t.root()).is_err());
    }
}

#[test]
fn proofs_with_one_bit_changed_are_rejected() {
    let t = tree(1000);
    let leaf = leaf_hash(b"entry 613");
    let proof = inclusion_proof(613, 1000, &t).unwrap();
    for i in 0..proof.len() {
        for changed in flips(&proof[i].0) {
            let mut p = proof.clone();
            p[i] = Hash::from_slice(&changed).unwrap();
            assert!(verify_inclusion(&leaf, 613, 1000, &p, &t.root()).is_err());
        }
    }
    let (old, new) = (300, 1000);
    let old_root = tree_hash(old, &t).unwrap();
    let proof = consistency_proof(old, new, &t).unwrap();
    verify_consistency(old, new, &old_root, &t.root(), &proof).unwrap();
    for i in 0..proof.len() {
        for changed in flips(&proof[i].0) {
            let mut p = proof.clone();
            p[i] = Hash::from_slice(&changed).unwrap();
            assert!(verify_consistency(old, new, &old_root, &t.root(), &p).is_err());
        }
    }
    for changed in flips(&old_root.0) {
        let r = Hash::from_slice(&changed).unwrap();
        assert!(verify_consistency(old, new, &r, &t.root(), &proof).is_err());
    }
}

#[test]
fn signed_checkpoint_with_one_bit_changed_is_rejected() {
    let log = Log::with_storage(MemoryStorage::new(), log_key(), ORIGIN).unwrap();
    log.append_batch((0..37u8).map(|i| vec![i]).collect())
        .unwrap();
    let signed = log.checkpoint().unwrap();
    let keys = [log.verifier_key()];
    Checkpoint::open(&signed, ORIGIN, &keys).unwrap();
    for changed in flips(&signed) {
        assert!(
            Checkpoint::open(&changed, ORIGIN, &keys).is_err(),
            "accepted {:?}",
            String::from_utf8_lossy(&changed)
        );
    }
}

#[test]
fn signatures_with_one_bit_changed_are_rejected() {
    let log_key = log_key();
    let text = format!("{ORIGIN}\n5\n{}\n", leaf_hash(b"x").to_base64());
    let signed = note::sign(&text, &[&log_key]).unwrap();
    let parsed = note::parse(&signed).unwrap();
    let sig = &parsed.unverified[0];
    for changed in flips(&sig.signature) {
        let mut bad = sig.clone();
        bad.signature = changed;
        let msg = format!("{text}\n{}", bad.to_line());
        assert!(note::open(msg.as_bytes(), &[log_key.verifier_key()]).is_err());
    }

    let witness = SignerKey::from_seed("w.example", KeyType::CosignatureV1, [9; 32]).unwrap();
    let cosig = cosign(&witness, &text, 1_700_000_000).unwrap();
    verify_cosignature(&witness.verifier_key(), &text, &cosig).unwrap();
    for changed in flips(&cosig.signature) {
        let mut bad = cosig.clone();
        bad.signature = changed;
        assert!(verify_cosignature(&witness.verifier_key(), &text, &bad).is_err());
    }
}
