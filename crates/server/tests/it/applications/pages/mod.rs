//! Online services (一网通办) end to end: an applicant registers and applies, uploads materials
//! into the electronic archive and submits; an official of the right jurisdiction decides
//! (another jurisdiction gets 403); the registry, the public profile and the JSON API show the
//! result. Also: the 需补正 loop, 不予受理 with its reason, malformed forms and attachments
//! storing nothing, the one-year rule for 公开募捐资格, the queue order with a moved clock, and
//! one audit row per step.

mod catalogue;
mod credit_removal;
mod inspection;
mod materials;
mod navigation;
mod procedure;
mod registry_effects;

use super::{official, org_account, pdf, person_account, register_org};
use crate::support::{CHAOYANG, HAIDIAN, TestApp, hidden, org};
use chrono::{NaiveDate, TimeZone, Utc};
use gongyi_types::{OrgKind, Organization, Sections};
use serde_json::Value;

async fn applicant_csrf(app: &TestApp, cookie: &str) -> String {
    let html = app.page_with("/my/applications", cookie).await;
    hidden(&html, "csrf")
}

async fn apply(
    app: &TestApp,
    cookie: &str,
    kind: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let t = applicant_csrf(app, cookie).await;
    let mut all = vec![("csrf", t.as_str())];
    all.extend_from_slice(fields);
    app.post_form(&format!("/services/{kind}/apply"), cookie, &all)
        .await
}

fn id_of(r: &reqwest::Response) -> i64 {
    assert_eq!(r.status(), 303);
    let loc = r.headers()["location"].to_str().unwrap();
    // `/my/applications/7?done=created`
    let path = loc.split('?').next().unwrap();
    path.rsplit('/').next().unwrap().parse().unwrap()
}

async fn apply_ok(app: &TestApp, cookie: &str, kind: &str, fields: &[(&str, &str)]) -> i64 {
    let r = apply(app, cookie, kind, fields).await;
    if r.status() != 303 {
        panic!("{}: {}", r.status(), r.text().await.unwrap());
    }
    id_of(&r)
}

/// A multipart upload built by hand (the test client has no multipart feature).
async fn upload(
    app: &TestApp,
    cookie: &str,
    id: i64,
    material: &str,
    name: &str,
    bytes: &[u8],
) -> reqwest::Response {
    let t = applicant_csrf(app, cookie).await;
    let b = "gongyitestboundary7f3a";
    let mut body = Vec::new();
    for (k, v) in [("csrf", t.as_str()), ("material", material)] {
        body.extend_from_slice(
            format!("--{b}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!("--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{b}--\r\n").as_bytes());
    app.client
        .post(app.url(&format!("/my/applications/{id}/attachments")))
        .header("cookie", cookie)
        .header("content-type", format!("multipart/form-data; boundary={b}"))
        .body(body)
        .send()
        .await
        .unwrap()
}

/// The materials the 办事指南 of `kind` marks as required (to be uploaded before submitting).
fn required_materials(kind: &str) -> Vec<&'static str> {
    gongyi_types::applications::ServiceKind::parse(kind)
        .unwrap()
        .materials()
        .iter()
        .filter(|m| m.required)
        .map(|m| m.name)
        .collect()
}

async fn upload_ok(app: &TestApp, cookie: &str, id: i64, material: &str) {
    let r = upload(
        app,
        cookie,
        id,
        material,
        &format!("{material}.pdf"),
        &pdf(material),
    )
    .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
}

async fn applicant_post(app: &TestApp, cookie: &str, id: i64, what: &str) -> reqwest::Response {
    let t = applicant_csrf(app, cookie).await;
    app.post_form(
        &format!("/my/applications/{id}/{what}"),
        cookie,
        &[("csrf", &t), ("note", "已按要求补充")],
    )
    .await
}

async fn official_step(
    app: &TestApp,
    cookie: &str,
    id: i64,
    action: &str,
    reason: &str,
    extra: &[(&str, &str)],
) -> reqwest::Response {
    let html = app.get_with("/admin", cookie).await.text().await.unwrap();
    let t = hidden(&html, "csrf");
    let mut f = vec![("csrf", t.as_str()), ("action", action), ("reason", reason)];
    f.extend_from_slice(extra);
    app.post_form(&format!("/admin/applications/{id}/step"), cookie, &f)
        .await
}

async fn steps_ok(app: &TestApp, cookie: &str, id: i64, actions: &[&str]) {
    for a in actions {
        let r = official_step(app, cookie, id, a, &format!("{a} 理由"), &[]).await;
        assert_eq!(r.status(), 303, "{a}: {}", r.text().await.unwrap());
    }
}

async fn state_of(app: &TestApp, id: i64) -> String {
    let a = app.db.store.application(id).await.unwrap().unwrap();
    a.state.code().to_string()
}

async fn api_org(app: &TestApp, uscc: &str) -> Value {
    let (s, v) = app.json(&format!("/api/v1/orgs/{uscc}")).await;
    assert_eq!(s, 200, "{v}");
    v
}

/// A 朝阳区 organization with chosen founding date and charity flag.
async fn add_org(app: &TestApp, i: u64, name: &str, founded: &str, charity: bool) -> Organization {
    let (mut o, _) = org(i, name, "110105", OrgKind::Foundation);
    o.founded = NaiveDate::parse_from_str(founded, "%Y-%m-%d").unwrap();
    o.status = gongyi_types::RegStatus::Active;
    o.flags.charity = charity;
    o.flags.public_fundraising = false;
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
    o
}

fn establish_form() -> Vec<(&'static str, &'static str)> {
    vec![
        ("name", "北京市朝阳区围棋爱好者协会"),
        ("org_kind", "social_group"),
        ("division", "110105"),
        ("address", "北京市朝阳区建国路1号"),
        ("scope", "围棋交流、培训与比赛"),
        ("legal_rep", "赵棋手"),
        ("capital", "50000"),
        ("phone", "010-65001234"),
    ]
}

fn report_form() -> Vec<(&'static str, &'static str)> {
    vec![
        ("year", "2025"),
        ("income", "120000.50"),
        ("expenditure", "100000"),
        ("net_assets", "50000"),
        ("staff", "4"),
        ("members", "80"),
        ("activities", "举办讲座12场"),
    ]
}

async fn json_with(app: &TestApp, path: &str, cookie: &str) -> (u16, Value) {
    let r = app.get_with(path, cookie).await;
    let s = r.status().as_u16();
    (s, r.json().await.unwrap())
}
