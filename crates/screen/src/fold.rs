//! Folding one character to the form names are compared in.
//!
//! Code points of the Basic Multilingual Plane are folded once into a 256 KiB
//! table; the rest are folded when met (they are rare in Chinese text and mostly
//! emoji).

use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

use crate::separator::is_separator;
use crate::t2s::simplify;

/// Marks a separator in [`BMP`].
const SEPARATOR: u32 = u32::MAX;

/// `fold` of every BMP code point: the folded char as `u32`, or [`SEPARATOR`].
/// Surrogate code points, which cannot occur in a `str`, hold [`SEPARATOR`].
static BMP: LazyLock<Box<[u32]>> = LazyLock::new(|| {
    (0..0x1_0000u32)
        .map(|cp| match char::from_u32(cp).map(fold_slow) {
            Some(Some(folded)) => u32::from(folded),
            _ => SEPARATOR,
        })
        .collect()
});

/// The folded form of `c`, or `None` when `c` is a separator
/// ([`is_separator`](crate::is_separator) of its compatibility form).
///
/// Otherwise the character after, in this order:
///
/// 1. compatibility folding — the NFKC form of the single character when that is
///    a single character (UAX #15): full-width ASCII `Ａ１，` → `A1,`, U+3000 →
///    space, half-width katakana → full-width, Kangxi radicals `⼈` → `人`, CJK
///    compatibility ideographs `豈` (U+F900) → `豈`, circled and superscript digits
///    `①²` → `12`; a character whose NFKC form is several (`㈱`, `ﬁ`) stays itself;
/// 2. case folding — the lower case when it is a single character (`A` → `a`,
///    `Ω` → `ω`);
/// 3. traditional → simplified Chinese, one character for one, by OpenCC's
///    `TSCharacters` table (`國` → `国`, `華` → `华`; where OpenCC lists several
///    simplified forms, its first).
///
/// The steps are repeated until nothing changes, so folding is idempotent and a
/// folded name folds to itself.
#[inline]
pub fn fold(c: char) -> Option<char> {
    let cp = u32::from(c);
    if cp < 0x1_0000 {
        match BMP.get(cp as usize).copied() {
            Some(SEPARATOR) | None => None,
            Some(folded) => char::from_u32(folded),
        }
    } else {
        fold_slow(c)
    }
}

/// Folds without the table: steps 1–3 until a fixed point.
pub(crate) fn fold_slow(c: char) -> Option<char> {
    let mut current = c;
    // Two rounds reach the fixed point for every code point in Unicode 18; the
    // bound keeps a future table change from looping.
    for _ in 0..4 {
        let next = fold_once(current)?;
        if next == current {
            return Some(current);
        }
        current = next;
    }
    Some(current)
}

fn fold_once(c: char) -> Option<char> {
    if c.is_ascii() {
        return if is_separator(c) {
            None
        } else {
            Some(c.to_ascii_lowercase())
        };
    }
    let compat = single(c.nfkc()).unwrap_or(c);
    if is_separator(compat) {
        return None;
    }
    let lower = single(compat.to_lowercase()).unwrap_or(compat);
    Some(simplify(lower))
}

/// The only item of `iter`, if it has exactly one.
fn single(mut iter: impl Iterator<Item = char>) -> Option<char> {
    let first = iter.next()?;
    iter.next().is_none().then_some(first)
}

#[cfg(test)]
mod tests {
    use super::{fold, fold_slow};

    fn folded(s: &str) -> String {
        s.chars().filter_map(fold).collect()
    }

    #[test]
    fn folds_width_case_and_traditional() {
        assert_eq!(folded("ＡＢＣ１２３ａｂｃ"), "abc123abc");
        assert_eq!(folded("中國國學"), "中国国学");
        assert_eq!(folded("⼈民"), "人民");
        assert_eq!(folded("中 · 国\u{3000}【国】学\u{200B}"), "中国国学");
    }

    #[test]
    fn is_idempotent_over_the_whole_code_space() {
        for cp in 0..=0x10_FFFFu32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            if let Some(f) = fold(c) {
                assert_eq!(fold(f), Some(f), "U+{cp:04X} {c} → {f}");
            }
            assert_eq!(
                fold(c),
                fold_slow(c),
                "table and slow path differ at U+{cp:04X}"
            );
        }
    }
}
