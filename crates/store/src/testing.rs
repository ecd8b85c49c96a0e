//! Test support: a fresh, migrated database per test, on the backend CI selects.
//!
//! `GONGYI_TEST_DATABASE_URL` unset or `sqlite` → a new SQLite file in the temp dir;
//! `postgres://…` → a new schema on that server (connections pinned to it through
//! `search_path`), dropped when the test ends. An unreachable PostgreSQL fails the test: it is
//! never skipped silently.

use crate::{Backend, Store};
use std::sync::atomic::{AtomicU64, Ordering};

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A database that exists for one test.
pub struct TestDb {
    pub store: Store,
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    File(std::path::PathBuf),
    Schema { admin_url: String, schema: String },
}

fn unique(prefix: &str) -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!(
        "{prefix}_{}_{n}_{}",
        std::process::id(),
        nanos % 1_000_000_000
    )
}

impl TestDb {
    /// A migrated database of its own. Panics (failing the test) if the database cannot be
    /// reached.
    #[allow(clippy::expect_used)]
    pub async fn new() -> TestDb {
        let db = Self::empty().await;
        db.store.migrate().await.expect("migrate");
        db
    }

    /// A database of its own with no table yet (to test migrations of older schemas).
    #[allow(clippy::expect_used)]
    pub async fn empty() -> TestDb {
        let target = std::env::var("GONGYI_TEST_DATABASE_URL").unwrap_or_default();
        if target.starts_with("postgres") {
            let schema = unique("t");
            let admin = Store::connect(&target)
                .await
                .expect("PostgreSQL for tests is unreachable (GONGYI_TEST_DATABASE_URL)");
            admin
                .execute_raw(&format!("CREATE SCHEMA {schema}"))
                .await
                .expect("create schema");
            admin.close().await;
            let sep = if target.contains('?') { '&' } else { '?' };
            let url = format!("{target}{sep}options=-c%20search_path%3D{schema}");
            let store = Store::connect(&url).await.expect("connect to test schema");
            TestDb {
                store,
                url,
                cleanup: Cleanup::Schema {
                    admin_url: target,
                    schema,
                },
            }
        } else {
            let path = std::env::temp_dir().join(format!("{}.sqlite", unique("gongyi_test")));
            let url = format!("sqlite://{}", path.display());
            let store = Store::connect(&url).await.expect("open SQLite");
            TestDb {
                store,
                url,
                cleanup: Cleanup::File(path),
            }
        }
    }

    pub fn backend(&self) -> Backend {
        self.store.backend()
    }

    /// Drops the schema or deletes the file.
    pub async fn drop_db(self) {
        self.store.close().await;
        match self.cleanup {
            Cleanup::File(p) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", p.display()));
                }
            }
            Cleanup::Schema { admin_url, schema } => {
                if let Ok(admin) = Store::connect(&admin_url).await {
                    let _ = admin
                        .execute_raw(&format!("DROP SCHEMA {schema} CASCADE"))
                        .await;
                    admin.close().await;
                }
            }
        }
    }
}

/// The plan of `sql` as text, one line per step (SQLite's `EXPLAIN QUERY PLAN`, PostgreSQL's
/// `EXPLAIN`): lets a test say which index a query is answered from.
pub async fn query_plan(store: &Store, sql: &str) -> Result<String, crate::StoreError> {
    use sqlx::Row;
    let (explain, col) = match store.backend() {
        Backend::Sqlite => (format!("EXPLAIN QUERY PLAN {sql}"), 3),
        Backend::Postgres => (format!("EXPLAIN {sql}"), 0),
    };
    let rows = sqlx::query(&explain).fetch_all(store.pool()).await?;
    let lines = rows
        .iter()
        .map(|r| r.try_get::<String, _>(col))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(lines.join("\n"))
}

/// Whether `table` has been vacuumed by hand (`VACUUM`, not autovacuum) since it was created:
/// `None` on SQLite, which has no such notion for a table.
pub async fn vacuumed(store: &Store, table: &str) -> Result<Option<bool>, crate::StoreError> {
    if store.backend() == Backend::Sqlite {
        return Ok(None);
    }
    let n: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(vacuum_count), 0) FROM pg_stat_user_tables WHERE relid = to_regclass($1)",
    )
    .bind(table.to_string())
    .fetch_one(store.pool())
    .await?;
    Ok(Some(n > 0))
}
