//! The published illegal-organization list in memory: the entries, their normalized names for
//! the lookup, and a `gongyi_screen::Screener` for texts (built once per publication, ~0.2 s
//! for 10,000 names).

use crate::error::ApiError;
use gongyi_screen::{Screener, normalize_name};
use gongyi_store::IllegalEntryRow;
use std::collections::HashMap;

pub struct IllegalList {
    entries: Vec<IllegalEntryRow>,
    /// Normalized name → index of its newest entry.
    by_name: HashMap<String, usize>,
    screener: Screener<usize>,
}

impl IllegalList {
    /// `rows` newest batch first (as the store returns them): a name listed twice answers
    /// with its newest listing.
    pub fn build(rows: Vec<IllegalEntryRow>) -> Result<Self, ApiError> {
        let mut by_name = HashMap::new();
        for (i, e) in rows.iter().enumerate() {
            by_name.entry(normalize_name(&e.name)).or_insert(i);
        }
        let screener = Screener::new(rows.iter().enumerate().map(|(i, e)| (i, e.name.clone())))
            .map_err(ApiError::internal)?;
        Ok(Self {
            entries: rows,
            by_name,
            screener,
        })
    }

    pub fn entries(&self) -> &[IllegalEntryRow] {
        &self.entries
    }

    /// The newest listing of a normalized name.
    pub fn by_normalized(&self, key: &str) -> Option<&IllegalEntryRow> {
        self.by_name.get(key).and_then(|&i| self.entries.get(i))
    }

    pub fn screener(&self) -> &Screener<usize> {
        &self.screener
    }

    pub fn entry(&self, index: usize) -> Option<&IllegalEntryRow> {
        self.entries.get(index)
    }
}
