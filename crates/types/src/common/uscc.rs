//! 统一社会信用代码 — GB 32100-2015 "法人和其他组织统一社会信用代码编码规则".
//!
//! 18 characters from `0123456789ABCDEFGHJKLMNPQRTUWXY`:
//! pos 1 registering department, pos 2 category, pos 3–8 the registrar's GB/T 2260 division,
//! pos 9–17 the organization code of GB 11714 (with its own check character at pos 17),
//! pos 18 the check character over pos 1–17.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The 31-character alphabet of GB 32100-2015 §4 (no I, O, Z, S, V).
pub const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Weights 3^(i-1) mod 31 for positions 1–17 — GB 32100-2015 §5.
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// Weights of the GB 11714-1997 organization-code check character.
const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

/// Why a string is not a valid 统一社会信用代码. Positions are 1-based as in the standard.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UsccError {
    #[error("统一社会信用代码应为18位，实际为{0}位")]
    Length(usize),
    #[error("第{pos}位字符“{ch}”不在统一社会信用代码字符集内（不使用 I、O、Z、S、V 及小写字母）")]
    Char { pos: usize, ch: char },
    #[error("第1位登记管理部门代码“{0}”无效")]
    Department(char),
    #[error("第2位机构类别代码“{ch}”对登记管理部门“{dept}”无效")]
    Category { dept: char, ch: char },
    #[error("第3-8位登记管理机关行政区划码“{0}”不是6位数字")]
    Division(String),
    #[error("第9-17位组织机构代码的校验码应为“{expected}”，实际为“{found}”")]
    OrgCheck { expected: char, found: char },
    #[error("第18位校验码应为“{expected}”，实际为“{found}”")]
    Check { expected: char, found: char },
}

impl UsccError {
    /// Stable machine code for APIs and reports.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Length(_) => "uscc_length",
            Self::Char { .. } => "uscc_char",
            Self::Department(_) => "uscc_department",
            Self::Category { .. } => "uscc_category",
            Self::Division(_) => "uscc_division",
            Self::OrgCheck { .. } => "uscc_org_check",
            Self::Check { .. } => "uscc_check",
        }
    }
}

/// A valid 统一社会信用代码.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Uscc(String);

fn alphabet_index(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|i| i as u32)
}

/// Value of an organization-code character (GB 11714: digits 0–9, letters A–Z as 10–35).
fn org_value(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some(u32::from(c - b'0')),
        b'A'..=b'Z' => Some(u32::from(c - b'A') + 10),
        _ => None,
    }
}

/// GB 11714 check character over the 8-character body: c = 11 − (Σ wᵢvᵢ mod 11); 10 → X, 11 → 0.
pub fn org_check_char(body: &[u8]) -> Option<char> {
    let mut s = 0;
    for (c, w) in body.iter().zip(ORG_WEIGHTS) {
        s += org_value(*c)? * w;
    }
    Some(match 11 - s % 11 {
        10 => 'X',
        11 => '0',
        d => char::from(b'0' + d as u8),
    })
}

/// GB 32100 check character over the first 17 characters: (31 − Σ wᵢ·idx mod 31) mod 31.
pub fn check_char(first17: &[u8]) -> Option<char> {
    let mut s = 0;
    for (c, w) in first17.iter().zip(WEIGHTS) {
        s += alphabet_index(*c)? * w;
    }
    Some(char::from(ALPHABET[((31 - s % 31) % 31) as usize]))
}

/// Valid categories per registering department (GB 32100-2015 Table 1, as far as 民政 and the
/// common departments go). 民政 (5): 1 社会团体, 2 民办非企业单位, 3 基金会, 9 其他.
fn category_ok(dept: u8, cat: u8) -> Option<bool> {
    let cats: &[u8] = match dept {
        b'1' => b"1239",
        b'2' => b"19",
        b'3' => b"1239",
        b'4' => b"19",
        b'5' => b"1239",
        b'6' => b"129",
        b'7' => b"129",
        b'8' => b"19",
        b'9' => b"123",
        b'A' => b"19",
        b'N' => b"1239",
        b'Y' => b"1",
        _ => return None,
    };
    Some(cats.contains(&cat))
}

impl Uscc {
    /// Parses strictly: exactly 18 upper-case characters of the standard alphabet, both check
    /// characters correct. Callers that accept free text should trim and upper-case first.
    pub fn parse(s: &str) -> Result<Self, UsccError> {
        let n = s.chars().count();
        if n != 18 {
            return Err(UsccError::Length(n));
        }
        for (i, ch) in s.chars().enumerate() {
            if !ch.is_ascii() || alphabet_index(ch as u8).is_none() {
                return Err(UsccError::Char { pos: i + 1, ch });
            }
        }
        let b = s.as_bytes();
        match category_ok(b[0], b[1]) {
            None => return Err(UsccError::Department(char::from(b[0]))),
            Some(false) => {
                return Err(UsccError::Category {
                    dept: char::from(b[0]),
                    ch: char::from(b[1]),
                });
            }
            Some(true) => {}
        }
        if !b[2..8].iter().all(u8::is_ascii_digit) {
            return Err(UsccError::Division(s[2..8].to_string()));
        }
        let org_expected = org_check_char(&b[8..16]).unwrap_or('?');
        if char::from(b[16]) != org_expected {
            return Err(UsccError::OrgCheck {
                expected: org_expected,
                found: char::from(b[16]),
            });
        }
        let expected = check_char(&b[..17]).unwrap_or('?');
        if char::from(b[17]) != expected {
            return Err(UsccError::Check {
                expected,
                found: char::from(b[17]),
            });
        }
        Ok(Self(s.to_string()))
    }

    /// Builds a code from department, category, division and the 8-character organization-code
    /// body, computing both check characters. Used by the registry when it assigns a new code.
    pub fn assemble(
        dept: char,
        cat: char,
        division: &str,
        org_body: &str,
    ) -> Result<Self, UsccError> {
        let head = format!("{dept}{cat}{division}{org_body}");
        if head.chars().count() != 16 {
            return Err(UsccError::Length(head.chars().count() + 2));
        }
        if let Some((i, ch)) = head
            .chars()
            .enumerate()
            .find(|(_, c)| !c.is_ascii() || alphabet_index(*c as u8).is_none())
        {
            return Err(UsccError::Char { pos: i + 1, ch });
        }
        let org_check = org_check_char(org_body.as_bytes()).unwrap_or('?');
        let first17 = format!("{head}{org_check}");
        let check = check_char(first17.as_bytes()).unwrap_or('?');
        Self::parse(&format!("{first17}{check}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// Position 1: the registering department (5 = 民政).
    pub fn department(&self) -> char {
        char::from(self.0.as_bytes()[0])
    }
    /// Position 2: the category within the department.
    pub fn category(&self) -> char {
        char::from(self.0.as_bytes()[1])
    }
    /// Positions 3–8: GB/T 2260 code of the registrar's division.
    pub fn division(&self) -> &str {
        &self.0[2..8]
    }
    /// Positions 9–17: the GB 11714 organization code.
    pub fn org_code(&self) -> &str {
        &self.0[8..17]
    }
    /// The registering department's name.
    pub fn department_name(&self) -> &'static str {
        match self.department() {
            '1' => "机构编制",
            '2' => "外交",
            '3' => "司法行政",
            '4' => "文化",
            '5' => "民政",
            '6' => "旅游",
            '7' => "宗教",
            '8' => "工会",
            '9' => "工商",
            'A' => "中央军委改革和编制办公室",
            'N' => "农业",
            _ => "其他",
        }
    }
    /// For 民政 codes, the organization kind the category denotes.
    pub fn org_kind(&self) -> Option<crate::OrgKind> {
        if self.department() != '5' {
            return None;
        }
        match self.category() {
            '1' => Some(crate::OrgKind::SocialGroup),
            '2' => Some(crate::OrgKind::SocialService),
            '3' => Some(crate::OrgKind::Foundation),
            _ => None,
        }
    }
}

impl fmt::Display for Uscc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl fmt::Debug for Uscc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Uscc({})", self.0)
    }
}
impl TryFrom<String> for Uscc {
    type Error = UsccError;
    fn try_from(s: String) -> Result<Self, UsccError> {
        Self::parse(&s)
    }
}
impl From<Uscc> for String {
    fn from(u: Uscc) -> String {
        u.0
    }
}
impl std::str::FromStr for Uscc {
    type Err = UsccError;
    fn from_str(s: &str) -> Result<Self, UsccError> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A real code of an organization registered with 民政部 (the example of DESIGN.md).
    const REAL: &str = "53100000500019795A";

    #[test]
    fn real_code_parses_and_decodes() {
        let u = Uscc::parse(REAL).unwrap();
        assert_eq!(u.department(), '5');
        assert_eq!(u.category(), '3');
        assert_eq!(u.division(), "100000");
        assert_eq!(u.org_code(), "500019795");
        assert_eq!(u.org_kind(), Some(crate::OrgKind::Foundation));
    }

    #[test]
    fn every_single_character_change_is_rejected_with_a_reason() {
        let candidates: Vec<char> = ('0'..='9')
            .chain('A'..='Z')
            .chain('a'..='z')
            .chain([' ', '-', '０'])
            .collect();
        for pos in 0..18 {
            for c in &candidates {
                let mut chars: Vec<char> = REAL.chars().collect();
                if chars[pos] == *c {
                    continue;
                }
                chars[pos] = *c;
                let s: String = chars.into_iter().collect();
                let err = Uscc::parse(&s).expect_err(&s);
                assert!(!err.to_string().is_empty());
            }
        }
    }

    #[test]
    fn specific_reasons() {
        assert_eq!(
            Uscc::parse("5310000050001979").unwrap_err(),
            UsccError::Length(16)
        );
        assert!(matches!(
            Uscc::parse("53100000500019795I"),
            Err(UsccError::Char { pos: 18, ch: 'I' })
        ));
        assert!(matches!(
            Uscc::parse("53100000500019795B"),
            Err(UsccError::Check {
                expected: 'A',
                found: 'B'
            })
        ));
        assert!(matches!(
            Uscc::parse("53100000500019796A"),
            Err(UsccError::OrgCheck { .. })
        ));
        assert!(matches!(
            Uscc::parse("54100000500019795A"),
            Err(UsccError::Category { .. })
        ));
        assert!(matches!(
            Uscc::parse("C3100000500019795A"),
            Err(UsccError::Department('C'))
        ));
    }

    #[test]
    fn assemble_round_trips() {
        let u = Uscc::assemble('5', '3', "100000", "50001979").unwrap();
        assert_eq!(u.as_str(), REAL);
    }
}
