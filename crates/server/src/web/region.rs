//! The 省/市/县 selector citizens use instead of a 6-digit GB/T 2260 code they cannot know:
//! three selects filled from the division table; without scripts, a button ("列出下级地区")
//! posts the form back to fill the next select, keeping what was typed. The most specific
//! choice is the division. 台湾、香港、澳门 are not offered (no mainland registration
//! authority to route to).

use crate::web::layout::Choice;
use gongyi_types::{DivisionCode, DivisionLevel};
use std::collections::BTreeMap;

/// Field names of the three selects and of the button.
pub const PROVINCE: &str = "region_province";
pub const CITY: &str = "region_city";
pub const COUNTY: &str = "region_county";
pub const REFRESH: &str = "region_refresh";

/// The three selects as a page shows them.
#[derive(Debug, Clone, Default)]
pub struct RegionSelect {
    pub provinces: Vec<Choice>,
    pub cities: Vec<Choice>,
    pub counties: Vec<Choice>,
}

fn choices(codes: &[DivisionCode], current: Option<DivisionCode>) -> Vec<Choice> {
    codes
        .iter()
        .map(|c| Choice {
            value: c.to_string(),
            label: c.name().to_string(),
            selected: Some(*c) == current,
        })
        .collect()
}

/// What was chosen, each level only if it lies in the one above.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Chosen {
    pub province: Option<DivisionCode>,
    pub city: Option<DivisionCode>,
    pub county: Option<DivisionCode>,
}

impl Chosen {
    /// From the posted selects (`values` by field name).
    pub fn from_form(values: &BTreeMap<String, String>) -> Self {
        let get = |k: &str| {
            values
                .get(k)
                .and_then(|v| DivisionCode::parse(v.trim()).ok())
        };
        let province =
            get(PROVINCE).filter(|p| p.level() == DivisionLevel::Province && p.has_registrar());
        let city = get(CITY).filter(|c| province.is_some_and(|p| p.children().contains(c)));
        let county = get(COUNTY).filter(|k| city.is_some_and(|c| c.children().contains(k)));
        Self {
            province,
            city,
            county,
        }
    }
    /// The same choice for a known division (a form opened for an organization's area).
    pub fn of(d: DivisionCode) -> Self {
        let a = d.ancestors();
        Self {
            province: a.first().copied(),
            city: a.get(1).copied(),
            county: a.get(2).copied(),
        }
    }
    /// The most specific division chosen.
    pub fn division(&self) -> Option<DivisionCode> {
        self.county.or(self.city).or(self.province)
    }
    /// The selects for this choice.
    pub fn select(&self) -> RegionSelect {
        let provinces: Vec<DivisionCode> = DivisionCode::provinces()
            .iter()
            .copied()
            .filter(|p| p.has_registrar())
            .collect();
        RegionSelect {
            provinces: choices(&provinces, self.province),
            cities: self
                .province
                .map(|p| choices(p.children(), self.city))
                .unwrap_or_default(),
            counties: self
                .city
                .map(|c| choices(c.children(), self.county))
                .unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(p: &str, c: &str, k: &str) -> BTreeMap<String, String> {
        [(PROVINCE, p), (CITY, c), (COUNTY, k)]
            .into_iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn the_most_specific_consistent_choice_is_the_division() {
        let c = Chosen::from_form(&form("330000", "330100", "330106"));
        assert_eq!(c.division().unwrap().to_string(), "330106");
        let s = c.select();
        assert!(s.cities.iter().any(|x| x.value == "330100" && x.selected));
        assert!(s.counties.iter().any(|x| x.value == "330106" && x.selected));
        // A county of another city, a city of another province: dropped.
        let c = Chosen::from_form(&form("330000", "110100", "110105"));
        assert_eq!(c.division().unwrap().to_string(), "330000");
        // 台湾 is not offered and not taken.
        assert!(
            Chosen::from_form(&form("710000", "", ""))
                .division()
                .is_none()
        );
        assert!(!c.select().provinces.iter().any(|x| x.value == "710000"));
        let of = Chosen::of(DivisionCode::parse("110105").unwrap());
        assert_eq!(of.division().unwrap().to_string(), "110105");
    }
}
