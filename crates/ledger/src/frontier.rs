//! The right edge of a growing tree, used to append leaves — RFC 9162 §2.1.1.
//!
//! A tree of size `n` is the sequence of full subtrees given by the binary expansion of `n`
//! (largest first). Appending a leaf merges the trailing subtrees of equal height, which
//! yields exactly the hashes to store (see [`crate::tree::stored_hash_index`]).

use crate::hash::{Hash, node_hash};
use crate::tree::{HashSource, TreeError, fold_right, read_exact, subtree_nodes};

/// Hashes of the maximal full subtrees of a tree, left to right, and its size.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Frontier {
    size: u64,
    nodes: Vec<Hash>,
}

impl Frontier {
    /// The frontier of the empty tree.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads the frontier of the tree of `size` leaves from stored hashes.
    pub fn from_source(size: u64, source: &impl HashSource) -> Result<Self, TreeError> {
        let mut ids = Vec::new();
        subtree_nodes(0, size, &mut ids);
        let nodes = read_exact(source, &ids)?;
        Ok(Self { size, nodes })
    }

    /// Number of leaves.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Root hash, `MTH(D[0:size])`.
    pub fn root(&self) -> Hash {
        fold_right(&self.nodes)
    }

    /// Appends a leaf hash and pushes the hashes to store onto `stored`, in stored order:
    /// the leaf hash, then each subtree it completes, lowest first.
    pub fn push(&mut self, leaf: Hash, stored: &mut Vec<Hash>) {
        stored.push(leaf);
        let mut hash = leaf;
        let mut completed = self.size;
        while completed & 1 == 1 {
            // A trailing one bit means an equal-height subtree sits to the left.
            let Some(left) = self.nodes.pop() else { break };
            hash = node_hash(&left, &hash);
            stored.push(hash);
            completed >>= 1;
        }
        self.nodes.push(hash);
        self.size += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::leaf_hash;

    #[test]
    fn root_of_three_leaves() {
        let mut f = Frontier::new();
        let mut stored = Vec::new();
        let leaves: Vec<Hash> = (0u8..3).map(|i| leaf_hash(&[i])).collect();
        for l in &leaves {
            f.push(*l, &mut stored);
        }
        let want = node_hash(&node_hash(&leaves[0], &leaves[1]), &leaves[2]);
        assert_eq!(f.root(), want);
        assert_eq!(
            stored,
            vec![
                leaves[0],
                leaves[1],
                node_hash(&leaves[0], &leaves[1]),
                leaves[2]
            ]
        );
    }
}
