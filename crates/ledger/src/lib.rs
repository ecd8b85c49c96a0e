//! gongyi's transparency log: an append-only, publicly verifiable record of financial facts.
//!
//! No HTTP and no SQL live here; storage sits behind [`LogStorage`]. The formats are the
//! ones of Certificate Transparency and the Go checksum database, so off-the-shelf tools
//! (Go's `sumdb/note`, `tlog`, C2SP witnesses) can check gongyi's log.
//!
//! # Leaves and tree
//! An entry is an arbitrary byte string of at most 65,535 bytes. Its leaf hash is
//! `SHA-256(0x00 || entry)` and an interior node is `SHA-256(0x01 || left || right)`; the
//! root of `n` entries is the Merkle Tree Hash `MTH(D[0:n])` of RFC 6962 §2.1 /
//! RFC 9162 §2.1.1 (the empty tree hashes to `SHA-256("")`). Inclusion proofs
//! (RFC 9162 §2.1.3) and consistency proofs (§2.1.4) are generated from stored full-subtree
//! hashes ([`tree`], [`proof`]).
//!
//! # Checkpoints
//! A checkpoint (C2SP tlog-checkpoint) is the note text
//! `<origin>\n<size>\n<base64 root>\n`, signed as a C2SP signed note, byte-compatible with
//! Go's `golang.org/x/mod/sumdb/note`:
//!
//! ```text
//! gongyi.example/ledger
//! 20852163
//! CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
//!
//! — gongyi.example/ledger Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeO…
//! ```
//!
//! Each signature line is an em dash (U+2014), a space, the key name, a space, and
//! `base64(4-byte key ID || Ed25519 signature)`. Keys are written as
//! `<name>+<hex8 key ID>+<base64(0x01 || public key)>` ([`vkey`]). Witnesses add
//! `cosignature/v1` lines (key type 0x04, signature = 8-byte timestamp || Ed25519 signature,
//! [`cosignature`]) after checking consistency ([`witness`], C2SP tlog-witness); a witness
//! keeps the last tree head it cosigned per log durably ([`FileWitnessStore`]).
//!
//! # Tiles
//! The tree is also served as C2SP tlog-tiles: `tile/<L>/<N>[.p/<W>]` holds up to 256
//! concatenated 32-byte hashes of tree level `8·L`, `tile/entries/<N>[.p/<W>]` holds up to 256
//! entries each prefixed by a big-endian `u16` length; `N` is written in 3-digit groups,
//! `x001/x234/067` for 1234067 ([`tile`]). [`TileHashReader`] recomputes and authenticates
//! every hash from tiles alone, against a checkpoint.
//!
//! # Durability
//! [`Log`] acknowledges an append only after `fsync`; concurrent appends are batched into one
//! write and one `fsync` (group commit). A checkpoint is signed only over entries already
//! durable, and the log refuses to open if its entries no longer reach the last checkpoint,
//! so no crash can make two signed checkpoints inconsistent ([`log`], [`file_storage`]).

pub mod checkpoint;
pub mod cosignature;
pub mod file_storage;
pub mod file_witness_store;
pub mod frontier;
pub mod hash;
pub mod log;
pub mod memory_hashes;
pub mod note;
pub mod proof;
pub mod storage;
pub mod tile;
pub mod tile_reader;
pub mod tree;
pub mod vkey;
pub mod witness;

pub use checkpoint::{Checkpoint, CheckpointError};
pub use cosignature::{CosignatureError, Cosigner, cosign, verify_cosignature};
pub use file_storage::FileStorage;
pub use file_witness_store::FileWitnessStore;
pub use hash::{Hash, HashError, empty_root, leaf_hash, node_hash};
pub use log::{Log, LogError, MAX_ENTRY_SIZE};
pub use memory_hashes::MemoryHashes;
pub use note::{Note, NoteError, NoteSigner, NoteVerifier, Signature};
pub use proof::{
    ProofError, consistency_proof, inclusion_proof, verify_consistency, verify_inclusion,
};
pub use storage::{LogStorage, MemoryStorage, StorageError};
pub use tile::{TileError, TileKind, TilePath};
pub use tile_reader::{TileFetcher, TileHashReader};
pub use tree::{HashSource, NodeId, TreeError, tree_hash};
pub use vkey::{KeyError, KeyType, SignerKey, VerifierKey};
pub use witness::{
    AddCheckpointRequest, MemoryWitnessStore, TreeHead, Witness, WitnessError, WitnessStore,
    WitnessStoreError,
};
