#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The one integration-test binary of the server (crates.io's and kanidm's habit: every extra
//! test file would link another binary). Each test runs the real app on a port of its own
//! against its own database — SQLite by default, PostgreSQL when GONGYI_TEST_DATABASE_URL
//! names one (CI runs both).

mod accounts;
mod applications;
mod credit;
mod enforcement;
mod exchange;
mod ledger;
mod legitimacy;
mod platform;
mod quality;
mod registry;
mod store;
mod support;
