//! Online services (一网通办) end to end: an applicant registers and applies, uploads materials
//! into the electronic archive and submits; an official of the right jurisdiction decides
//! (another jurisdiction gets 403); the registry, the public profile and the JSON API show the
//! result. Also: the 需补正 loop, 不予受理 with its reason, malformed forms and attachments
//! storing nothing, the one-year rule for 公开募捐资格, the queue order with a moved clock, and
//! one audit row per step.

use crate::support::{CHAOYANG, HAIDIAN, PASSWORD, TestApp, hidden, org, set_cookies};
use chrono::{NaiveDate, TimeZone, Utc};
use gongyi_types::{OrgKind, Organization, Sections};
use serde_json::Value;

const APW: &str = "Applicant-pass-1";

fn pdf(tag: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {tag}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n").into_bytes()
}

/// The double-submit cookie and the hidden token of an applicant's login/register form.
async fn form_csrf(app: &TestApp, path: &str) -> (String, String) {
    let r = app.get(path).await;
    assert_eq!(r.status(), 200, "{path}");
    let c = set_cookies(&r)
        .into_iter()
        .find(|c| c.starts_with("gongyi_applicant_csrf="))
        .unwrap();
    let html = r.text().await.unwrap();
    (c, hidden(&html, "csrf"))
}

async fn register_org(app: &TestApp, o: &Organization, legal_rep: &str) -> reqwest::Response {
    let (c, t) = form_csrf(app, "/account/register").await;
    app.post_form(
        "/account/register",
        &c,
        &[
            ("csrf", &t),
            ("kind", "org"),
            ("uscc", o.uscc.as_str()),
            ("legal_rep", legal_rep),
            ("contact_name", "李经办"),
            ("phone", "13800138000"),
            ("password", APW),
            ("password2", APW),
        ],
    )
    .await
}

async fn login_applicant(app: &TestApp, login: &str) -> String {
    let (c, t) = form_csrf(app, "/account/login").await;
    let r = app
        .post_form(
            "/account/login",
            &c,
            &[("csrf", &t), ("login", login), ("password", APW)],
        )
        .await;
    assert_eq!(r.status(), 303);
    set_cookies(&r)
        .into_iter()
        .find(|c| c.starts_with("gongyi_applicant=") && c.len() > 20)
        .unwrap()
}

/// An organization's account, registered through the form, logged in.
async fn org_account(app: &TestApp, o: &Organization) -> String {
    let r = register_org(app, o, &o.legal_rep).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    login_applicant(app, o.uscc.as_str()).await
}

/// A person's account (for 成立登记).
async fn person_account(app: &TestApp, phone: &str) -> String {
    let (c, t) = form_csrf(app, "/account/register?kind=person").await;
    let r = app
        .post_form(
            "/account/register",
            &c,
            &[
                ("csrf", &t),
                ("kind", "person"),
                ("contact_name", "王发起"),
                ("phone", phone),
                ("password", APW),
                ("password2", APW),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let next = r.headers()["location"].to_str().unwrap().to_string();
    let html = app.get(&next).await.text().await.unwrap();
    assert!(html.contains("注册成功") && html.contains(phone), "{html}");
    login_applicant(app, phone).await
}

async fn applicant_csrf(app: &TestApp, cookie: &str) -> String {
    let html = app
        .get_with("/my/applications", cookie)
        .await
        .text()
        .await
        .unwrap();
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
    loc.rsplit('/').next().unwrap().parse().unwrap()
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

async fn official(app: &TestApp, user: &str) -> String {
    app.login(user, PASSWORD).await.unwrap()
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

#[tokio::test]
async fn establish_runs_end_to_end_and_creates_the_organization() {
    let app = TestApp::spawn().await;
    let me = person_account(&app, "13911112222").await;
    let id = apply_ok(&app, &me, "establish", &establish_form()).await;
    // Submitting without the required materials is refused, nothing moves.
    let r = applicant_post(&app, &me, id, "submit").await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("materials_missing"));
    upload_ok(&app, &me, id, "登记申请书").await;
    upload_ok(&app, &me, id, "章程草案").await;
    assert_eq!(applicant_post(&app, &me, id, "submit").await.status(), 303);
    assert_eq!(state_of(&app, id).await, "submitted");

    // An official of another jurisdiction can neither see nor decide it.
    let haidian = official(&app, HAIDIAN).await;
    let r = official_step(&app, &haidian, id, "accept", "越权", &[]).await;
    assert_eq!(r.status(), 403);
    assert!(r.text().await.unwrap().contains("outside_jurisdiction"));
    assert_eq!(
        app.get_with(&format!("/admin/applications/{id}"), &haidian)
            .await
            .status(),
        403
    );
    assert_eq!(state_of(&app, id).await, "submitted");

    let chaoyang = official(&app, CHAOYANG).await;
    steps_ok(&app, &chaoyang, id, &["accept", "start_review", "approve"]).await;
    let a = app.db.store.application(id).await.unwrap().unwrap();
    assert_eq!(a.state.code(), "approved");
    let uscc = a.result_uscc.unwrap();
    let parsed = gongyi_types::Uscc::parse(&uscc).unwrap();
    assert_eq!(parsed.division(), "110105");
    let v = api_org(&app, &uscc).await;
    assert_eq!(v["name"], "北京市朝阳区围棋爱好者协会");
    assert_eq!(v["legal_rep"], "赵棋手");
    assert_eq!(v["status"], "active");
    assert_eq!(v["founded"], "2026-11-27");
    let page = app.get(&format!("/orgs/{uscc}")).await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("围棋爱好者协会"));
    // The applicant sees the result and every step.
    let mine = app
        .get_with(&format!("/my/applications/{id}"), &me)
        .await
        .text()
        .await
        .unwrap();
    assert!(mine.contains(&uscc));
    assert!(mine.contains("approve 理由"));
    // The search index knows the new organization.
    let (_, found) = app.json("/api/v1/orgs?q=围棋爱好者协会").await;
    assert!(found.to_string().contains(&uscc), "{found}");
    app.finish().await;
}

#[tokio::test]
async fn change_runs_through_the_correction_loop_into_the_change_record() {
    let app = TestApp::spawn().await;
    let o = app.orgs[1].clone(); // 朝阳区
    let me = org_account(&app, &o).await;
    let id = apply_ok(
        &app,
        &me,
        "change",
        &[
            ("field", "address"),
            ("new_value", "北京市朝阳区新住所路8号"),
            ("reason", "办公场所搬迁"),
        ],
    )
    .await;
    upload_ok(&app, &me, id, "变更登记申请书").await;
    assert_eq!(applicant_post(&app, &me, id, "submit").await.status(), 303);
    let chaoyang = official(&app, CHAOYANG).await;
    let r = official_step(
        &app,
        &chaoyang,
        id,
        "request_correction",
        "请补充理事会决议",
        &[],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(state_of(&app, id).await, "needs_correction");
    let mine = app
        .get_with(&format!("/my/applications/{id}"), &me)
        .await
        .text()
        .await
        .unwrap();
    assert!(mine.contains("请补充理事会决议"));
    assert!(mine.contains("需补正"));
    // An official cannot take the applicant's step; the deadline stops while it is theirs.
    let a = app.db.store.application(id).await.unwrap().unwrap();
    assert!(a.deadline.is_none());
    upload_ok(&app, &me, id, "理事会或会员大会决议").await;
    assert_eq!(applicant_post(&app, &me, id, "correct").await.status(), 303);
    assert_eq!(state_of(&app, id).await, "corrected");
    steps_ok(&app, &chaoyang, id, &["accept", "start_review", "approve"]).await;
    let v = api_org(&app, o.uscc.as_str()).await;
    assert_eq!(v["address"], "北京市朝阳区新住所路8号");
    let changes = v["sections"]["changes"].as_array().unwrap();
    assert!(
        changes
            .iter()
            .any(|c| c["field"] == "住所" && c["after"] == "北京市朝阳区新住所路8号"),
        "{changes:?}"
    );
    app.finish().await;
}

#[tokio::test]
async fn deregistration_sets_the_status() {
    let app = TestApp::spawn().await;
    let o = app.orgs[4].clone(); // 朝阳区书法家协会
    let me = org_account(&app, &o).await;
    let id = apply_ok(
        &app,
        &me,
        "deregister",
        &[("reason", "会员大会决议解散"), ("liquidation", "清算完毕")],
    )
    .await;
    upload_ok(&app, &me, id, "注销登记申请书").await;
    upload_ok(&app, &me, id, "清算报告").await;
    assert_eq!(applicant_post(&app, &me, id, "submit").await.status(), 303);
    let chaoyang = official(&app, CHAOYANG).await;
    steps_ok(&app, &chaoyang, id, &["accept", "start_review", "approve"]).await;
    let v = api_org(&app, o.uscc.as_str()).await;
    assert_eq!(v["status"], "deregistered");
    // A deregistered organization cannot apply any more.
    let r = apply(
        &app,
        &me,
        "evaluation",
        &[("grade", "3A"), ("self_assessment", "自评")],
    )
    .await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("org_not_active"));
    app.finish().await;
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

#[tokio::test]
async fn annual_reports_need_a_pdf_and_are_approved_in_a_batch() {
    let app = TestApp::spawn().await;
    let mut ids = vec![];
    for o in [app.orgs[1].clone(), app.orgs[4].clone()] {
        let me = org_account(&app, &o).await;
        let id = apply_ok(&app, &me, "annual_report", &report_form()).await;
        // A JPEG is not the 年度工作报告 PDF.
        let jpg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0, 1, 2];
        let r = upload(&app, &me, id, "年度工作报告", "scan.jpg", &jpg).await;
        assert_eq!(r.status(), 303);
        let r = applicant_post(&app, &me, id, "submit").await;
        assert_eq!(r.status(), 422);
        assert!(r.text().await.unwrap().contains("PDF"));
        upload_ok(&app, &me, id, "年度工作报告").await;
        assert_eq!(applicant_post(&app, &me, id, "submit").await.status(), 303);
        ids.push(id);
    }
    let chaoyang = official(&app, CHAOYANG).await;
    let html = app
        .get_with("/admin/applications?kind=annual_report", &chaoyang)
        .await
        .text()
        .await
        .unwrap();
    let t = hidden(&html, "csrf");
    let (a, b) = (ids[0].to_string(), ids[1].to_string());
    let r = app
        .post_form(
            "/admin/applications/batch",
            &chaoyang,
            &[
                ("csrf", t.as_str()),
                ("id", &a),
                ("id", &b),
                ("target", "approved"),
                ("reason", "年报内容完整，准予通过"),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("已批量准予 2 项"));
    for (id, o) in ids.iter().zip([&app.orgs[1], &app.orgs[4]]) {
        assert_eq!(state_of(&app, *id).await, "approved");
        let v = api_org(&app, o.uscc.as_str()).await;
        let reports = v["sections"]["annual_reports"].as_array().unwrap();
        assert!(
            reports
                .iter()
                .any(|r| r["year"] == 2025 && r["income"] == 12_000_050),
            "{reports:?}"
        );
        let inspections = v["sections"]["inspections"].as_array().unwrap();
        assert!(
            inspections
                .iter()
                .any(|i| i["year"] == 2025 && i["result"] == "qualified"),
            "{inspections:?}"
        );
    }
    app.finish().await;
}

#[tokio::test]
async fn evaluation_grade_is_written_with_five_years_of_validity() {
    let app = TestApp::spawn().await;
    let o = app.orgs[1].clone();
    let me = org_account(&app, &o).await;
    let id = apply_ok(
        &app,
        &me,
        "evaluation",
        &[("grade", "5A"), ("self_assessment", "自评得分 920")],
    )
    .await;
    upload_ok(&app, &me, id, "评估申请书").await;
    assert_eq!(applicant_post(&app, &me, id, "submit").await.status(), 303);
    let chaoyang = official(&app, CHAOYANG).await;
    steps_ok(&app, &chaoyang, id, &["accept", "start_review"]).await;
    let r = official_step(
        &app,
        &chaoyang,
        id,
        "approve",
        "评估委员会评定为4A",
        &[("grade", "4A")],
    )
    .await;
    assert_eq!(r.status(), 303);
    let v = api_org(&app, o.uscc.as_str()).await;
    let evals = v["sections"]["evaluations"].as_array().unwrap();
    assert!(
        evals.iter().any(|e| e["grade"] == "4A"
            && e["awarded_on"] == "2026-11-27"
            && e["valid_until"] == "2031-11-27"),
        "{evals:?}"
    );
    app.finish().await;
}

#[tokio::test]
async fn fundraising_needs_one_year_and_sets_the_flag() {
    let app = TestApp::spawn().await;
    let young = add_org(&app, 950, "北京市朝阳区新生慈善基金会", "2026-03-01", true).await;
    let me = org_account(&app, &young).await;
    let form = [("purpose", "助学"), ("governance", "理事会决策")];
    let r = apply(&app, &me, "fundraising", &form).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("fundraising_too_early"));
    let acct = app
        .db
        .store
        .applicant_by_login(young.uscc.as_str())
        .await
        .unwrap()
        .unwrap();
    assert!(
        app.db
            .store
            .applications_of(acct.id)
            .await
            .unwrap()
            .is_empty()
    );

    let old = add_org(&app, 951, "北京市朝阳区久善慈善基金会", "2020-05-01", true).await;
    let me = org_account(&app, &old).await;
    let id = apply_ok(&app, &me, "fundraising", &form).await;
    upload_ok(&app, &me, id, "公开募捐资格申请书").await;
    assert_eq!(applicant_post(&app, &me, id, "submit").await.status(), 303);
    let chaoyang = official(&app, CHAOYANG).await;
    steps_ok(&app, &chaoyang, id, &["accept", "start_review", "approve"]).await;
    let v = api_org(&app, old.uscc.as_str()).await;
    assert_eq!(v["flags"]["public_fundraising"], true);
    app.finish().await;
}

#[tokio::test]
async fn refused_intake_shows_the_reason_to_the_applicant() {
    let app = TestApp::spawn().await;
    let o = app.orgs[1].clone();
    let me = org_account(&app, &o).await;
    let id = apply_ok(
        &app,
        &me,
        "evaluation",
        &[("grade", "3A"), ("self_assessment", "自评")],
    )
    .await;
    upload_ok(&app, &me, id, "评估申请书").await;
    assert_eq!(applicant_post(&app, &me, id, "submit").await.status(), 303);
    let chaoyang = official(&app, CHAOYANG).await;
    // No reason, no decision.
    let r = official_step(&app, &chaoyang, id, "refuse_intake", " ", &[]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("reason_required"));
    let r = official_step(
        &app,
        &chaoyang,
        id,
        "refuse_intake",
        "本年度评估申报已截止",
        &[],
    )
    .await;
    assert_eq!(r.status(), 303);
    let mine = app
        .get_with(&format!("/my/applications/{id}"), &me)
        .await
        .text()
        .await
        .unwrap();
    assert!(mine.contains("不予受理"));
    assert!(mine.contains("本年度评估申报已截止"));
    // A closed application takes no further step.
    let r = official_step(&app, &chaoyang, id, "accept", "再受理", &[]).await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("transition_not_allowed"));
    // Another applicant cannot read it.
    let other = org_account(&app, &app.orgs[4].clone()).await;
    assert_eq!(
        app.get_with(&format!("/my/applications/{id}"), &other)
            .await
            .status(),
        404
    );
    app.finish().await;
}

#[tokio::test]
async fn malformed_forms_and_registrations_store_nothing() {
    let app = TestApp::spawn().await;
    let me = person_account(&app, "13933334444").await;
    let audits = app.db.store.audit_count().await.unwrap();
    let mut bad = establish_form();
    bad.retain(|(k, _)| *k != "address");
    bad.iter_mut().for_each(|(k, v)| {
        if *k == "capital" {
            *v = "20000";
        }
        if *k == "division" {
            *v = "999999";
        }
    });
    let r = apply(&app, &me, "establish", &bad).await;
    assert_eq!(r.status(), 422);
    assert_eq!(r.headers()["gongyi-error-code"], "application_invalid");
    let html = r.text().await.unwrap();
    assert!(html.contains("住所不能为空"), "{html}");
    assert!(html.contains("登记管理机关行政区划代码"), "{html}");
    // An organization's service from a person's account is refused.
    let r = apply(&app, &me, "annual_report", &report_form()).await;
    assert_eq!(r.status(), 403);
    assert!(r.text().await.unwrap().contains("account_kind_mismatch"));
    let acct = app
        .db
        .store
        .applicant_by_login("13933334444")
        .await
        .unwrap()
        .unwrap();
    assert!(
        app.db
            .store
            .applications_of(acct.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(app.db.store.audit_count().await.unwrap(), audits);
    // Registering with a 法定代表人 that does not match the registry.
    let r = register_org(&app, &app.orgs[1].clone(), "冒名者").await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("不符合登记信息"));
    assert!(
        app.db
            .store
            .applicant_by_login(app.orgs[1].uscc.as_str())
            .await
            .unwrap()
            .is_none()
    );
    app.finish().await;
}

#[tokio::test]
async fn bad_attachments_are_refused_and_store_nothing() {
    let app = TestApp::spawn().await;
    let o = app.orgs[1].clone();
    let me = org_account(&app, &o).await;
    let id = apply_ok(&app, &me, "annual_report", &report_form()).await;
    let cases: [(&str, &[u8], u16, &str); 4] = [
        (
            "年度工作报告",
            b"%PDF-1.4\n1 0 obj",
            400,
            "attachment_truncated",
        ),
        (
            "年度工作报告",
            b"MZ\x90\x00 program",
            415,
            "attachment_type_unsupported",
        ),
        ("年度工作报告", b"", 400, "attachment_empty"),
        (
            "不存在的材料",
            b"%PDF-1.4\n%%EOF\n",
            422,
            "material_unknown",
        ),
    ];
    for (material, bytes, status, code) in cases {
        let r = upload(&app, &me, id, material, "x.pdf", bytes).await;
        assert_eq!(r.status().as_u16(), status, "{code}");
        assert!(r.text().await.unwrap().contains(code), "{code}");
    }
    assert!(
        app.db
            .store
            .application_attachments(id)
            .await
            .unwrap()
            .is_empty()
    );
    // Someone else's application and a made-up digest are not served.
    let other = org_account(&app, &app.orgs[4].clone()).await;
    upload_ok(&app, &me, id, "年度工作报告").await;
    let sha = app.db.store.application_attachments(id).await.unwrap()[0]
        .meta
        .sha256
        .clone();
    let path = format!("/my/applications/{id}/attachments/{sha}");
    assert_eq!(app.get_with(&path, &me).await.status(), 200);
    assert_eq!(app.get_with(&path, &other).await.status(), 404);
    let haidian = official(&app, HAIDIAN).await;
    let admin_path = format!("/admin/applications/{id}/attachments/{sha}");
    // A draft is not shown to officials at all; after submission only the jurisdiction sees it.
    assert_eq!(applicant_post(&app, &me, id, "submit").await.status(), 303);
    assert_eq!(app.get_with(&admin_path, &haidian).await.status(), 403);
    let chaoyang = official(&app, CHAOYANG).await;
    let r = app.get_with(&admin_path, &chaoyang).await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.bytes().await.unwrap().as_ref(),
        pdf("年度工作报告").as_slice()
    );
    app.finish().await;
}

#[tokio::test]
async fn the_queue_puts_overdue_applications_first() {
    let app = TestApp::spawn().await;
    // Submitted on Friday 2026-11-27 (deadline 5 working days: 2026-12-04) ...
    let b = org_account(&app, &app.orgs[4].clone()).await;
    let early = apply_ok(&app, &b, "annual_report", &report_form()).await;
    upload_ok(&app, &b, early, "年度工作报告").await;
    assert_eq!(
        applicant_post(&app, &b, early, "submit").await.status(),
        303
    );
    // ... and another on Wednesday 2026-12-02 (deadline 2026-12-09); sessions expire, so
    // everyone logs in on the day they act.
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 12, 2, 2, 0, 0).unwrap());
    let a = org_account(&app, &app.orgs[1].clone()).await;
    let late = apply_ok(&app, &a, "annual_report", &report_form()).await;
    upload_ok(&app, &a, late, "年度工作报告").await;
    assert_eq!(applicant_post(&app, &a, late, "submit").await.status(), 303);
    let mut numbers = vec![];
    for id in [late, early] {
        numbers.push(app.db.store.application(id).await.unwrap().unwrap().number);
    }
    let e = app.db.store.application(early).await.unwrap().unwrap();
    assert_eq!(e.deadline.unwrap().to_string(), "2026-12-04");
    let l = app.db.store.application(late).await.unwrap().unwrap();
    assert_eq!(l.deadline.unwrap().to_string(), "2026-12-09");
    // On 2026-12-07 the early one is overdue and comes first, although it was numbered later
    // in the list of ids the test made.
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 12, 7, 2, 0, 0).unwrap());
    let chaoyang = official(&app, CHAOYANG).await;
    let html = app
        .get_with("/admin/applications?state=open", &chaoyang)
        .await
        .text()
        .await
        .unwrap();
    let p_early = html.find(&numbers[1]).unwrap();
    let p_late = html.find(&numbers[0]).unwrap();
    assert!(p_early < p_late, "overdue first");
    assert_eq!(html.matches("已超期").count(), 1);
    // Another jurisdiction's queue does not list them.
    let haidian = official(&app, HAIDIAN).await;
    let html = app
        .get_with("/admin/applications", &haidian)
        .await
        .text()
        .await
        .unwrap();
    assert!(!html.contains(&numbers[0]) && !html.contains(&numbers[1]));
    app.finish().await;
}

#[tokio::test]
async fn every_step_has_its_audit_row_and_event() {
    let app = TestApp::spawn().await;
    let o = app.orgs[1].clone();
    let me = org_account(&app, &o).await;
    let id = apply_ok(
        &app,
        &me,
        "evaluation",
        &[("grade", "3A"), ("self_assessment", "自评")],
    )
    .await;
    upload_ok(&app, &me, id, "评估申请书").await;
    assert_eq!(applicant_post(&app, &me, id, "submit").await.status(), 303);
    let chaoyang = official(&app, CHAOYANG).await;
    steps_ok(&app, &chaoyang, id, &["accept", "start_review", "deny"]).await;
    let number = app.db.store.application(id).await.unwrap().unwrap().number;
    assert!(number.starts_with("SQ20261127"), "{number}");
    let audit = app
        .db
        .store
        .audit_for("application", &number, 50)
        .await
        .unwrap();
    let actions: Vec<&str> = audit.iter().rev().map(|a| a.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "application.create",
            "application.attach",
            "application.submit",
            "application.accept",
            "application.start_review",
            "application.deny"
        ]
    );
    let events = app.db.store.application_events(id).await.unwrap();
    assert_eq!(events.len(), 5);
    assert_eq!(events[4].reason, "deny 理由");
    // Every step is in the public ledger too, by the application number only.
    gongyi_server::ledger::pump::pump(&app.state.store, &app.ledger())
        .await
        .unwrap();
    for a in &audit {
        let (_, index) = app.db.store.audit_with_index(a.id).await.unwrap().unwrap();
        let index = index.expect("each step has a leaf");
        let (s, entry) = app.json(&format!("/api/v1/ledger/entries/{index}")).await;
        assert_eq!(s, 200, "{entry}");
        let text = entry.to_string();
        assert!(text.contains(&number) && text.contains(&a.action), "{text}");
        assert!(!text.contains(&o.legal_rep), "{text}");
    }
    // A denied evaluation writes no grade.
    let v = api_org(&app, o.uscc.as_str()).await;
    assert!(
        !v["sections"]["evaluations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["awarded_on"] == "2026-11-27")
    );
    app.finish().await;
}

async fn json_with(app: &TestApp, path: &str, cookie: &str) -> (u16, Value) {
    let r = app.get_with(path, cookie).await;
    let s = r.status().as_u16();
    (s, r.json().await.unwrap())
}

#[tokio::test]
async fn json_api_shows_the_catalogue_the_progress_and_the_queue() {
    let app = TestApp::spawn().await;
    let (s, cat) = app.json("/api/v1/services").await;
    assert_eq!(s, 200);
    let cat = cat.as_array().unwrap();
    assert_eq!(cat.len(), 6);
    let fr = cat.iter().find(|c| c["kind"] == "fundraising").unwrap();
    assert_eq!(fr["decision_working_days"], 20);
    assert_eq!(fr["accept_working_days"], 5);

    let o = app.orgs[1].clone();
    let me = org_account(&app, &o).await;
    let id = apply_ok(&app, &me, "annual_report", &report_form()).await;
    upload_ok(&app, &me, id, "年度工作报告").await;
    assert_eq!(applicant_post(&app, &me, id, "submit").await.status(), 303);
    let (s, list) = json_with(&app, "/api/v1/my/applications", &me).await;
    assert_eq!(s, 200);
    assert_eq!(list[0]["id"], id);
    assert_eq!(list[0]["state"], "submitted");
    assert_eq!(list[0]["deadline"], "2026-12-04");
    let (s, one) = json_with(&app, &format!("/api/v1/my/applications/{id}"), &me).await;
    assert_eq!(s, 200);
    assert_eq!(one["form"]["year"], "2025");
    assert_eq!(one["steps"].as_array().unwrap().len(), 2);
    assert_eq!(one["attachments"][0]["media_type"], "application/pdf");
    let (s, e) = app.json(&format!("/api/v1/my/applications/{id}")).await;
    assert_eq!(
        (s, e["error"]["code"].as_str()),
        (401, Some("login_required"))
    );
    let other = org_account(&app, &app.orgs[4].clone()).await;
    let (s, _) = json_with(&app, &format!("/api/v1/my/applications/{id}"), &other).await;
    assert_eq!(s, 404);

    let number = one["number"].as_str().unwrap().to_string();
    let chaoyang = official(&app, CHAOYANG).await;
    let (s, q) = json_with(&app, "/api/v1/admin/applications?state=open", &chaoyang).await;
    assert_eq!(s, 200);
    assert!(q.as_array().unwrap().iter().any(|a| a["number"] == number));
    let haidian = official(&app, HAIDIAN).await;
    let (_, q) = json_with(&app, "/api/v1/admin/applications", &haidian).await;
    assert!(!q.as_array().unwrap().iter().any(|a| a["number"] == number));
    let (s, e) = json_with(&app, "/api/v1/admin/applications?kind=nope", &chaoyang).await;
    assert_eq!(
        (s, e["error"]["code"].as_str()),
        (400, Some("invalid_kind"))
    );
    let (_, doc) = app.json("/api/openapi.json").await;
    assert!(doc["paths"]["/api/v1/my/applications/{id}"].is_object());
    assert!(doc["paths"]["/api/v1/admin/applications"].is_object());
    app.finish().await;
}

#[tokio::test]
async fn service_guides_are_pages_and_downloads() {
    let app = TestApp::spawn().await;
    let html = app.get("/services").await.text().await.unwrap();
    for label in [
        "成立登记",
        "变更登记",
        "注销登记",
        "年度报告",
        "评估申请",
        "公开募捐资格申请",
    ] {
        assert!(html.contains(label), "{label}");
    }
    let r = app.get("/services/annual_report/guide").await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("年度工作报告") && html.contains("20 个工作日"));
    let r = app.get("/services/fundraising/guide.md").await;
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/markdown")
    );
    assert!(r.text().await.unwrap().contains("《慈善法》第二十二条"));
    let r = app.get("/services/nope/guide").await;
    assert_eq!(r.status(), 404);
    assert!(r.text().await.unwrap().contains("service_not_found"));
    // Applying needs an applicant's login.
    let r = app.get("/services/establish/apply").await;
    assert_eq!(r.status(), 303);
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/account/login?next=")
    );
    app.finish().await;
}
