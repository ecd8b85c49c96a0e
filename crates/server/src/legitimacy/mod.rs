//! What the legitimacy lookup and the text screening answer from memory: the registered
//! organizations by normalized name and by code ([`NameMap`]), and the published
//! illegal-organization list with its screener ([`IllegalList`]).
//!
//! The lookup must answer tens of thousands of names a second (issue 4: 50,000 names/s against
//! 1,000,000 organizations), so names are not queried one by one in the database: both tables
//! are loaded from the store on first use, kept current by the registry's write path (the same
//! place that updates the search index, `registry::edit_org`) and, for the list, rebuilt when a
//! batch is published.

pub(crate) mod api;
mod illegal_list;
mod name_map;
pub(crate) mod pages;
pub mod publish;
mod routes;

pub use routes::router;

pub use illegal_list::IllegalList;
pub use name_map::{NameMap, OrgBrief};

use crate::error::ApiError;
use gongyi_store::Store;
use gongyi_types::{CreditStatus, Organization};
use std::sync::{Arc, RwLock};

/// The shared in-memory tables (in [`crate::AppState`]).
#[derive(Default)]
pub struct Legitimacy {
    /// Shared by reference, edited in place: a lookup batch holds the read lock while it
    /// answers, an edit waits for it (copying a 1,000,000-entry table per edit, as a
    /// copy-on-write `Arc` would while any lookup runs, doubles the server's memory).
    names: RwLock<Option<Arc<RwLock<NameMap>>>>,
    illegal: RwLock<Option<Arc<IllegalList>>>,
    /// Serialize loading, so concurrent first requests load once; one per table, so the
    /// screener never waits for the (much larger) name table.
    loading_names: tokio::sync::Mutex<()>,
    loading_illegal: tokio::sync::Mutex<()>,
}

impl Legitimacy {
    /// The registered names (loaded from the store on first use).
    pub async fn names(&self, store: &Store) -> Result<Arc<RwLock<NameMap>>, ApiError> {
        if let Some(m) = self.names.read().map_err(ApiError::internal)?.clone() {
            return Ok(m);
        }
        let _guard = self.loading_names.lock().await;
        if let Some(m) = self.names.read().map_err(ApiError::internal)?.clone() {
            return Ok(m);
        }
        let map = Arc::new(RwLock::new(NameMap::load(store).await?));
        *self.names.write().map_err(ApiError::internal)? = Some(map.clone());
        Ok(map)
    }

    /// The published list and its screener (loaded on first use, rebuilt on publication).
    ///
    /// Batches are only ever added, so a count that differs from the store's means a batch
    /// was published elsewhere (`gongyi illegal import` beside a running server): one cheap
    /// `COUNT(*)` per request keeps every node's screener current.
    pub async fn illegal(&self, store: &Store) -> Result<Arc<IllegalList>, ApiError> {
        let count = usize::try_from(store.illegal_count().await?).unwrap_or(usize::MAX);
        let current = || -> Result<Option<Arc<IllegalList>>, ApiError> {
            Ok(self
                .illegal
                .read()
                .map_err(ApiError::internal)?
                .clone()
                .filter(|l| l.entries().len() == count))
        };
        if let Some(l) = current()? {
            return Ok(l);
        }
        let _guard = self.loading_illegal.lock().await;
        if let Some(l) = current()? {
            return Ok(l);
        }
        self.reload_illegal(store).await
    }

    /// Rebuilds the list from the store (after a batch is published).
    pub async fn reload_illegal(&self, store: &Store) -> Result<Arc<IllegalList>, ApiError> {
        let rows = store.illegal_entries().await?;
        let list = Arc::new(
            tokio::task::spawn_blocking(move || IllegalList::build(rows))
                .await
                .map_err(ApiError::internal)??,
        );
        *self.illegal.write().map_err(ApiError::internal)? = Some(list.clone());
        Ok(list)
    }

    /// Records a newly registered organization (成立登记), like [`Self::org_changed`].
    pub fn org_added(&self, new: &Organization) -> Result<(), ApiError> {
        let map = self.names.read().map_err(ApiError::internal)?.clone();
        if let Some(map) = map {
            map.write().map_err(ApiError::internal)?.upsert(new);
        }
        Ok(())
    }

    /// Records new credit standings (the credit job, officials' credit actions), like
    /// [`Self::org_changed`].
    pub fn credit_changed(&self, changes: &[(String, CreditStatus)]) -> Result<(), ApiError> {
        let map = self.names.read().map_err(ApiError::internal)?.clone();
        if let Some(map) = map {
            let mut map = map.write().map_err(ApiError::internal)?;
            for (uscc, credit) in changes {
                map.set_credit(uscc, *credit);
            }
        }
        Ok(())
    }

    /// Records an edit of a registered organization (called where the search index is
    /// updated). Nothing to do while the table is not loaded: it will load the new record.
    pub fn org_changed(&self, old: &Organization, new: &Organization) -> Result<(), ApiError> {
        let map = self.names.read().map_err(ApiError::internal)?.clone();
        if let Some(map) = map {
            map.write().map_err(ApiError::internal)?.replace(old, new);
        }
        Ok(())
    }
}
