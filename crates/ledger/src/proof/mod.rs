//! Merkle inclusion and consistency proofs: generation from a [`HashSource`] and
//! verification — RFC 9162 §2.1.3 and §2.1.4 (RFC 6962 §2.1.1, §2.1.2).
//!
//! [`HashSource`]: crate::tree::HashSource

mod consistency;
mod inclusion;

pub use consistency::{consistency_proof, verify_consistency};
pub use inclusion::{inclusion_proof, root_from_inclusion_proof, verify_inclusion};

use crate::hash::Hash;
use crate::tree::TreeError;

/// A proof could not be generated, or does not verify.
#[derive(Debug, thiserror::Error)]
pub enum ProofError {
    /// The leaf index is not inside the tree.
    #[error("leaf index {index} is not below tree size {size}")]
    IndexOutOfRange {
        /// Leaf index.
        index: u64,
        /// Tree size.
        size: u64,
    },
    /// A consistency proof was asked from a larger tree to a smaller one.
    #[error("old tree size {old} is larger than new tree size {new}")]
    OldSizeTooLarge {
        /// Old tree size.
        old: u64,
        /// New tree size.
        new: u64,
    },
    /// RFC 9162 §2.1.4 defines consistency only from a non-empty tree (`0 < first`).
    #[error("a consistency proof from the empty tree is meaningless")]
    EmptyOldTree,
    /// Equal tree sizes need an empty consistency proof.
    #[error("tree sizes are equal but the proof has {0} hashes")]
    NonEmptyProof(usize),
    /// Different tree sizes need a non-empty consistency proof (RFC 9162 §2.1.4.2 step 1).
    #[error("consistency proof is empty")]
    EmptyProof,
    /// The path has more hashes than the tree shape allows.
    #[error("proof has more hashes than the tree shape allows")]
    ProofTooLong,
    /// The path has fewer hashes than the tree shape needs.
    #[error("proof has fewer hashes than the tree shape needs")]
    ProofTooShort,
    /// The recomputed (new) root differs from the expected one.
    #[error("recomputed root {computed} does not match expected root {expected}")]
    RootMismatch {
        /// Root recomputed from the proof.
        computed: Hash,
        /// Root the verifier expected.
        expected: Hash,
    },
    /// The old root recomputed from a consistency proof differs from the expected one.
    #[error("recomputed old root {computed} does not match expected old root {expected}")]
    OldRootMismatch {
        /// Old root recomputed from the proof.
        computed: Hash,
        /// Old root the verifier expected.
        expected: Hash,
    },
    /// Reading stored hashes failed while generating a proof.
    #[error(transparent)]
    Tree(#[from] TreeError),
}
