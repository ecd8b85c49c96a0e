//! Pinyin of organization names, so that `zgsh` or `zhongguoshehui` find 中国社会….
//!
//! Each character takes its first (most common) reading, without tone; polyphonic characters
//! are not expanded. `ü` is written `v`, as pinyin input methods type it. ASCII letters and
//! digits in a name are kept (lower-cased) as one "syllable" each; other characters are dropped.

use pinyin::ToPinyin;

/// Longest prefix indexed as a term of its own: a short prefix matches many names, and one
/// posting list beats scanning thousands of terms (`jiangsusheng` is 30,000 names in a
/// million). Longer query prefixes are matched by a term range over the whole strings, which
/// is selective at that length. Names start with their place, so prefixes up to these
/// lengths are shared by many names and add few terms to the dictionary.
pub(crate) const MAX_FULL_PREFIX: usize = 16;
pub(crate) const MAX_INITIALS_PREFIX: usize = 8;

/// Full pinyin and initials of a name, e.g. `("zhongguoshehui", "zgsh")` for 中国社会.
pub(crate) fn full_and_initials(name: &str) -> (String, String) {
    let mut full = String::with_capacity(name.len() * 2);
    let mut initials = String::with_capacity(name.len());
    for c in name.chars() {
        if let Some(p) = c.to_pinyin() {
            let plain = p.plain();
            full.extend(plain.chars().map(|c| if c == 'ü' { 'v' } else { c }));
            initials.push_str(p.first_letter());
        } else if c.is_ascii_alphanumeric() {
            let c = c.to_ascii_lowercase();
            full.push(c);
            initials.push(c);
        }
    }
    (full, initials)
}

/// Every prefix of `s` up to `max` bytes (pinyin strings are ASCII).
pub(crate) fn prefixes(s: &str, max: usize) -> impl Iterator<Item = &str> {
    (1..=s.len().min(max))
        .filter(|&n| s.is_char_boundary(n))
        .map(move |n| &s[..n])
}

/// Whether a lower-cased query word can be pinyin at all.
pub(crate) fn looks_like_pinyin(word: &str) -> bool {
    !word.is_empty()
        && word
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_pinyin_and_initials() {
        assert_eq!(
            full_and_initials("中国社会工作联合会"),
            ("zhongguoshehuigongzuolianhehui".into(), "zgshgzlhh".into())
        );
        assert_eq!(
            full_and_initials("北京市A1（绿色）"),
            ("beijingshia1lvse".into(), "bjsa1ls".into())
        );
    }

    #[test]
    fn prefixes_are_bounded() {
        assert_eq!(prefixes("zgsh", 3).collect::<Vec<_>>(), ["z", "zg", "zgs"]);
    }
}
