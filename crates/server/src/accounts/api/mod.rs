//! The JSON API of accounts.

pub mod sessions;
