//! Many clients asking for the same query at once: with the result cache on, it runs once
//! and everyone gets that result; with the cache off, every request runs.

#![allow(clippy::unwrap_used)]

mod common;

use common::{index, text};
use std::sync::{Arc, Barrier};

fn ask_together(idx: Arc<gongyi_search::SearchIndex>, clients: usize) -> Vec<u64> {
    let barrier = Arc::new(Barrier::new(clients));
    let handles: Vec<_> = (0..clients)
        .map(|_| {
            let (idx, barrier) = (idx.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                idx.search(&text("社区服务")).unwrap().total
            })
        })
        .collect();
    handles.into_iter().map(|h| h.join().unwrap()).collect()
}

#[test]
fn concurrent_misses_of_one_query_run_it_once() {
    let idx = Arc::new(index());
    let totals = ask_together(idx.clone(), 8);
    assert!(totals.iter().all(|&t| t == 2), "{totals:?}");
    assert_eq!(idx.searches_run(), 1);
    // Another query is another search.
    idx.search(&text("养老")).unwrap();
    assert_eq!(idx.searches_run(), 2);
}

#[test]
fn without_the_cache_every_request_runs() {
    let idx = Arc::new(index().with_result_cache(0));
    let totals = ask_together(idx.clone(), 8);
    assert!(totals.iter().all(|&t| t == 2), "{totals:?}");
    assert_eq!(idx.searches_run(), 8);
}
