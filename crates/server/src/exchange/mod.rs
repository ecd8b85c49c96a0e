//! Exchange (数据融通): what other systems and people read to follow this node — the change
//! feed (`GET /api/v1/changes`), the Atom feeds (`feeds`) and the data dictionary of what is
//! exchanged (`schema`), and the daily open-data extracts with their signed manifest
//! (`open_data`, served by `data_files`). Sync between levels will live here too (issue 15).

pub(crate) mod api;
mod data_files;
mod feeds;
pub mod open_data;
mod pages;
mod routes;
pub mod schema;
pub mod sync;

pub use open_data::OpenData;
pub use routes::router;
