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
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use crate::columns::{ColumnCache, SegmentColumns};
use crate::facets::{self, FacetCounts, credit_of};
use crate::query::SearchQuery;
use crate::schema::{NAME_ORDER_HI, NAME_ORDER_LO};
use crate::word_query::WordWeight;
use tantivy::columnar::Column;

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ranking {
    /// By score, ties broken by the newest founding date.
    Relevance,
    /// By founding date, newest first (queries with filters only, or asked for).
    NewestFirst,
    /// By founding date, oldest first.
    OldestFirst,
    /// By registration status (`RegStatus::ALL` order), then newest first.
    Status,
    /// By the name's sort key (`doc::name_order`), ascending.
    Name,
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
    pub top: Vec<(u128, DocAddress)>,
}

/// Higher is better. Relevance: score bits (order-preserving for non-negative floats) above
/// the founding day; newest first: the founding day alone; oldest first: its complement;
/// status: the complement of the status's position above the day; name: the complement of
/// the name key (smaller names first).
fn sort_key(ranking: Ranking, score: Score, founded_days: u32, bits: u64, name: u128) -> u128 {
    let day = u128::from(founded_days);
    match ranking {
        Ranking::Relevance => (u128::from(score.max(0.0).to_bits()) << 32) | day,
        Ranking::NewestFirst => day,
        Ranking::OldestFirst => u128::from(u32::MAX - founded_days),
        Ranking::Status => (u128::from(3 - facets::status_of(bits)) << 32) | day,
        Ranking::Name => u128::MAX - name,
    }
}

/// The score carried by a relevance sort key.
pub(crate) fn score_of(key: u128) -> Score {
    f32::from_bits((key >> 32) as u32)
}

impl<'a> PageCollector<'a> {
    /// The collector of `q`'s page (its window and credit filter), ranked by `ranking`.
    pub(crate) fn for_query(q: &SearchQuery, ranking: Ranking, columns: &'a ColumnCache) -> Self {
        let (offset, limit) = q.window();
        Self {
            ranking,
            keep: offset + limit,
            columns,
            credit: q.credit.map(facets::credit_ord),
        }
    }

    /// What `searcher.search(query, self)` gives for a word query, with the collector fed
    /// by the query's own loop (inlined, see `word_query.rs`) instead of through tantivy's
    /// callback: segments in parallel on the index's executor, deleted documents skipped.
    pub(crate) fn collect_words(
        &self,
        searcher: &Searcher,
        weight: &WordWeight,
    ) -> tantivy::Result<PageFruit> {
        let fruits = searcher.index().search_executor().map(
            |(ord, reader): (usize, &SegmentReader)| {
                let mut page = self.for_segment(ord as SegmentOrdinal, reader)?;
                weight.collect(reader, &mut page)?;
                Ok(page.harvest())
            },
            searcher.segment_readers().iter().enumerate(),
        )?;
        self.merge_fruits(fruits)
    }
}

impl Collector for PageCollector<'_> {
    type Fruit = PageFruit;
    type Child = SegmentPage;

    fn for_segment(
        &self,
        ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentPage> {
        let names = if self.ranking == Ranking::Name {
            let fast = segment.fast_fields();
            Some((fast.u64(NAME_ORDER_HI)?, fast.u64(NAME_ORDER_LO)?))
        } else {
            None
        };
        Ok(SegmentPage {
            names,
            ranking: self.ranking,
            keep: self.keep,
            segment_ord: ord,
            columns: self.columns.get(segment)?,
            credit: self.credit,
            counts: FacetCounts::default(),
            heap: BinaryHeap::with_capacity(self.keep + 1),
            full: self.keep == 0,
            worst: u128::MAX,
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
    heap: BinaryHeap<Reverse<(u128, Reverse<DocId>)>>,
    /// Whether the heap holds `keep` hits; then only keys above `worst` get in.
    full: bool,
    worst: u128,
    /// The name-key columns (high, low), read only when sorting by name.
    names: Option<(Column<u64>, Column<u64>)>,
}

impl SegmentPage {
    /// Hits kept: offset + limit of the page.
    pub(crate) fn keep(&self) -> usize {
        self.keep
    }

    /// Whether a document with packed facets `bits` passes the credit filter (if any).
    #[inline]
    fn admits(&self, bits: u64) -> bool {
        self.credit.is_none_or(|c| credit_of(bits) == c)
    }

    /// Whether `doc` passes the credit filter (if any).
    #[inline]
    pub(crate) fn passes(&self, doc: DocId) -> bool {
        self.admits(self.columns.facet_bits(doc))
    }

    /// Counts `doc` in the total and facets if it passes the credit filter; whether it did.
    #[inline]
    pub(crate) fn count(&mut self, doc: DocId) -> bool {
        let bits = self.columns.facet_bits(doc);
        if !self.admits(bits) {
            return false;
        }
        self.counts.add(bits);
        true
    }

    /// Offers `doc`, which passed the credit filter, for the page.
    #[inline(always)]
    pub(crate) fn offer(&mut self, doc: DocId, score: Score) {
        // Most documents score below the worst kept: known without reading their date.
        if self.full
            && self.ranking == Ranking::Relevance
            && u128::from(score.max(0.0).to_bits()) < self.worst >> 32
        {
            return;
        }
        self.offer_dated(doc, score);
    }

    fn offer_dated(&mut self, doc: DocId, score: Score) {
        let founded = self.columns.founded.get(doc as usize).copied().unwrap_or(0);
        let bits = if self.ranking == Ranking::Status {
            self.columns.facet_bits(doc)
        } else {
            0
        };
        let name = match &self.names {
            Some((hi, lo)) => {
                (u128::from(hi.first(doc).unwrap_or(0)) << 64)
                    | u128::from(lo.first(doc).unwrap_or(0))
            }
            None => 0,
        };
        self.offer_key(sort_key(self.ranking, score, founded, bits, name), doc);
    }

    #[inline]
    fn offer_key(&mut self, key: u128, doc: DocId) {
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
            self.worst = self.heap.peek().map_or(u128::MAX, |w| w.0.0);
        }
    }
}

impl SegmentCollector for SegmentPage {
    type Fruit = PageFruit;

    #[inline]
    fn collect(&mut self, doc: DocId, score: Score) {
        if self.count(doc) {
            self.offer(doc, score);
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        for &doc in docs {
            self.collect(doc, 0.0);
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
