//! Why a list of names cannot be screened for.

use crate::screener::MIN_NAME_CHARS;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BuildError {
    /// A name with fewer than [`MIN_NAME_CHARS`] characters after normalization
    /// would match ordinary words everywhere (a name "会" would flag every text).
    #[error(
        "entry {index}: name {name:?} has fewer than {MIN_NAME_CHARS} characters without spaces and punctuation"
    )]
    NameTooShort { index: usize, name: String },
    /// More distinct characters than the 16-bit class table holds.
    #[error("the names use more than {max} distinct characters")]
    TooManyCharacters { max: usize },
    /// More trie states than the 31-bit state ids hold.
    #[error("the names are too many or too long for one automaton")]
    TooManyStates,
}
