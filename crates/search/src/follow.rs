//! Where the index stands in the database's change log: the last audit-log id it holds, kept
//! in every commit's payload (`applied-audit-id=42`), and the commit that applies a round of
//! changes read from the log (the server's follower, `gongyi_server::registry::follow`).

use std::sync::atomic::Ordering;

use tantivy::Term;

use crate::SearchIndex;
use crate::doc::OrgDoc;
use crate::error::SearchError;

impl SearchIndex {
    /// The last audit-log id whose change the index holds, if known (see the field).
    pub fn applied(&self) -> Option<i64> {
        let a = self.applied.load(Ordering::Acquire);
        (a >= 0).then_some(a)
    }

    /// Records that every change up to audit-log id `id` is in the index; the next commit
    /// keeps it ([`SearchIndex::commit_applied`] commits it now).
    pub fn set_applied(&self, id: i64) {
        self.applied.store(id, Ordering::Release);
    }

    /// Adds or replaces `docs` and deletes `gone` (codes) in one commit that also records
    /// `applied` as the last audit-log id the index holds.
    pub fn apply_changes(
        &self,
        docs: &[OrgDoc],
        gone: &[String],
        applied: i64,
    ) -> Result<(), SearchError> {
        let mut writer = self.writer()?;
        // The commit carries the new mark; a failed commit leaves the old one.
        let before = self.applied.swap(applied, Ordering::AcqRel);
        let committed = self.commit_with(&mut writer, |w| {
            for d in docs {
                w.delete_term(Term::from_field_text(self.fields.uscc, &d.uscc));
                w.add_document(d.to_document(&self.fields))?;
            }
            for code in gone {
                w.delete_term(Term::from_field_text(self.fields.uscc, code));
            }
            Ok(())
        });
        if committed.is_err() {
            self.applied.store(before, Ordering::Release);
        }
        committed?;
        drop(writer);
        self.note_credits(docs)
    }
}
