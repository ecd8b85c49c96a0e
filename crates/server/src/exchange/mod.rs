//! Exchange (数据融通): what other systems read to follow this node — the change feed
//! (`GET /api/v1/changes`). Atom feeds, open-data extracts and sync between levels will live
//! here too (issue 15).

pub(crate) mod api;
mod routes;

pub use routes::router;
