//! 行政区划代码 — GB/T 2260: six digits, province (2) · city (2) · county (2).
//!
//! The table is `data/divisions.csv` of the repository (see `data/README.md` for its source),
//! embedded at build time. `100000` denotes the national level (民政部), as in position 3–8 of a
//! 统一社会信用代码 registered nationally.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;

const CSV: &str = include_str!("../../../../data/divisions.csv");

/// The level of a division.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DivisionLevel {
    National,
    Province,
    City,
    County,
}

/// One row of the GB/T 2260 table.
#[derive(Debug, Clone)]
pub struct Division {
    pub code: DivisionCode,
    pub name: String,
    pub level: DivisionLevel,
    pub parent: Option<DivisionCode>,
    pub lon_lat: Option<(f64, f64)>,
}

/// A six-digit GB/T 2260 code present in the table (or `100000`, national).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DivisionCode(u32);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DivisionError {
    #[error("行政区划代码应为6位数字，实际为“{0}”")]
    Format(String),
    #[error("行政区划代码“{0}”不在 GB/T 2260 区划表中")]
    Unknown(String),
}

impl DivisionError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Format(_) => "division_format",
            Self::Unknown(_) => "division_unknown",
        }
    }
}

struct Table {
    by_code: HashMap<u32, Division>,
    children: HashMap<u32, Vec<DivisionCode>>,
    order: Vec<DivisionCode>,
}

static TABLE: LazyLock<Table> = LazyLock::new(load);

fn load() -> Table {
    let mut by_code = HashMap::new();
    let mut children: HashMap<u32, Vec<DivisionCode>> = HashMap::new();
    let mut order = Vec::new();
    by_code.insert(
        NATIONAL,
        Division {
            code: DivisionCode(NATIONAL),
            name: "全国".to_string(),
            level: DivisionLevel::National,
            parent: None,
            lon_lat: None,
        },
    );
    for line in CSV.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        if f.len() < 6 {
            continue;
        }
        let Ok(code) = f[0].parse::<u32>() else {
            continue;
        };
        let level = match f[2] {
            "province" => DivisionLevel::Province,
            "city" => DivisionLevel::City,
            _ => DivisionLevel::County,
        };
        let parent = f[3].parse::<u32>().ok().unwrap_or(NATIONAL);
        let lon_lat = match (f[4].parse::<f64>(), f[5].parse::<f64>()) {
            (Ok(lo), Ok(la)) => Some((lo, la)),
            _ => None,
        };
        children.entry(parent).or_default().push(DivisionCode(code));
        order.push(DivisionCode(code));
        by_code.insert(
            code,
            Division {
                code: DivisionCode(code),
                name: f[1].to_string(),
                level,
                parent: Some(DivisionCode(parent)),
                lon_lat,
            },
        );
    }
    Table {
        by_code,
        children,
        order,
    }
}

const NATIONAL: u32 = 100000;

impl DivisionCode {
    /// The national level (民政部).
    pub const NATIONAL: DivisionCode = DivisionCode(NATIONAL);

    /// Parses six digits that name a division in the table.
    pub fn parse(s: &str) -> Result<Self, DivisionError> {
        if s.len() != 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DivisionError::Format(s.to_string()));
        }
        let n: u32 = s
            .parse()
            .map_err(|_| DivisionError::Format(s.to_string()))?;
        if TABLE.by_code.contains_key(&n) {
            Ok(Self(n))
        } else {
            Err(DivisionError::Unknown(s.to_string()))
        }
    }

    pub fn as_u32(self) -> u32 {
        self.0
    }
    pub fn division(self) -> &'static Division {
        // Every DivisionCode was checked against the table when it was made.
        &TABLE.by_code[&self.0]
    }
    pub fn name(self) -> &'static str {
        &self.division().name
    }
    pub fn level(self) -> DivisionLevel {
        self.division().level
    }
    pub fn parent(self) -> Option<DivisionCode> {
        self.division().parent
    }
    /// The codes from the top (province, or national) down to this one, excluding `全国`.
    pub fn ancestors(self) -> Vec<DivisionCode> {
        let mut v = vec![];
        let mut c = Some(self);
        while let Some(d) = c {
            if d == Self::NATIONAL {
                break;
            }
            v.push(d);
            c = d.parent();
        }
        v.reverse();
        v
    }
    /// The province-level division this code lies in (`None` for national).
    pub fn province(self) -> Option<DivisionCode> {
        self.ancestors().first().copied()
    }
    /// Whether `other` lies in this division (a division contains itself; national contains all).
    /// This is the jurisdiction rule: an official of `self` may act on organizations of `other`.
    pub fn contains(self, other: DivisionCode) -> bool {
        self == Self::NATIONAL || other.ancestors().contains(&self)
    }
    /// The code without its trailing zero pairs (`110000` → `11`, `330100` → `3301`): every
    /// code inside this division starts with it (GB/T 2260: province `PP0000`, city `PPCC00`,
    /// county `PPCCXX`); national is the empty prefix. Stores filter a jurisdiction by it.
    pub fn prefix(self) -> String {
        if self == Self::NATIONAL {
            return String::new();
        }
        let mut s = self.to_string();
        while s.len() > 2 && s.ends_with("00") {
            s.truncate(s.len() - 2);
        }
        s
    }
    /// The full name, e.g. `北京市朝阳区`, without repeating a municipality's name.
    pub fn full_name(self) -> String {
        if self == Self::NATIONAL {
            return "全国".to_string();
        }
        let mut out = String::new();
        for d in self.ancestors() {
            let n = d.name();
            if !out.ends_with(n) {
                out.push_str(n);
            }
        }
        out
    }
    /// The civil-affairs department that registers organizations here, by its real name:
    /// 民政部 nationally; a province's or autonomous region's 民政厅 (`浙江省民政厅`); a
    /// municipality's 民政局 (`北京市民政局` — 直辖市 departments are 局), as are those of
    /// cities, prefectures and counties (`杭州市西湖区民政局`). 台湾、香港、澳门 have codes in
    /// GB/T 2260 but no mainland registration authority: `None`.
    pub fn authority_name(self) -> Option<String> {
        if self == Self::NATIONAL {
            return Some("民政部".to_string());
        }
        let province = self.ancestors().into_iter().next().unwrap_or(self);
        let p = province.to_string();
        if ["71", "81", "82"].iter().any(|c| p.starts_with(c)) {
            return None;
        }
        Some(if self == province && !province.is_municipality() {
            format!("{}民政厅", self.full_name())
        } else {
            format!("{}民政局", self.full_name())
        })
    }
    /// Whether this is a 直辖市 (北京、天津、上海、重庆), or lies in one: their departments are 局.
    pub fn is_municipality(self) -> bool {
        let province = self.ancestors().into_iter().next().unwrap_or(self);
        matches!(&province.to_string()[..2], "11" | "12" | "31" | "50")
    }
    /// Whether a mainland registration authority exists here (not 台湾、香港、澳门).
    pub fn has_registrar(self) -> bool {
        self.authority_name().is_some()
    }
    pub fn children(self) -> &'static [DivisionCode] {
        TABLE
            .children
            .get(&self.0)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
    /// Every division of the table in file order (provinces, then their cities and counties).
    pub fn all() -> &'static [DivisionCode] {
        &TABLE.order
    }
    pub fn provinces() -> &'static [DivisionCode] {
        Self::NATIONAL.children()
    }
}

impl fmt::Display for DivisionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:06}", self.0)
    }
}
impl fmt::Debug for DivisionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DivisionCode({:06})", self.0)
    }
}
impl TryFrom<String> for DivisionCode {
    type Error = DivisionError;
    fn try_from(s: String) -> Result<Self, DivisionError> {
        Self::parse(&s)
    }
}
impl From<DivisionCode> for String {
    fn from(d: DivisionCode) -> String {
        d.to_string()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn authorities_are_named_as_they_really_are() {
        let name = |c: &str| DivisionCode::parse(c).unwrap().authority_name();
        assert_eq!(name("100000").as_deref(), Some("民政部"));
        assert_eq!(name("110000").as_deref(), Some("北京市民政局"));
        assert_eq!(name("500000").as_deref(), Some("重庆市民政局"));
        assert_eq!(name("330000").as_deref(), Some("浙江省民政厅"));
        assert_eq!(name("450000").as_deref(), Some("广西壮族自治区民政厅"));
        assert_eq!(name("330100").as_deref(), Some("浙江省杭州市民政局"));
        assert_eq!(name("110105").as_deref(), Some("北京市朝阳区民政局"));
        for c in ["710000", "810000", "820000"] {
            assert_eq!(name(c), None, "{c}");
        }
    }

    use super::*;

    #[test]
    fn prefixes_of_divisions() {
        let p = |c: &str| DivisionCode::parse(c).unwrap().prefix();
        assert_eq!(p("110000"), "11");
        assert_eq!(p("110100"), "1101");
        assert_eq!(p("110105"), "110105");
        assert_eq!(p("100000"), "");
    }

    #[test]
    fn table_has_the_documented_counts() {
        let all = DivisionCode::all();
        let count = |l| all.iter().filter(|c| c.level() == l).count();
        assert_eq!(count(DivisionLevel::Province), 34);
        assert_eq!(count(DivisionLevel::City), 345);
        assert_eq!(count(DivisionLevel::County), 3048);
        assert_eq!(DivisionCode::provinces().len(), 34);
    }

    #[test]
    fn hierarchy_and_names() {
        let chaoyang = DivisionCode::parse("110105").unwrap();
        let beijing = DivisionCode::parse("110000").unwrap();
        assert_eq!(chaoyang.full_name(), "北京市朝阳区");
        assert_eq!(chaoyang.province(), Some(beijing));
        assert!(beijing.contains(chaoyang));
        assert!(!chaoyang.contains(beijing));
        assert!(DivisionCode::NATIONAL.contains(chaoyang));
        let haidian = DivisionCode::parse("110108").unwrap();
        assert!(!chaoyang.contains(haidian));
    }

    #[test]
    fn rejects_bad_codes() {
        assert!(matches!(
            DivisionCode::parse("11010"),
            Err(DivisionError::Format(_))
        ));
        assert!(matches!(
            DivisionCode::parse("11a105"),
            Err(DivisionError::Format(_))
        ));
        assert!(matches!(
            DivisionCode::parse("119999"),
            Err(DivisionError::Unknown(_))
        ));
    }
}
