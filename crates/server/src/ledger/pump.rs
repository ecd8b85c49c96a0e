//! The outbox pump: audit rows with no ledger index, in id order, become leaves
//! ([`Log::append_batch`]), then the rows get their indexes ([`Store::mark_logged`]).
//!
//! Crash safety: the append is durable before the mark, so a crash in between leaves rows
//! whose leaves are already in the log. After a start (or a failed or interrupted pump) the
//! pump first reads the tail of the log — the last batch at most — and marks such rows with the
//! indexes found there instead of appending them again: a row never gets two leaves.
//!
//! It runs at `serve` start (catch-up), after every successful write request
//! ([`after_writes`]) and every two seconds ([`spawn_periodic`]). One pump runs at a time.

use crate::AppState;
use crate::ledger::handle::LedgerHandle;
use crate::ledger::leaf::{Leaf, logged_kinds};
use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use gongyi_ledger::{Log, LogError};
use gongyi_store::{Store, StoreError};
use std::collections::HashMap;
use std::time::Duration;

/// Audit rows per append (and the most a crash can leave unmarked).
pub const BATCH: i64 = 1000;

/// A pump that marked at least this many rows tidies the audit trail afterwards
/// ([`Store::settle_audit_log`]): a catch-up after a bulk load, not the rows of a request.
pub const SETTLE_AFTER: u64 = 10_000;

#[derive(Debug, thiserror::Error)]
pub enum PumpError {
    #[error("账本写入失败: {0}")]
    Log(#[from] LogError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("账本任务中断: {0}")]
    Join(#[from] tokio::task::JoinError),
}

/// Moves every unlogged audit row into the log; returns how many leaves were appended.
pub async fn pump(store: &Store, ledger: &LedgerHandle) -> Result<u64, PumpError> {
    let mut reconcile = ledger.pump.lock().await;
    let mut tail: Option<HashMap<i64, u64>> = None;
    let mut appended = 0;
    let mut marked = 0;
    for kind in logged_kinds() {
        let mut after = 0;
        loop {
            let rows = store.audit_unlogged(kind, after, BATCH).await?;
            let Some(last) = rows.last() else { break };
            after = last.id;
            if *reconcile && tail.is_none() {
                let log = ledger.log.clone();
                tail = Some(tokio::task::spawn_blocking(move || tail_ids(&log)).await??);
            }
            let mut marks = vec![];
            let mut fresh = vec![];
            for row in rows {
                match tail.as_ref().and_then(|t| t.get(&row.id)) {
                    Some(&index) => marks.push((row.id, index as i64)),
                    None => fresh.push(row),
                }
            }
            if !fresh.is_empty() {
                let leaves: Vec<Vec<u8>> = fresh
                    .iter()
                    .map(|a| Leaf::from_audit(a, &ledger.salt).encode())
                    .collect();
                *reconcile = true;
                let log = ledger.log.clone();
                let range = tokio::task::spawn_blocking(move || log.append_batch(leaves)).await??;
                appended += fresh.len() as u64;
                marks.extend(fresh.iter().zip(range).map(|(a, i)| (a.id, i as i64)));
            }
            store.mark_logged(&marks).await?;
            marked += marks.len() as u64;
        }
    }
    *reconcile = false;
    if marked >= SETTLE_AFTER {
        store.settle_audit_log().await?;
    }
    Ok(appended)
}

/// `audit_id → index` of the last `2 × BATCH` leaves.
fn tail_ids(log: &Log) -> Result<HashMap<i64, u64>, LogError> {
    let size = log.size();
    let start = size.saturating_sub(2 * BATCH as u64);
    let entries = log.entries(start, size - start)?;
    Ok(entries
        .iter()
        .zip(start..)
        .filter_map(|(e, i)| Leaf::parse(e).map(|l| (l.audit_id, i)))
        .collect())
}

/// Pumps and logs a failure (the rows stay in the outbox for the next run).
pub async fn pump_logged(state: &AppState) {
    if let Some(ledger) = &state.ledger
        && let Err(e) = pump(&state.store, ledger).await
    {
        tracing::error!(error = %e, "ledger pump failed");
    }
}

/// Middleware: after a successful write request, the new audit rows enter the log before
/// the response leaves, so a client that saw its write succeed finds it in the ledger.
pub async fn after_writes(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let write = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        && !req.uri().path().starts_with("/ledger/");
    let res = next.run(req).await;
    if write && (res.status().is_success() || res.status().is_redirection()) {
        pump_logged(&state).await;
    }
    res
}

/// Pumps every `every` in the background (writes made by other processes, retries).
pub fn spawn_periodic(state: AppState, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            pump_logged(&state).await;
        }
    })
}
