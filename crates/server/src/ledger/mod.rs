//! The transparency log in the platform (issue 3): every write of the registry's
//! audit trail becomes a public leaf of the node's [`gongyi_ledger::Log`].
//!
//! - [`handle`]: the node's log, signing key and salt under `<data-dir>/ledger/`.
//! - [`leaf`]: the canonical, versioned leaf format (no personal data).
//! - [`pump`]: the outbox pump from `audit_log` into the log (crash-safe, no duplicates).
//! - [`receipt`]: a self-contained proof that one leaf is in the log, checkable offline.
//! - [`witness_handle`]: this node as a C2SP tlog-witness of other nodes' logs
//!   (`POST /ledger/add-checkpoint`, `GET /ledger/witness-vkey`).
//! - [`witness_push`]: this node's checkpoints sent to its witnesses; their cosignatures are
//!   served with `/ledger/checkpoint`.
//! - one file per endpoint: the C2SP tlog-tiles and checkpoint under `/ledger/`, JSON helpers
//!   under `/api/v1/ledger/`, and the public page `/ledger`.

pub mod add_checkpoint;
pub mod checkpoint_get;
pub mod entry_get;
pub mod handle;
pub mod leaf;
pub mod model;
pub mod page;
pub mod proof_consistency;
pub mod proof_inclusion;
pub mod pump;
pub mod receipt;
pub mod receipt_get;
pub mod tile_get;
pub mod vkey_get;
pub mod witness_handle;
pub mod witness_push;
pub mod witness_vkey_get;

pub use handle::{LedgerHandle, NodeSalt};
pub use leaf::Leaf;
pub use receipt::Receipt;
pub use witness_handle::WitnessHandle;

use crate::AppState;
use axum::routing::{get, post};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Pages, and the API routes with their OpenAPI entries (`routes!` registers both at once).
/// The C2SP endpoints (checkpoint, tiles, keys, add-checkpoint) keep their conventional paths.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .route("/ledger", get(page::show))
        .route("/ledger/verify-receipt", post(page::verify))
        .route("/ledger/tile/{*path}", get(tile_get::get_tile))
        .routes(routes!(checkpoint_get::get_checkpoint))
        .routes(routes!(vkey_get::get_vkey))
        .routes(routes!(witness_vkey_get::get_witness_vkey))
        .routes(routes!(add_checkpoint::add_checkpoint))
        .routes(routes!(entry_get::get_entry))
        .routes(routes!(proof_inclusion::get_inclusion_proof))
        .routes(routes!(proof_consistency::get_consistency_proof))
        .routes(routes!(receipt_get::get_receipt))
}
