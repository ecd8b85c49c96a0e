//! Exchange (数据融通): what other systems and people read to follow this node — the change
//! feed (`GET /api/v1/changes`) and the Atom feeds (`feeds`). Open-data extracts and sync
//! between levels will live here too (issue 15).

pub(crate) mod api;
mod feeds;
mod routes;

pub use routes::router;
