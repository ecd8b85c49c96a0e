//! The one integration-test binary of gongyi-ledger.

// Test helpers outside #[test] functions may panic on failure too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod crash;
mod log;
mod notes;
mod props;
mod support;
mod tamper;
mod tiles;
mod vectors;
mod witness;
