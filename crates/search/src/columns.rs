//! The fast fields every search reads for every matching document (packed facets and
//! founding day), decoded once per segment into plain arrays, with the credit standing laid
//! over them from the [`CreditTable`].
//!
//! Tantivy stores fast fields compressed (bit-packed, or piecewise-linear for dates), and
//! reading one value costs a decode: measured with callgrind on 1,000,000 organizations, a
//! two-character query matching 260,000 of them spent a fifth of its instructions in
//! `get_val`. Two arrays of eight bytes per document (16 MB per million) make that a load.
//! Segments are immutable, so the founding days never go stale; the credit bits of the packed
//! facets are the one thing that changes without re-indexing: they are written when a
//! segment is decoded and patched in place (atomically) when the table changes. Arrays of
//! segments that are no longer searched are dropped when the searcher moves on.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock, RwLockWriteGuard};

use tantivy::columnar::{Cardinality, Column, ColumnValues, MonotonicallyMappableToU64, StrColumn};
use tantivy::index::SegmentId;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocSet, Searcher, SegmentReader, TERMINATED, Term};

use crate::credit_table::{Code, CreditTable};
use crate::facets;
use crate::schema::{FACET_BITS, FOUNDED, USCC};

/// One segment's decoded columns, indexed by doc id, as small as their values allow: a
/// common word's search reads them for a quarter of the documents, and at 8 bytes a value
/// the loads missed the cache more than anything else cost (measured with perf: the
/// facet-count increments waiting on them were a third of the search).
pub(crate) struct SegmentColumns {
    /// Packed facets (see `facets::pack`: 16 bits), the credit bits from the table.
    facet_bits: Vec<AtomicU16>,
    /// Founding day, days since 0001-01-01 (CE), clamped to `u32` (dates before 0001 are
    /// not registered).
    pub founded: Vec<u32>,
    /// The codes, for answers that need no other stored field (`similar_names`).
    uscc: StrColumn,
}

impl SegmentColumns {
    /// The packed facets of `doc` (0 past the end).
    #[inline]
    pub(crate) fn facet_bits(&self, doc: u32) -> u64 {
        self.facet_bits
            .get(doc as usize)
            .map_or(0, |b| u64::from(b.load(Ordering::Relaxed)))
    }

    /// The 统一社会信用代码 of `doc`.
    pub(crate) fn uscc(&self, doc: u32) -> Option<String> {
        let ord = self.uscc.term_ords(doc).next()?;
        let mut out = String::new();
        match self.uscc.ord_to_str(ord, &mut out) {
            Ok(true) => Some(out),
            _ => None,
        }
    }

    fn set_credit(&self, doc: u32, credit_ord: u64) {
        if let Some(b) = self.facet_bits.get(doc as usize) {
            let old = u64::from(b.load(Ordering::Relaxed));
            b.store(
                facets::narrow(facets::with_credit(old, credit_ord)),
                Ordering::Relaxed,
            );
        }
    }
}

/// Decoded columns by segment, and the credit table they reflect.
#[derive(Default)]
pub(crate) struct ColumnCache {
    by_segment: Mutex<HashMap<SegmentId, Arc<SegmentColumns>>>,
    /// Held for reading while a segment is decoded and stored, for writing while the table
    /// changes and the stored segments are patched: no segment misses a change.
    credit: RwLock<CreditTable>,
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

fn decode<T>(column: Column<T>, max_doc: u32) -> Vec<T>
where
    T: MonotonicallyMappableToU64 + PartialOrd + Default + Clone + std::fmt::Debug + Send + Sync,
{
    let values = values_by_doc(column);
    let mut out = vec![T::default(); max_doc as usize];
    let n = (values.num_vals() as usize).min(out.len());
    values.get_range(0, &mut out[..n]);
    out
}

/// The standing of every term (code) of the segment's dictionary, by term ordinal.
fn credit_by_ord(uscc: &StrColumn, table: &CreditTable) -> tantivy::Result<Vec<u8>> {
    let mut out = vec![facets::NORMAL_CREDIT; uscc.num_terms()];
    if table.is_empty() {
        return Ok(out);
    }
    let mut stream = uscc.dictionary().stream()?;
    while stream.advance() {
        let ord = stream.term_ord() as usize;
        if let (Some(slot), Some(c)) = (out.get_mut(ord), table.get(stream.key())) {
            *slot = c;
        }
    }
    Ok(out)
}

impl ColumnCache {
    /// The decoded columns of `segment`, decoding them on first use.
    pub(crate) fn get(&self, segment: &SegmentReader) -> tantivy::Result<Arc<SegmentColumns>> {
        let id = segment.segment_id();
        if let Some(c) = self.lock().get(&id) {
            return Ok(c.clone());
        }
        // Decoded outside the map's lock: two searches may both decode a new segment once.
        let table = self.credit.read().unwrap_or_else(PoisonError::into_inner);
        let fast = segment.fast_fields();
        let max_doc = segment.max_doc();
        let uscc = fast
            .str(USCC)?
            .ok_or_else(|| tantivy::TantivyError::SchemaError("uscc is not a fast field".into()))?;
        let by_ord = credit_by_ord(&uscc, &table)?;
        let mut bits = decode(fast.u64(FACET_BITS)?, max_doc);
        for (doc, b) in bits.iter_mut().enumerate() {
            let credit = uscc
                .term_ords(doc as u32)
                .next()
                .and_then(|o| by_ord.get(o as usize))
                .copied()
                .unwrap_or(facets::NORMAL_CREDIT);
            *b = facets::with_credit(*b, u64::from(credit));
        }
        let founded = decode(fast.i64(FOUNDED)?, max_doc)
            .into_iter()
            .map(|d| u32::try_from(d.max(0)).unwrap_or(u32::MAX))
            .collect();
        let columns = Arc::new(SegmentColumns {
            facet_bits: bits
                .into_iter()
                .map(|b| AtomicU16::new(facets::narrow(b)))
                .collect(),
            founded,
            uscc,
        });
        self.lock().insert(id, columns.clone());
        drop(table);
        Ok(columns)
    }

    /// Drops the columns of segments `searcher` no longer has (merged or deleted away).
    pub(crate) fn retain_live(&self, searcher: &Searcher) {
        let live: Vec<SegmentId> = searcher
            .segment_readers()
            .iter()
            .map(SegmentReader::segment_id)
            .collect();
        let mut map = self.lock();
        if map.len() > live.len() || map.keys().any(|id| !live.contains(id)) {
            map.retain(|id, _| live.contains(id));
        }
    }

    /// The table, for changing it; then [`Self::patch`] the decoded segments while holding it.
    pub(crate) fn credit_mut(&self) -> RwLockWriteGuard<'_, CreditTable> {
        self.credit.write().unwrap_or_else(PoisonError::into_inner)
    }

    /// Writes the standing of `changed` codes into every decoded segment of `searcher` (each
    /// code found through its term in `field`); decoded segments the searcher does not have
    /// are dropped, they will be decoded from the table when searched.
    pub(crate) fn patch(
        &self,
        _table: &CreditTable,
        searcher: &Searcher,
        field: Field,
        changed: &[(Code, u8)],
    ) -> tantivy::Result<()> {
        self.retain_live(searcher);
        let map = self.lock();
        for reader in searcher.segment_readers() {
            let Some(columns) = map.get(&reader.segment_id()) else {
                continue;
            };
            let inverted = reader.inverted_index(field)?;
            for (code, credit) in changed {
                let Ok(text) = std::str::from_utf8(code) else {
                    continue;
                };
                let term = Term::from_field_text(field, text);
                let Some(mut postings) = inverted.read_postings(&term, IndexRecordOption::Basic)?
                else {
                    continue;
                };
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    columns.set_credit(doc, u64::from(*credit));
                    doc = postings.advance();
                }
            }
        }
        Ok(())
    }

    /// The credit table's change counter (see [`CreditTable::epoch`]).
    pub(crate) fn credit_epoch(&self) -> u64 {
        self.credit
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .epoch()
    }

    pub(crate) fn credit_len(&self) -> usize {
        self.credit
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    /// Forgets every decoded segment (after the whole table was replaced).
    pub(crate) fn clear(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<SegmentId, Arc<SegmentColumns>>> {
        self.by_segment
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}
