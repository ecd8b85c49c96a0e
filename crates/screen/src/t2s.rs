//! Traditional → simplified Chinese characters, one character for one.
//!
//! The table is OpenCC's `TSCharacters.txt` (Apache-2.0; see `data/README.md`),
//! compiled into the binary: nothing is read or downloaded at run time. Where
//! OpenCC lists several simplified candidates (`乾 → 干 乾`, `麵 → 面 麺`) the
//! first, OpenCC's default, is taken. Phrase-level rules (TSPhrases) are not
//! used: screening compares both sides through the same per-character map, so a
//! traditional name and its simplified spelling meet on the same key even where a
//! phrase rule would have chosen another character.

use std::collections::HashMap;
use std::sync::LazyLock;

/// The OpenCC table as shipped: `traditional<TAB>simplified[ simplified…]`.
const TS_CHARACTERS: &str = include_str!("../data/TSCharacters.txt");

static TABLE: LazyLock<HashMap<char, char>> = LazyLock::new(|| parse(TS_CHARACTERS));

/// The simplified form of `c`, or `c` itself when the table has no entry.
pub fn simplify(c: char) -> char {
    TABLE.get(&c).copied().unwrap_or(c)
}

/// Number of characters the table maps.
#[cfg(test)]
fn table_len() -> usize {
    TABLE.len()
}

/// Reads the table and closes chains (`薴 → 苧 → 苎`) so that mapping is
/// idempotent: a simplified character is never mapped again.
fn parse(text: &str) -> HashMap<char, char> {
    let mut map = HashMap::with_capacity(4_200);
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.starts_with('#') {
            continue;
        }
        let Some((from, to)) = line.split_once('\t') else {
            continue;
        };
        let mut from_chars = from.chars();
        let (Some(from), None) = (from_chars.next(), from_chars.next()) else {
            continue;
        };
        let Some(to) = to.split(' ').next().and_then(|t| t.chars().next()) else {
            continue;
        };
        if from != to {
            map.insert(from, to);
        }
    }
    let keys: Vec<char> = map.keys().copied().collect();
    for key in keys {
        let mut target = map.get(&key).copied().unwrap_or(key);
        // Chains in the data are one step long; the bound guards against a cycle.
        for _ in 0..4 {
            match map.get(&target) {
                Some(&next) if next != target && next != key => target = next,
                _ => break,
            }
        }
        map.insert(key, target);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::{simplify, table_len};

    #[test]
    fn maps_common_traditional_characters() {
        let traditional = "中國國學文化研究院世界華人聯合總會協會基金會委員會";
        let simplified: String = traditional.chars().map(simplify).collect();
        assert_eq!(
            simplified,
            "中国国学文化研究院世界华人联合总会协会基金会委员会"
        );
        assert!(table_len() > 4_000);
    }

    #[test]
    fn is_idempotent() {
        for (from, to) in super::TABLE.iter() {
            assert_eq!(simplify(*to), *to, "{from} → {to} maps again");
        }
    }
}
