//! Results of recent searches, kept until the index changes.
//!
//! People search for the same few words over and over (养老, 协会, a city's name), and a
//! two-character word can match a third of a million organizations: ranking them and
//! counting their facets costs milliseconds each time, while the answer only changes when
//! the index does. Like Solr's `queryResultCache` and Elasticsearch's shard request cache,
//! this keeps whole results (page, exact total, facets) keyed by the normalized query and
//! tagged with the searcher generation they were computed on: after a commit the reader
//! moves to a new generation and every older entry is dropped, so a write is visible to the
//! next search exactly as without the cache.
//!
//! Bounded by entry count; the oldest entry goes first (FIFO), which is enough for a cache
//! whose entries all die together at the next commit.
//!
//! Misses are computed once ([`InFlight`]): every commit empties the cache, and the popular
//! queries then arrive together — sixteen clients asking for 协会 at once ran sixteen
//! identical searches, each slowed by the other fifteen (nginx's `proxy_cache_lock` and
//! Varnish's request coalescing do the same). The others wait for the first and take its
//! result from the cache.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use crate::query::SearchQuery;
use crate::results::SearchResults;

/// Entries kept by default: a results page with its facets is a few kilobytes, so this
/// stays within a few megabytes.
pub const DEFAULT_CAPACITY: usize = 2048;

/// The query as a cache key: every field, with the text trimmed and its inner whitespace
/// collapsed, and paging as it will be applied (so `page=0` and `page=1` share an entry).
pub(crate) fn key(q: &SearchQuery) -> String {
    let mut n = q.clone();
    n.q =
        q.q.as_deref()
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty());
    n.page = q.page();
    n.per_page = q.per_page();
    // Debug lists every field, so a field added to `SearchQuery` is part of the key
    // without anyone remembering to add it here.
    format!("{n:?}")
}

/// What results were computed on: the searcher generation and the credit table's epoch.
/// Both only grow, so a later state is never smaller in this (lexicographic) order.
pub(crate) type Version = (u64, u64);

#[derive(Default)]
struct Entries {
    generation: Version,
    map: HashMap<String, Arc<SearchResults>>,
    order: VecDeque<String>,
}

/// A bounded map from query key to results, valid for one searcher generation.
pub(crate) struct ResultCache {
    capacity: usize,
    entries: Mutex<Entries>,
}

impl ResultCache {
    pub(crate) fn new(capacity: usize) -> Self {
        Self {
            capacity,
            entries: Mutex::new(Entries::default()),
        }
    }

    pub(crate) fn capacity(&self) -> usize {
        self.capacity
    }

    /// The results stored for `key` on `generation`, if any.
    pub(crate) fn get(&self, generation: Version, key: &str) -> Option<Arc<SearchResults>> {
        if self.capacity == 0 {
            return None;
        }
        let e = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if e.generation != generation {
            return None;
        }
        e.map.get(key).cloned()
    }

    /// Stores results computed on `generation`. Results of an older generation than the
    /// cache's are dropped; a newer one empties the cache first.
    pub(crate) fn put(&self, generation: Version, key: String, results: Arc<SearchResults>) {
        if self.capacity == 0 {
            return;
        }
        let mut e = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if generation < e.generation {
            return;
        }
        if generation > e.generation {
            e.generation = generation;
            e.map.clear();
            e.order.clear();
        }
        if e.map.contains_key(&key) {
            return;
        }
        while e.map.len() >= self.capacity {
            match e.order.pop_front() {
                Some(old) => {
                    e.map.remove(&old);
                }
                None => break,
            }
        }
        e.order.push_back(key.clone());
        e.map.insert(key, results);
    }
}

/// The queries being computed, each with a lock its computer holds.
#[derive(Default)]
pub(crate) struct InFlight {
    gates: Mutex<HashMap<String, Arc<Mutex<()>>>>,
}

/// A turn at computing one query: held while computing; others asking for the same query
/// wait for it, then find the result in the cache.
pub(crate) struct Turn<'a> {
    flight: &'a InFlight,
    key: String,
    gate: Arc<Mutex<()>>,
}

impl InFlight {
    /// Waits until no one else computes `key`, then returns the turn (call
    /// [`Turn::hold`] on it).
    pub(crate) fn enter(&self, key: &str) -> Turn<'_> {
        let gate = self
            .lock()
            .entry(key.to_string())
            .or_insert_with(|| Arc::new(Mutex::new(())))
            .clone();
        Turn {
            flight: self,
            key: key.to_string(),
            gate,
        }
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, Arc<Mutex<()>>>> {
        self.gates.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Turn<'_> {
    /// Blocks until this turn comes; the search runs while the guard lives.
    pub(crate) fn hold(&self) -> MutexGuard<'_, ()> {
        self.gate.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        let mut gates = self.flight.lock();
        // Only the map and this turn hold the gate: no one waits, forget the query.
        if Arc::strong_count(&self.gate) == 2 {
            gates.remove(&self.key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facets::Facets;

    fn results(total: u64) -> Arc<SearchResults> {
        Arc::new(SearchResults {
            total,
            page: 1,
            per_page: 20,
            hits: vec![],
            facets: Facets::default(),
        })
    }

    fn query(q: &str, page: u32) -> SearchQuery {
        SearchQuery {
            q: Some(q.to_string()),
            page,
            ..SearchQuery::default()
        }
    }

    #[test]
    fn key_normalizes_text_and_paging_but_keeps_every_filter() {
        assert_eq!(key(&query(" 社会  协会 ", 0)), key(&query("社会 协会", 1)));
        assert_ne!(key(&query("社会", 1)), key(&query("社会", 2)));
        let mut filtered = query("社会", 1);
        filtered.charity = Some(true);
        assert_ne!(key(&filtered), key(&query("社会", 1)));
        assert_eq!(key(&query("   ", 1)), key(&SearchQuery::default()));
    }

    #[test]
    fn entries_live_for_one_generation() {
        let c = ResultCache::new(4);
        c.put((1, 0), "a".into(), results(7));
        assert_eq!(c.get((1, 0), "a").map(|r| r.total), Some(7));
        assert!(
            c.get((2, 0), "a").is_none(),
            "a newer generation never sees old results"
        );
        c.put((2, 0), "b".into(), results(8));
        assert!(
            c.get((1, 0), "a").is_none(),
            "moving on dropped the old generation"
        );
        c.put((1, 0), "a".into(), results(7));
        assert!(
            c.get((2, 0), "a").is_none(),
            "late results of an old generation are dropped"
        );
    }

    #[test]
    fn a_credit_change_ends_the_entries_like_a_commit() {
        let c = ResultCache::new(4);
        c.put((3, 1), "a".into(), results(7));
        assert!(c.get((3, 2), "a").is_none(), "the credit table changed");
        c.put((3, 2), "a".into(), results(8));
        c.put((3, 1), "a".into(), results(7));
        assert_eq!(c.get((3, 2), "a").map(|r| r.total), Some(8));
        assert!(c.get((4, 0), "a").is_none(), "a commit after it");
    }

    #[test]
    fn oldest_entry_goes_first_and_zero_capacity_disables() {
        let c = ResultCache::new(2);
        for (i, k) in ["a", "b", "c"].into_iter().enumerate() {
            c.put((1, 0), k.into(), results(i as u64));
        }
        assert!(c.get((1, 0), "a").is_none());
        assert_eq!(c.get((1, 0), "c").map(|r| r.total), Some(2));
        let off = ResultCache::new(0);
        off.put((1, 0), "a".into(), results(1));
        assert!(off.get((1, 0), "a").is_none());
    }
}
