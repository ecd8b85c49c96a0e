//! Finding every listed name, in any of its common disguises, in a text.

use crate::automaton::Automaton;
use crate::classes::{Classes, FIRST_NAME_CLASS};
use crate::error::BuildError;
use crate::fold::fold;
use crate::normalize::normalize_name;
use crate::scan::scan;

/// Names shorter than this (after normalization) are refused.
pub const MIN_NAME_CHARS: usize = 2;

/// One listed name and the caller's identifier for it (a list entry id, or the
/// whole entry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<T> {
    pub id: T,
    /// The name as listed.
    pub name: String,
    /// [`normalize_name`] of `name`: what is searched for.
    pub normalized: String,
    /// Characters in `normalized`.
    normalized_len: usize,
    /// The name starts (ends) with a Latin letter or digit, so a match must not
    /// continue a Latin word or number of the text there.
    latin_start: bool,
    latin_end: bool,
}

/// One occurrence of a listed name in a text.
///
/// Offsets count characters (Unicode scalar values: an emoji outside the BMP is
/// one, where JavaScript's string indices count two UTF-16 units) of the
/// original text, `end` exclusive; the span starts at the
/// first and ends after the last character of the name, so separators around the
/// name are not part of it, separators inside it are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match<'a, T> {
    pub start: usize,
    pub end: usize,
    /// The same span in bytes of the UTF-8 text.
    pub byte_start: usize,
    pub byte_end: usize,
    /// `text[byte_start..byte_end]`, as written in the text.
    pub matched: &'a str,
    pub entry: &'a Entry<T>,
    /// Index of `entry` in the list the screener was built from.
    pub entry_index: usize,
}

/// Screens texts for a fixed list of names. Build once per list (about 0.2 s for
/// 10,000 names), share between threads, call [`Screener::find`] per text.
///
/// What counts as the same name: see [`normalize_name`]. Inside a text, a name
/// may be interrupted by any run of separators, including line breaks and
/// sentence punctuation: `中国。国学文化研究院` contains `中国国学文化研究院`. This
/// is deliberate — people who spread an illegal name break it with exactly such
/// characters, and text extracted from documents wraps names across lines —
/// and its cost, a hit where one sentence ends and the next begins with the
/// rest of a listed name, is rare and visible to the person reviewing the hit.
/// A name that begins or ends with a Latin letter or digit is not found inside a
/// longer Latin word or number (`ABC协会` is not found in `XABC协会`).
#[derive(Debug, Clone)]
pub struct Screener<T> {
    entries: Vec<Entry<T>>,
    classes: Classes,
    automaton: Automaton,
}

impl<T> Screener<T> {
    /// Builds a screener for `(id, name)` pairs.
    ///
    /// Fails when a name has fewer than [`MIN_NAME_CHARS`] characters once
    /// normalized (the error names the first such entry).
    pub fn new<N: Into<String>>(
        entries: impl IntoIterator<Item = (T, N)>,
    ) -> Result<Self, BuildError> {
        let mut list = Vec::new();
        for (index, (id, name)) in entries.into_iter().enumerate() {
            let name: String = name.into();
            let normalized = normalize_name(&name);
            let normalized_len = normalized.chars().count();
            if normalized_len < MIN_NAME_CHARS {
                return Err(BuildError::NameTooShort { index, name });
            }
            let is_latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            list.push(Entry {
                latin_start: is_latin(normalized.chars().next()),
                latin_end: is_latin(normalized.chars().next_back()),
                id,
                name,
                normalized,
                normalized_len,
            });
        }
        let classes = Classes::new(list.iter().map(|e| e.normalized.as_str()))?;
        let patterns: Vec<Vec<u16>> = list
            .iter()
            .map(|e| e.normalized.chars().map(|c| classes.of(c)).collect())
            .collect();
        let automaton =
            Automaton::build(&patterns, classes.count()).map_err(|_| BuildError::TooManyStates)?;
        Ok(Self {
            entries: list,
            classes,
            automaton,
        })
    }

    /// The entries, in the order given.
    pub fn entries(&self) -> &[Entry<T>] {
        &self.entries
    }

    /// Every occurrence of every name in `text`, ordered by start, then longer
    /// first, then by entry index. Overlapping and nested occurrences are all
    /// reported (`中国国学文化研究院` and `国学文化研究院` when both are listed).
    pub fn find<'a>(&'a self, text: &'a str) -> Vec<Match<'a, T>> {
        let mut matches = Vec::new();
        let mut hits = scan(&self.classes, &self.automaton, text);
        hits.sort_by_key(|hit| hit.end_byte);
        // Character offsets are counted only up to the hits, not kept per character.
        let (mut counted_bytes, mut counted_chars) = (0, 0);
        for hit in hits {
            counted_chars += text
                .get(counted_bytes..hit.end_byte)
                .map_or(0, |s| s.chars().count());
            counted_bytes = hit.end_byte;
            for &index in self.automaton.outputs(hit.state) {
                if let Some(m) = self.confirm(text, hit.end_byte, counted_chars, index as usize)
                    && hit.starts.contains(&m.byte_start)
                {
                    matches.push(m);
                }
            }
        }
        matches
            .sort_by(|a, b| (a.start, b.end, a.entry_index).cmp(&(b.start, a.end, b.entry_index)));
        matches
    }

    /// Heap bytes of the tables (class table, automaton), for capacity planning.
    pub fn heap_bytes(&self) -> usize {
        self.classes.heap_bytes() + self.automaton.heap_bytes()
    }

    /// Turns an automaton hit of entry `index` ending at (`end_byte`, `end_char`)
    /// into a [`Match`]: walks back over the name's characters (skipping the
    /// separators between them) to its start, and applies the Latin word rule.
    fn confirm<'a>(
        &'a self,
        text: &'a str,
        end_byte: usize,
        end_char: usize,
        index: usize,
    ) -> Option<Match<'a, T>> {
        let entry = self.entries.get(index)?;
        let before_end = text.get(..end_byte)?;
        let mut remaining = entry.normalized_len;
        let mut start_char = end_char;
        let mut byte_start = end_byte;
        for (at, c) in before_end.char_indices().rev() {
            start_char -= 1;
            byte_start = at;
            if self.classes.of(c) >= FIRST_NAME_CLASS {
                remaining -= 1;
                if remaining == 0 {
                    break;
                }
            }
        }
        let continues_latin =
            |c: Option<char>| c.and_then(fold).is_some_and(|c| c.is_ascii_alphanumeric());
        if entry.latin_start && continues_latin(text.get(..byte_start)?.chars().next_back()) {
            return None;
        }
        if entry.latin_end && continues_latin(text.get(end_byte..)?.chars().next()) {
            return None;
        }
        Some(Match {
            start: start_char,
            end: end_char,
            byte_start,
            byte_end: end_byte,
            matched: text.get(byte_start..end_byte)?,
            entry,
            entry_index: index,
        })
    }
}
