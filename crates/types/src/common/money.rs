//! Money as integer 分 (fen): no floating point ever touches an amount.

use serde::{Deserialize, Serialize};
use std::fmt;

/// 以分为单位的金额（1分 = 0.01元）。
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct Fen(pub i64);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FenError {
    #[error("金额“{0}”格式无效，应为以元为单位、最多两位小数的数字")]
    Format(String),
    #[error("金额“{0}”超出范围")]
    Range(String),
}

impl FenError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Format(_) => "money_format",
            Self::Range(_) => "money_range",
        }
    }
}

impl Fen {
    /// Parses a yuan amount as a registrar writes it: `1234`, `1234.5`, `1,234.56`, `¥300`,
    /// `300万` / `300万元` (ten-thousands), with at most two decimals.
    pub fn parse_yuan(s: &str) -> Result<Self, FenError> {
        let err = || FenError::Format(s.to_string());
        let mut t: String = s
            .trim()
            .chars()
            .filter(|c| *c != ',' && *c != '，' && !c.is_whitespace())
            .collect();
        for p in ["¥", "￥", "RMB"] {
            if let Some(r) = t.strip_prefix(p) {
                t = r.to_string();
            }
        }
        if let Some(r) = t.strip_suffix('元') {
            t = r.to_string();
        }
        let mut scale: i64 = 100;
        if let Some(r) = t.strip_suffix('万') {
            t = r.to_string();
            scale = 1_000_000;
        }
        let neg = t.starts_with('-');
        let t = t.trim_start_matches('-');
        let (int, frac) = t.split_once('.').unwrap_or((t, ""));
        if int.is_empty()
            || !int.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(err());
        }
        let max_frac = if scale == 100 { 2 } else { 6 };
        if frac.len() > max_frac {
            return Err(err());
        }
        let i: i64 = int.parse().map_err(|_| FenError::Range(s.to_string()))?;
        let mut f: i64 = 0;
        let mut unit = scale / 10;
        for b in frac.bytes() {
            f += i64::from(b - b'0') * unit;
            unit /= 10;
        }
        let v = i
            .checked_mul(scale)
            .and_then(|v| v.checked_add(f))
            .ok_or_else(|| FenError::Range(s.to_string()))?;
        Ok(Fen(if neg { -v } else { v }))
    }

    /// Plain yuan with two decimals, e.g. `1234.50` (for CSV export: round-trips through parse).
    pub fn yuan_plain(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", a / 100, a % 100)
    }

    /// For people: `300万元`, `12.5万元`, `8,000元`.
    pub fn display_cn(self) -> String {
        let a = self.0;
        if a.abs() >= 1_000_000 && a % 10_000 == 0 {
            let wan = a / 10_000; // in units of 0.01 万
            let s = format!("{}.{:02}", wan / 100, (wan % 100).abs());
            let s = s.trim_end_matches('0').trim_end_matches('.');
            format!("{s}万元")
        } else {
            format!("{}元", group(self.yuan_plain()))
        }
    }
}

fn group(s: String) -> String {
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    let frac = if frac == "00" {
        String::new()
    } else {
        format!(".{frac}")
    };
    format!("{sign}{out}{frac}")
}

impl fmt::Display for Fen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display_cn())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_registrar_amounts() {
        assert_eq!(Fen::parse_yuan("1234.5"), Ok(Fen(123450)));
        assert_eq!(Fen::parse_yuan("1,234.56"), Ok(Fen(123456)));
        assert_eq!(Fen::parse_yuan("¥300"), Ok(Fen(30000)));
        assert_eq!(Fen::parse_yuan("300万"), Ok(Fen(300_000_000)));
        assert_eq!(Fen::parse_yuan("12.5万元"), Ok(Fen(12_500_000)));
        assert!(Fen::parse_yuan("1.234").is_err());
        assert!(Fen::parse_yuan("abc").is_err());
        assert!(Fen::parse_yuan("").is_err());
        assert!(matches!(
            Fen::parse_yuan("99999999999999999999"),
            Err(FenError::Range(_))
        ));
    }

    #[test]
    fn displays_and_round_trips() {
        assert_eq!(Fen(300_000_000).display_cn(), "300万元");
        assert_eq!(Fen(12_500_000).display_cn(), "12.5万元");
        assert_eq!(Fen(800_000).display_cn(), "8,000元");
        assert_eq!(Fen(123456).display_cn(), "1,234.56元");
        for v in [0, 1, 99, 100, 123456, -5] {
            assert_eq!(Fen::parse_yuan(&Fen(v).yuan_plain()), Ok(Fen(v)));
        }
    }
}
