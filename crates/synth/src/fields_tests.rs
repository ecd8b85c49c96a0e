//! Tests of `fields.rs`.

use super::*;
use std::collections::HashSet;

#[test]
fn many_distinct_fields() {
    let words: Vec<&str> = ALL.iter().flat_map(|(l, _)| l.iter().copied()).collect();
    let distinct: HashSet<&str> = words.iter().copied().collect();
    assert!(distinct.len() >= 300, "{}", distinct.len());
    assert!(words.iter().all(|w| !w.is_empty()));
}
