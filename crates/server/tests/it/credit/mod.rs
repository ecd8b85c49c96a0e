//! Credit lists (民政部令第60号) against the real app with a moved clock: the daily job lists an
//! overdue annual report, a filed report removes it, 2 years move it to the serious list, the
//! objection path, penalties recorded by officials, and jurisdiction. The helpers are here; the
//! job's lists in `lists.rs`, objections in `objections.rs`, officials' penalties in `penalties.rs`, 整改通知 and 专用信函 in `supervision.rs`.

use crate::support::{CHAOYANG, HAIDIAN, PASSWORD, TestApp, hidden, org, set_cookies};
use chrono::NaiveDate;
use gongyi_types::{AnnualReport, Fen, OrgKind, Organization, Sections};
use serde_json::{Value, json};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A 朝阳区 organization founded in 2020 that never filed an annual report.
async fn add_org(app: &TestApp, i: u64, name: &str) -> Organization {
    let (mut o, _) = org(i, name, "110105", OrgKind::SocialGroup);
    o.founded = d("2020-03-01");
    o.status = gongyi_types::RegStatus::Active;
    o.credit = gongyi_types::CreditStatus::Normal;
    app.db
        .store
        .create_orgs(
            &[(o.clone(), Sections::default())],
            "test",
            "2026-01-01T00:00:00Z",
        )
        .await
        .unwrap();
    // As every write path does (import, seed, 成立登记): the index has it too.
    app.state
        .search
        .upsert(&gongyi_search::OrgDoc::from_org(&o))
        .unwrap();
    o
}

async fn job(app: &TestApp, day: &str) -> gongyi_server::credit::JobReport {
    gongyi_server::credit::run_job(
        &app.db.store,
        gongyi_server::credit::Views::of(&app.state),
        &app.state.config.credit_policy,
        d(day),
        &format!("{day}T01:00:00Z"),
        |_| {},
    )
    .await
    .unwrap()
}

async fn credit(app: &TestApp, uscc: &str) -> Value {
    let (status, body) = app.json(&format!("/api/v1/orgs/{uscc}/credit")).await;
    assert_eq!(status, 200, "{body}");
    body
}

fn open_entries(c: &Value) -> Vec<&Value> {
    c["list_entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["removed_on"].is_null())
        .collect()
}

async fn file_report(app: &TestApp, uscc: &str, year: i32, on: &str) {
    let r = AnnualReport {
        year,
        filed_on: d(on),
        income: Fen(100_000),
        expenditure: Fen(90_000),
        net_assets: Fen(10_000),
        staff: 3,
        members: Some(40),
        summary: "年度工作报告".into(),
    };
    app.db
        .store
        .record_annual_report(uscc, &r, "test", "2026-07-01T00:00:00Z")
        .await
        .unwrap();
}

/// The credit standing `POST /api/v1/lookup` gives for a code.
pub(super) async fn lookup_credit(app: &TestApp, uscc: &str) -> String {
    let r = app
        .client
        .post(app.url("/api/v1/lookup"))
        .json(&json!({"codes": [uscc]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let v: Value = r.json().await.unwrap();
    v["results"][0]["org"]["credit"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn official(app: &TestApp, who: &str, uscc: &str) -> (String, String) {
    let cookie = app.login(who, PASSWORD).await.unwrap();
    let page = app
        .get_with(&format!("/admin/orgs/{uscc}/credit"), &cookie)
        .await;
    let html = page.text().await.unwrap();
    let csrf = hidden(&html, "csrf");
    (cookie, csrf)
}

mod lists;
mod objections;
mod penalties;
mod supervision;
