//! What makes one query set behave the same on SQLite and PostgreSQL under concurrency.
//!
//! [`Store::begin_write`](crate::Store::begin_write) takes SQLite's database write lock at
//! `BEGIN`, so there a read-then-write transaction sees no concurrent writer. PostgreSQL runs
//! READ COMMITTED with row locks only where asked: two requests can both read "state = 已提交",
//! and the second `UPDATE … WHERE state = '已提交'` then waits, re-checks its guard and changes
//! nothing. Code written for SQLite's behaviour is made right on PostgreSQL by three habits:
//! - [`guarded`]: a state change names the state it leaves and fails with
//!   [`StoreError::Conflict`] when it changed no row (someone else acted first);
//! - [`lock`]: a row read in order to compute what to write (a diff, a summary of changes)
//!   is read `FOR UPDATE` on PostgreSQL, so the computation is against what it replaces;
//! - [`next_number`]: public numbers come from per-key counters, never `COUNT(*)+1`.

use crate::StoreError;
use sqlx::AnyConnection;
use sqlx::any::AnyQueryResult;

/// `Ok` when a guarded write changed at least one row, else a conflict with `message`
/// (e.g. "申请的状态已变为…，请刷新后重试"). Every `UPDATE … WHERE state = $old` goes through it.
pub(crate) fn guarded(
    result: AnyQueryResult,
    message: impl FnOnce() -> String,
) -> Result<(), StoreError> {
    if result.rows_affected() == 0 {
        Err(StoreError::Conflict(message()))
    } else {
        Ok(())
    }
}

/// The suffix that makes a `SELECT` lock the rows it reads until the transaction ends:
/// ` FOR UPDATE` on PostgreSQL; nothing on SQLite, whose write transactions hold the database
/// lock already.
pub(crate) fn lock(conn: &AnyConnection) -> &'static str {
    if conn.backend_name() == "PostgreSQL" {
        " FOR UPDATE"
    } else {
        ""
    }
}

/// The next number of `key` (1 for a new key), inside the caller's transaction. The counter's
/// row stays locked until the transaction ends, so concurrent callers get consecutive numbers
/// and a rolled-back transaction gives its number back.
pub(crate) async fn next_number(conn: &mut AnyConnection, key: &str) -> Result<i64, StoreError> {
    let n: i64 = sqlx::query_scalar(
        "INSERT INTO counters (key, n) VALUES ($1, 1) ON CONFLICT (key) DO UPDATE SET n = counters.n + 1 RETURNING n",
    )
    .bind(key.to_string())
    .fetch_one(&mut *conn)
    .await?;
    Ok(n)
}
