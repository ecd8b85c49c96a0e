//! The binary as an operator runs it: help, import with good and bad rows, idempotent
//! re-import, export round trip, all-or-nothing, dry run, kill -9 during import, kill -9 of `serve` during a stream of
//! ledger appends, create-user, the archive's fixity check.
//! Each test has its own data directory and database (SQLite, or a PostgreSQL schema when
//! GONGYI_TEST_DATABASE_URL names a server).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod archive;
mod court_dishonest;
mod follow;
mod illegal;
mod import;
mod jobs;
mod ledger_crash;
mod open_data;
mod quality;
mod support;
mod sync;
mod usage;
mod witness;
