//! One pass over the matching documents that counts them, counts their facets and keeps the
//! top of the requested page.
//!
//! Tantivy's `TopDocs` + `Count` + a facet collector would read the same documents three
//! times through three virtual calls; this collector does it once, reading two fast fields
//! per document (packed facets, founding date) in blocks where tantivy allows it.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Cardinality, Column, ColumnValues, MonotonicallyMappableToU64};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use crate::facets::FacetCounts;
use crate::schema::{FACET_BITS, FOUNDED};

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ranking {
    /// By score, ties broken by the newest founding date.
    Relevance,
    /// By founding date, newest first (queries with filters only).
    NewestFirst,
}

/// Collects `offset..offset+limit` of the ranking plus exact totals and facet counts.
pub(crate) struct PageCollector {
    pub ranking: Ranking,
    /// Hits to keep per segment: offset + limit.
    pub keep: usize,
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

/// Values indexed by doc id. Every document has both fields, so the column is normally
/// `Full` and its values are read directly, skipping the doc → row mapping.
fn values_by_doc<T>(column: Column<T>) -> Arc<dyn ColumnValues<T>>
where
    T: MonotonicallyMappableToU64 + PartialOrd + Default + std::fmt::Debug + Send + Sync,
{
    if column.get_cardinality() == Cardinality::Full {
        column.values
    } else {
        column.first_or_default_col(T::default())
    }
}

impl Collector for PageCollector {
    type Fruit = PageFruit;
    type Child = SegmentPage;

    fn for_segment(
        &self,
        ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentPage> {
        let fast = segment.fast_fields();
        Ok(SegmentPage {
            ranking: self.ranking,
            keep: self.keep,
            segment_ord: ord,
            facet_bits: values_by_doc(fast.u64(FACET_BITS)?),
            founded: values_by_doc(fast.i64(FOUNDED)?),
            counts: FacetCounts::default(),
            heap: BinaryHeap::with_capacity(self.keep + 1),
            full: self.keep == 0,
            worst: u64::MAX,
            bits_buf: Vec::new(),
            founded_buf: Vec::new(),
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
    facet_bits: Arc<dyn ColumnValues<u64>>,
    founded: Arc<dyn ColumnValues<i64>>,
    counts: FacetCounts,
    /// Min-heap (through `Reverse`) of the best hits so far; its top is the worst kept.
    /// Docs arrive in increasing order, so among equal keys the earlier doc wins.
    heap: BinaryHeap<Reverse<(u64, Reverse<DocId>)>>,
    /// Whether the heap holds `keep` hits; then only keys above `worst` get in.
    full: bool,
    worst: u64,
    bits_buf: Vec<u64>,
    founded_buf: Vec<i64>,
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
        self.counts.add(self.facet_bits.get_val(doc));
        let key = sort_key(self.ranking, score, self.founded.get_val(doc));
        self.offer(key, doc);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.bits_buf.resize(docs.len(), 0);
        self.founded_buf.resize(docs.len(), 0);
        self.facet_bits.get_vals(docs, &mut self.bits_buf);
        self.founded.get_vals(docs, &mut self.founded_buf);
        for &bits in &self.bits_buf {
            self.counts.add(bits);
        }
        for (i, &doc) in docs.iter().enumerate() {
            let key = sort_key(self.ranking, 0.0, self.founded_buf[i]);
            self.offer(key, doc);
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
