#![allow(clippy::unwrap_used)]
//! Every rule fires on a record broken for it and stays silent on a good one.

use super::*;
use crate::{CreditStatus, DivisionCode, Fen, OrgFlags, OrgKind, Organization, RegStatus, Uscc};
use chrono::NaiveDate;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn today() -> NaiveDate {
    ymd(2026, 11, 27)
}

fn uscc(cat: char, division: &str, body: &str) -> Uscc {
    Uscc::assemble('5', cat, division, body).unwrap()
}

/// A complete, consistent 社会团体 of 杭州市西湖区.
fn good() -> Organization {
    Organization {
        uscc: uscc('1', "330106", "MJ123456"),
        name: "杭州市西湖区老年人体育协会".into(),
        kind: OrgKind::SocialGroup,
        status: RegStatus::Active,
        division: DivisionCode::parse("330106").unwrap(),
        authority: "杭州市西湖区民政局".into(),
        supervisor: Some("杭州市西湖区体育局".into()),
        legal_rep: "张建国".into(),
        founded: ymd(2015, 3, 2),
        capital: Fen(5_000_000),
        address: "浙江省杭州市西湖区文三路1号".into(),
        scope: "组织老年人体育健身活动，开展交流培训。".into(),
        cert_no: "浙西社证字第0000123号".into(),
        cert_valid_from: Some(ymd(2025, 3, 2)),
        cert_valid_to: Some(ymd(2030, 3, 1)),
        phone: Some("0571-81234567".into()),
        email: Some("info@xhlntx.org.cn".into()),
        website: None,
        flags: OrgFlags::default(),
        credit: CreditStatus::Normal,
    }
}

fn good_foundation() -> Organization {
    let mut o = good();
    o.uscc = uscc('3', "330106", "MJ654321");
    o.kind = OrgKind::Foundation;
    o.name = "杭州市西湖区青少年发展基金会".into();
    o.capital = Fen(2_000_000 * 100);
    o.flags.charity = true;
    o.flags.public_fundraising = true;
    o
}

fn rules_of(o: &Organization) -> Vec<Rule> {
    check(o, today()).into_iter().map(|p| p.rule).collect()
}

/// How to break the good record for one rule.
type Breaker = fn(&mut Organization);

/// One broken record per rule: (rule, how to break the good record).
fn cases() -> Vec<(Rule, Breaker)> {
    vec![
        (Rule::LegalRepMissing, |o| o.legal_rep = " ".into()),
        (Rule::AddressMissing, |o| o.address = "无".into()),
        (Rule::ScopeMissing, |o| o.scope = String::new()),
        (Rule::AuthorityMissing, |o| o.authority = String::new()),
        (Rule::CapitalMissing, |o| o.capital = Fen(0)),
        (Rule::CertNoMissing, |o| o.cert_no = "/".into()),
        (Rule::CertValidityMissing, |o| o.cert_valid_to = None),
        (Rule::UsccDivisionUnknown, |o| {
            o.uscc = uscc('1', "339999", "MJ123456")
        }),
        (Rule::DivisionWithoutRegistrar, |o| {
            o.division = DivisionCode::parse("810000").unwrap()
        }),
        (Rule::FoundedInFuture, |o| o.founded = ymd(2027, 1, 1)),
        (Rule::FoundedTooEarly, |o| o.founded = ymd(1949, 9, 30)),
        (Rule::CapitalBelowMinimum, |o| o.capital = Fen(2_999_999)),
        (Rule::PhoneInvalid, |o| o.phone = Some("见官网".into())),
        (Rule::EmailInvalid, |o| {
            o.email = Some("info@localhost".into())
        }),
        (Rule::KindUsccMismatch, |o| o.kind = OrgKind::SocialService),
        (Rule::DivisionUsccMismatch, |o| {
            o.uscc = uscc('1', "330105", "MJ123456")
        }),
        (Rule::AuthorityDivisionMismatch, |o| {
            o.authority = "北京市民政局".into()
        }),
        (Rule::CertExpired, |o| {
            o.cert_valid_from = Some(ymd(2020, 3, 2));
            o.cert_valid_to = Some(ymd(2025, 3, 1));
        }),
        (Rule::CertPeriodReversed, |o| {
            o.cert_valid_to = Some(ymd(2025, 3, 1))
        }),
        (Rule::CertBeforeFounding, |o| {
            o.cert_valid_from = Some(ymd(2015, 3, 1))
        }),
        (Rule::FoundationName, |o| {
            *o = good_foundation();
            o.name = "杭州市西湖区青少年发展基金".into();
        }),
        (Rule::FundraisingWithoutCharity, |o| {
            o.flags.public_fundraising = true
        }),
        (Rule::FundraisingAfterEnd, |o| {
            *o = good_foundation();
            o.status = RegStatus::Deregistered;
        }),
    ]
}

#[test]
fn good_records_have_no_problem() {
    assert_eq!(rules_of(&good()), vec![]);
    assert_eq!(rules_of(&good_foundation()), vec![]);
    // A 社会服务机构 has no legal minimum; a 社会团体 registered before 1998 neither.
    let mut o = good();
    o.uscc = uscc('2', "330106", "MJ123456");
    o.kind = OrgKind::SocialService;
    o.capital = Fen(100);
    assert_eq!(rules_of(&o), vec![]);
    let mut o = good();
    o.founded = ymd(1990, 5, 1);
    o.capital = Fen(100_000);
    o.cert_valid_from = Some(ymd(2025, 5, 1));
    assert_eq!(rules_of(&o), vec![]);
    // An ended organization needs no certificate period; a suspended one does.
    let mut o = good();
    o.status = RegStatus::Deregistered;
    o.cert_valid_from = None;
    o.cert_valid_to = None;
    assert_eq!(rules_of(&o), vec![]);
    // No phone or e-mail is no problem (not a 登记事项).
    let mut o = good();
    o.phone = None;
    o.email = Some(" ".into());
    assert_eq!(rules_of(&o), vec![]);
    // The national authority, and an authority named more fully than the table does.
    let mut o = good();
    o.uscc = uscc('1', "100000", "MJ123456");
    o.division = DivisionCode::NATIONAL;
    o.authority = "中华人民共和国民政部".into();
    o.capital = Fen(10_000_000);
    assert_eq!(rules_of(&o), vec![]);
}

#[test]
fn every_rule_fires_on_a_record_broken_for_it() {
    for (rule, break_it) in cases() {
        let mut o = good();
        break_it(&mut o);
        let found = check(&o, today());
        let p = found.iter().find(|p| p.rule == rule);
        assert!(p.is_some(), "{rule:?} did not fire: {found:?}");
        let p = p.unwrap();
        assert!(!p.message.is_empty() && !p.field.is_empty(), "{p:?}");
    }
}

#[test]
fn every_rule_is_tested_and_run() {
    let mut tested: Vec<Rule> = cases().into_iter().map(|(r, _)| r).collect();
    // Tested below: the raw codes and the cross-record rule.
    tested.extend([
        Rule::UsccInvalid,
        Rule::DivisionInvalid,
        Rule::DuplicateName,
    ]);
    tested.sort();
    assert_eq!(tested, Rule::ALL.to_vec());
    assert_eq!(super::rules::record_rule_count(), Rule::COUNT - 3);
}

#[test]
fn codes_are_unique_and_parse_back() {
    for r in Rule::ALL {
        assert_eq!(Rule::parse(r.code()), Some(*r));
        assert_eq!(r.index(), Rule::ALL.iter().position(|x| x == r).unwrap());
        assert!(
            r.code()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'_')
        );
    }
    let mut codes: Vec<&str> = Rule::ALL.iter().map(|r| r.code()).collect();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), Rule::COUNT);
}

#[test]
fn only_malformed_codes_refuse() {
    let refusing: Vec<Rule> = Rule::ALL
        .iter()
        .copied()
        .filter(|r| r.severity() == Severity::Refuse)
        .collect();
    assert_eq!(refusing, vec![Rule::UsccInvalid, Rule::DivisionInvalid]);
    assert_eq!(Dimension::Timeliness.rules().count(), 0);
    assert!(Dimension::ALL.iter().take(4).all(|d| d.rules().count() > 0));
}

#[test]
fn raw_codes_are_checked_against_gb_32100_and_gb_t_2260() {
    let good = good();
    assert_eq!(check_codes(good.uscc.as_str(), "330106"), vec![]);
    let mut bad = good.uscc.as_str().to_string();
    bad.pop();
    bad.push(if good.uscc.as_str().ends_with('0') {
        '1'
    } else {
        '0'
    });
    let found = check_codes(&bad, "339999");
    let rules: Vec<Rule> = found.iter().map(|p| p.rule).collect();
    assert_eq!(rules, vec![Rule::UsccInvalid, Rule::DivisionInvalid]);
    assert!(found[0].message.contains("第18位"), "{found:?}");
    assert!(found[1].message.contains("339999"), "{found:?}");
}

#[test]
fn duplicate_names_group_per_division() {
    let hz = DivisionCode::parse("330106").unwrap();
    let bj = DivisionCode::parse("110105").unwrap();
    let entries = vec![
        (hz, "西湖区书法家协会", "A"),
        (bj, "西湖区书法家协会", "B"),
        (hz, "西湖区棋类协会", "C"),
        (hz, "西湖区书法家协会", "D"),
        (hz, "西湖区书法家协会", "E"),
    ];
    let groups = duplicate_groups(entries);
    assert_eq!(
        groups,
        vec![DuplicateGroup {
            division: hz,
            members: vec!["A", "D", "E"]
        }]
    );
    let p = duplicate_problem(&[("D", "西湖区 书法家协会"), ("E", "西湖区书法家协会")]);
    assert_eq!(p.rule, Rule::DuplicateName);
    assert_eq!(p.field, "名称");
    assert!(
        p.message.contains("（D）") && p.message.contains("（E）"),
        "{p:?}"
    );
    let many: Vec<(&str, &str)> = (0..5).map(|_| ("X", "某协会")).collect();
    assert!(duplicate_problem(&many).message.contains("等5家"));
    let none: Vec<(DivisionCode, &str, u8)> = vec![(hz, "甲", 1), (hz, "乙", 2)];
    assert!(duplicate_groups(none).is_empty());
}

#[test]
fn phone_and_email_formats() {
    for ok in [
        "0571-81234567",
        "13812345678",
        "+86 10 6512 3456",
        "(010)65123456转8001",
        "400-800-1234",
    ] {
        assert!(phone_is_valid(ok), "{ok}");
    }
    for bad in [
        "123",
        "0571-8123456a",
        "电话：0571-81234567",
        "0571—81234567",
    ] {
        assert!(!phone_is_valid(bad), "{bad}");
    }
    for ok in ["a@b.cn", "info@xhlntx.org.cn"] {
        assert!(email_is_valid(ok), "{ok}");
    }
    for bad in ["a@b", "@b.cn", "a b@c.cn", "a@b@c.cn", "a@.cn", "a.cn"] {
        assert!(!email_is_valid(bad), "{bad}");
    }
}

#[test]
fn minimum_capital_follows_the_regulations_in_force() {
    let local = DivisionCode::parse("330106").unwrap();
    let national = DivisionCode::NATIONAL;
    let d = ymd(2010, 1, 1);
    assert_eq!(
        minimum_capital(OrgKind::SocialGroup, national, d),
        Some(Fen(10_000_000))
    );
    assert_eq!(
        minimum_capital(OrgKind::SocialGroup, local, d),
        Some(Fen(3_000_000))
    );
    assert_eq!(
        minimum_capital(OrgKind::Foundation, local, d),
        Some(Fen(200_000_000))
    );
    assert_eq!(minimum_capital(OrgKind::SocialService, local, d), None);
    assert_eq!(
        minimum_capital(OrgKind::Foundation, local, ymd(2004, 5, 31)),
        None
    );
    assert_eq!(
        minimum_capital(OrgKind::SocialGroup, local, ymd(1998, 10, 24)),
        None
    );
}
