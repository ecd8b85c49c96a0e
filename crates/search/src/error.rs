//! The one error type of this crate. The server maps every variant to a 5xx: a search
//! error is never the user's fault, since query text is never parsed as syntax.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search engine error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("cannot open the search index directory {dir}: {source}")]
    Directory {
        dir: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the search index writer is unusable after a panic in another thread")]
    WriterPoisoned,
    #[error("stored document is missing or has an invalid field `{0}`")]
    CorruptDoc(&'static str),
}

impl SearchError {
    /// Another process holds the index's writer (a running `gongyi serve`).
    pub fn is_locked(&self) -> bool {
        matches!(
            self,
            Self::Tantivy(tantivy::TantivyError::LockFailure(
                tantivy::directory::error::LockError::LockBusy,
                _
            ))
        )
    }
}

impl From<tantivy::directory::error::OpenDirectoryError> for SearchError {
    fn from(e: tantivy::directory::error::OpenDirectoryError) -> Self {
        Self::Tantivy(e.into())
    }
}
