//! Merkle audit paths — RFC 9162 §2.1.3 (RFC 6962 §2.1.1).

use super::ProofError;
use crate::hash::{Hash, node_hash};
use crate::tree::{HashSource, fold_right, read_exact, split_point, subtree_nodes};

/// The audit path `PATH(index, D[0:size])` of RFC 9162 §2.1.3.1, leaf side first.
///
/// Each path element is the hash of a range of the RFC recursion, folded from at most 64
/// stored subtree hashes, all read from `source` in one call.
pub fn inclusion_proof(
    index: u64,
    size: u64,
    source: &impl HashSource,
) -> Result<Vec<Hash>, ProofError> {
    if index >= size {
        return Err(ProofError::IndexOutOfRange { index, size });
    }
    let mut nodes = Vec::new();
    // (start, end) of each path element's nodes, root side first.
    let mut groups = Vec::new();
    let (mut lo, mut hi) = (0, size);
    while hi - lo > 1 {
        let k = split_point(hi - lo);
        let start = nodes.len();
        if index < lo + k {
            // PATH(m, D[lo:lo+k]) : MTH(D[lo+k:hi])
            subtree_nodes(lo + k, hi, &mut nodes);
            hi = lo + k;
        } else {
            // PATH(m − k, D[lo+k:hi]) : MTH(D[lo:lo+k])
            subtree_nodes(lo, lo + k, &mut nodes);
            lo += k;
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

/// Recomputes the root from a leaf hash and its audit path — RFC 9162 §2.1.3.2.
pub fn root_from_inclusion_proof(
    leaf: &Hash,
    index: u64,
    size: u64,
    proof: &[Hash],
) -> Result<Hash, ProofError> {
    // Step 1.
    if index >= size {
        return Err(ProofError::IndexOutOfRange { index, size });
    }
    // Steps 2 and 3.
    let (mut f_n, mut s_n) = (index, size - 1);
    let mut r = *leaf;
    // Step 4.
    for p in proof {
        if s_n == 0 {
            return Err(ProofError::ProofTooLong);
        }
        if f_n & 1 == 1 || f_n == s_n {
            r = node_hash(p, &r);
            if f_n & 1 == 0 {
                while f_n & 1 == 0 && f_n != 0 {
                    f_n >>= 1;
                    s_n >>= 1;
                }
            }
        } else {
            r = node_hash(&r, p);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    // Step 5.
    if s_n != 0 {
        return Err(ProofError::ProofTooShort);
    }
    Ok(r)
}

/// Verifies that `leaf` is the leaf hash at `index` of the tree of `size` with `root` —
/// RFC 9162 §2.1.3.2.
pub fn verify_inclusion(
    leaf: &Hash,
    index: u64,
    size: u64,
    proof: &[Hash],
    root: &Hash,
) -> Result<(), ProofError> {
    let computed = root_from_inclusion_proof(leaf, index, size, proof)?;
    if computed != *root {
        return Err(ProofError::RootMismatch {
            computed,
            expected: *root,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory_hashes::MemoryHashes;

    #[test]
    fn every_leaf_of_small_trees_verifies() {
        let mut t = MemoryHashes::new();
        for size in 1u64..=40 {
            t.append(&size.to_le_bytes());
            let root = t.root();
            for index in 0..size {
                let proof = inclusion_proof(index, size, &t).unwrap();
                let leaf = t
                    .read_hashes(&[crate::tree::NodeId::new(0, index)])
                    .unwrap()[0];
                verify_inclusion(&leaf, index, size, &proof, &root).unwrap();
            }
        }
    }

    #[test]
    fn out_of_range_index_is_rejected() {
        let t = MemoryHashes::new();
        assert!(matches!(
            inclusion_proof(0, 0, &t),
            Err(ProofError::IndexOutOfRange { .. })
        ));
    }
}
