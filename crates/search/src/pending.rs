//! A marker that the database is changing ahead of the index.
//!
//! The bulk commands (import, seed, reindex) write the database batch by batch and commit
//! the index once, at the end: a commit per batch would flush many small segments. A kill -9 in
//! between leaves committed rows the index does not have — and when they were updates, the
//! document count still matches, so a count check at start does not see it. The marker file
//! `<index>/pending-writes` is written (and fsynced) before such work begins and removed after
//! the index committed; `serve` finds it at start and rebuilds the index from the database.
//! Only one process can hold an index's writer, so one marker is enough.

use crate::SearchIndex;
use crate::error::SearchError;
use std::io::Write;
use std::path::PathBuf;

const MARKER: &str = "pending-writes";

/// Work in progress; [`PendingWrites::done`] after the index committed. Dropping it without
/// `done` (an error) keeps the marker: the next start rebuilds.
#[must_use = "call done() once the index has committed"]
pub struct PendingWrites {
    path: Option<PathBuf>,
}

impl PendingWrites {
    /// The index is current again.
    pub fn done(self) -> Result<(), SearchError> {
        if let Some(p) = &self.path {
            match std::fs::remove_file(p) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(marker_error(p, e)),
            }
        }
        Ok(())
    }
}

fn marker_error(p: &std::path::Path, source: std::io::Error) -> SearchError {
    SearchError::Directory {
        dir: p.to_path_buf(),
        source,
    }
}

impl SearchIndex {
    fn marker(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join(MARKER))
    }

    /// Marks the index as behind the database until [`PendingWrites::done`].
    pub fn begin_pending(&self, what: &str) -> Result<PendingWrites, SearchError> {
        let Some(path) = self.marker() else {
            return Ok(PendingWrites { path: None });
        };
        let mut f = std::fs::File::create(&path).map_err(|e| marker_error(&path, e))?;
        writeln!(f, "{what} (pid {})", std::process::id()).map_err(|e| marker_error(&path, e))?;
        f.sync_all().map_err(|e| marker_error(&path, e))?;
        Ok(PendingWrites { path: Some(path) })
    }

    /// What was in progress when a process stopped before the index committed, if anything.
    pub fn interrupted(&self) -> Option<String> {
        let path = self.marker()?;
        std::fs::read_to_string(path)
            .ok()
            .map(|s| s.trim().to_string())
    }
}

#[cfg(test)]
mod tests {
    use crate::SearchIndex;

    #[test]
    fn a_marker_left_behind_is_seen_at_the_next_open() {
        let dir = std::env::temp_dir().join(format!("gongyi-pending-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        {
            let idx = SearchIndex::open_or_create(&dir).unwrap();
            assert_eq!(idx.interrupted(), None);
            let p = idx.begin_pending("import orgs.csv").unwrap();
            p.done().unwrap();
            assert_eq!(idx.interrupted(), None);
            // A process that dies here leaves the marker.
            std::mem::forget(idx.begin_pending("import orgs.csv").unwrap());
        }
        let idx = SearchIndex::open_or_create(&dir).unwrap();
        assert!(idx.interrupted().unwrap().starts_with("import orgs.csv"));
        // An index in memory has nothing to mark.
        let mem = SearchIndex::in_memory().unwrap();
        mem.begin_pending("x").unwrap().done().unwrap();
        assert_eq!(mem.interrupted(), None);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
