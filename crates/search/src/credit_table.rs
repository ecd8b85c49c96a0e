//! The credit standing (信用状态) of every organization, kept beside the documents instead of
//! in them.
//!
//! The daily credit job (民政部令第60号) can change the standing of most of the registry in one
//! run: on the day annual reports fall due, every organization without one goes on the 活动
//! 异常名录. Tantivy cannot change one field of a document, and re-indexing a document means
//! tokenizing its name, address and 业务范围 again: measured on 1,000,000 organizations, that
//! day's job took 244.8 s re-indexing 933,243 of them, and the server grew to 1.25 GiB
//! resident (issues 2 and 4 ask for under 60 s and under 1 GiB). So the standing searches
//! filter, count and show is this table's: loaded from the database when the server starts,
//! set by every document written and by every credit change, and laid over the segments'
//! decoded columns (`columns.rs`). What a document was indexed with is never read.
//!
//! Only organizations not in good standing are kept: 18 bytes of code and one byte each.

use std::collections::HashMap;

use crate::doc::OrgDoc;
use crate::error::SearchError;

use crate::facets::{self, NORMAL_CREDIT};
use gongyi_types::CreditStatus;

/// A 统一社会信用代码 as its 18 ASCII bytes.
pub(crate) type Code = [u8; 18];

/// Standing (position in `CreditStatus::ALL`) by code; absent means in good standing.
#[derive(Default)]
pub(crate) struct CreditTable {
    by_code: HashMap<Code, u8>,
    /// Bumped by every change: cached results computed before it are stale.
    epoch: u64,
}

/// The code as table key (`None` for a string that is not 18 bytes: no such organization).
pub(crate) fn code(uscc: &str) -> Option<Code> {
    uscc.as_bytes().try_into().ok()
}

/// The table entry of a code and standing (`None`: not a code).
pub(crate) fn entry(uscc: &str, credit: CreditStatus) -> Option<(Code, u8)> {
    Some((code(uscc)?, facets::credit_ord(credit) as u8))
}

impl CreditTable {
    pub(crate) fn is_empty(&self) -> bool {
        self.by_code.is_empty()
    }

    pub(crate) fn len(&self) -> usize {
        self.by_code.len()
    }

    pub(crate) fn epoch(&self) -> u64 {
        self.epoch
    }

    /// The standing of the code given as bytes (a dictionary key), if not good.
    pub(crate) fn get(&self, key: &[u8]) -> Option<u8> {
        let code: &Code = key.try_into().ok()?;
        self.by_code.get(code).copied()
    }

    /// Sets standings; returns those that differ from before (to patch decoded segments).
    pub(crate) fn set(&mut self, changes: impl IntoIterator<Item = (Code, u8)>) -> Vec<(Code, u8)> {
        let mut changed = Vec::new();
        for (code, credit) in changes {
            let old = self.by_code.get(&code).copied().unwrap_or(NORMAL_CREDIT);
            if credit == NORMAL_CREDIT {
                self.by_code.remove(&code);
            } else {
                self.by_code.insert(code, credit);
            }
            if old != credit {
                changed.push((code, credit));
            }
        }
        if !changed.is_empty() {
            self.epoch += 1;
        }
        changed
    }

    /// Replaces the whole table (the database's standings, at start).
    pub(crate) fn replace(&mut self, all: impl IntoIterator<Item = (Code, u8)>) {
        self.by_code = all
            .into_iter()
            .filter(|(_, c)| *c != NORMAL_CREDIT)
            .collect();
        self.by_code.shrink_to_fit();
        self.epoch += 1;
    }
}

impl crate::SearchIndex {
    /// Sets the credit table from documents just written (their standing is the database's
    /// at the time they were read) and patches the decoded segments.
    pub(crate) fn note_credits<'d>(
        &self,
        docs: impl IntoIterator<Item = &'d OrgDoc>,
    ) -> Result<(), SearchError> {
        let changes: Vec<(Code, u8)> = docs
            .into_iter()
            .filter_map(|d| entry(&d.uscc, d.credit))
            .collect();
        self.apply_credits(changes)
    }

    pub(crate) fn apply_credits(&self, changes: Vec<(Code, u8)>) -> Result<(), SearchError> {
        if changes.is_empty() {
            return Ok(());
        }
        let mut table = self.columns.credit_mut();
        let changed = table.set(changes);
        if !changed.is_empty() {
            self.columns
                .patch(&table, &self.reader.searcher(), self.fields.uscc, &changed)?;
        }
        Ok(())
    }

    /// Records new credit standings (信用状态) of organizations, as the credit job and the
    /// officials' credit actions decide them: searches filter, count and show them from now
    /// on, without re-indexing anything (see `credit_table.rs`).
    pub fn set_credit_standings(
        &self,
        changes: &[(String, CreditStatus)],
    ) -> Result<(), SearchError> {
        self.apply_credits(changes.iter().filter_map(|(u, c)| entry(u, *c)).collect())
    }

    /// Replaces every credit standing with the database's (at start: the documents may have
    /// been indexed before the standings last changed). `all` needs only the organizations
    /// not in good standing.
    pub fn load_credit_standings(&self, all: &[(String, CreditStatus)]) {
        let mut table = self.columns.credit_mut();
        table.replace(all.iter().filter_map(|(u, c)| entry(u, *c)));
        // Every decoded segment reflects the old table: decode again on next use.
        self.columns.clear();
        drop(table);
    }

    /// Organizations the credit table holds as not in good standing.
    pub fn credit_table_len(&self) -> usize {
        self.columns.credit_len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changes_are_reported_and_good_standing_is_not_stored() {
        let a = code("53100000500019795A").unwrap();
        let mut t = CreditTable::default();
        assert_eq!(t.set([(a, 1)]), vec![(a, 1)]);
        assert_eq!(t.get(&a), Some(1));
        let epoch = t.epoch();
        assert!(t.set([(a, 1)]).is_empty(), "the same standing again");
        assert_eq!(t.epoch(), epoch, "no change, cached results stay valid");
        assert_eq!(t.set([(a, NORMAL_CREDIT)]), vec![(a, NORMAL_CREDIT)]);
        assert!(t.is_empty());
        assert!(code("short").is_none());
        t.replace([(a, 2), (code("11010519491231002X").unwrap(), NORMAL_CREDIT)]);
        assert_eq!(t.len(), 1);
    }
}
