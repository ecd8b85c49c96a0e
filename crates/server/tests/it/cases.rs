//! Complaints (投诉举报) and enforcement cases against the real app: a complaint through the
//! API and the form opens a case routed to the right authority; the reporter follows it by
//! tracking number and never sees (nor shows anyone) the contact; refused complaints store
//! nothing; the address's budget answers 429; officials of another jurisdiction get 403; the
//! whole procedure to 处罚决定 puts the penalty into the credit records and the lists.

use crate::support::{CHAOYANG, HAIDIAN, PASSWORD, Setup, TestApp, hidden, org, set_cookies};
use base64::Engine;
use chrono::NaiveDate;
use gongyi_store::complaints::EnforcementCounts;
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

#[tokio::test]
async fn complaint_about_a_registered_org_goes_to_its_registrar_and_is_trackable() {
    let app = spawn(20).await;
    let o = app.orgs[1].clone(); // 北京市朝阳区阳光社会工作服务中心, 110105
    let (status, body) = post(
        &app,
        &json!({
            "reported_uscc": o.uscc.as_str(),
            "content": "该中心以培训为名向老人收取高额费用，地点在朝阳区某小区会所。",
            "reporter_name": "张三",
            "contact": CONTACT,
            "attachments": [{"file_name": "收据.pdf", "content_base64": b64(PDF)}],
        }),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let no = body["tracking_no"].as_str().unwrap().to_string();
    assert!(no.starts_with("TS20261127") && no.len() == 20, "{no}");
    assert_eq!(body["division"], "110105");
    let case_no = body["case_no"].as_str().unwrap().to_string();
    assert_eq!(case_no, "民执〔2026〕110105-0001");
    assert_eq!(
        counts(&app).await,
        EnforcementCounts {
            complaints: 1,
            complaint_files: 1,
            cases: 1,
            case_events: 1
        }
    );

    // The reporter's view: state and dates, nothing about the reporter or the text.
    let r = app.get(&format!("/api/v1/complaints/{no}")).await;
    assert_eq!(r.status(), 200);
    let text = r.text().await.unwrap();
    let s: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(s["state"], "clue");
    assert_eq!(s["case_no"], case_no.as_str());
    assert_eq!(s["reported_name"], o.name.as_str());
    assert!(!text.contains(CONTACT) && !text.contains("张三") && !text.contains("高额费用"));
    // Typed in lower case with spaces: still found. A malformed or unknown number: 400 / 404.
    let typed = format!("{} {}", &no[..10], no[10..].to_lowercase());
    let r = app
        .get(&format!(
            "/complaints/status?no={}",
            typed.replace(' ', "%20")
        ))
        .await;
    assert_eq!(r.status(), 200);
    let page = r.text().await.unwrap();
    assert!(page.contains("线索") && !page.contains(CONTACT), "{page}");
    let (st, e) = app.json("/api/v1/complaints/TS2026").await;
    assert_eq!(
        (st, e["error"]["code"].as_str()),
        (400, Some("invalid_tracking_no"))
    );
    let (st, e) = app.json("/api/v1/complaints/TS2026112723456789AB").await;
    assert_eq!(
        (st, e["error"]["code"].as_str()),
        (404, Some("complaint_not_found"))
    );

    // The audit rows name the case, never the reporter.
    let audit = app.db.store.audit_for("case", &case_no, 10).await.unwrap();
    let actions: Vec<&str> = audit.iter().map(|a| a.action.as_str()).collect();
    assert!(
        actions.contains(&"complaint.file") && actions.contains(&"case.open"),
        "{actions:?}"
    );
    for a in app.db.store.audit_recent(100).await.unwrap() {
        assert!(!format!("{a:?}").contains(CONTACT), "{a:?}");
    }
    // Both endpoints are in the OpenAPI document.
    let (_, doc) = app.json("/api/openapi.json").await;
    for p in ["/api/v1/complaints", "/api/v1/complaints/{tracking_no}"] {
        assert!(doc["paths"].get(p).is_some(), "{p} missing from OpenAPI");
    }
    app.finish().await;
}

#[tokio::test]
async fn anonymous_complaints_route_by_name_or_by_location() {
    let app = spawn(20).await;
    // The exact registered name (any width or spacing) routes to 海淀区.
    let (st, b) = post(
        &app,
        &json!({"reported_name": "北京市海淀区 青少年发展基金会", "content": "以基金会名义在街头募捐，未出示任何证明。", "anonymous": true}),
    )
    .await;
    assert_eq!(st, 201, "{b}");
    assert_eq!(b["division"], "110108");
    // An unregistered name goes to where it acts.
    let (st, b) = post(
        &app,
        &json!({"reported_name": "中华国学复兴总会", "division": "330106", "content": "在西湖区租用场地举办收费讲座，自称全国性社团。"}),
    )
    .await;
    assert_eq!(st, 201, "{b}");
    assert_eq!(b["division"], "330106");
    assert_eq!(b["case_no"], "民执〔2026〕330106-0001");
    let cases = app.db.store.cases_in("3301", None, 10).await.unwrap();
    assert_eq!(cases.len(), 1);
    assert!(cases[0].uscc.is_none());
    let c = app
        .db
        .store
        .complaint(cases[0].complaint_id.unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(c.anonymous && c.contact.is_none());
    app.finish().await;
}

#[tokio::test]
async fn malformed_complaints_get_a_specific_code_and_store_nothing() {
    let app = spawn(50).await;
    let audit_before = app.db.store.audit_count().await.unwrap();
    let good = "该组织在小区内以会员费名义收取费用，未见登记证书。";
    let uscc = app.orgs[1].uscc.to_string();
    let cases: Vec<(Value, u16, &str)> = vec![
        (json!({"content": good}), 400, "complaint_subject_missing"),
        (
            json!({"reported_uscc": uscc, "content": "太短"}),
            400,
            "complaint_content_length",
        ),
        (
            json!({"reported_uscc": "53100000500019795B", "content": good}),
            400,
            "invalid_uscc",
        ),
        (
            json!({"reported_name": "某协会", "division": "119999", "content": good}),
            400,
            "invalid_division",
        ),
        (
            json!({"reported_name": "不存在的某某联合会", "content": good}),
            400,
            "complaint_unroutable",
        ),
        (
            json!({"reported_uscc": uscc, "content": good, "anonymous": true, "contact": CONTACT}),
            400,
            "complaint_anonymous_conflict",
        ),
        (
            json!({"reported_uscc": uscc, "content": good, "attachments": [{"file_name": "a.pdf", "content_base64": "@@@"}]}),
            400,
            "attachment_base64_invalid",
        ),
        (
            json!({"reported_uscc": uscc, "content": good, "attachments": [{"file_name": "a.pdf", "content_base64": b64(PDF)}, {"file_name": "b.exe", "content_base64": b64(b"MZ\x90\x00 program")}]}),
            415,
            "attachment_type_unsupported",
        ),
        (
            json!({"reported_uscc": uscc, "content": good, "attachments": [{"file_name": "a.pdf", "content_base64": b64(b"%PDF-1.4\n1 0 obj")}]}),
            400,
            "attachment_truncated",
        ),
        (json!({"reported_uscc": 5}), 400, "invalid_json"),
    ];
    for (body, status, code) in cases {
        let (st, b) = post(&app, &body).await;
        assert_eq!(
            (st, b["error"]["code"].as_str()),
            (status, Some(code)),
            "{body} → {b}"
        );
        assert!(!b["error"]["message"].as_str().unwrap().is_empty());
    }
    assert_eq!(
        counts(&app).await,
        EnforcementCounts {
            complaints: 0,
            complaint_files: 0,
            cases: 0,
            case_events: 0
        }
    );
    assert_eq!(app.db.store.audit_count().await.unwrap(), audit_before);
    app.finish().await;
}

#[tokio::test]
async fn too_many_complaints_from_one_address_get_429() {
    let app = spawn(3).await;
    let body = json!({"reported_uscc": app.orgs[1].uscc.as_str(), "content": "同一地址反复提交的举报内容，用于测试频率限制。"});
    for _ in 0..3 {
        assert_eq!(post(&app, &body).await.0, 201);
    }
    let r = app
        .client
        .post(app.url("/api/v1/complaints"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429);
    assert!(r.headers().get("retry-after").is_some());
    let b: Value = r.json().await.unwrap();
    assert_eq!(b["error"]["code"], "rate_limited");
    assert_eq!(counts(&app).await.complaints, 3);
    app.finish().await;
}

/// A multipart body by hand (the form's encoding).
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

#[tokio::test]
async fn the_public_form_needs_its_token_and_gives_a_tracking_number() {
    let app = spawn(20).await;
    let o = &app.orgs[1];
    let page = app.get(&format!("/complaints/new?uscc={}", o.uscc)).await;
    assert_eq!(page.status(), 200);
    let cookie = set_cookies(&page)
        .into_iter()
        .find(|c| c.starts_with("gongyi_complaint_csrf="))
        .unwrap();
    let html = page.text().await.unwrap();
    assert!(html.contains(&o.name) && html.contains("匿名"), "{html}");
    let token = hidden(&html, "csrf");
    let fields = [
        ("reported_uscc", o.uscc.as_str()),
        ("reported_name", ""),
        ("division", ""),
        ("content", "在社区以该中心名义收取会费，没有收据，请核查。"),
        ("reporter_name", ""),
        ("contact", ""),
    ];
    // Without the token (another site's form): 403, nothing stored.
    let (ct, body) = multipart(&fields, None);
    let r = app
        .client
        .post(app.url("/complaints/new"))
        .header("content-type", ct)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(counts(&app).await.complaints, 0);
    // With it and a photo: the receipt with the tracking number.
    let mut with_token = fields.to_vec();
    with_token.push(("csrf", &token));
    let (ct, body) = multipart(&with_token, Some(("现场.png", b"\x89PNG\r\n\x1a\n....")));
    let r = app
        .client
        .post(app.url("/complaints/new"))
        .header("content-type", ct)
        .header("cookie", &cookie)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let html = r.text().await.unwrap();
    let no = html
        .split("class=\"tracking\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .to_string();
    let (st, s) = app.json(&format!("/api/v1/complaints/{no}")).await;
    assert_eq!(st, 200, "{s}");
    assert_eq!(s["division"], "110105");
    let c = counts(&app).await;
    assert_eq!((c.complaints, c.complaint_files), (1, 1));
    // A bad field re-shows the form with the message and what was typed.
    let bad = [
        ("csrf", token.as_str()),
        ("reported_name", "某协会"),
        ("content", "短"),
    ];
    let (ct, body) = multipart(&bad, None);
    let r = app
        .client
        .post(app.url("/complaints/new"))
        .header("content-type", ct)
        .header("cookie", &cookie)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("举报内容应为"));
    assert_eq!(counts(&app).await.complaints, 1);
    app.finish().await;
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

#[tokio::test]
async fn the_whole_procedure_to_a_penalty_reaches_credit_and_the_reporter() {
    let app = spawn(20).await;
    let o = clean_org(&app, 951, "北京市朝阳区执法测试协会").await;
    let u = o.uscc.to_string();
    let (st, b) = post(
        &app,
        &json!({"reported_uscc": u, "content": "该协会超出章程规定的业务范围开展营利活动。", "contact": CONTACT}),
    )
    .await;
    assert_eq!(st, 201, "{b}");
    let no = b["tracking_no"].as_str().unwrap().to_string();
    let case_no = b["case_no"].as_str().unwrap().to_string();
    let id = app.db.store.cases_in("110105", None, 10).await.unwrap()[0].id;

    // 海淀区 official: neither reads nor acts.
    let hd = app.login(HAIDIAN, PASSWORD).await.unwrap();
    let (st, body) = case_page(&app, &hd, id).await;
    assert_eq!(st, 403);
    assert!(body.contains("outside_jurisdiction"));
    let hd_csrf = hidden(
        &app.get_with("/admin", &hd).await.text().await.unwrap(),
        "csrf",
    );
    let (st, _) = step(
        &app,
        &hd,
        id,
        &[("csrf", &hd_csrf), ("to", "filed"), ("reason", "越权")],
    )
    .await;
    assert_eq!(st, 403);
    let queue = app
        .get_with("/admin/cases", &hd)
        .await
        .text()
        .await
        .unwrap();
    assert!(!queue.contains(&case_no));

    // 朝阳区 official: the queue shows it, the page shows the contact and the next steps.
    let cy = app.login(CHAOYANG, PASSWORD).await.unwrap();
    let queue = app
        .get_with("/admin/cases", &cy)
        .await
        .text()
        .await
        .unwrap();
    assert!(queue.contains(&case_no), "{queue}");
    let (st, page) = case_page(&app, &cy, id).await;
    assert_eq!(st, 200);
    assert!(page.contains(CONTACT) && page.contains("不予立案"));
    let csrf = hidden(&page, "csrf");
    // No skipping the investigation; no step without a reason; state unchanged.
    let (st, body) = step(
        &app,
        &cy,
        id,
        &[("csrf", &csrf), ("to", "closed"), ("reason", "直接结案")],
    )
    .await;
    assert_eq!(st, 422);
    assert!(body.contains("不能转为"), "{body}");
    let (st, _) = step(
        &app,
        &cy,
        id,
        &[("csrf", &csrf), ("to", "filed"), ("reason", " ")],
    )
    .await;
    assert_eq!(st, 422);
    let (st, _) = step(&app, &cy, id, &[("to", "filed"), ("reason", "无令牌")]).await;
    assert_eq!(st, 403);
    assert_eq!(
        app.db.store.case(id).await.unwrap().unwrap().state.code(),
        "clue"
    );

    for (to, reason) in [
        ("filed", "举报线索具体，决定立案"),
        ("investigating", "调取账册并询问负责人"),
    ] {
        let (st, body) = step(
            &app,
            &cy,
            id,
            &[("csrf", &csrf), ("to", to), ("reason", reason)],
        )
        .await;
        assert_eq!(st, 200, "{body}");
    }
    // A malformed penalty: 422, nothing stored, still investigating.
    let (st, _) = step(
        &app,
        &cy,
        id,
        &[
            ("csrf", &csrf),
            ("to", "penalty"),
            ("kind", "fine"),
            ("fine", "abc"),
        ],
    )
    .await;
    assert_eq!(st, 422);
    let (_, credit) = app.json(&format!("/api/v1/orgs/{u}/credit")).await;
    assert!(credit["penalties"].as_array().unwrap().is_empty());
    // 处罚决定: a ¥60,000 fine.
    let (st, body) = step(
        &app,
        &cy,
        id,
        &[
            ("csrf", &csrf),
            ("to", "penalty"),
            ("doc_no", "朝民罚字〔2026〕9号"),
            ("kind", "fine"),
            ("fine", "60000"),
            ("reason", "超出章程规定的业务范围开展营利活动"),
            ("basis", "《社会团体登记管理条例》第三十条"),
            ("result", "罚款6万元"),
            ("decided_on", "2026-11-27"),
            ("authority", "北京市朝阳区民政局"),
        ],
    )
    .await;
    assert_eq!(st, 200, "{body}");
    let (_, credit) = app.json(&format!("/api/v1/orgs/{u}/credit")).await;
    assert_eq!(
        credit["penalties"][0]["doc_no"], "朝民罚字〔2026〕9号",
        "{credit}"
    );
    // The daily job (民政部令第60号 第十四条第（四）项: a fine of ¥50,000 or more) lists it.
    gongyi_server::credit::run_job(
        &app.db.store,
        Some(&app.state.search),
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        "2026-11-28T01:00:00Z",
        |_| {},
    )
    .await
    .unwrap();
    let (_, credit) = app.json(&format!("/api/v1/orgs/{u}/credit")).await;
    assert_eq!(credit["credit"], "serious", "{credit}");
    assert!(credit["list_entries"].as_array().unwrap().iter().any(|e| {
        e["removed_on"].is_null()
            && e["listed_reason"]
                .as_str()
                .unwrap()
                .contains("第十四条第（四）项")
    }));

    let (st, _) = step(
        &app,
        &cy,
        id,
        &[
            ("csrf", &csrf),
            ("to", "closed"),
            ("reason", "罚款已缴纳，结案"),
        ],
    )
    .await;
    assert_eq!(st, 200);
    let case = app.db.store.case(id).await.unwrap().unwrap();
    assert_eq!(case.state.code(), "closed");
    assert!(case.closed_at.is_some() && case.penalty_id.is_some());

    // The reporter sees the outcome, not the contact.
    let r = app.get(&format!("/api/v1/complaints/{no}")).await;
    let text = r.text().await.unwrap();
    assert!(!text.contains(CONTACT));
    let s: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(s["state"], "closed");
    assert_eq!(s["finished"], true);
    assert!(
        s["outcome"]
            .as_str()
            .unwrap()
            .contains("朝民罚字〔2026〕9号"),
        "{s}"
    );
    let steps: Vec<&str> = s["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["state"].as_str().unwrap())
        .collect();
    assert_eq!(
        steps,
        ["clue", "filed", "investigating", "penalty", "closed"]
    );

    // One audit row per step, under the case number; the penalty also under the organization.
    let audit = app.db.store.audit_for("case", &case_no, 20).await.unwrap();
    let mut actions: Vec<&str> = audit.iter().map(|a| a.action.as_str()).collect();
    actions.sort();
    assert_eq!(
        actions,
        [
            "case.closed",
            "case.filed",
            "case.investigating",
            "case.open",
            "case.penalty",
            "complaint.file"
        ]
    );
    assert!(
        audit
            .iter()
            .all(|a| !a.entity_id.contains(CONTACT) && !a.detail.contains(CONTACT))
    );
    let org_audit = app.db.store.audit_for("org", &u, 20).await.unwrap();
    assert!(
        org_audit
            .iter()
            .any(|a| a.action == "credit.penalty" && a.actor == "user:chaoyang")
    );
    // Every step is in the public ledger, under the case number: never the tracking number
    // (which opens the complaint's status) nor the reporter's contact.
    gongyi_server::ledger::pump::pump(&app.state.store, &app.ledger())
        .await
        .unwrap();
    for a in &audit {
        let (_, index) = app.db.store.audit_with_index(a.id).await.unwrap().unwrap();
        let index = index.expect("each step has a leaf");
        let (s, entry) = app.json(&format!("/api/v1/ledger/entries/{index}")).await;
        assert_eq!(s, 200, "{entry}");
        let text = entry.to_string();
        assert!(text.contains(&a.action), "{text}");
        assert!(!text.contains(&no) && !text.contains(CONTACT), "{text}");
    }
    app.finish().await;
}

#[tokio::test]
async fn officials_open_cases_from_inspections_within_their_jurisdiction() {
    let app = spawn(5).await;
    let cy = app.login(CHAOYANG, PASSWORD).await.unwrap();
    let csrf = hidden(
        &app.get_with("/admin/cases", &cy)
            .await
            .text()
            .await
            .unwrap(),
        "csrf",
    );
    let o = app.orgs[1].clone();
    let r = app
        .post_form(
            "/admin/cases",
            &cy,
            &[
                ("csrf", &csrf),
                ("uscc", o.uscc.as_str()),
                ("summary", "年度检查发现未按规定换届"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let loc = r.headers()["location"].to_str().unwrap().to_string();
    let page = app.get_with(&loc, &cy).await.text().await.unwrap();
    assert!(
        page.contains("监督检查") && page.contains(&o.name),
        "{page}"
    );
    // A 海淀区 organization is not theirs.
    let hd_org = app.orgs[2].clone();
    let r = app
        .post_form(
            "/admin/cases",
            &cy,
            &[
                ("csrf", &csrf),
                ("uscc", hd_org.uscc.as_str()),
                ("summary", "越权登记"),
            ],
        )
        .await;
    assert_eq!(r.status(), 403);
    assert_eq!(counts(&app).await.cases, 1);
    app.finish().await;
}

#[tokio::test]
async fn a_viewer_reads_cases_of_the_jurisdiction_but_takes_no_step() {
    let app = spawn(5).await;
    let u = gongyi_store::NewUser {
        username: "cyviewer".into(),
        display_name: "朝阳区只读".into(),
        password_hash: gongyi_server::auth::password::hash(PASSWORD).unwrap(),
        role: "viewer".into(),
        division: "110105".into(),
    };
    app.db
        .store
        .create_user(&u, "test", "2026-11-27T00:00:00Z")
        .await
        .unwrap();
    let (st, _) = post(
        &app,
        &json!({"reported_uscc": app.orgs[1].uscc.as_str(), "content": "该中心在社区违规收取服务费用。"}),
    )
    .await;
    assert_eq!(st, 201);
    let id = app.db.store.cases_in("110105", None, 10).await.unwrap()[0].id;
    let v = app.login("cyviewer", PASSWORD).await.unwrap();
    let (st, page) = case_page(&app, &v, id).await;
    assert_eq!(st, 200);
    assert!(!page.contains("/step\""), "a viewer sees no step form");
    let csrf = hidden(&page, "csrf");
    let (st, body) = step(
        &app,
        &v,
        id,
        &[
            ("csrf", &csrf),
            ("to", "filed"),
            ("reason", "只读用户尝试立案"),
        ],
    )
    .await;
    assert_eq!(st, 403);
    assert!(body.contains("role_forbidden"));
    assert_eq!(
        app.db.store.case(id).await.unwrap().unwrap().state.code(),
        "clue"
    );
    app.finish().await;
}
