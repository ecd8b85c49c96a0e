//! Persistence of gongyi: one schema and one set of queries on two backends — SQLite (the
//! embedded default, one file) and PostgreSQL (production) — through sqlx's `Any` driver.
//!
//! Queries use `$n` placeholders, which both backends accept; the schema sticks to a portable
//! subset (TEXT, BIGINT) and a `{id}` marker for auto-increment keys (see [`migrate`]).
//! Handlers never hold SQL: every query of the platform lives in this crate.

// One folder per domain, the same names as in `types` and `server`.
pub mod accounts;
pub mod applications;
pub mod credit;
pub mod enforcement;
pub mod exchange;
pub mod legitimacy;
pub mod registry;
/// The open work of a jurisdiction (applications, cases), for the workbench.
pub mod workload;

// What every domain uses: the audit trail (and its ledger outbox), the electronic archive's
// records, bulk statements, migrations, and the concurrency helpers.
pub mod attachments;
pub mod audit;
pub mod bulk;
mod error;
pub mod job_runs;
pub mod jurisdiction;
mod ledger_outbox;
pub mod migrate;
mod rows;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
mod tx;

pub use accounts::sessions::SessionRow;
pub use accounts::users::{NewUser, UserRow};
pub use attachments::AttachmentMeta;
pub use audit::{AuditEntry, NewAudit};
pub use error::StoreError;
pub use legitimacy::illegal_orgs::{IllegalEntryRow, NewIllegalBatch, NewIllegalEntry};

use sqlx::ConnectOptions;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};
use std::str::FromStr;
use std::time::Duration;

/// Which database engine a [`Store`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A handle on the database; cheap to clone (a connection pool).
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Store({:?})", self.backend)
    }
}

impl Store {
    /// Connects to `sqlite://PATH` (created if missing) or `postgres://…`.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(StoreError::UnsupportedUrl(redact(url)));
        };
        let url = match backend {
            Backend::Sqlite if !url.contains("mode=") => {
                let sep = if url.contains('?') { '&' } else { '?' };
                format!("{url}{sep}mode=rwc")
            }
            _ => url.to_string(),
        };
        // Bulk statements are long by design: statement logging would print them whole.
        let conn_opts = AnyConnectOptions::from_str(&url)
            .map_err(|e| StoreError::Connect(redact(&url), e))?
            .log_statements(log::LevelFilter::Off)
            .log_slow_statements(log::LevelFilter::Off, Duration::from_secs(60));
        let opts = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(10));
        let pool = match backend {
            // WAL lets readers run beside the writer; synchronous=NORMAL keeps every committed
            // transaction across a process crash (kill -9), which is what import promises.
            // 16 MiB of page cache per connection (SQLite's default is 2 MiB): the file's
            // pages stay in the operating system's cache anyway, and 64 MiB × 8 connections
            // made most of a 1 GiB server once every connection had served random profiles.
            Backend::Sqlite => opts
                .max_connections(8)
                .after_connect(|conn, _| {
                    Box::pin(async move {
                        conn.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000; PRAGMA cache_size=-16384;").await?;
                        Ok(())
                    })
                })
                .connect_with(conn_opts)
                .await
                .map_err(|e| StoreError::Connect(redact(&url), e))?,
            Backend::Postgres => opts
                .max_connections(16)
                .connect_with(conn_opts)
                .await
                .map_err(|e| StoreError::Connect(redact(&url), e))?,
        };
        Ok(Self { pool, backend })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// A transaction that will write. On SQLite it takes the write lock at its start
    /// (`BEGIN IMMEDIATE`): a deferred transaction that first reads and then writes cannot
    /// wait for another writer — SQLite answers `SQLITE_BUSY` at once instead of calling the
    /// busy handler, since waiting could deadlock — so two concurrent edits failed with
    /// "database is locked". Waiting at `BEGIN` goes through `busy_timeout` like any lock.
    pub async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }
    /// Refreshes the planner's statistics after a bulk load. Without them PostgreSQL guessed
    /// thousands of rows per code in the section tables of a freshly seeded registry and ran
    /// a profile's sections as parallel bitmap scans: 9.6 ms per profile instead of 0.3 ms,
    /// p99 over 100 ms under load (autovacuum analyzes eventually, but not before the first
    /// visitors). SQLite's `PRAGMA optimize` analyzes what needs it.
    pub async fn analyze(&self) -> Result<(), StoreError> {
        let sql = match self.backend {
            Backend::Sqlite => "PRAGMA optimize",
            Backend::Postgres => "ANALYZE",
        };
        sqlx::query(sql).execute(&self.pool).await?;
        Ok(())
    }

    /// One trivial round trip (health checks): the database answers.
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// The URL without its password, for messages and logs.
fn redact(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..s + 3], user, &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// Today's timestamp format of the store (RFC 3339, UTC, seconds).
pub fn timestamp(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl Store {
    /// Runs one statement outside the migration system (operators' tools: creating a scratch
    /// database for a benchmark). Never called with user input.
    pub async fn execute_raw(&self, sql: &str) -> Result<(), StoreError> {
        self.pool.execute(sql).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn redacts_passwords() {
        assert_eq!(
            super::redact("postgres://u:secret@h/db"),
            "postgres://u:***@h/db"
        );
        assert_eq!(super::redact("sqlite://x.db"), "sqlite://x.db");
    }
}
