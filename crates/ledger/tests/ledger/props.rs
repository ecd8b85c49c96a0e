//! Property tests: generated proofs verify, mutated ones do not; parsers round-trip.

use gongyi_ledger::checkpoint::Checkpoint;
use gongyi_ledger::tile::{decode_entry_bundle, encode_entry_bundle};
use gongyi_ledger::{
    Hash, MemoryHashes, TileKind, TilePath, consistency_proof, inclusion_proof, leaf_hash,
    tree_hash, verify_consistency, verify_inclusion,
};
use proptest::prelude::*;

fn tree(size: u64, salt: u8) -> MemoryHashes {
    let mut t = MemoryHashes::new();
    for i in 0..size {
        t.append(&[&i.to_le_bytes()[..], &[salt]].concat());
    }
    t
}

/// One change to a proof: a flipped bit, a dropped, added or swapped hash.
#[derive(Debug, Clone)]
enum Mutation {
    Flip { at: usize, bit: usize },
    Drop { at: usize },
    Push,
    Swap { at: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 0..256usize).prop_map(|(at, bit)| Mutation::Flip { at, bit }),
        any::<usize>().prop_map(|at| Mutation::Drop { at }),
        Just(Mutation::Push),
        any::<usize>().prop_map(|at| Mutation::Swap { at }),
    ]
}

/// Applies the mutation; `None` if it cannot change this proof.
fn mutate(proof: &[Hash], m: &Mutation) -> Option<Vec<Hash>> {
    let mut p = proof.to_vec();
    match *m {
        Mutation::Flip { at, bit } => {
            let h = p.get_mut(at % proof.len().max(1))?;
            h.0[bit / 8] ^= 1 << (bit % 8);
        }
        Mutation::Drop { at } => {
            if p.is_empty() {
                return None;
            }
            p.remove(at % proof.len());
        }
        Mutation::Push => p.push(leaf_hash(b"extra")),
        Mutation::Swap { at } => {
            if p.len() < 2 {
                return None;
            }
            let i = at % (p.len() - 1);
            if p[i] == p[i + 1] {
                return None;
            }
            p.swap(i, i + 1);
        }
    }
    Some(p)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn inclusion_proofs_verify_and_mutations_fail(
        size in 1u64..400, index_seed: u64, salt: u8, m in mutation()
    ) {
        let t = tree(size, salt);
        let index = index_seed % size;
        let leaf = leaf_hash(&[&index.to_le_bytes()[..], &[salt]].concat());
        let proof = inclusion_proof(index, size, &t).unwrap();
        let root = t.root();
        prop_assert!(verify_inclusion(&leaf, index, size, &proof, &root).is_ok());
        if let Some(bad) = mutate(&proof, &m) {
            prop_assert!(verify_inclusion(&leaf, index, size, &bad, &root).is_err());
        }
        let other = (index + 1) % size;
        if other != index {
            prop_assert!(verify_inclusion(&leaf, other, size, &proof, &root).is_err());
        }
    }

    #[test]
    fn consistency_proofs_verify_and_mutations_fail(
        new in 1u64..400, old_seed: u64, salt: u8, m in mutation()
    ) {
        let t = tree(new, salt);
        let old = 1 + old_seed % new;
        let old_root = tree_hash(old, &t).unwrap();
        let new_root = t.root();
        let proof = consistency_proof(old, new, &t).unwrap();
        prop_assert!(verify_consistency(old, new, &old_root, &new_root, &proof).is_ok());
        if let Some(bad) = mutate(&proof, &m) {
            prop_assert!(verify_consistency(old, new, &old_root, &new_root, &bad).is_err());
        }
        if old < new {
            let wrong = tree_hash(old, &tree(new, salt.wrapping_add(1))).unwrap();
            prop_assert!(verify_consistency(old, new, &wrong, &new_root, &proof).is_err());
        }
    }

    #[test]
    fn checkpoint_text_round_trips(
        origin in "[a-z0-9./-]{1,30}", size: u64, root: [u8; 32],
        ext in proptest::collection::vec("[ -~]{1,20}", 0..3)
    ) {
        let mut c = Checkpoint::new(&origin, size, Hash(root)).unwrap();
        c.extensions = ext;
        prop_assert_eq!(Checkpoint::parse(&c.to_text()).unwrap(), c);
    }

    #[test]
    fn tile_paths_round_trip(level in 0u8..64, index: u64, width in 1u64..=256, entries: bool) {
        let kind = if entries { TileKind::Entries } else { TileKind::Hashes(level) };
        let t = TilePath::new(kind, index, width).unwrap();
        prop_assert_eq!(TilePath::parse(&t.to_string()).unwrap(), t);
    }

    #[test]
    fn entry_bundles_round_trip(entries in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..300), 0..40)) {
        let bundle = encode_entry_bundle(&entries).unwrap();
        prop_assert_eq!(decode_entry_bundle(&bundle).unwrap(), entries);
    }
}
