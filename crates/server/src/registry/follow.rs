//! The index follows the database: a server applies what other processes committed — `gongyi
//! import` or `seed` while it serves, `gongyi jobs run`, another server on the same PostgreSQL
//! — to its own search index, lookup table and credit table, in order, within about a second.
//!
//! The change log is the audit log (one row for every write, in the write's own transaction):
//! the follower reads the rows above the last id it applied, re-reads the organizations they
//! name and replaces their documents (an illegal-organization batch reloads that list). Applying
//! is idempotent — the record is read as it is now — so a change this process already showed
//! (its own writes refresh the views at once, `projections.rs`) is merely shown again.
//!
//! The last applied id is kept in the index's commit payload: a restarted server resumes from
//! it, so nothing committed while it was down is missed. On PostgreSQL, ids are taken from a
//! sequence before the transaction commits, so a lower id can become visible after a higher
//! one: the follower never moves its mark past a missing id until the id shows up or
//! [`GAP_PATIENCE`] has passed (a transaction that rolled back leaves its id unused for ever);
//! rows beyond the gap are applied meanwhile (applying twice is harmless).

use crate::AppState;
use crate::error::ApiError;
use gongyi_store::registry::changes::ChangeRef;
use gongyi_types::EntityKind;
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

/// How often the log is read when nothing is pending.
pub const POLL: Duration = Duration::from_millis(300);
/// How long a missing id is waited for before it is taken as a rolled-back transaction.
pub const GAP_PATIENCE: Duration = Duration::from_secs(30);
/// Audit rows read per round (a million-row import is followed in rounds of this size).
const BATCH: i64 = 20_000;

/// Where a follower is.
#[derive(Debug, Clone)]
pub struct Follower {
    /// Every id up to this one is applied.
    mark: i64,
    /// The first missing id above `mark`, and since when it has been missing.
    gap: Option<(i64, Instant)>,
}

impl Follower {
    /// A follower that resumes after `mark`.
    pub fn after(mark: i64) -> Self {
        Self { mark, gap: None }
    }

    pub fn mark(&self) -> i64 {
        self.mark
    }

    /// The new mark after reading `ids` (ascending, all above `mark`): the end of the run of
    /// consecutive ids, past a gap older than `patience`.
    fn advance(&mut self, ids: &[i64], now: Instant, patience: Duration) {
        for &id in ids {
            if id == self.mark + 1 {
                self.mark = id;
                self.gap = None;
                continue;
            }
            let missing = self.mark + 1;
            let since = match self.gap {
                Some((g, since)) if g == missing => since,
                _ => now,
            };
            if now.duration_since(since) >= patience {
                // Given up: the transaction that took `missing` rolled back.
                self.mark = id;
                self.gap = None;
            } else {
                self.gap = Some((missing, since));
                return;
            }
        }
    }
}

/// What one round applied.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Round {
    /// Audit rows read.
    pub read: usize,
    /// Organizations re-indexed (and removed).
    pub orgs: usize,
    pub removed: usize,
    /// Whether the illegal-organization list was reloaded.
    pub illegal: bool,
}

/// Reads and applies one batch of the log; the views show everything up to the new mark.
pub async fn round(state: &AppState, f: &mut Follower) -> Result<Round, ApiError> {
    let changes = state.store.changes_after(f.mark, BATCH).await?;
    if changes.is_empty() {
        return Ok(Round::default());
    }
    let mut codes = BTreeSet::new();
    let mut illegal = false;
    for ChangeRef {
        entity_kind,
        entity_id,
        ..
    } in &changes
    {
        if entity_kind == EntityKind::Org.code() {
            codes.insert(entity_id.clone());
        } else if entity_kind == EntityKind::IllegalBatch.code() {
            illegal = true;
        }
    }
    let codes: Vec<String> = codes.into_iter().collect();
    let upto = changes.last().map_or(f.mark, |c| c.id);
    let orgs = state.store.orgs_changed_between(f.mark, upto).await?;
    let found: BTreeSet<&str> = orgs.iter().map(|o| o.uscc.as_str()).collect();
    let gone: Vec<String> = codes
        .iter()
        .filter(|c| !found.contains(c.as_str()))
        .cloned()
        .collect();
    for o in &orgs {
        state.legitimacy.org_changed(o, o)?;
    }
    // The mark moves only once the index has committed this round: a failed round is read
    // again.
    let ids: Vec<i64> = changes.iter().map(|c| c.id).collect();
    let mut next = f.clone();
    next.advance(&ids, Instant::now(), GAP_PATIENCE);
    let docs: Vec<gongyi_search::OrgDoc> =
        orgs.iter().map(gongyi_search::OrgDoc::from_org).collect();
    let index = state.search.clone();
    let (mark, removed) = (next.mark, gone.len());
    tokio::task::spawn_blocking(move || index.apply_changes(&docs, &gone, mark))
        .await
        .map_err(ApiError::internal)??;
    *f = next;
    if illegal {
        state.legitimacy.reload_illegal(&state.store).await?;
    }
    Ok(Round {
        read: changes.len(),
        orgs: orgs.len(),
        removed,
        illegal,
    })
}

/// Follows the log from the index's mark for as long as the server runs.
pub fn spawn(state: AppState, start: i64) {
    tokio::spawn(async move {
        let mut f = Follower::after(start);
        loop {
            match round(&state, &mut f).await {
                Ok(r) if r.read > 0 => {
                    // Another process's writes enter this node's log now, not at the next
                    // periodic pump: the change feed and a higher node's sync see them
                    // within a poll.
                    crate::ledger::pump::pump_logged(&state).await;
                    // A full batch: more is waiting.
                    if r.read as i64 >= BATCH {
                        continue;
                    }
                }
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!(code = %e.code, message = %e.message, "following the change log")
                }
            }
            tokio::time::sleep(POLL).await;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mark_stops_at_a_gap_until_it_fills_or_is_given_up() {
        let t0 = Instant::now();
        let p = Duration::from_secs(30);
        let mut f = Follower::after(10);
        f.advance(&[11, 12, 14, 15], t0, p);
        assert_eq!(f.mark(), 12, "13 is not committed yet");
        // 13 commits: the next read sees it and the rest.
        f.advance(&[13, 14, 15], t0 + Duration::from_secs(1), p);
        assert_eq!(f.mark(), 15);
        // 16 never commits (rolled back): given up after the patience, not before.
        f.advance(&[17], t0 + Duration::from_secs(2), p);
        assert_eq!(f.mark(), 15);
        f.advance(&[17], t0 + Duration::from_secs(20), p);
        assert_eq!(f.mark(), 15);
        f.advance(&[17, 18], t0 + Duration::from_secs(33), p);
        assert_eq!(f.mark(), 18);
    }
}
