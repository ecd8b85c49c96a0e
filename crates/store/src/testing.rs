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
    /// Panics (failing the test) if the database cannot be reached.
    #[allow(clippy::expect_used)]
    pub async fn new() -> TestDb {
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
            store.migrate().await.expect("migrate");
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
            store.migrate().await.expect("migrate");
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
