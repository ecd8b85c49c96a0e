//! An in-memory [`HashSource`]: every stored hash of a tree in one vector.

use crate::frontier::Frontier;
use crate::hash::{Hash, leaf_hash};
use crate::tree::{HashSource, NodeId, TreeError, stored_hash_count, stored_hash_index};

/// All stored hashes of a tree, in the canonical stored order (≈ 64 bytes per leaf).
///
/// Used by tests, benchmarks and auditors that rebuild a tree from its entries.
#[derive(Clone, Debug, Default)]
pub struct MemoryHashes {
    hashes: Vec<Hash>,
    frontier: Frontier,
}

impl MemoryHashes {
    /// An empty tree.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty tree with room for `leaves` leaves.
    pub fn with_capacity(leaves: u64) -> Self {
        let capacity = usize::try_from(stored_hash_count(leaves)).unwrap_or(0);
        Self {
            hashes: Vec::with_capacity(capacity),
            frontier: Frontier::new(),
        }
    }

    /// Appends an entry (hashed as a leaf, RFC 6962 §2.1) and returns its index.
    pub fn append(&mut self, entry: &[u8]) -> u64 {
        self.append_leaf_hash(leaf_hash(entry))
    }

    /// Appends a precomputed leaf hash and returns its index.
    pub fn append_leaf_hash(&mut self, leaf: Hash) -> u64 {
        let index = self.frontier.size();
        self.frontier.push(leaf, &mut self.hashes);
        index
    }

    /// Number of leaves.
    pub fn size(&self) -> u64 {
        self.frontier.size()
    }

    /// Root hash of the whole tree.
    pub fn root(&self) -> Hash {
        self.frontier.root()
    }

    /// The right edge of the tree.
    pub fn frontier(&self) -> &Frontier {
        &self.frontier
    }
}

impl HashSource for MemoryHashes {
    fn read_hashes(&self, nodes: &[NodeId]) -> Result<Vec<Hash>, TreeError> {
        let size = self.size();
        nodes
            .iter()
            .map(|node| {
                let out_of_range = TreeError::NodeOutOfRange { node: *node, size };
                match node.end_leaf() {
                    Some(end) if end <= size => usize::try_from(stored_hash_index(*node))
                        .ok()
                        .and_then(|i| self.hashes.get(i).copied())
                        .ok_or(out_of_range),
                    _ => Err(out_of_range),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::tree_hash;

    #[test]
    fn root_from_stored_hashes_matches_frontier() {
        let mut t = MemoryHashes::new();
        for i in 0u32..100 {
            t.append(&i.to_be_bytes());
            assert_eq!(tree_hash(t.size(), &t).unwrap(), t.root());
        }
        assert!(matches!(
            t.read_hashes(&[NodeId::new(7, 0)]),
            Err(TreeError::NodeOutOfRange { .. })
        ));
    }
}
