//! Insight (数据可视化): what the registry looks like at a glance — counts by type, status,
//! credit standing and province, registrations by year, and the map of China shaded by
//! province (`map.rs`) — for the home page and, within a jurisdiction, an official's
//! workbench. Every figure comes from the search index's facet counts (one search per figure
//! group, cached by the index until it changes), so the home page costs no database query.

pub mod map;

use crate::error::ApiError;
use chrono::{Datelike, NaiveDate};
use gongyi_search::{SearchIndex, SearchQuery};
use gongyi_types::{CreditStatus, DivisionCode, OrgKind, RegStatus};
use std::collections::BTreeMap;

/// Registrations by year shown: this year and the nine before.
const YEARS: i32 = 10;

/// One bar of a chart: label, count, share of the largest bar (percent) and where it leads.
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub count: u64,
    pub percent: u64,
    pub href: String,
}

/// The registry at a glance, within `scope` (None: everything).
#[derive(Debug, Clone, Default)]
pub struct Overview {
    pub total: u64,
    pub by_kind: Vec<Bar>,
    pub by_status: Vec<Bar>,
    pub by_credit: Vec<Bar>,
    /// Provinces, largest first (全国 = registered by 民政部).
    pub by_province: Vec<Bar>,
    pub by_year: Vec<Bar>,
    /// The map as SVG (a jurisdiction's overview shades its own province only).
    pub map: Option<String>,
}

impl Overview {
    /// The small charts of the first row: (caption, bars).
    pub fn charts(&self) -> Vec<(&'static str, &[Bar])> {
        vec![
            ("按类型", &self.by_kind),
            ("按登记状态", &self.by_status),
            ("按信用状态", &self.by_credit),
        ]
    }
}

fn bars(items: Vec<(String, u64, String)>) -> Vec<Bar> {
    let max = items.iter().map(|i| i.1).max().unwrap_or(0).max(1);
    items
        .into_iter()
        .map(|(label, count, href)| Bar {
            percent: count * 100 / max,
            label,
            count,
            href,
        })
        .collect()
}

fn href(scope: Option<DivisionCode>, extra: &str) -> String {
    match scope {
        Some(d) => format!("/orgs?division={d}&{extra}"),
        None => format!("/orgs?{extra}"),
    }
}

/// The overview of the organizations registered in `scope` (a division and everything in
/// it), as of `today`.
pub fn overview(
    index: &SearchIndex,
    scope: Option<DivisionCode>,
    today: NaiveDate,
) -> Result<Overview, ApiError> {
    let base = SearchQuery {
        division: scope,
        per_page: 1,
        ..SearchQuery::default()
    };
    let all = index.search(&base)?;
    let f = &all.facets;
    let count = |m: &BTreeMap<String, u64>, k: &str| m.get(k).copied().unwrap_or(0);
    let by_kind = bars(
        OrgKind::ALL
            .iter()
            .map(|k| {
                let href = href(scope, &format!("kind={}", k.code()));
                (k.label().to_string(), count(&f.kind, k.code()), href)
            })
            .collect(),
    );
    let by_status = bars(
        RegStatus::ALL
            .iter()
            .map(|s| {
                let href = href(scope, &format!("status={}", s.code()));
                (s.label().to_string(), count(&f.status, s.code()), href)
            })
            .filter(|b| b.1 > 0)
            .collect(),
    );
    let by_credit = bars(
        CreditStatus::ALL
            .iter()
            .map(|c| {
                let href = href(scope, &format!("credit={}", c.code()));
                (c.label().to_string(), count(&f.credit, c.code()), href)
            })
            .collect(),
    );
    let mut provinces: Vec<(String, u64, String)> = f
        .province
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(code, n)| {
            let name = match DivisionCode::parse(code) {
                Ok(d) if d == DivisionCode::NATIONAL => "全国性（民政部登记）".to_string(),
                Ok(d) => d.name().to_string(),
                Err(_) => code.clone(),
            };
            (name, *n, format!("/orgs?division={code}"))
        })
        .collect();
    provinces.sort_by_key(|p| std::cmp::Reverse(p.1));
    let mut by_year = vec![];
    for y in (today.year() - YEARS + 1)..=today.year() {
        let (Some(from), Some(to)) = (
            NaiveDate::from_ymd_opt(y, 1, 1),
            NaiveDate::from_ymd_opt(y, 12, 31),
        ) else {
            continue;
        };
        let q = SearchQuery {
            founded_from: Some(from),
            founded_to: Some(to),
            ..base.clone()
        };
        let n = index.search(&q)?.total;
        let link = href(scope, &format!("founded_from={from}&founded_to={to}"));
        by_year.push((format!("{y}年"), n, link));
    }
    // The map counts provinces: within a jurisdiction it shades the official's own province
    // (with the jurisdiction's count) and shows where it lies.
    let counts: BTreeMap<String, u64> = f.province.clone();
    let map = Some(map::svg(&counts, |c| format!("/orgs?division={c}")));
    Ok(Overview {
        total: all.total,
        by_kind,
        by_status,
        by_credit,
        by_province: bars(provinces),
        by_year: bars(by_year),
        map,
    })
}
