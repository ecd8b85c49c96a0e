//! Properties of the generated data over a sample: validity, determinism, uniqueness,
//! distributions and cross-field consistency.

// Helpers outside `#[test]` functions unwrap too.
#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use gongyi_synth::Synth;
use gongyi_types::{
    CreditStatus, DivisionCode, DivisionLevel, ListKind, OrgKind, Organization, RegStatus, Sections,
};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

const N: u64 = 20_000;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()
}

static SAMPLE: LazyLock<Vec<(Organization, Sections)>> = LazyLock::new(|| {
    let s = Synth::new(20250630, today());
    (0..N).map(|i| s.org(i)).collect()
});

fn frac(pred: impl Fn(&(Organization, Sections)) -> bool) -> f64 {
    SAMPLE.iter().filter(|x| pred(x)).count() as f64 / N as f64
}

fn near(what: &str, got: f64, want: f64, tol: f64) {
    assert!(
        (got - want).abs() <= tol,
        "{what}: {got:.4}, expected {want} ± {tol}"
    );
}

#[test]
fn every_org_passes_check_and_is_consistent() {
    let t = today();
    for (o, s) in SAMPLE.iter() {
        assert!(o.check().is_empty(), "{}: {:?}", o.name, o.check());
        assert_eq!(o.credit, s.credit_status(), "{}", o.name);
        assert_eq!(o.uscc.division(), o.division.to_string());
        assert_eq!(o.uscc.department(), '5');
        assert_eq!(o.uscc.category(), o.kind.uscc_category());
        assert_eq!(o.uscc.org_kind(), Some(o.kind));
        let full = o.division.full_name();
        match o.division.level() {
            DivisionLevel::National => assert_eq!(o.authority, "民政部"),
            DivisionLevel::Province => assert!(o.authority.starts_with(&full), "{}", o.authority),
            _ => assert_eq!(o.authority, format!("{full}民政局")),
        }
        if o.division == DivisionCode::NATIONAL {
            assert!(o.name.starts_with("中国"), "{}", o.name);
            assert!(o.address.starts_with("北京市"));
        } else {
            assert!(o.address.starts_with(&full), "{} / {}", o.address, full);
        }
        let suffix_ok = match o.kind {
            OrgKind::Foundation => o.name.ends_with("基金会"),
            OrgKind::SocialGroup => o.name.ends_with('会'),
            OrgKind::SocialService => !o.name.ends_with("基金会"),
        };
        assert!(suffix_ok, "{} {:?}", o.name, o.kind);
        assert!(o.founded >= NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() && o.founded <= t);
        let (from, to) = (o.cert_valid_from.unwrap(), o.cert_valid_to.unwrap());
        assert!(from >= o.founded && from <= t && to > from);
        let wan = o.capital.0 / 1_000_000;
        match o.kind {
            OrgKind::SocialGroup => assert!((3..=100).contains(&wan)),
            OrgKind::SocialService => assert!((3..=500).contains(&wan)),
            OrgKind::Foundation if o.division == DivisionCode::NATIONAL => assert!(wan >= 800),
            OrgKind::Foundation => assert!(wan >= 200),
        }
        assert!(!o.scope.is_empty() && !o.legal_rep.is_empty() && !o.cert_no.is_empty());
        if o.flags.public_fundraising {
            assert!(o.flags.charity && o.founded <= t - chrono::TimeDelta::days(365));
        }
        if o.status == RegStatus::Revoked {
            assert!(
                s.penalties.iter().any(|p| p.result == "撤销登记"),
                "{}",
                o.name
            );
        }
        if o.status == RegStatus::Suspended {
            assert!(
                s.penalties.iter().any(|p| p.result == "限期停止活动"),
                "{}",
                o.name
            );
        }
        for d in dates(o, s) {
            assert!(d >= o.founded && d <= t, "{}: {d}", o.name);
        }
        for e in &s.evaluations {
            assert_eq!(
                e.valid_until,
                e.awarded_on
                    .checked_add_months(chrono::Months::new(60))
                    .unwrap()
            );
        }
        for p in &s.penalties {
            assert_eq!(p.fine.is_some(), p.result == "罚款");
            assert!(p.doc_no.contains("罚字〔") && p.basis.starts_with('《'));
        }
        for e in &s.list_entries {
            assert_eq!(e.removed_on.is_some(), e.removed_reason.is_some());
            assert!(e.listed_on >= NaiveDate::from_ymd_opt(2018, 3, 1).unwrap());
            assert!(e.removed_on.is_none_or(|r| r >= e.listed_on));
            if e.list == ListKind::Abnormal && e.removed_on.is_none() {
                assert!(
                    e.listed_on > t - chrono::TimeDelta::days(731),
                    "stale 异常名录 entry"
                );
            }
        }
        for c in &s.changes {
            assert_ne!(c.before, c.after);
        }
        let fields: HashSet<&str> = s.changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields.len(), s.changes.len());
        for c in &s.changes {
            let now = match c.field.as_str() {
                "名称" => &o.name,
                "住所" => &o.address,
                "法定代表人" => &o.legal_rep,
                "业务范围" => &o.scope,
                f => panic!("unexpected field {f}"),
            };
            assert_eq!(&c.after, now);
        }
    }
}

fn dates(o: &Organization, s: &Sections) -> Vec<NaiveDate> {
    let mut v = vec![];
    v.extend(s.inspections.iter().filter_map(|x| x.decided_on));
    v.extend(s.evaluations.iter().map(|x| x.awarded_on));
    v.extend(s.honors.iter().map(|x| x.awarded_on));
    v.extend(s.penalties.iter().map(|x| x.decided_on));
    v.extend(s.changes.iter().map(|x| x.changed_on));
    v.extend(
        s.list_entries
            .iter()
            .flat_map(|x| [Some(x.listed_on), x.removed_on])
            .flatten(),
    );
    v.extend(s.annual_reports.iter().map(|x| x.filed_on));
    v.extend(o.cert_valid_from);
    v
}

#[test]
fn deterministic_and_order_independent() {
    let a = Synth::new(7, today());
    let b = Synth::new(7, today());
    for i in [0, 1, 17, 9_999, 99_999_999] {
        assert_eq!(a.org(i), b.org(i));
        assert_eq!(format!("{:?}", a.org(i)), format!("{:?}", b.org(i)));
    }
    let forward: Vec<_> = (0..50).map(|i| a.org(i)).collect();
    let backward: Vec<_> = (0..50).rev().map(|i| b.org(i)).collect();
    assert!(forward.iter().eq(backward.iter().rev()));
    assert_ne!(a.org(3).0, Synth::new(8, today()).org(3).0);
}

#[test]
fn uscc_alone_is_the_code_of_the_org() {
    let s = Synth::new(20250630, today());
    for (i, (o, _)) in SAMPLE.iter().enumerate() {
        assert_eq!(s.uscc(i as u64), o.uscc);
    }
    assert_eq!(s.uscc(99_999_999), s.org(99_999_999).0.uscc);
}

#[test]
fn codes_are_unique() {
    let codes: HashSet<&str> = SAMPLE.iter().map(|(o, _)| o.uscc.as_str()).collect();
    assert_eq!(codes.len() as u64, N);
    // The body is a bijection of i: also unique across a scattered sample of large indices.
    let s = Synth::new(1, today());
    let far: HashSet<String> = (0..2000u64)
        .map(|k| {
            let (o, _) = s.org(k * 49_999 + 7);
            assert!(o.check().is_empty());
            o.uscc.org_code().to_string()
        })
        .collect();
    assert_eq!(far.len(), 2000);
}

#[test]
fn names_are_mostly_distinct() {
    let names: HashSet<&str> = SAMPLE.iter().map(|(o, _)| o.name.as_str()).collect();
    let f = names.len() as f64 / N as f64;
    println!("distinct names over {N}: {f:.4}");
    assert!(f > 0.95, "distinct names: {f:.4}");
    near(
        "national",
        frac(|(o, _)| o.division == DivisionCode::NATIONAL),
        0.005,
        0.003,
    );
}

#[test]
fn distributions() {
    let level = |l| move |(o, _): &(Organization, Sections)| o.division.level() == l;
    let local = 1.0 - frac(level(DivisionLevel::National));
    near(
        "province level",
        frac(level(DivisionLevel::Province)) / local,
        0.07,
        0.03,
    );
    near(
        "city level",
        frac(level(DivisionLevel::City)) / local,
        0.24,
        0.03,
    );
    near(
        "county level",
        frac(level(DivisionLevel::County)) / local,
        0.69,
        0.03,
    );
    let provinces: HashSet<DivisionCode> = SAMPLE
        .iter()
        .filter_map(|(o, _)| o.division.province())
        .collect();
    // Every mainland province-level division, and none of 台湾、香港、澳门 (GB/T 2260 codes,
    // but no mainland registration authority).
    assert_eq!(provinces.len(), 31);
    assert!(provinces.iter().all(|p| p.has_registrar()), "{provinces:?}");
    near(
        "社会团体",
        frac(|(o, _)| o.kind == OrgKind::SocialGroup),
        0.45,
        0.02,
    );
    near(
        "社会服务机构",
        frac(|(o, _)| o.kind == OrgKind::SocialService),
        0.52,
        0.02,
    );
    near(
        "基金会",
        frac(|(o, _)| o.kind == OrgKind::Foundation),
        0.03,
        0.01,
    );
    near(
        "active",
        frac(|(o, _)| o.status == RegStatus::Active),
        0.92,
        0.01,
    );
    near(
        "deregistered",
        frac(|(o, _)| o.status == RegStatus::Deregistered),
        0.05,
        0.01,
    );
    near(
        "revoked",
        frac(|(o, _)| o.status == RegStatus::Revoked),
        0.02,
        0.005,
    );
    near(
        "suspended",
        frac(|(o, _)| o.status == RegStatus::Suspended),
        0.01,
        0.004,
    );
    near("charity", frac(|(o, _)| o.flags.charity), 0.02, 0.01);
    near("volunteer", frac(|(o, _)| o.flags.volunteer), 0.08, 0.03);
    let groups = frac(|(o, _)| o.kind == OrgKind::SocialGroup);
    near(
        "trade",
        frac(|(o, _)| o.flags.trade_association) / groups,
        0.10,
        0.03,
    );
    near(
        "supervisor",
        frac(|(o, _)| o.supervisor.is_some()),
        0.40,
        0.08,
    );
    near(
        "异常名录",
        frac(|(o, _)| o.credit == CreditStatus::Abnormal),
        0.03,
        0.012,
    );
    let charity_foundations = frac(|(o, _)| o.flags.charity && o.kind == OrgKind::Foundation);
    assert!(charity_foundations > frac(|(o, _)| o.flags.charity) / 2.0);
}

#[test]
fn every_section_type_appears_in_a_small_demo() {
    let demo = &SAMPLE[..10_000];
    let has = |f: &dyn Fn(&Sections) -> bool| demo.iter().any(|(_, s)| f(s));
    assert!(has(&|s| !s.inspections.is_empty()));
    assert!(has(&|s| !s.evaluations.is_empty()));
    assert!(has(&|s| !s.honors.is_empty()));
    assert!(has(&|s| !s.penalties.is_empty()));
    assert!(has(&|s| s.penalties.iter().any(|p| p.fine.is_some())));
    assert!(has(&|s| !s.changes.is_empty()));
    assert!(has(&|s| s
        .list_entries
        .iter()
        .any(|e| e.list == ListKind::Abnormal)));
    assert!(has(&|s| s
        .list_entries
        .iter()
        .any(|e| e.list == ListKind::Serious)));
    assert!(has(&|s| s
        .list_entries
        .iter()
        .any(|e| e.removed_on.is_some())));
    assert!(has(&|s| !s.annual_reports.is_empty()));
    let entries: usize = demo
        .iter()
        .map(|(_, s)| s.evaluations.len() + s.honors.len() + s.penalties.len() + s.changes.len())
        .sum();
    assert!(entries < demo.len(), "most organizations have few entries");
}

#[test]
fn demo_officials_cover_every_level() {
    let officials = Synth::demo_officials();
    let levels: HashSet<_> = officials
        .iter()
        .map(|(_, _, _, d)| format!("{:?}", d.level()))
        .collect();
    assert_eq!(levels.len(), 4);
    assert!(
        officials
            .iter()
            .all(|(_, _, r, _)| r == "admin" || r == "officer")
    );
    assert!(
        officials
            .iter()
            .any(|(_, _, r, d)| r == "admin" && *d == DivisionCode::NATIONAL)
    );
    let users: HashSet<_> = officials.iter().map(|(u, ..)| u).collect();
    assert_eq!(users.len(), officials.len());
}

/// Run with `--nocapture` to see a sample and the measured mix.
#[test]
fn print_sample_and_stats() {
    for (o, _) in SAMPLE.iter().take(40) {
        println!(
            "{} | {} | {} | {} | {} | {}",
            o.uscc, o.name, o.authority, o.legal_rep, o.address, o.cert_no
        );
    }
    let mut by: HashMap<&str, f64> = HashMap::new();
    by.insert(
        "abnormal",
        frac(|(o, _)| o.credit == CreditStatus::Abnormal),
    );
    by.insert("serious", frac(|(o, _)| o.credit == CreditStatus::Serious));
    by.insert("ever listed", frac(|(_, s)| !s.list_entries.is_empty()));
    by.insert("supervisor", frac(|(o, _)| o.supervisor.is_some()));
    by.insert("volunteer", frac(|(o, _)| o.flags.volunteer));
    by.insert("charity", frac(|(o, _)| o.flags.charity));
    by.insert(
        "public fundraising",
        frac(|(o, _)| o.flags.public_fundraising),
    );
    by.insert("evaluated", frac(|(_, s)| !s.evaluations.is_empty()));
    by.insert("honored", frac(|(_, s)| !s.honors.is_empty()));
    by.insert("changed", frac(|(_, s)| !s.changes.is_empty()));
    let mut reasons: HashMap<&str, usize> = HashMap::new();
    for (_, s) in SAMPLE.iter() {
        for e in s.list_entries.iter().filter(|e| e.removed_on.is_none()) {
            *reasons.entry(e.listed_reason.as_str()).or_default() += 1;
        }
    }
    println!("in force: {reasons:?}");
    let mut v: Vec<_> = by.into_iter().collect();
    v.sort_by(|a, b| a.0.cmp(b.0));
    println!("{v:?}");
}
