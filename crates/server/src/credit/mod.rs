//! The credit write path (民政部令第60号): the daily list job, and officials' penalties, manual
//! listings and removals and objection decisions. Each applies the pure rules of
//! `gongyi_types::credit` to facts from the store, writes the changes with audit rows in
//! one transaction, keeps `orgs.credit` equal to the open entries and shows the new standing in
//! the search index's credit table and the lookup's name table ([`Views`]).

pub mod actions;
pub(crate) mod api;
pub mod court;
pub mod forms;
pub mod objections;
pub(crate) mod pages;
pub mod removal;
mod routes;
pub mod supervision;

pub use routes::router;

use crate::legitimacy::Legitimacy;
use chrono::NaiveDate;
use gongyi_search::SearchIndex;
use gongyi_store::credit::{OrgCreditChange, OrgCreditFacts, credit_of};
use gongyi_store::{Store, StoreError};
use gongyi_types::CreditStatus;
use gongyi_types::credit::{CreditAction, CreditPolicy, evaluate};
use std::collections::HashSet;
use std::time::{Duration, Instant};

/// Organizations per page of the job: seven range reads and one write transaction each.
pub const JOB_BATCH: i64 = 5000;

/// What one run of the daily job did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JobReport {
    pub orgs: u64,
    pub listed: u64,
    pub removed: u64,
    pub credit_changed: u64,
    pub elapsed: Duration,
}

/// Why the job stopped.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("检索索引更新失败：{0}")]
    Index(String),
}

/// The change `actions` make to one organization, with the standing they leave: `None` when
/// nothing changes (no action, and the stored standing already equals the open entries).
pub fn change_for(f: &OrgCreditFacts, actions: Vec<CreditAction>) -> Option<OrgCreditChange> {
    let removed: HashSet<i64> = actions
        .iter()
        .filter_map(|a| match a {
            CreditAction::Remove { entry_id, .. } => Some(*entry_id),
            _ => None,
        })
        .collect();
    let open = f
        .facts
        .entries
        .iter()
        .filter(|e| e.removed_on.is_none() && !removed.contains(&e.id))
        .map(|e| e.list)
        .chain(actions.iter().filter_map(|a| match a {
            CreditAction::List { list, .. } => Some(*list),
            _ => None,
        }));
    let credit = credit_of(open);
    let new_credit = (credit != f.credit).then_some(credit);
    if actions.is_empty() && new_credit.is_none() {
        return None;
    }
    Some(OrgCreditChange {
        uscc: f.uscc.clone(),
        actions,
        new_credit,
    })
}

/// Where a change of standing shows besides the database: the search index's credit table
/// and the lookup's name table, both in the running server's memory. `Views::default()` (a
/// command-line run without a server) updates neither: a server loads both from the database
/// when it starts.
#[derive(Clone, Copy, Default)]
pub struct Views<'a> {
    pub index: Option<&'a SearchIndex>,
    pub names: Option<&'a Legitimacy>,
}

impl<'a> Views<'a> {
    /// The running server's views.
    pub fn of(state: &'a crate::AppState) -> Self {
        Self {
            index: Some(&state.search),
            names: Some(&state.legitimacy),
        }
    }

    /// Shows the new standings of `changes` (no re-indexing: see `gongyi_search`'s
    /// `credit_table.rs`).
    pub(crate) fn show(&self, changes: &[OrgCreditChange]) -> Result<(), JobError> {
        let standings: Vec<(String, CreditStatus)> = changes
            .iter()
            .filter_map(|c| Some((c.uscc.clone(), c.new_credit?)))
            .collect();
        if standings.is_empty() {
            return Ok(());
        }
        if let Some(i) = self.index {
            i.set_credit_standings(&standings)
                .map_err(|e| JobError::Index(e.to_string()))?;
        }
        if let Some(n) = self.names {
            n.credit_changed(&standings)
                .map_err(|e| JobError::Index(e.message))?;
        }
        Ok(())
    }
}

/// Applies changes, then shows the new standings.
pub async fn apply(
    store: &Store,
    views: Views<'_>,
    changes: &[OrgCreditChange],
    actor: &str,
    at: &str,
) -> Result<(), JobError> {
    store.apply_credit_changes(changes, actor, at).await?;
    views.show(changes)
}

/// Re-evaluates one organization now (after a penalty, an objection decision …).
pub async fn run_for(
    store: &Store,
    views: Views<'_>,
    policy: &CreditPolicy,
    uscc: &str,
    today: NaiveDate,
    actor: &str,
    at: &str,
) -> Result<Vec<CreditAction>, JobError> {
    let Some(f) = store.credit_facts(uscc).await? else {
        return Ok(vec![]);
    };
    let actions = evaluate(&f.facts, today, policy);
    if let Some(c) = change_for(&f, actions.clone()) {
        apply(store, views, &[c], actor, at).await?;
    }
    Ok(actions)
}

/// The daily job (the list rules of 民政部令第60号, `gongyi_types::credit`): every organization, page by page in code
/// order; one transaction per page, so an interrupted run keeps whole pages and the next run
/// continues where the rules say (they never act twice on the same trigger). The new standings
/// show in `views` page by page, right after each page's transaction.
pub async fn run_job(
    store: &Store,
    views: Views<'_>,
    policy: &CreditPolicy,
    today: NaiveDate,
    at: &str,
    mut progress: impl FnMut(u64),
) -> Result<JobReport, JobError> {
    let t = Instant::now();
    let mut report = JobReport::default();
    let mut after = String::new();
    loop {
        let page = store.credit_facts_after(&after, JOB_BATCH).await?;
        let Some(last) = page.last() else { break };
        after = last.uscc.clone();
        let changes: Vec<OrgCreditChange> = page
            .iter()
            .filter_map(|f| change_for(f, evaluate(&f.facts, today, policy)))
            .collect();
        for c in &changes {
            for a in &c.actions {
                match a {
                    CreditAction::List { .. } => report.listed += 1,
                    CreditAction::Remove { .. } => report.removed += 1,
                }
            }
            report.credit_changed += u64::from(c.new_credit.is_some());
        }
        apply(store, views, &changes, "job:credit", at).await?;
        report.orgs += page.len() as u64;
        progress(page.len() as u64);
    }
    report.elapsed = t.elapsed();
    Ok(report)
}

/// Runs the job inside `serve` once a day, on one replica ([`crate::platform::daily`]).
pub fn spawn_daily(state: crate::AppState) -> tokio::task::JoinHandle<()> {
    crate::platform::daily::spawn(state, "credit", |state, today| async move {
        let r = run_job(
            &state.store,
            Views::of(&state),
            &state.config.credit_policy,
            today,
            &state.now_str(),
            |_| {},
        )
        .await?;
        Ok(format!(
            "orgs={} listed={} removed={} secs={:.2}",
            r.orgs,
            r.listed,
            r.removed,
            r.elapsed.as_secs_f64()
        ))
    })
}
