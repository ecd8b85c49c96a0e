//! Tests of `forms.rs`.

use super::*;
use std::collections::BTreeMap;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
}

fn raw(kv: &[(&str, &str)]) -> BTreeMap<String, String> {
    kv.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn establish_reports_every_bad_field() {
    let r = parse(
        ServiceKind::Establish,
        &raw(&[
            ("name", "某"),
            ("org_kind", "social_group"),
            ("division", "999999"),
            ("capital", "abc"),
        ]),
        day("2026-11-27"),
    );
    let fields: Vec<&str> = r
        .err()
        .unwrap_or_default()
        .iter()
        .map(|e| e.field)
        .collect();
    for f in [
        "address",
        "scope",
        "legal_rep",
        "phone",
        "division",
        "capital",
        "name",
    ] {
        assert!(fields.contains(&f), "{f} missing in {fields:?}");
    }
}

#[test]
fn capital_below_the_legal_minimum_is_refused() {
    let mut kv = raw(&[
        ("name", "北京市朝阳区围棋协会"),
        ("org_kind", "social_group"),
        ("division", "110105"),
        ("address", "朝阳区某街1号"),
        ("scope", "围棋培训与交流"),
        ("legal_rep", "张三"),
        ("capital", "29999.99"),
        ("phone", "010-12345678"),
    ]);
    let r = parse(ServiceKind::Establish, &kv, day("2026-11-27"));
    assert_eq!(r.err().unwrap_or_default()[0].field, "capital");
    kv.insert("capital".into(), "30000".into());
    assert!(parse(ServiceKind::Establish, &kv, day("2026-11-27")).is_ok());
    assert_eq!(
        minimum_capital(OrgKind::SocialGroup, DivisionCode::NATIONAL),
        Fen(10_000_000)
    );
}

#[test]
fn annual_report_year_must_be_over() {
    let kv = raw(&[
        ("year", "2026"),
        ("income", "1000"),
        ("expenditure", "900"),
        ("net_assets", "100"),
        ("staff", "3"),
        ("activities", "开展活动"),
    ]);
    let e = parse(ServiceKind::AnnualReport, &kv, day("2026-11-27"));
    assert_eq!(e.err().unwrap_or_default()[0].field, "year");
}

#[test]
fn fundraising_needs_one_year_of_registration() {
    let t = day("2026-11-27");
    assert_eq!(
        fundraising_eligible(day("2026-01-10"), true, false, t)
            .err()
            .map(|e| e.code().as_str()),
        Some("fundraising_too_early")
    );
    assert!(fundraising_eligible(day("2025-11-27"), true, false, t).is_ok());
    assert_eq!(
        fundraising_eligible(day("2020-01-01"), false, false, t)
            .err()
            .map(|e| e.code().as_str()),
        Some("fundraising_not_charity")
    );
}
