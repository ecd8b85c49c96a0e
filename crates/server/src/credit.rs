//! The credit write path (民政部令第60号): the daily list job, and officials' penalties, manual
//! listings and removals and objection decisions. Each applies the pure rules of
//! `gongyi_types::credit_rules` to facts from the store, writes the changes with audit rows in
//! one transaction, keeps `orgs.credit` equal to the open entries and refreshes the index.

use chrono::NaiveDate;
use gongyi_search::{OrgDoc, SearchIndex};
use gongyi_store::credit::{OrgCreditChange, OrgCreditFacts, credit_of};
use gongyi_store::{Store, StoreError};
use gongyi_types::credit_rules::{CreditAction, evaluate};
use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Organizations per page of the job: four range reads and one write transaction each.
pub const JOB_BATCH: i64 = 5000;
/// The job commits the search index every this many pages (250,000 organizations).
pub const JOB_COMMIT_PAGES: u64 = 50;

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

/// Applies changes, then puts the organizations whose standing changed into the index.
pub async fn apply(
    store: &Store,
    index: Option<&Arc<SearchIndex>>,
    changes: &[OrgCreditChange],
    actor: &str,
    at: &str,
) -> Result<(), JobError> {
    store.apply_credit_changes(changes, actor, at).await?;
    finish(reindex(store, index, changes, true).await?).await
}

type IndexTask = tokio::task::JoinHandle<Result<(), gongyi_search::SearchError>>;

/// Starts re-indexing the organizations whose standing changed, on a blocking thread (`None`:
/// nothing to do). Tokenizing a document costs more than writing its list entry, so the job
/// lets one page's re-indexing run while it reads and writes the next page. With `commit`
/// false the documents are only staged (see `SearchIndex::stage_many`); the job commits every
/// [`JOB_COMMIT_PAGES`] pages and at its end.
async fn reindex(
    store: &Store,
    index: Option<&Arc<SearchIndex>>,
    changes: &[OrgCreditChange],
    commit: bool,
) -> Result<Option<IndexTask>, JobError> {
    let codes: Vec<String> = changes
        .iter()
        .filter(|c| c.new_credit.is_some())
        .map(|c| c.uscc.clone())
        .collect();
    let (Some(index), false) = (index, codes.is_empty()) else {
        return Ok(None);
    };
    let docs: Vec<OrgDoc> = store
        .orgs_by_uscc(&codes)
        .await?
        .iter()
        .map(OrgDoc::from_org)
        .collect();
    let index = index.clone();
    Ok(Some(tokio::task::spawn_blocking(move || {
        if commit {
            index.upsert_many(&docs)
        } else {
            index.stage_many(&docs)
        }
    })))
}

/// Commits the staged documents (a crash before it leaves the index behind the database for
/// those organizations until `gongyi reindex`; at most [`JOB_COMMIT_PAGES`] pages).
async fn commit(index: Option<&Arc<SearchIndex>>) -> Result<(), JobError> {
    let Some(index) = index.cloned() else {
        return Ok(());
    };
    tokio::task::spawn_blocking(move || index.commit())
        .await
        .map_err(|e| JobError::Index(e.to_string()))?
        .map_err(|e| JobError::Index(e.to_string()))
}

async fn finish(task: Option<IndexTask>) -> Result<(), JobError> {
    if let Some(t) = task {
        t.await
            .map_err(|e| JobError::Index(e.to_string()))?
            .map_err(|e| JobError::Index(e.to_string()))?;
    }
    Ok(())
}

/// Re-evaluates one organization now (after a penalty, an objection decision …).
pub async fn run_for(
    store: &Store,
    index: Option<&Arc<SearchIndex>>,
    uscc: &str,
    today: NaiveDate,
    actor: &str,
    at: &str,
) -> Result<Vec<CreditAction>, JobError> {
    let Some(f) = store.credit_facts(uscc).await? else {
        return Ok(vec![]);
    };
    let actions = evaluate(&f.facts, today);
    if let Some(c) = change_for(&f, actions.clone()) {
        apply(store, index, &[c], actor, at).await?;
    }
    Ok(actions)
}

/// The daily job (第十条, 第十三条, 第十四条, 第十六条): every organization, page by page in code
/// order; one transaction per page, so an interrupted run keeps whole pages and the next run
/// continues where the rules say (they never act twice on the same trigger).
pub async fn run_job(
    store: &Store,
    index: Option<&Arc<SearchIndex>>,
    today: NaiveDate,
    at: &str,
    mut progress: impl FnMut(u64),
) -> Result<JobReport, JobError> {
    let t = Instant::now();
    let mut report = JobReport::default();
    let mut after = String::new();
    let mut indexing: Option<IndexTask> = None;
    let mut pages = 0u64;
    let pending = index
        .map(|i| i.begin_pending("credit job"))
        .transpose()
        .map_err(|e| JobError::Index(e.to_string()))?;
    loop {
        let page = store.credit_facts_after(&after, JOB_BATCH).await?;
        let Some(last) = page.last() else { break };
        after = last.uscc.clone();
        let changes: Vec<OrgCreditChange> = page
            .iter()
            .filter_map(|f| change_for(f, evaluate(&f.facts, today)))
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
        store
            .apply_credit_changes(&changes, "job:credit", at)
            .await?;
        let next = reindex(store, index, &changes, false).await?;
        finish(indexing.take()).await?;
        indexing = next;
        pages += 1;
        if pages.is_multiple_of(JOB_COMMIT_PAGES) {
            commit(index).await?;
        }
        report.orgs += page.len() as u64;
        progress(page.len() as u64);
    }
    finish(indexing).await?;
    commit(index).await?;
    if let Some(p) = pending {
        p.done().map_err(|e| JobError::Index(e.to_string()))?;
    }
    report.elapsed = t.elapsed();
    Ok(report)
}

/// Runs the job inside `serve`: at start and then once for each new day of the state's clock
/// (checked every minute, so a test clock moved forward triggers it too).
pub fn spawn_daily(state: crate::AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut last: Option<NaiveDate> = None;
        loop {
            let today = state.clock.today();
            if last != Some(today) {
                match run_job(
                    &state.store,
                    Some(&state.search),
                    today,
                    &state.now_str(),
                    |_| {},
                )
                .await
                {
                    Ok(r) => {
                        tracing::info!(
                            %today, orgs = r.orgs, listed = r.listed, removed = r.removed,
                            secs = r.elapsed.as_secs_f64(), "credit job done"
                        );
                        last = Some(today);
                    }
                    Err(e) => {
                        tracing::error!(error = %e, "credit job failed; retrying in a minute")
                    }
                }
            }
            tokio::time::sleep(Duration::from_secs(60)).await;
        }
    })
}
