//! A complaint coming in: routed to the right authority, trackable, refused with a specific
//! code and nothing stored when malformed, limited per address. The public form: `form.rs`.

use super::*;

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
    // In plain words, not the procedure's 线索; the authority by its name.
    assert!(
        page.contains("已收到，已转交登记管理机关") && !page.contains("线索"),
        "{page}"
    );
    assert!(page.contains("民政局") && !page.contains(CONTACT), "{page}");
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
    let audit = app
        .db
        .store
        .audit_for(gongyi_types::EntityKind::Case, &case_no, 10)
        .await
        .unwrap();
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
    let cases = app
        .db
        .store
        .cases_in(
            gongyi_types::DivisionCode::parse("330100").unwrap(),
            None,
            10,
        )
        .await
        .unwrap();
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
async fn a_category_is_one_of_the_list() {
    let app = spawn(5).await;
    let u = app.orgs[1].uscc.to_string();
    let body = json!({"reported_uscc": u, "content": "以协会名义强制会员单位缴纳赞助费。", "category": "bribes"});
    let (s, v) = post(&app, &body).await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (400, Some("invalid_complaint_category"))
    );
    assert_eq!(counts(&app).await.complaints, 0);
    let body = json!({"reported_uscc": u, "content": "以协会名义强制会员单位缴纳赞助费。", "category": "fees"});
    assert_eq!(post(&app, &body).await.0, 201);
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

/// Any web page can make its visitors' browsers post `text/plain` to another origin without a
/// preflight; a complaint must come as `application/json`, and a refused one costs nothing of
/// the address's budget.
#[tokio::test]
async fn a_complaint_not_sent_as_json_is_refused_and_costs_no_budget() {
    let app = spawn(1).await;
    let body = json!({"reported_uscc": app.orgs[1].uscc.as_str(), "content": "跨站简单请求提交的投诉举报内容。", "anonymous": true});
    let r = app
        .client
        .post(app.url("/api/v1/complaints"))
        .header("content-type", "text/plain")
        .header("origin", "https://evil.example")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 415);
    let b: Value = r.json().await.unwrap();
    assert_eq!(b["error"]["code"], "unsupported_media_type");
    assert_eq!(counts(&app).await.complaints, 0);
    assert_eq!(post(&app, &body).await.0, 201);
    app.finish().await;
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_has_its_own_budget() {
    let body = json!({"reported_uscc": "", "reported_name": "某某国学研究会", "division": "110105", "content": "在小区活动室举办收费讲座，自称全国性学会。"});
    let send = |app: &TestApp, client: &'static str| {
        app.client
            .post(app.url("/api/v1/complaints"))
            .header("x-forwarded-for", client)
            .json(&body)
            .send()
    };
    // Not configured: the header is the client's own word and changes nothing.
    let app = spawn(1).await;
    assert_eq!(send(&app, "198.51.100.1").await.unwrap().status(), 201);
    assert_eq!(send(&app, "198.51.100.2").await.unwrap().status(), 429);
    app.finish().await;
    // 127.0.0.1 named as the proxy: the address it forwards is the client.
    let app = TestApp::spawn_with(Setup {
        complaints_per_hour: Some(1),
        trusted_proxies: vec!["127.0.0.1".parse().unwrap()],
        ..Setup::default()
    })
    .await;
    assert_eq!(send(&app, "198.51.100.1").await.unwrap().status(), 201);
    assert_eq!(send(&app, "198.51.100.2").await.unwrap().status(), 201);
    assert_eq!(
        send(&app, "198.51.100.1").await.unwrap().status(),
        429,
        "the first client's budget is spent"
    );
    assert_eq!(counts(&app).await.complaints, 2);
    app.finish().await;
}
