//! Which characters are ignored when names are compared ("separators").
//!
//! People who advertise an illegal organization break its name up so that a
//! plain substring search misses it: `中 国 国 学`, `中·国·国·学`, `中国★国学`,
//! `中\u{200B}国` (an invisible zero-width space). Such characters carry no part of
//! a name, so matching skips them wherever they stand.

use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

/// True when `c` is skipped in names and in screened text.
///
/// The rule, by Unicode General Category (UAX #44, Unicode 18 tables of
/// `unicode-properties`), applied to the character *after* compatibility folding
/// (so a full-width `，` is judged as `,`):
///
/// - every separator `Z*` (spaces of every width including U+3000 IDEOGRAPHIC
///   SPACE and U+00A0, U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR);
/// - every punctuation `P*` — ASCII `!"#%&'()*,-./:;?@[\]_{}`, CJK `，。、；：？！
///   「」『』【】《》〈〉（）“”‘’·・…—～` and the like;
/// - every symbol `S*` — ASCII `$+<=>^`|~`, `¥`, `★☆●◆■▲♥`, arrows, box
///   drawing, emoji (`😀` is `So`);
/// - controls `Cc` (tab, line feed, carriage return …) and format characters `Cf`
///   (U+200B ZERO WIDTH SPACE, U+200C/U+200D joiners, U+2060 WORD JOINER, U+FEFF,
///   U+00AD SOFT HYPHEN, bidirectional controls, tag characters);
/// - non-spacing and enclosing marks `Mn`, `Me` (variation selectors U+FE00–U+FE0F
///   and U+E0100–U+E01EF, U+034F COMBINING GRAPHEME JOINER, U+20E3 keycap, combining
///   accents stacked on a character to disguise it);
/// - the invisible Hangul fillers U+115F, U+1160, U+3164 and U+FFA0 (letters by
///   category, blank on screen).
///
/// Letters (`L*`), numbers (`N*`, so `〇` and digits), spacing marks `Mc`,
/// private-use and unassigned code points are not separators.
pub fn is_separator(c: char) -> bool {
    if c.is_ascii() {
        return !c.is_ascii_alphanumeric();
    }
    if matches!(c, '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}') {
        return true;
    }
    let category = c.general_category();
    match c.general_category_group() {
        GeneralCategoryGroup::Separator
        | GeneralCategoryGroup::Punctuation
        | GeneralCategoryGroup::Symbol => true,
        GeneralCategoryGroup::Mark => category != GeneralCategory::SpacingMark,
        GeneralCategoryGroup::Other => {
            matches!(category, GeneralCategory::Control | GeneralCategory::Format)
        }
        GeneralCategoryGroup::Letter | GeneralCategoryGroup::Number => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_separator;

    #[test]
    fn spaces_punctuation_symbols_and_invisibles_are_separators() {
        for c in " \t\r\n\u{3000}\u{00A0}\u{2028}\u{200B}\u{200D}\u{2060}\u{FEFF}\u{00AD}\u{FE0F}\u{3164}"
            .chars()
            .chain("·•・-_.,，。、/\\|()（）【】[]《》\"“”'‘’「」『』!！?？:：;；…—～~".chars())
            .chain("★☆●◆♥→😀$¥+=".chars())
        {
            assert!(is_separator(c), "{c:?} should be a separator");
        }
    }

    #[test]
    fn letters_digits_and_ideographs_are_not() {
        for c in "aZ09中國〇々ー한あアé".chars() {
            assert!(!is_separator(c), "{c:?} should not be a separator");
        }
    }
}
