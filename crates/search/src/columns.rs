//! The two fast fields every search reads for every matching document (packed facets and
//! founding day), decoded once per segment into plain arrays.
//!
//! Tantivy stores fast fields compressed (bit-packed, or piecewise-linear for dates), and
//! reading one value costs a decode: measured with callgrind on 1,000,000 organizations, a
//! two-character query matching 260,000 of them spent a fifth of its instructions in
//! `get_val`. Two arrays of eight bytes per document (16 MB per million) make that a load.
//! Segments are immutable, so an array never goes stale; arrays of segments that are no
//! longer searched are dropped when the searcher moves on.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use tantivy::columnar::{Cardinality, Column, ColumnValues, MonotonicallyMappableToU64};
use tantivy::index::SegmentId;
use tantivy::{Searcher, SegmentReader};

use crate::schema::{FACET_BITS, FOUNDED};

/// One segment's decoded columns, indexed by doc id.
pub(crate) struct SegmentColumns {
    pub facet_bits: Vec<u64>,
    pub founded: Vec<i64>,
}

/// Decoded columns by segment.
#[derive(Default)]
pub(crate) struct ColumnCache {
    by_segment: Mutex<HashMap<SegmentId, Arc<SegmentColumns>>>,
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

impl ColumnCache {
    /// The decoded columns of `segment`, decoding them on first use.
    pub(crate) fn get(&self, segment: &SegmentReader) -> tantivy::Result<Arc<SegmentColumns>> {
        let id = segment.segment_id();
        if let Some(c) = self.lock().get(&id) {
            return Ok(c.clone());
        }
        // Decoded outside the lock: two searches may both decode a new segment once.
        let fast = segment.fast_fields();
        let max_doc = segment.max_doc();
        let columns = Arc::new(SegmentColumns {
            facet_bits: decode(fast.u64(FACET_BITS)?, max_doc),
            founded: decode(fast.i64(FOUNDED)?, max_doc),
        });
        self.lock().insert(id, columns.clone());
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

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<SegmentId, Arc<SegmentColumns>>> {
        self.by_segment
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}
