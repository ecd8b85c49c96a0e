//! Daily background jobs inside `serve`, run once a day across every `serve` process on the
//! database (replicas behind a load balancer): before a run the process claims (job, day) in
//! the `job_runs` table (`gongyi_store::job_runs`); the one that wins runs it, the others
//! see it running or done and do nothing. A holder that dies leaves its claim to expire after
//! [`LEASE`]; a run that fails is released and tried again a minute later (by any process).

use crate::AppState;
use chrono::NaiveDate;
use gongyi_store::job_runs::Claim;
use std::future::Future;
use std::sync::OnceLock;
use std::time::Duration;

/// How long a claim holds without being finished before another process may take it over:
/// well above the longest run measured (the credit job over 1M organizations, ~11 s).
pub const LEASE: chrono::Duration = chrono::Duration::minutes(30);

/// This process among the replicas: host name, process id and a random part (a restarted
/// process is a new holder).
pub fn instance_id() -> &'static str {
    static ID: OnceLock<String> = OnceLock::new();
    ID.get_or_init(|| {
        let host = std::fs::read_to_string("/etc/hostname")
            .map(|h| h.trim().to_string())
            .unwrap_or_else(|_| "host".into());
        format!(
            "{host}:{}:{:08x}",
            std::process::id(),
            rand::random::<u32>()
        )
    })
}

/// What one attempt did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempt {
    /// This process ran the job; its one-line outcome.
    Ran(String),
    /// Another process holds or has finished the run of that day.
    Elsewhere(Claim),
}

/// Runs `job` for `day` here if no other process has claimed it: claim, run, finish (or
/// release on failure, returning the error).
pub async fn run_once<F, Fut>(
    state: &AppState,
    job: &str,
    day: NaiveDate,
    holder: &str,
    run: F,
) -> anyhow::Result<Attempt>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = anyhow::Result<String>>,
{
    let now = state.clock.now();
    let day_s = day.to_string();
    let claim = state
        .store
        .claim_job(
            job,
            &day_s,
            holder,
            &gongyi_store::timestamp(now),
            &gongyi_store::timestamp(now + LEASE),
        )
        .await?;
    if claim != Claim::Won {
        return Ok(Attempt::Elsewhere(claim));
    }
    match run().await {
        Ok(outcome) => {
            state
                .store
                .finish_job(job, &day_s, holder, &state.now_str(), &outcome)
                .await?;
            Ok(Attempt::Ran(outcome))
        }
        Err(e) => {
            state.store.release_job(job, &day_s, holder).await?;
            Err(e)
        }
    }
}

/// Runs `job` inside `serve` at start and then once for each new day of the state's clock
/// (checked every minute, so a test clock moved forward triggers it too), here or on another
/// replica.
pub fn spawn<F, Fut>(state: AppState, job: &'static str, run: F) -> tokio::task::JoinHandle<()>
where
    F: Fn(AppState, NaiveDate) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = anyhow::Result<String>> + Send,
{
    tokio::spawn(async move {
        let mut last: Option<NaiveDate> = None;
        loop {
            let today = state.clock.today();
            if last != Some(today) {
                let attempt = run_once(&state, job, today, instance_id(), || {
                    run(state.clone(), today)
                })
                .await;
                match attempt {
                    Ok(Attempt::Ran(outcome)) => {
                        tracing::info!(job, %today, outcome, "daily job done");
                        last = Some(today);
                    }
                    Ok(Attempt::Elsewhere(Claim::Done)) => last = Some(today),
                    Ok(Attempt::Elsewhere(Claim::Running { holder })) => {
                        tracing::debug!(job, %today, holder, "daily job running on another process")
                    }
                    Ok(Attempt::Elsewhere(Claim::Won)) => {}
                    Err(e) => {
                        tracing::error!(job, error = %e, "daily job failed; retrying in a minute")
                    }
                }
            }
            tokio::time::sleep(Duration::from_secs(60)).await;
        }
    })
}
