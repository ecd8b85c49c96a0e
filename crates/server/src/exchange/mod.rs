//! Exchange (数据融通): what other systems and people read to follow this node — the change
//! feed (`GET /api/v1/changes`), the Atom feeds (`feeds`) and the data dictionary of what is
//! exchanged (`schema`). Open-data extracts and sync between levels will live here too
//! (issue 15).

pub(crate) mod api;
mod feeds;
mod routes;
pub mod schema;

pub use routes::router;
