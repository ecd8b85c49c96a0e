//! `gongyi quality report`: a registrar's CSV with known defects is imported, and the report
//! names exactly those problems (CSV), counts them (text), narrows to a division and writes a
//! file Excel opens (byte-order mark).

use crate::support::{Env, orgs, text, write};
use chrono::NaiveDate;
use gongyi_interchange::Format;
use gongyi_types::Organization;
use gongyi_types::quality::check;
use std::collections::BTreeSet;

const TODAY: &str = "2026-11-27";

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Five clean records, then one defect each in four of them and a name twice in one division:
/// the records and the (code, rule) pairs the report must name.
fn defective() -> (Vec<Organization>, BTreeSet<(String, String)>) {
    let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    let pool: Vec<Organization> = orgs(300)
        .into_iter()
        .filter(|o| check(o, today).is_empty())
        .collect();
    // Two records of one registrar division, for the duplicate name.
    let (i, j) = (0..pool.len())
        .flat_map(|i| (i + 1..pool.len()).map(move |j| (i, j)))
        .find(|&(i, j)| pool[i].division == pool[j].division)
        .expect("two records of one division");
    let mut v: Vec<Organization> = vec![pool[i].clone(), pool[j].clone()];
    // Three more, each of a division of its own.
    for o in &pool {
        if v.len() < 5 && !v.iter().any(|x| x.division == o.division) {
            v.push(o.clone());
        }
    }
    assert_eq!(v.len(), 5);
    let mut expected = BTreeSet::new();
    let mut expect = |o: &Organization, rule: &str| {
        expected.insert((o.uscc.to_string(), rule.to_string()));
    };
    v[1].name = v[0].name.clone();
    expect(&v[0], "duplicate_name");
    expect(&v[1], "duplicate_name");
    v[2].address = String::new();
    expect(&v[2], "address_missing");
    v[3].status = gongyi_types::RegStatus::Active;
    v[3].founded = ymd(2010, 1, 4);
    v[3].cert_valid_from = Some(ymd(2020, 1, 4));
    v[3].cert_valid_to = Some(ymd(2025, 1, 3));
    expect(&v[3], "cert_expired");
    v[4].email = Some("office.example.org".into());
    v[4].phone = Some("0571-8888888x".into());
    expect(&v[4], "email_invalid");
    expect(&v[4], "phone_invalid");
    (v, expected)
}

fn rows(csv: &str) -> BTreeSet<(String, String)> {
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("统一社会信用代码,名称,行政区划,规则,维度,字段,说明")
    );
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].to_string(), f[3].to_string())
        })
        .collect()
}

#[tokio::test]
async fn the_report_names_exactly_the_defects_imported() {
    let env = Env::new().await;
    let (records, expected) = defective();
    let path = env.dir.join("defects.csv");
    write(&path, &records, Format::Csv);
    let o = env.run(&["import", "orgs", &path.display().to_string()]);
    assert!(o.status.success(), "{:?}", text(&o));

    let o = env.run(&["quality", "report", "--format", "csv", "--today", TODAY]);
    let (out, err) = text(&o);
    assert!(o.status.success(), "{err}");
    assert_eq!(rows(&out), expected, "{out}");

    let o = env.run(&["quality", "report", "--today", TODAY]);
    let (out, err) = text(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        out.contains("社会组织 5 家，有问题的 5 家，问题 6 个"),
        "{out}"
    );
    assert!(
        out.contains("重复：2") && out.contains("完整性：1"),
        "{out}"
    );
    assert!(out.contains("及时性：暂无规则"), "{out}");

    // One division: only its records; to a file, with the byte-order mark Excel needs.
    let d = records[2].division.to_string();
    let file = env.dir.join("q.csv");
    let o = env.run(&[
        "quality",
        "report",
        "--format",
        "csv",
        "--division",
        &d,
        "--output",
        &file.display().to_string(),
        "--today",
        TODAY,
    ]);
    assert!(o.status.success(), "{:?}", text(&o));
    assert!(text(&o).0.contains("已写出 1 个问题"), "{:?}", text(&o));
    let written = std::fs::read_to_string(&file).unwrap();
    let body = written.strip_prefix('\u{feff}').expect("byte-order mark");
    assert_eq!(
        rows(body),
        BTreeSet::from([(records[2].uscc.to_string(), "address_missing".to_string())])
    );

    let o = env.run(&["quality", "report", "--division", "12345"]);
    assert!(!o.status.success());
    env.finish().await;
}
