//! The data-quality report (`/admin/quality`, `/admin/quality.csv`): a login is needed, an
//! official sees their jurisdiction only, the page's counts agree with the CSV, the records
//! broken on purpose are named with exactly their problems, drill-down links lead to child
//! divisions, and the report is the day's (a record added today shows tomorrow).

use crate::support::{CHAOYANG, HAIDIAN, PASSWORD, TestApp, ZHEJIANG, org, today};
use chrono::{NaiveDate, TimeZone, Utc};
use gongyi_types::quality::check;
use gongyi_types::{DivisionCode, Fen, OrgFlags, OrgKind, Organization, RegStatus, Sections};
use std::collections::BTreeSet;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A record with no problem of its own (checked), registered in `division`.
fn clean(i: u64, name: &str, division: &str, kind: OrgKind) -> Organization {
    let (mut o, _) = org(i, name, division, kind);
    let d = DivisionCode::parse(division).unwrap();
    o.authority = d.authority_name().unwrap();
    o.status = RegStatus::Active;
    o.founded = ymd(2015, 1, 5);
    o.capital = Fen(300 * 10_000 * 100);
    o.legal_rep = "王质量".into();
    o.address = format!("{}某路1号", d.full_name());
    o.scope = "开展公益活动。".into();
    o.cert_no = "测社证字第0001号".into();
    o.cert_valid_from = Some(ymd(2025, 1, 5));
    o.cert_valid_to = Some(ymd(2030, 1, 4));
    o.phone = Some("010-65123456".into());
    o.email = None;
    o.flags = OrgFlags::default();
    assert_eq!(check(&o, today()), vec![], "{name}");
    o
}

async fn add(app: &TestApp, orgs: &[Organization]) {
    let items: Vec<(Organization, Sections)> = orgs
        .iter()
        .map(|o| (o.clone(), Sections::default()))
        .collect();
    app.db
        .store
        .create_orgs(&items, "test", "2026-11-27T00:00:00Z")
        .await
        .unwrap();
}

/// (status, body) of a page fetched with a session.
async fn fetch(app: &TestApp, path: &str, cookie: &str) -> (u16, String) {
    let r = app.get_with(path, cookie).await;
    (r.status().as_u16(), r.text().await.unwrap())
}

/// The CSV's rows as (code, rule) pairs, after checking its type, byte-order mark and header.
async fn csv(app: &TestApp, path: &str, cookie: &str) -> Vec<(String, String)> {
    let r = app.get_with(path, cookie).await;
    assert_eq!(r.status(), 200, "{path}");
    let mime = r.headers()["content-type"].to_str().unwrap().to_string();
    assert_eq!(mime, "text/csv; charset=utf-8");
    let bytes = r.bytes().await.unwrap();
    let body = std::str::from_utf8(&bytes).unwrap();
    let body = body.strip_prefix('\u{feff}').expect("a byte-order mark");
    let mut lines = body.lines();
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

/// The number in the page's cell labelled `label` that follows `after`.
fn number_after(page: &str, after: &str, label: &str) -> u64 {
    let start = page.find(after).unwrap_or_else(|| panic!("no {after}"));
    let cell = format!("data-label=\"{label}\">");
    let rest = &page[start..];
    let at = rest.find(&cell).unwrap() + cell.len();
    let digits: String = rest[at..]
        .trim_start_matches("<strong>")
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().unwrap()
}

fn total_problems(page: &str) -> u64 {
    let at = page.find("家有问题，共 <strong>").unwrap() + "家有问题，共 <strong>".len();
    page[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn officials_see_their_divisions_problems_with_drill_down_and_a_csv() {
    let app = TestApp::spawn().await;
    let mut no_address = clean(
        801,
        "北京市朝阳区质量测试协会",
        "110105",
        OrgKind::SocialGroup,
    );
    no_address.address = "无".into();
    let twin = clean(
        802,
        "北京市朝阳区 质量测试协会",
        "110105",
        OrgKind::SocialGroup,
    );
    // The same name at another authority is no duplicate.
    let elsewhere = clean(
        803,
        "北京市朝阳区质量测试协会",
        "110108",
        OrgKind::SocialGroup,
    );
    let mut fund = clean(
        804,
        "杭州市西湖区质量测试基金会",
        "330106",
        OrgKind::Foundation,
    );
    fund.name = "杭州市西湖区质量测试基金".into();
    fund.cert_valid_from = Some(ymd(2020, 1, 5));
    fund.cert_valid_to = Some(ymd(2025, 1, 4));
    add(
        &app,
        &[
            no_address.clone(),
            twin.clone(),
            elsewhere.clone(),
            fund.clone(),
        ],
    )
    .await;

    // No session: to the login, and back here after it.
    for path in ["/admin/quality", "/admin/quality.csv?division=110105"] {
        let r = app.get(path).await;
        assert_eq!(r.status(), 303, "{path}");
        let to = r.headers()["location"].to_str().unwrap();
        assert!(to.starts_with("/login?next="), "{to}");
    }

    let cy = app.login(CHAOYANG, PASSWORD).await.unwrap();
    let (_, workbench) = fetch(&app, "/admin", &cy).await;
    assert!(workbench.contains("href=\"/admin/quality\""), "{workbench}");
    let (st, page) = fetch(&app, "/admin/quality", &cy).await;
    assert_eq!(st, 200, "{page}");
    assert!(
        page.contains("北京市朝阳区") && page.contains("数据质量报告"),
        "{page}"
    );
    assert!(
        page.contains(&format!("/orgs/{}", no_address.uscc)),
        "{page}"
    );
    let r = app.get_with("/admin/quality.csv", &cy).await;
    let disposition = r.headers()["content-disposition"].to_str().unwrap();
    assert!(
        disposition.starts_with("attachment;")
            && disposition.contains("quality-110105-2026-11-27.csv"),
        "{disposition}"
    );
    let rows = csv(&app, "/admin/quality.csv", &cy).await;
    let mine = |o: &Organization| -> BTreeSet<String> {
        rows.iter()
            .filter(|(u, _)| u == o.uscc.as_str())
            .map(|(_, rule)| rule.clone())
            .collect()
    };
    assert_eq!(
        mine(&no_address),
        BTreeSet::from(["address_missing".into(), "duplicate_name".into()])
    );
    assert_eq!(mine(&twin), BTreeSet::from(["duplicate_name".into()]));
    assert!(
        mine(&elsewhere).is_empty() && mine(&fund).is_empty(),
        "outside 朝阳区"
    );
    // The page counts what the CSV lists.
    assert_eq!(total_problems(&page), rows.len() as u64, "{page}");
    for rule in ["address_missing", "duplicate_name"] {
        let n = rows.iter().filter(|(_, r)| r == rule).count() as u64;
        assert_eq!(
            number_after(&page, &format!("<code>{rule}</code>"), "问题数"),
            n,
            "{rule}"
        );
    }

    // Outside the jurisdiction: refused, page and CSV alike.
    for path in [
        "/admin/quality?division=330000",
        "/admin/quality.csv?division=110108",
        "/admin/quality?division=100000",
    ] {
        let (st, body) = fetch(&app, path, &cy).await;
        assert_eq!(st, 403, "{path}: {body}");
        assert!(body.contains("不在您的管辖范围"), "{body}");
    }
    let (st, _) = fetch(&app, "/admin/quality?division=12345", &cy).await;
    assert_eq!(st, 400);
    let (st, _) = fetch(&app, "/admin/quality?rule=no_such_rule", &cy).await;
    assert_eq!(st, 400);

    // A province: 杭州市 to drill into, the foundation's two problems, a filter by rule.
    let zj = app.login(ZHEJIANG, PASSWORD).await.unwrap();
    let (st, page) = fetch(&app, "/admin/quality", &zj).await;
    assert_eq!(st, 200);
    assert!(
        page.contains("href=\"/admin/quality?division=330100\""),
        "{page}"
    );
    let (st, page) = fetch(&app, "/admin/quality?division=330100", &zj).await;
    assert_eq!(st, 200);
    assert!(page.contains("浙江省") && page.contains("西湖区"), "{page}");
    let rows = csv(&app, "/admin/quality.csv?division=330106", &zj).await;
    let fund_rules: BTreeSet<String> = rows
        .iter()
        .filter(|(u, _)| u == fund.uscc.as_str())
        .map(|(_, r)| r.clone())
        .collect();
    assert_eq!(
        fund_rules,
        BTreeSet::from(["cert_expired".into(), "foundation_name".into()])
    );
    let (_, page) = fetch(
        &app,
        "/admin/quality?division=330106&rule=foundation_name",
        &zj,
    )
    .await;
    assert!(
        page.contains("杭州市西湖区质量测试基金") && page.contains("未以“基金会”结尾"),
        "{page}"
    );
    let (st, _) = fetch(&app, "/admin/quality?division=110105", &zj).await;
    assert_eq!(st, 403);

    // The report is the day's: a record added now shows tomorrow.
    let hd = app.login(HAIDIAN, PASSWORD).await.unwrap();
    let before = csv(&app, "/admin/quality.csv", &hd).await.len();
    let mut late = clean(
        805,
        "北京市海淀区质量测试研究会",
        "110108",
        OrgKind::SocialGroup,
    );
    late.scope = String::new();
    add(&app, &[late.clone()]).await;
    let same_day = csv(&app, "/admin/quality.csv", &hd).await;
    assert_eq!(same_day.len(), before, "the same day's report");
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 11, 28, 2, 0, 0).unwrap());
    // (A session does not last a day: log in again.)
    let hd = app.login(HAIDIAN, PASSWORD).await.unwrap();
    let rows = csv(&app, "/admin/quality.csv", &hd).await;
    assert_eq!(rows.len(), before + 1);
    assert!(rows.contains(&(late.uscc.to_string(), "scope_missing".into())));
    app.finish().await;
}
