//! Merkle tree structure over stored full-subtree hashes — RFC 6962 §2.1, RFC 9162 §2.1.1.
//!
//! A tree of `n` leaves is never rehashed from its leaves: every *full* subtree (2^level
//! aligned leaves) has its hash computed once, when its last leaf is appended, and stored.
//! The Merkle Tree Hash of any range that occurs in the RFC recursion is then the right fold
//! of at most 64 stored hashes, so roots and proofs cost O(log n) reads.
//!
//! Stored hashes have a canonical linear order (the one of Go's `golang.org/x/mod/sumdb/tlog`):
//! when leaf `k` is appended, its leaf hash is stored, followed by the hashes of the subtrees
//! it completes, lowest level first. See [`stored_hash_index`].

use std::error::Error as StdError;

use crate::hash::{Hash, empty_root, node_hash};

/// A full subtree: leaves `[index·2^level, (index+1)·2^level)`. Level 0 nodes are leaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId {
    /// Height of the subtree (0 for a leaf).
    pub level: u8,
    /// Position of the subtree among those of the same level, from the left.
    pub index: u64,
}

impl NodeId {
    /// A node at `level`, `index`.
    pub const fn new(level: u8, index: u64) -> Self {
        Self { level, index }
    }

    /// First leaf covered by this node.
    pub fn first_leaf(&self) -> u64 {
        self.index << self.level
    }

    /// One past the last leaf covered by this node, `None` on overflow.
    pub fn end_leaf(&self) -> Option<u64> {
        self.index
            .checked_add(1)
            .and_then(|i| i.checked_mul(1u64.checked_shl(u32::from(self.level))?))
    }
}

/// Reading stored hashes failed.
#[derive(Debug, thiserror::Error)]
pub enum TreeError {
    /// The node is not a full subtree of the tree the source holds.
    #[error("node (level {}, index {}) is outside a tree of size {size}", node.level, node.index)]
    NodeOutOfRange {
        /// The node asked for.
        node: NodeId,
        /// Size of the tree held by the source.
        size: u64,
    },
    /// The source answered with a different number of hashes than asked for.
    #[error("hash source returned {got} hashes for {want} nodes")]
    WrongCount {
        /// Number of nodes asked for.
        want: usize,
        /// Number of hashes returned.
        got: usize,
    },
    /// The source failed (I/O, a bad tile …).
    #[error("hash source failed: {0}")]
    Source(#[source] Box<dyn StdError + Send + Sync>),
}

/// Where the hashes of full subtrees come from: memory, a log's storage, or tiles.
pub trait HashSource {
    /// Returns the hashes of `nodes`, in the same order.
    fn read_hashes(&self, nodes: &[NodeId]) -> Result<Vec<Hash>, TreeError>;
}

impl<T: HashSource + ?Sized> HashSource for &T {
    fn read_hashes(&self, nodes: &[NodeId]) -> Result<Vec<Hash>, TreeError> {
        (**self).read_hashes(nodes)
    }
}

/// Number of hashes stored for a tree of `size` leaves: `2·size − popcount(size)`.
pub fn stored_hash_count(size: u64) -> u64 {
    size.wrapping_mul(2)
        .wrapping_sub(u64::from(size.count_ones()))
}

/// Position of a node's hash in the canonical stored order.
///
/// The node `(level, index)` is completed by leaf `m = (index+1)·2^level − 1`; it is stored
/// after the hashes of the `m` earlier leaves and after the `level` hashes that leaf `m`
/// stores below it.
pub fn stored_hash_index(node: NodeId) -> u64 {
    let last_leaf = ((node.index + 1) << node.level) - 1;
    stored_hash_count(last_leaf) + u64::from(node.level)
}

/// Inverse of [`stored_hash_index`].
pub fn split_stored_hash_index(position: u64) -> NodeId {
    // stored_hash_count(m) is within 64 of 2m, so start at position/2 and walk.
    let mut leaf = position / 2;
    while leaf > 0 && stored_hash_count(leaf) > position {
        leaf -= 1;
    }
    while stored_hash_count(leaf + 1) <= position {
        leaf += 1;
    }
    let level = (position - stored_hash_count(leaf)) as u8;
    NodeId::new(level, ((leaf + 1) >> level) - 1)
}

/// Largest power of two strictly below `n` (`n ≥ 2`): the split point `k` of RFC 9162 §2.1.1.
pub(crate) fn split_point(n: u64) -> u64 {
    debug_assert!(n >= 2);
    1u64 << (63 - (n - 1).leading_zeros())
}

/// Appends the full subtrees that make up the leaf range `[lo, hi)`, left to right.
///
/// For a range that occurs in the RFC 9162 §2.1.1 recursion (`lo` is a multiple of the
/// smallest power of two ≥ `hi − lo`) the subtrees have strictly decreasing sizes and
/// `MTH(D[lo:hi])` is their right fold, see [`fold_right`].
pub(crate) fn subtree_nodes(lo: u64, hi: u64, out: &mut Vec<NodeId>) {
    let mut lo = lo;
    while lo < hi {
        let by_length = 63 - (hi - lo).leading_zeros();
        let level = if lo == 0 {
            by_length
        } else {
            lo.trailing_zeros().min(by_length)
        };
        out.push(NodeId::new(level as u8, lo >> level));
        lo += 1u64 << level;
    }
}

/// Right fold of subtree hashes: `h[0] ∘ (h[1] ∘ (… ∘ h[n−1]))` with `∘` the node hash.
pub(crate) fn fold_right(hashes: &[Hash]) -> Hash {
    let mut iter = hashes.iter().rev();
    let Some(last) = iter.next() else {
        return empty_root();
    };
    iter.fold(*last, |acc, left| node_hash(left, &acc))
}

/// Reads `nodes` from `source`, checking the count.
pub(crate) fn read_exact(
    source: &impl HashSource,
    nodes: &[NodeId],
) -> Result<Vec<Hash>, TreeError> {
    let hashes = source.read_hashes(nodes)?;
    if hashes.len() != nodes.len() {
        return Err(TreeError::WrongCount {
            want: nodes.len(),
            got: hashes.len(),
        });
    }
    Ok(hashes)
}

/// Merkle Tree Hash of the first `size` leaves, `MTH(D[0:size])` — RFC 9162 §2.1.1.
pub fn tree_hash(size: u64, source: &impl HashSource) -> Result<Hash, TreeError> {
    if size == 0 {
        return Ok(empty_root());
    }
    let mut nodes = Vec::new();
    subtree_nodes(0, size, &mut nodes);
    Ok(fold_right(&read_exact(source, &nodes)?))
}

/// Hash of a full subtree from the `2^k` hashes one level band below it (pairwise reduction).
pub(crate) fn reduce_full(hashes: &[Hash]) -> Hash {
    let mut layer: Vec<Hash> = hashes.to_vec();
    while layer.len() > 1 {
        layer = layer
            .chunks(2)
            .map(|pair| match pair {
                [l, r] => node_hash(l, r),
                [single] => *single,
                _ => empty_root(),
            })
            .collect();
    }
    layer.first().copied().unwrap_or_else(empty_root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_order_matches_append_order() {
        // Leaf k stores its hash then 1 + trailing_ones(k) − 1 parents.
        let mut position = 0;
        for leaf in 0u64..300 {
            let parents = (leaf + 1).trailing_zeros() as u8;
            for level in 0..=parents {
                let node = NodeId::new(level, ((leaf + 1) >> level) - 1);
                assert_eq!(stored_hash_index(node), position, "{node:?}");
                assert_eq!(split_stored_hash_index(position), node);
                position += 1;
            }
            assert_eq!(stored_hash_count(leaf + 1), position);
        }
    }

    #[test]
    fn subtree_decomposition_follows_binary_expansion() {
        let mut nodes = Vec::new();
        subtree_nodes(0, 13, &mut nodes);
        assert_eq!(
            nodes,
            vec![NodeId::new(3, 0), NodeId::new(2, 2), NodeId::new(0, 12)]
        );
        nodes.clear();
        subtree_nodes(8, 13, &mut nodes);
        assert_eq!(nodes, vec![NodeId::new(2, 2), NodeId::new(0, 12)]);
    }

    #[test]
    fn split_point_is_largest_power_below() {
        assert_eq!(split_point(2), 1);
        assert_eq!(split_point(3), 2);
        assert_eq!(split_point(4), 2);
        assert_eq!(split_point(5), 4);
        assert_eq!(split_point(u64::MAX), 1 << 63);
    }

    #[test]
    fn node_end_leaf_checks_overflow() {
        assert_eq!(NodeId::new(3, 2).end_leaf(), Some(24));
        assert_eq!(NodeId::new(63, 2).end_leaf(), None);
    }
}
