//! How close two names are, for ranking "did you mean" candidates.
//!
//! The lookup answers an unknown or illegal name with the closest registered
//! names. Chinese names differ by a character swapped, added or dropped
//! (`中国国学研究院` / `中华国学研究会`), which character bigrams capture without a
//! word segmenter: the score is the Sørensen–Dice coefficient of the two multisets
//! of bigrams of the normalized names, `2·|A∩B| / (|A|+|B|)`, from 0.0 (nothing in
//! common) to 1.0 (same normalized name).

use crate::normalize::normalize_name;

/// A name prepared for scoring many times (normalized, bigrams sorted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameProfile {
    normalized: String,
    /// Bigrams of the normalized name, sorted; a one-character name has its
    /// character paired with itself so that it still compares.
    bigrams: Vec<(char, char)>,
}

impl NameProfile {
    pub fn new(name: &str) -> Self {
        let normalized = normalize_name(name);
        let chars: Vec<char> = normalized.chars().collect();
        let mut bigrams: Vec<(char, char)> = match chars.as_slice() {
            [] => Vec::new(),
            [only] => vec![(*only, *only)],
            _ => chars.windows(2).map(|w| (w[0], w[1])).collect(),
        };
        bigrams.sort_unstable();
        Self {
            normalized,
            bigrams,
        }
    }

    /// The normalized name ([`normalize_name`]).
    pub fn normalized(&self) -> &str {
        &self.normalized
    }

    /// Dice coefficient of the bigram multisets; 1.0 for equal normalized names
    /// (two empty names included), 0.0 when one is empty and the other not.
    pub fn similarity(&self, other: &NameProfile) -> f64 {
        if self.normalized == other.normalized {
            return 1.0;
        }
        let total = self.bigrams.len() + other.bigrams.len();
        if total == 0 {
            return 0.0;
        }
        let (mut i, mut j, mut common) = (0, 0, 0usize);
        while let (Some(a), Some(b)) = (self.bigrams.get(i), other.bigrams.get(j)) {
            match a.cmp(b) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    common += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        (2 * common) as f64 / total as f64
    }
}

/// [`NameProfile::similarity`] of two names, for one-off comparisons.
pub fn similarity(a: &str, b: &str) -> f64 {
    NameProfile::new(a).similarity(&NameProfile::new(b))
}

#[cfg(test)]
mod tests {
    use super::{NameProfile, similarity};

    #[test]
    fn variants_are_identical() {
        assert_eq!(
            similarity("中國國學文化研究院", "中国 国学 文化 研究院"),
            1.0
        );
    }

    #[test]
    fn ranks_the_closer_name_first() {
        let query = NameProfile::new("中国国学文化研究院");
        let close = NameProfile::new("中国国学文化研究会");
        let far = NameProfile::new("北京市足球协会");
        let (c, f) = (query.similarity(&close), query.similarity(&far));
        assert!(c > 0.7 && c < 1.0, "{c}");
        assert_eq!(f, 0.0);
    }

    #[test]
    fn repeated_bigrams_count_as_a_multiset() {
        // "哈哈哈" has bigrams {哈哈, 哈哈}; "哈哈" has {哈哈}: 2·1 / 3.
        assert!((similarity("哈哈哈", "哈哈") - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(similarity("", ""), 1.0);
        assert_eq!(similarity("", "协会"), 0.0);
        assert_eq!(similarity("会", "会"), 1.0);
    }
}
