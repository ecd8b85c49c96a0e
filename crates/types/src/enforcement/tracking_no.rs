//! The tracking number (查询码) a reporter gets for a complaint: `TS`, the date, and ten
//! characters from an alphabet without look-alikes (no 0/O, 1/I/L, U/V), so it can be read
//! aloud and typed from a phone. Knowing it is what lets someone see the complaint's status,
//! so the ten characters are random (29^10 ≈ 4·10^14, and lookups are rate-limited).

use chrono::NaiveDate;
use std::fmt;

/// Characters of the random part.
pub const ALPHABET: &[u8; 29] = b"23456789ABCDEFGHJKMNPQRSTWXYZ";
const RANDOM_LEN: usize = 10;

/// A well-formed tracking number (upper case, no separators).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TrackingNo(String);

impl TrackingNo {
    /// The number for a complaint received on `on`, from ten random bytes.
    pub fn new(on: NaiveDate, random: [u8; RANDOM_LEN]) -> Self {
        let tail: String = random
            .iter()
            .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
            .collect();
        Self(format!("TS{}{tail}", on.format("%Y%m%d")))
    }
    /// Parses what a person typed: case, spaces and hyphens do not matter.
    pub fn parse(s: &str) -> Option<Self> {
        let t: String = s
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let ok = t.len() == 2 + 8 + RANDOM_LEN
            && t.starts_with("TS")
            && NaiveDate::parse_from_str(&t[2..10], "%Y%m%d").is_ok()
            && t[10..].bytes().all(|b| ALPHABET.contains(&b));
        ok.then_some(Self(t))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TrackingNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_and_parses_typed_numbers() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let t = TrackingNo::new(d, [0, 1, 2, 3, 4, 5, 6, 7, 8, 28]);
        assert_eq!(t.as_str(), "TS2026112723456789AZ");
        assert_eq!(TrackingNo::parse("ts20261127-2345 6789az"), Some(t.clone()));
        assert_eq!(TrackingNo::parse("TS2026112723456789A0"), None); // 0 is not in the alphabet
        assert_eq!(TrackingNo::parse("TS20261327ABCDEFGHJK"), None); // month 13
        assert_eq!(TrackingNo::parse("TS2026"), None);
    }
}
