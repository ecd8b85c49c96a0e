//! Runs of the daily background jobs, so that a job runs once a day however many `serve`
//! processes (replicas) share the database: a run is claimed by inserting its (job, day) row
//! — the primary key lets one insert win on both backends — and finished by its holder. A
//! holder that died leaves an unfinished row; once its `expires_at` has passed another
//! process may take the run over (a guarded UPDATE, so again only one does).

use crate::{Store, StoreError};

/// What a process asking to run a job learns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// This process holds the run: do the work, then [`Store::finish_job`].
    Won,
    /// Another process holds it and has not finished (nor expired): ask again later.
    Running { holder: String },
    /// It has run that day.
    Done,
}

impl Store {
    /// Claims `job` for `day` for `holder` until `expires_at` (RFC 3339 UTC, as `now`).
    pub async fn claim_job(
        &self,
        job: &str,
        day: &str,
        holder: &str,
        now: &str,
        expires_at: &str,
    ) -> Result<Claim, StoreError> {
        let inserted = sqlx::query(
            "INSERT INTO job_runs (job, day, holder, started_at, expires_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (job, day) DO NOTHING",
        )
        .bind(job.to_string())
        .bind(day.to_string())
        .bind(holder.to_string())
        .bind(now.to_string())
        .bind(expires_at.to_string())
        .execute(&self.pool)
        .await?
        .rows_affected();
        if inserted == 1 {
            return Ok(Claim::Won);
        }
        let taken = sqlx::query(
            "UPDATE job_runs SET holder = $3, started_at = $4, expires_at = $5 WHERE job = $1 AND day = $2 AND finished_at IS NULL AND expires_at < $4",
        )
        .bind(job.to_string())
        .bind(day.to_string())
        .bind(holder.to_string())
        .bind(now.to_string())
        .bind(expires_at.to_string())
        .execute(&self.pool)
        .await?
        .rows_affected();
        if taken == 1 {
            return Ok(Claim::Won);
        }
        let row: Option<(String, Option<String>)> =
            sqlx::query_as("SELECT holder, finished_at FROM job_runs WHERE job = $1 AND day = $2")
                .bind(job.to_string())
                .bind(day.to_string())
                .fetch_optional(&self.pool)
                .await?;
        Ok(match row {
            Some((_, Some(_))) => Claim::Done,
            Some((holder, None)) => Claim::Running { holder },
            // Deleted between the two statements: nobody holds it; the caller asks again.
            None => Claim::Running {
                holder: String::new(),
            },
        })
    }

    /// Marks the run finished (only by its holder) with a one-line outcome. A failed run is
    /// given up instead ([`Store::release_job`]) so that it is tried again.
    pub async fn finish_job(
        &self,
        job: &str,
        day: &str,
        holder: &str,
        now: &str,
        outcome: &str,
    ) -> Result<bool, StoreError> {
        let n = sqlx::query(
            "UPDATE job_runs SET finished_at = $4, outcome = $5 WHERE job = $1 AND day = $2 AND holder = $3 AND finished_at IS NULL",
        )
        .bind(job.to_string())
        .bind(day.to_string())
        .bind(holder.to_string())
        .bind(now.to_string())
        .bind(outcome.to_string())
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(n == 1)
    }

    /// Gives up a run that failed, so that any process may try it again.
    pub async fn release_job(&self, job: &str, day: &str, holder: &str) -> Result<(), StoreError> {
        sqlx::query(
            "DELETE FROM job_runs WHERE job = $1 AND day = $2 AND holder = $3 AND finished_at IS NULL",
        )
        .bind(job.to_string())
        .bind(day.to_string())
        .bind(holder.to_string())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The finished runs of `job`, newest first: (day, holder, finished_at, outcome).
    pub async fn job_history(
        &self,
        job: &str,
        limit: i64,
    ) -> Result<Vec<(String, String, String, String)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT day, holder, finished_at, COALESCE(outcome, '') FROM job_runs WHERE job = $1 AND finished_at IS NOT NULL ORDER BY day DESC LIMIT $2",
        )
        .bind(job.to_string())
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }
}
