//! One pass over the matching documents that counts them, counts their facets and keeps the
//! top of the requested page.
//!
//! Tantivy's `TopDocs` + `Count` + a facet collector would read the same documents three
//! times through three virtual calls; this collector does it once, reading two fast fields
//! per document (packed facets, founding date) from arrays decoded once per segment
//! (`columns.rs`).

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use crate::columns::{ColumnCache, SegmentColumns};
use crate::facets::{FacetCounts, credit_of};

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ranking {
    /// By score, ties broken by the newest founding date.
    Relevance,
    /// By founding date, newest first (queries with filters only).
    NewestFirst,
}

/// Collects `offset..offset+limit` of the ranking plus exact totals and facet counts.
pub(crate) struct PageCollector<'a> {
    pub ranking: Ranking,
    /// Hits to keep per segment: offset + limit.
    pub keep: usize,
    /// Where the segments' fast fields are read from.
    pub columns: &'a ColumnCache,
    /// Only documents of this credit standing (position in `CreditStatus::ALL`): the
    /// standing is not in the index (see `credit_table.rs`), so it is filtered here.
    pub credit: Option<u64>,
}

/// What one segment (and then the whole index) yields: counts and the best `keep` hits, as
/// (sort key, address) with the sort key described at [`sort_key`].
pub(crate) struct PageFruit {
    pub counts: FacetCounts,
    pub top: Vec<(u64, DocAddress)>,
}

/// Higher is better. Relevance: score bits (order-preserving for non-negative floats) above
/// the founding day; newest first: the founding day alone.
fn sort_key(ranking: Ranking, score: Score, founded_days: i64) -> u64 {
    let day = founded_days.clamp(0, i64::from(u32::MAX)) as u64;
    match ranking {
        Ranking::Relevance => (u64::from(score.max(0.0).to_bits()) << 32) | day,
        Ranking::NewestFirst => day,
    }
}

/// The score carried by a relevance sort key.
pub(crate) fn score_of(key: u64) -> Score {
    f32::from_bits((key >> 32) as u32)
}

impl Collector for PageCollector<'_> {
    type Fruit = PageFruit;
    type Child = SegmentPage;

    fn for_segment(
        &self,
        ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentPage> {
        Ok(SegmentPage {
            ranking: self.ranking,
            keep: self.keep,
            segment_ord: ord,
            columns: self.columns.get(segment)?,
            credit: self.credit,
            counts: FacetCounts::default(),
            heap: BinaryHeap::with_capacity(self.keep + 1),
            full: self.keep == 0,
            worst: u64::MAX,
        })
    }

    fn requires_scoring(&self) -> bool {
        self.ranking == Ranking::Relevance
    }

    fn merge_fruits(&self, fruits: Vec<PageFruit>) -> tantivy::Result<PageFruit> {
        let mut counts = FacetCounts::default();
        let mut top = Vec::new();
        for fruit in fruits {
            counts.merge(&fruit.counts);
            top.extend(fruit.top);
        }
        // Best key first; equal keys in index order.
        top.sort_unstable_by_key(|&(key, addr)| (Reverse(key), addr));
        top.truncate(self.keep);
        Ok(PageFruit { counts, top })
    }
}

pub(crate) struct SegmentPage {
    ranking: Ranking,
    keep: usize,
    segment_ord: SegmentOrdinal,
    columns: Arc<SegmentColumns>,
    credit: Option<u64>,
    counts: FacetCounts,
    /// Min-heap (through `Reverse`) of the best hits so far; its top is the worst kept.
    /// Docs arrive in increasing order, so among equal keys the earlier doc wins.
    heap: BinaryHeap<Reverse<(u64, Reverse<DocId>)>>,
    /// Whether the heap holds `keep` hits; then only keys above `worst` get in.
    full: bool,
    worst: u64,
}

impl SegmentPage {
    #[inline]
    fn offer(&mut self, key: u64, doc: DocId) {
        if self.full && key <= self.worst {
            return;
        }
        if self.heap.len() < self.keep {
            self.heap.push(Reverse((key, Reverse(doc))));
        } else if let Some(mut worst) = self.heap.peek_mut() {
            *worst = Reverse((key, Reverse(doc)));
        }
        if self.heap.len() == self.keep {
            self.full = true;
            self.worst = self.heap.peek().map_or(u64::MAX, |w| w.0.0);
        }
    }
}

impl SegmentCollector for SegmentPage {
    type Fruit = PageFruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        let bits = self.columns.facet_bits(doc);
        if self.credit.is_some_and(|c| credit_of(bits) != c) {
            return;
        }
        let founded = self.columns.founded.get(doc as usize).copied().unwrap_or(0);
        self.counts.add(bits);
        self.offer(sort_key(self.ranking, score, founded), doc);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        let columns = self.columns.clone();
        for &doc in docs {
            let bits = columns.facet_bits(doc);
            if self.credit.is_some_and(|c| credit_of(bits) != c) {
                continue;
            }
            self.counts.add(bits);
            let founded = columns.founded.get(doc as usize).copied().unwrap_or(0);
            self.offer(sort_key(self.ranking, 0.0, founded), doc);
        }
    }

    fn harvest(self) -> PageFruit {
        let segment_ord = self.segment_ord;
        let top = self
            .heap
            .into_iter()
            .map(|Reverse((key, Reverse(doc_id)))| {
                (
                    key,
                    DocAddress {
                        segment_ord,
                        doc_id,
                    },
                )
            })
            .collect();
        PageFruit {
            counts: self.counts,
            top,
        }
    }
}
