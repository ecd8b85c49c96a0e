//! Merkle consistency proofs — RFC 9162 §2.1.4 (RFC 6962 §2.1.2).

use super::ProofError;
use crate::hash::{Hash, node_hash};
use crate::tree::{HashSource, fold_right, read_exact, split_point, subtree_nodes};

/// The consistency proof `PROOF(old, D[0:new])` of RFC 9162 §2.1.4.1.
///
/// Empty when `old == new`; an error when `old == 0` (nothing to prove) or `old > new`.
pub fn consistency_proof(
    old: u64,
    new: u64,
    source: &impl HashSource,
) -> Result<Vec<Hash>, ProofError> {
    if old > new {
        return Err(ProofError::OldSizeTooLarge { old, new });
    }
    if old == 0 {
        return Err(ProofError::EmptyOldTree);
    }
    if old == new {
        return Ok(Vec::new());
    }
    let mut nodes = Vec::new();
    // (start, end) of each proof element's nodes, root side first.
    let mut groups = Vec::new();
    // SUBPROOF(old, D[lo:hi], b) with the invariant lo < old ≤ hi.
    let (mut lo, mut hi, mut whole_old_subtree) = (0, new, true);
    loop {
        if old == hi {
            if !whole_old_subtree {
                let start = nodes.len();
                subtree_nodes(lo, hi, &mut nodes);
                groups.push((start, nodes.len()));
            }
            break;
        }
        let k = split_point(hi - lo);
        let start = nodes.len();
        if old <= lo + k {
            // SUBPROOF(m, D[lo:lo+k], b) : MTH(D[lo+k:hi])
            subtree_nodes(lo + k, hi, &mut nodes);
            hi = lo + k;
        } else {
            // SUBPROOF(m − k, D[lo+k:hi], false) : MTH(D[lo:lo+k])
            subtree_nodes(lo, lo + k, &mut nodes);
            lo += k;
            whole_old_subtree = false;
        }
        groups.push((start, nodes.len()));
    }
    let hashes = read_exact(source, &nodes)?;
    Ok(groups
        .iter()
        .rev()
        .map(|&(start, end)| fold_right(&hashes[start..end]))
        .collect())
}

/// Verifies that the tree of `new_size` with `new_root` extends the tree of `old_size` with
/// `old_root` — RFC 9162 §2.1.4.2.
///
/// Equal sizes need an empty proof and equal roots. An old size of 0 is rejected: the RFC
/// algorithm is defined for `0 < first`, and every tree extends the empty one.
pub fn verify_consistency(
    old_size: u64,
    new_size: u64,
    old_root: &Hash,
    new_root: &Hash,
    proof: &[Hash],
) -> Result<(), ProofError> {
    if old_size > new_size {
        return Err(ProofError::OldSizeTooLarge {
            old: old_size,
            new: new_size,
        });
    }
    if old_size == 0 {
        return Err(ProofError::EmptyOldTree);
    }
    if old_size == new_size {
        if !proof.is_empty() {
            return Err(ProofError::NonEmptyProof(proof.len()));
        }
        if old_root != new_root {
            return Err(ProofError::RootMismatch {
                computed: *old_root,
                expected: *new_root,
            });
        }
        return Ok(());
    }
    // Step 1.
    if proof.is_empty() {
        return Err(ProofError::EmptyProof);
    }
    // Step 2: a power-of-two old tree is itself a node of the new tree.
    let seed = old_size.is_power_of_two().then_some(old_root);
    let mut path = seed.into_iter().chain(proof.iter());
    // Steps 3 and 4.
    let (mut f_n, mut s_n) = (old_size - 1, new_size - 1);
    while f_n & 1 == 1 {
        f_n >>= 1;
        s_n >>= 1;
    }
    // Step 5.
    let first = path.next().ok_or(ProofError::EmptyProof)?;
    let (mut f_r, mut s_r) = (*first, *first);
    // Step 6.
    for c in path {
        if s_n == 0 {
            return Err(ProofError::ProofTooLong);
        }
        if f_n & 1 == 1 || f_n == s_n {
            f_r = node_hash(c, &f_r);
            s_r = node_hash(c, &s_r);
            if f_n & 1 == 0 {
                while f_n & 1 == 0 && f_n != 0 {
                    f_n >>= 1;
                    s_n >>= 1;
                }
            }
        } else {
            s_r = node_hash(&s_r, c);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    // Step 7.
    if s_n != 0 {
        return Err(ProofError::ProofTooShort);
    }
    if f_r != *old_root {
        return Err(ProofError::OldRootMismatch {
            computed: f_r,
            expected: *old_root,
        });
    }
    if s_r != *new_root {
        return Err(ProofError::RootMismatch {
            computed: s_r,
            expected: *new_root,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory_hashes::MemoryHashes;
    use crate::tree::tree_hash;

    #[test]
    fn every_pair_of_small_sizes_verifies() {
        let mut t = MemoryHashes::new();
        for i in 0u32..40 {
            t.append(&i.to_be_bytes());
        }
        for new in 1..=40 {
            let new_root = tree_hash(new, &t).unwrap();
            for old in 1..=new {
                let old_root = tree_hash(old, &t).unwrap();
                let proof = consistency_proof(old, new, &t).unwrap();
                verify_consistency(old, new, &old_root, &new_root, &proof)
                    .unwrap_or_else(|e| panic!("{old} -> {new}: {e}"));
            }
        }
    }

    #[test]
    fn bad_sizes_are_rejected() {
        let t = MemoryHashes::new();
        assert!(matches!(
            consistency_proof(2, 1, &t),
            Err(ProofError::OldSizeTooLarge { .. })
        ));
        assert!(matches!(
            consistency_proof(0, 1, &t),
            Err(ProofError::EmptyOldTree)
        ));
    }
}
