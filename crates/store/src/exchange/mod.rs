//! Exchange between nodes (数据融通): the sources a higher node pulls from (`sync`).

pub mod sync;

pub use sync::{SyncPage, SyncRefusal, SyncSource};
