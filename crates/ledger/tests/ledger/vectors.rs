//! Known-answer tests: the RFC 6962 proof vectors of transparency-dev/merkle
//! (tests/vectors/merkle-vectors, provenance in its README.md).

use std::fs;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use gongyi_ledger::proof::root_from_inclusion_proof;
use gongyi_ledger::{
    Hash, MemoryHashes, consistency_proof, inclusion_proof, tree_hash, verify_consistency,
    verify_inclusion,
};
use serde::Deserialize;
use sha2::{Digest, Sha256};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct InclusionCase {
    leaf_idx: u64,
    tree_size: u64,
    root: String,
    leaf_hash: String,
    proof: Option<Vec<String>>,
    desc: String,
    want_err: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ConsistencyCase {
    size1: u64,
    size2: u64,
    root1: String,
    root2: String,
    proof: Option<Vec<String>>,
    desc: String,
    want_err: bool,
}

fn root_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/merkle-vectors")
}

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            json_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

/// A hash that must be a SHA-256 value; `None` (rejected at the typed API boundary, as Go
/// rejects a leaf hash of the wrong size) if it is not 32 bytes.
fn strict(b64: &str) -> Option<Hash> {
    Hash::from_slice(&STANDARD.decode(b64).unwrap()).ok()
}

/// A consistency root. Some consistency vectors use byte strings of other lengths ("don't
/// care" placeholders) that a verifier only compares for equality (equal sizes): each is
/// mapped to a distinct 32-byte stand-in (a domain-separated digest), so equal inputs stay
/// equal and different ones stay different.
fn hash(b64: &str) -> Hash {
    let bytes = STANDARD.decode(b64).unwrap();
    Hash::from_slice(&bytes).unwrap_or_else(|_| {
        let mut h = Sha256::new();
        h.update(b"stand-in for a non-32-byte test value:");
        h.update(&bytes);
        Hash(h.finalize().into())
    })
}

fn hashes(list: &Option<Vec<String>>) -> Option<Vec<Hash>> {
    list.iter().flatten().map(|s| strict(s)).collect()
}

/// The 8-entry tree described in the README (leaf inputs read from the README itself).
fn readme_tree() -> (MemoryHashes, Vec<Hash>) {
    let readme = fs::read_to_string(root_dir().join("README.md")).unwrap();
    let (_, after) = readme.split_once("in order:").unwrap();
    let (leaves, roots) = after.split_once(';').unwrap();
    let mut tree = MemoryHashes::new();
    for quoted in leaves.split(',') {
        let hex_input = quoted.trim().trim_matches('"');
        tree.append(&hex::decode(hex_input).unwrap());
    }
    let roots: Vec<Hash> = roots
        .split(|c: char| !c.is_ascii_hexdigit())
        .filter(|w| w.len() == 64)
        .map(|w| Hash::from_hex(w).unwrap())
        .collect();
    (tree, roots)
}

#[test]
fn readme_root_hashes_for_the_eight_leaves() {
    let (tree, roots) = readme_tree();
    assert_eq!(tree.size(), 8);
    assert_eq!(roots.len(), 9, "roots for sizes 0..=8");
    for (size, want) in roots.iter().enumerate() {
        assert_eq!(tree_hash(size as u64, &tree).unwrap(), *want, "size {size}");
    }
}

#[test]
fn every_vector_verifies_or_is_rejected_as_specified() {
    let (tree, _) = readme_tree();
    let mut files = Vec::new();
    json_files(&root_dir(), &mut files);
    files.sort();
    let (mut accepted, mut rejected) = (0, 0);
    for file in &files {
        let text = fs::read_to_string(file).unwrap();
        let rel = file
            .strip_prefix(root_dir())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        // Numbered folders hold proofs in the README's 8-entry tree.
        let in_readme_tree = rel
            .split('/')
            .nth(1)
            .is_some_and(|d| d.parse::<u32>().is_ok());
        let (result, want_err, desc) = if rel.starts_with("inclusion/") {
            let c: InclusionCase = serde_json::from_str(&text).unwrap();
            let parsed = (strict(&c.leaf_hash), strict(&c.root), hashes(&c.proof));
            let (Some(leaf), Some(root), Some(proof)) = parsed else {
                assert!(c.want_err, "{rel}: a value is not a 32-byte hash");
                rejected += 1;
                continue;
            };
            let result = verify_inclusion(&leaf, c.leaf_idx, c.tree_size, &proof, &root);
            if !c.want_err {
                // The root recomputed by RFC 9162 §2.1.3.2 is the stated one.
                let computed = root_from_inclusion_proof(&leaf, c.leaf_idx, c.tree_size, &proof);
                assert_eq!(computed.unwrap(), root, "{rel}");
                if in_readme_tree {
                    assert_eq!(
                        inclusion_proof(c.leaf_idx, c.tree_size, &tree).unwrap(),
                        proof,
                        "{rel}: generated proof"
                    );
                }
            }
            (result.map_err(|e| e.to_string()), c.want_err, c.desc)
        } else {
            let c: ConsistencyCase = serde_json::from_str(&text).unwrap();
            let Some(proof) = hashes(&c.proof) else {
                assert!(c.want_err, "{rel}: a proof hash is not 32 bytes");
                rejected += 1;
                continue;
            };
            let result =
                verify_consistency(c.size1, c.size2, &hash(&c.root1), &hash(&c.root2), &proof);
            if !c.want_err && in_readme_tree {
                assert_eq!(
                    consistency_proof(c.size1, c.size2, &tree).unwrap(),
                    proof,
                    "{rel}: generated proof"
                );
            }
            (result.map_err(|e| e.to_string()), c.want_err, c.desc)
        };
        match (want_err, result) {
            (false, Ok(())) => accepted += 1,
            (true, Err(_)) => rejected += 1,
            (false, Err(e)) => panic!("{rel} ({desc}) should verify: {e}"),
            (true, Ok(())) => panic!("{rel} ({desc}) should be rejected"),
        }
    }
    assert_eq!(files.len(), 196, "every JSON vector file is read");
    assert_eq!((accepted, rejected), (12, 184));
}
