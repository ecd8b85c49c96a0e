//! 公民身份号码 — GB 11643-1999.
//!
//! 6-digit address code (GB/T 2260 at the time of issue), 8-digit birth date, 3-digit sequence
//! (odd = male), 1 check character: Σ wᵢaᵢ mod 11 → "10X98765432".

use chrono::NaiveDate;
use std::fmt;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: &[u8; 11] = b"10X98765432";

/// Province-level prefixes that GB/T 2260 has assigned (including 71 台湾, 81 香港, 82 澳门).
const PROVINCES: [u8; 34] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
    53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
];

/// Why a string is not a valid 公民身份号码. Positions are 1-based.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CitizenIdError {
    #[error("公民身份号码应为18位，实际为{0}位")]
    Length(usize),
    #[error("第{pos}位字符“{ch}”无效：前17位应为数字，第18位为数字或大写X")]
    Char { pos: usize, ch: char },
    #[error("第1-2位省级行政区划码“{0}”不存在")]
    Province(String),
    #[error("第7-14位出生日期“{0}”不是有效日期")]
    BirthDate(String),
    #[error("第18位校验码应为“{expected}”，实际为“{found}”")]
    Check { expected: char, found: char },
}

impl CitizenIdError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Length(_) => "citizen_id_length",
            Self::Char { .. } => "citizen_id_char",
            Self::Province(_) => "citizen_id_province",
            Self::BirthDate(_) => "citizen_id_birth_date",
            Self::Check { .. } => "citizen_id_check",
        }
    }
}

/// A valid 公民身份号码. `Debug` and `Display` show it masked: it is personal data.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct CitizenId(String);

impl CitizenId {
    /// Parses strictly (upper-case X only); forms should upper-case their input first.
    pub fn parse(s: &str) -> Result<Self, CitizenIdError> {
        let n = s.chars().count();
        if n != 18 {
            return Err(CitizenIdError::Length(n));
        }
        for (i, ch) in s.chars().enumerate() {
            let ok = ch.is_ascii_digit() || (i == 17 && ch == 'X');
            if !ok {
                return Err(CitizenIdError::Char { pos: i + 1, ch });
            }
        }
        let b = s.as_bytes();
        let prov = (b[0] - b'0') * 10 + (b[1] - b'0');
        if !PROVINCES.contains(&prov) {
            return Err(CitizenIdError::Province(s[..2].to_string()));
        }
        if NaiveDate::parse_from_str(&s[6..14], "%Y%m%d").is_err() || &s[6..8] < "18" {
            return Err(CitizenIdError::BirthDate(s[6..14].to_string()));
        }
        let sum: u32 = b[..17]
            .iter()
            .zip(WEIGHTS)
            .map(|(c, w)| u32::from(c - b'0') * w)
            .sum();
        let expected = char::from(CHECK[(sum % 11) as usize]);
        if char::from(b[17]) != expected {
            return Err(CitizenIdError::Check {
                expected,
                found: char::from(b[17]),
            });
        }
        Ok(Self(s.to_string()))
    }

    /// The full number, for encryption and keyed hashing only — never for display.
    pub fn expose(&self) -> &str {
        &self.0
    }
    /// Masked for screens and certificates: first 3 and last 4 characters (e.g. `110***********002X`).
    pub fn masked(&self) -> String {
        format!("{}{}{}", &self.0[..3], "*".repeat(11), &self.0[14..])
    }
    pub fn birth_date(&self) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(&self.0[6..14], "%Y%m%d").ok()
    }
    /// Sequence digit parity: odd = male (GB 11643-1999 §4.2.3).
    pub fn is_male(&self) -> bool {
        (self.0.as_bytes()[16] - b'0') % 2 == 1
    }
}

impl fmt::Debug for CitizenId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CitizenId({})", self.masked())
    }
}
impl fmt::Display for CitizenId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    const REAL: &str = "11010519491231002X";

    #[test]
    fn real_number_parses() {
        let id = CitizenId::parse(REAL).unwrap();
        assert_eq!(id.birth_date(), NaiveDate::from_ymd_opt(1949, 12, 31));
        assert!(!id.is_male());
        assert_eq!(id.masked(), "110***********002X");
        assert_eq!(format!("{id:?}"), "CitizenId(110***********002X)");
    }

    #[test]
    fn every_single_character_change_is_rejected() {
        let candidates: Vec<char> = ('0'..='9').chain(['X', 'x', 'A', ' ']).collect();
        for pos in 0..18 {
            for c in &candidates {
                let mut chars: Vec<char> = REAL.chars().collect();
                if chars[pos] == *c {
                    continue;
                }
                chars[pos] = *c;
                let s: String = chars.into_iter().collect();
                assert!(CitizenId::parse(&s).is_err(), "{s} accepted");
            }
        }
    }

    #[test]
    fn specific_reasons() {
        assert_eq!(
            CitizenId::parse("110105194912310021").unwrap_err(),
            CitizenIdError::Check {
                expected: 'X',
                found: '1'
            }
        );
        assert!(matches!(
            CitizenId::parse("990105194912310021"),
            Err(CitizenIdError::Province(_))
        ));
        assert!(matches!(
            CitizenId::parse("110105194902300021"),
            Err(CitizenIdError::BirthDate(_))
        ));
        assert!(matches!(
            CitizenId::parse("11010519491231002x"),
            Err(CitizenIdError::Char { pos: 18, .. })
        ));
        assert_eq!(
            CitizenId::parse("1101").unwrap_err(),
            CitizenIdError::Length(4)
        );
    }
}
