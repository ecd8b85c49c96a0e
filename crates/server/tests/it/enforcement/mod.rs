//! Complaints (投诉举报) and enforcement cases against the real app: a complaint through the
//! API and the form opens a case routed to the right authority; the reporter follows it by
//! tracking number and never sees (nor shows anyone) the contact; refused complaints store
//! nothing; the address's budget answers 429; officials of another jurisdiction get 403; the
//! whole procedure to 处罚决定 puts the penalty into the credit records and the lists.

mod form;
mod intake;
mod link;
mod numbers;
mod procedure;

use crate::support::{CHAOYANG, HAIDIAN, PASSWORD, Setup, TestApp, hidden, org, set_cookies};
use base64::Engine;
use chrono::NaiveDate;
use gongyi_store::enforcement::complaints::EnforcementCounts;
use gongyi_types::{AnnualReport, Fen, OrgKind, Organization, Sections};
use serde_json::{Value, json};

const CONTACT: &str = "13800138000";
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

fn b64(b: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(b)
}

async fn spawn(per_hour: u32) -> TestApp {
    TestApp::spawn_with(Setup {
        complaints_per_hour: Some(per_hour),
        ..Setup::default()
    })
    .await
}

async fn post(app: &TestApp, body: &Value) -> (u16, Value) {
    let r = app
        .client
        .post(app.url("/api/v1/complaints"))
        .json(body)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

async fn counts(app: &TestApp) -> EnforcementCounts {
    app.db.store.enforcement_counts().await.unwrap()
}

/// A 朝阳区 organization with every annual report filed (so only a penalty can list it).
async fn clean_org(app: &TestApp, i: u64, name: &str) -> Organization {
    let (mut o, _) = org(i, name, "110105", OrgKind::SocialGroup);
    o.founded = NaiveDate::from_ymd_opt(2020, 3, 1).unwrap();
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
    app.state
        .search
        .upsert(&gongyi_search::OrgDoc::from_org(&o))
        .unwrap();
    for year in 2020..=2025 {
        let r = AnnualReport {
            year,
            filed_on: NaiveDate::from_ymd_opt(year + 1, 4, 1).unwrap(),
            income: Fen(100_000),
            expenditure: Fen(90_000),
            net_assets: Fen(10_000),
            staff: 3,
            members: Some(40),
            summary: "年度工作报告".into(),
        };
        app.db
            .store
            .record_annual_report(o.uscc.as_str(), &r, "test", "2026-07-01T00:00:00Z")
            .await
            .unwrap();
    }
    o
}

fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> (String, Vec<u8>) {
    let boundary = "----gongyiTestBoundary7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    let (name, bytes) = file.unwrap_or(("", b""));
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn case_page(app: &TestApp, cookie: &str, id: i64) -> (u16, String) {
    let r = app.get_with(&format!("/admin/cases/{id}"), cookie).await;
    (r.status().as_u16(), r.text().await.unwrap())
}

async fn step(app: &TestApp, cookie: &str, id: i64, fields: &[(&str, &str)]) -> (u16, String) {
    let r = app
        .post_form(&format!("/admin/cases/{id}/step"), cookie, fields)
        .await;
    (r.status().as_u16(), r.text().await.unwrap())
}
