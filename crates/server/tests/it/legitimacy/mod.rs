//! The illegal-organization list, the legitimacy lookup and text screening, against the running
//! app (issue 4, part 3).

use crate::support::TestApp;
use gongyi_server::legitimacy::publish::{BatchHeader, parse_batch};
use gongyi_types::IllegalKind;
use serde_json::{Value, json};

/// Publishes a batch the way the CLI does (parse, then store), as a national authority.
async fn publish(app: &TestApp, batch_no: &str, date: &str, lines: &str) {
    let header = BatchHeader {
        batch_no: batch_no.into(),
        date: date.into(),
        authority: "民政部".into(),
        division: "100000".into(),
    };
    let batch = parse_batch(&header, lines, IllegalKind::Suspected).unwrap();
    app.db
        .store
        .publish_illegal_batch(&batch, "test", "2026-11-27T00:00:00Z")
        .await
        .unwrap();
}

/// Two batches; the second names the legal 中国社会工作联合会 (fixture 1) as the similar one.
async fn with_list(app: &TestApp) {
    publish(
        app,
        "2026年第1批",
        "2026-03-01",
        "名称,类别\n中国国学文化研究院,涉嫌\n世界华人慈善总会,已取缔\n",
    )
    .await;
    let legal = app.orgs[0].uscc.to_string();
    publish(
        app,
        "2026年第2批",
        "2026-06-01",
        &format!("中国社会工作者联合总会,涉嫌,{legal},冒用相近名称\n"),
    )
    .await;
}

async fn post(app: &TestApp, path: &str, body: &Value, key: Option<&str>) -> reqwest::Response {
    let mut r = app.client.post(app.url(path)).json(body);
    if let Some(k) = key {
        r = r.header("x-api-key", k);
    }
    r.send().await.unwrap()
}

async fn post_json(app: &TestApp, path: &str, body: &Value) -> (u16, Value) {
    let r = post(app, path, body, None).await;
    (r.status().as_u16(), r.json().await.unwrap())
}

#[test]
fn a_bad_batch_reports_every_bad_line_and_a_header_problem() {
    let header = BatchHeader {
        batch_no: "2026年第9批".into(),
        date: "2026-02-30".into(),
        authority: "民政部".into(),
        division: "100000".into(),
    };
    let errs = parse_batch(
        &header,
        "好名字研究会\n  \n甲\n好名字 研究会\n某某协会,不知道\n某某基金会,涉嫌,53100000500019795B\n",
        IllegalKind::Suspected,
    )
    .unwrap_err();
    let lines: Vec<usize> = errs.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![0, 3, 4, 5, 6], "{errs:?}");
    assert!(errs[2].message.contains("第1行重复"), "{errs:?}");
}

#[tokio::test]
async fn the_list_is_public_newest_batch_first_with_the_similar_legal_org() {
    let app = TestApp::spawn().await;
    with_list(&app).await;
    let (s, v) = app.json("/api/v1/illegal-orgs").await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["total"], 3);
    let first = &v["items"][0];
    assert_eq!(first["name"], "中国社会工作者联合总会");
    assert_eq!(first["batch"], "2026年第2批");
    assert_eq!(first["date"], "2026-06-01");
    assert_eq!(first["authority"], "民政部");
    assert_eq!(first["kind"], "suspected");
    assert_eq!(
        first["similar_legal_org"]["uscc"],
        app.orgs[0].uscc.to_string()
    );
    assert_eq!(first["similar_legal_org"]["name"], "中国社会工作联合会");
    assert_eq!(v["items"][2]["kind"], "banned");

    let (_, v) = app.json("/api/v1/illegal-orgs?q=国学&per_page=1").await;
    assert_eq!(v["total"], 1);
    assert_eq!(v["items"][0]["name"], "中国国学文化研究院");

    let (s, v) = app.json("/api/v1/illegal-orgs?per_page=500").await;
    assert_eq!(s, 400);
    assert_eq!(v["error"]["code"], "invalid_per_page");

    // A batch number is published once: the second attempt stores nothing.
    let header = BatchHeader {
        batch_no: "2026年第1批".into(),
        date: "2026-07-01".into(),
        authority: "民政部".into(),
        division: "100000".into(),
    };
    let b = parse_batch(&header, "另一个研究会\n", IllegalKind::Suspected).unwrap();
    let e = app
        .db
        .store
        .publish_illegal_batch(&b, "test", "2026-11-27T00:00:00Z")
        .await
        .unwrap_err();
    assert!(matches!(e, gongyi_store::StoreError::Conflict(_)), "{e}");
    assert_eq!(app.db.store.illegal_count().await.unwrap(), 3);
    let audit = app
        .db
        .store
        .audit_for(gongyi_types::EntityKind::IllegalBatch, "2026年第2批", 5)
        .await
        .unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].action, "illegal.publish");
}

#[tokio::test]
async fn lookup_answers_registered_illegal_unknown_and_invalid() {
    let app = TestApp::spawn().await;
    with_list(&app).await;
    let legal = &app.orgs[0];
    let body = json!({
        "names": ["中国社会工作 联合会", "中國社會工作者聯合總會", "不存在的某某促进会", " · "],
        "codes": [legal.uscc.to_string(), "53100000500019795B", "53100000500019795A"],
    });
    let (s, v) = post_json(&app, "/api/v1/lookup", &body).await;
    assert_eq!(s, 200, "{v}");
    let r = v["results"].as_array().unwrap();
    assert_eq!(r.len(), 7);
    assert_eq!(r[0]["status"], "registered");
    assert_eq!(r[0]["org"]["uscc"], legal.uscc.to_string());
    assert_eq!(r[0]["org"]["credit"], legal.credit.code());
    assert_eq!(r[1]["status"], "illegal");
    assert_eq!(r[1]["illegal_entry"]["batch"], "2026年第2批");
    assert_eq!(r[1]["similar"][0]["uscc"], legal.uscc.to_string(), "{v}");
    assert!(r[1]["similar"][0]["score"].as_f64().unwrap() > 0.5);
    assert_eq!(r[2]["status"], "unknown");
    assert!(r[2]["similar"].is_array());
    assert_eq!(r[3]["status"], "invalid");
    assert_eq!(r[4]["status"], "registered");
    assert_eq!(r[4]["query_type"], "code");
    assert_eq!(r[5]["status"], "invalid");
    assert!(
        r[5]["reason"]
            .as_str()
            .unwrap()
            .contains("统一社会信用代码无效")
    );
    assert_eq!(r[6]["status"], "unknown");

    let many: Vec<String> = (0..1001).map(|i| format!("名称{i}")).collect();
    let (s, v) = post_json(&app, "/api/v1/lookup", &json!({ "names": many })).await;
    assert_eq!(s, 413);
    assert_eq!(v["error"]["code"], "too_many_items");
    let (s, v) = post_json(&app, "/api/v1/lookup", &json!({})).await;
    assert_eq!(s, 400);
    assert_eq!(v["error"]["code"], "empty_lookup");
    let (s, v) = post_json(&app, "/api/v1/lookup", &json!({ "names": "x" })).await;
    assert_eq!(s, 400);
    assert_eq!(v["error"]["code"], "invalid_json");
}

#[tokio::test]
async fn lookup_is_rate_limited_per_address_and_a_key_raises_the_rate() {
    let app = TestApp::spawn().await;
    let body = json!({ "names": ["中国社会工作联合会"] });
    let mut limited = None;
    for _ in 0..40 {
        let r = post(&app, "/api/v1/lookup", &body, None).await;
        if r.status().as_u16() == 429 {
            limited = Some(r);
            break;
        }
        assert_eq!(r.status().as_u16(), 200);
    }
    let r = limited.expect("the anonymous rate is 30 a minute");
    assert!(r.headers().get("retry-after").is_some());
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["error"]["code"], "rate_limited");

    let key = "gyk_test_partner_key";
    let hash = {
        use sha2::{Digest, Sha256};
        hex::encode(Sha256::digest(key.as_bytes()))
    };
    app.db
        .store
        .create_api_key("搜索引擎甲", &hash, 1000, "test", "2026-11-27T00:00:00Z")
        .await
        .unwrap();
    for _ in 0..40 {
        let r = post(&app, "/api/v1/lookup", &body, Some(key)).await;
        assert_eq!(r.status().as_u16(), 200);
    }
    let r = post(&app, "/api/v1/lookup", &body, Some("gyk_wrong")).await;
    assert_eq!(r.status().as_u16(), 401);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["error"]["code"], "invalid_api_key");
}

#[tokio::test]
async fn screen_finds_disguised_names_with_character_offsets_and_sees_new_batches() {
    let app = TestApp::spawn().await;
    with_list(&app).await;
    let text = "😀关于“中國 國學·文化研究院”的通知";
    let (s, v) = post_json(&app, "/api/v1/screen", &json!({ "text": text })).await;
    assert_eq!(s, 200, "{v}");
    let m = &v["matches"][0];
    assert_eq!(m["start"], 4, "the emoji counts as one character");
    assert_eq!(m["matched"], "中國 國學·文化研究院");
    assert_eq!(m["end"], 4 + "中國 國學·文化研究院".chars().count());
    assert_eq!(m["entry"]["name"], "中国国学文化研究院");
    assert_eq!(m["entry"]["batch"], "2026年第1批");

    let (_, v) = post_json(
        &app,
        "/api/v1/screen",
        &json!({ "text": "新华公益促进会成立" }),
    )
    .await;
    assert_eq!(v["matches"].as_array().unwrap().len(), 0);
    publish(&app, "2026年第3批", "2026-09-01", "新华公益促进会\n").await;
    let (_, v) = post_json(
        &app,
        "/api/v1/screen",
        &json!({ "text": "新华公益促进会成立" }),
    )
    .await;
    assert_eq!(v["matches"][0]["entry"]["batch"], "2026年第3批");

    let big = "字".repeat(400_000);
    let (s, v) = post_json(&app, "/api/v1/screen", &json!({ "text": big })).await;
    assert_eq!(s, 413);
    assert_eq!(v["error"]["code"], "text_too_large");
}

#[tokio::test]
async fn the_openapi_document_describes_the_three_endpoints() {
    let app = TestApp::spawn().await;
    let (_, v) = app.json("/api/openapi.json").await;
    for p in ["/api/v1/illegal-orgs", "/api/v1/lookup", "/api/v1/screen"] {
        assert!(v["paths"][p].is_object(), "{p}");
    }
    let d = v["paths"]["/api/v1/screen"]["post"]["description"]
        .as_str()
        .unwrap();
    assert!(d.contains("Unicode 标量值"));
}

#[tokio::test]
async fn the_public_page_shows_the_list_and_an_official_publishes_in_their_jurisdiction() {
    use crate::support::{CHAOYANG, PASSWORD, hidden};
    let app = TestApp::spawn().await;
    with_list(&app).await;
    let r = app.get("/illegal-orgs?q=%E5%9B%BD%E5%AD%A6").await;
    assert_eq!(r.status().as_u16(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("中国国学文化研究院"), "{html}");
    assert!(!html.contains("世界华人慈善总会"));
    let html = app.get("/illegal-orgs").await.text().await.unwrap();
    assert!(html.contains("2026年第2批"));
    assert!(html.contains(&format!("/orgs/{}", app.orgs[0].uscc)));

    let cookie = app.login(CHAOYANG, PASSWORD).await.unwrap();
    let page = app.get_with("/admin/illegal-orgs", &cookie).await;
    assert_eq!(page.status().as_u16(), 200);
    let html = page.text().await.unwrap();
    // A new batch proposes the official's own authority and division.
    assert!(html.contains("value=\"北京市朝阳区民政局\""), "{html}");
    assert!(html.contains("value=\"110105\""), "{html}");
    let csrf = hidden(&html, "csrf");
    let form = |division: &'static str, names: &'static str, csrf: String| {
        vec![
            ("csrf", csrf),
            ("batch", "朝阳2026年第1批".to_string()),
            ("date", "2026-11-20".to_string()),
            ("authority", "北京市朝阳区民政局".to_string()),
            ("division", division.to_string()),
            ("kind", "banned".to_string()),
            ("names", names.to_string()),
        ]
    };
    let post = |fields: Vec<(&'static str, String)>| {
        let cookie = cookie.clone();
        let app = &app;
        async move {
            let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post_form("/admin/illegal-orgs", &cookie, &f).await
        }
    };
    // A national batch from a district official: 403, nothing stored.
    let r = post(form("100000", "朝阳某某联谊会\n", csrf.clone())).await;
    assert_eq!(r.status().as_u16(), 403);
    // A bad line: 422 with the line number, nothing stored.
    let r = post(form("110105", "朝阳某某联谊会\n甲\n", csrf.clone())).await;
    assert_eq!(r.status().as_u16(), 422);
    let html = r.text().await.unwrap();
    // Beside the names, what was typed kept.
    assert!(
        html.contains("<p class=\"field-error\" id=\"e-names\">第2行："),
        "{html}"
    );
    assert!(html.contains(">朝阳某某联谊会\n甲\n</textarea>"), "{html}");
    // No CSRF token: refused.
    let r = post(form("110105", "朝阳某某联谊会\n", "x".into())).await;
    assert!(r.status().is_client_error());
    assert_eq!(app.db.store.illegal_count().await.unwrap(), 3);

    let r = post(form("110105", "朝阳某某联谊会\n", csrf)).await;
    assert_eq!(r.status().as_u16(), 200);
    assert!(r.text().await.unwrap().contains("已发布"));
    let (_, v) = app.json("/api/v1/illegal-orgs").await;
    assert_eq!(v["items"][0]["name"], "朝阳某某联谊会");
    assert_eq!(v["items"][0]["kind"], "banned");
    let (_, v) = post_json(
        &app,
        "/api/v1/screen",
        &json!({ "text": "朝阳 某某联谊会" }),
    )
    .await;
    assert_eq!(v["matches"][0]["entry"]["batch"], "朝阳2026年第1批");
}

#[tokio::test]
async fn a_published_batch_enters_the_public_ledger_and_a_login_does_not() {
    use gongyi_server::ledger::pump::pump;
    let app = TestApp::spawn().await;
    with_list(&app).await;
    // A login writes a `user` audit row: it names a person and stays out of the log.
    app.login(crate::support::CHAOYANG, crate::support::PASSWORD)
        .await
        .unwrap();
    let ledger = app.ledger();
    pump(&app.state.store, &ledger).await.unwrap();
    let store = &app.state.store;
    assert_eq!(
        store
            .audit_unlogged_count(gongyi_types::EntityKind::IllegalBatch)
            .await
            .unwrap(),
        0
    );
    assert!(
        store
            .audit_unlogged_count(gongyi_types::EntityKind::User)
            .await
            .unwrap()
            > 0
    );
    let audit = store
        .audit_for(gongyi_types::EntityKind::IllegalBatch, "2026年第2批", 1)
        .await
        .unwrap();
    let (_, index) = store.audit_with_index(audit[0].id).await.unwrap().unwrap();
    let index = index.expect("the batch's audit row has a leaf");
    let (s, entry) = app.json(&format!("/api/v1/ledger/entries/{index}")).await;
    assert_eq!(s, 200, "{entry}");
    let text = entry.to_string();
    assert!(text.contains("illegal_batch"), "{text}");
    assert!(text.contains("2026年第2批"), "{text}");
    assert!(!text.contains(crate::support::CHAOYANG), "{text}");
}

/// Screening shares the lookup's budget per address (it had none).
#[tokio::test]
async fn screening_is_rate_limited_per_address() {
    let app = TestApp::spawn().await;
    let body = json!({ "text": "某某国学研究会在小区举办讲座" });
    for _ in 0..30 {
        assert_eq!(post_json(&app, "/api/v1/screen", &body).await.0, 200);
    }
    let (s, v) = post_json(&app, "/api/v1/screen", &body).await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (429, Some("rate_limited"))
    );
    app.finish().await;
}

mod check_page;
