//! The change feed (`GET /api/v1/changes`): every public change in order, each once, with an
//! opaque cursor; accounts and other private writes never appear; bad cursors and limits are
//! clear 400s.

mod feeds;
mod open_data;
mod replicas;
mod sync;

use crate::support::TestApp;
use serde_json::Value;

async fn page(app: &TestApp, q: &str) -> Value {
    let (s, v) = app.json(&format!("/api/v1/changes?{q}")).await;
    assert_eq!(s, 200, "{v}");
    v
}

#[tokio::test]
async fn the_change_feed_pages_through_every_public_change_once() {
    let app = TestApp::spawn().await;
    let first = page(&app, "limit=3").await;
    let items = first["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    let item = &items[0];
    for k in ["cursor", "kind", "id", "op", "action", "at"] {
        assert!(item.get(k).is_some(), "{k}: {item}");
    }
    assert_eq!(item["kind"], "org");
    assert!(item["at"].as_str().unwrap().ends_with("+08:00"), "{item}");
    // The record's public fields as they are now, without the profile's sections.
    assert_eq!(item["record"]["uscc"], item["id"]);
    assert!(item["record"]["name"].is_string() && item["record"].get("sections").is_none());
    // Page through everything: each change once, in order, and only public kinds.
    let mut seen = vec![];
    let mut after = String::new();
    loop {
        let v = page(&app, &format!("limit=50&after={after}")).await;
        let items = v["items"].as_array().unwrap().clone();
        if items.is_empty() {
            assert_eq!(v["next"], after, "no new change: the same cursor");
            break;
        }
        for i in &items {
            assert!(i["kind"] == "org" || i["kind"] == "illegal_batch", "{i}");
            seen.push(i["cursor"].as_str().unwrap().to_string());
        }
        after = v["next"].as_str().unwrap().to_string();
        assert_eq!(after, *seen.last().unwrap());
    }
    let mut unique = seen.clone();
    unique.dedup();
    assert_eq!(unique.len(), seen.len());
    assert!(
        seen.len() >= app.orgs.len(),
        "{} < {}",
        seen.len(),
        app.orgs.len()
    );
    assert_eq!(
        seen[..3],
        [
            items[0]["cursor"].as_str().unwrap().to_string(),
            items[1]["cursor"].as_str().unwrap().to_string(),
            items[2]["cursor"].as_str().unwrap().to_string(),
        ]
    );
    // Bad input: a stable code and a Chinese message.
    for (q, code) in [
        ("after=42", "invalid_cursor"),
        ("after=%21%21", "invalid_cursor"),
        ("limit=0", "invalid_limit"),
        ("limit=1001", "invalid_limit"),
        ("limit=x", "invalid_limit"),
    ] {
        let (s, v) = app.json(&format!("/api/v1/changes?{q}")).await;
        assert_eq!(
            (s, v["error"]["code"].as_str().unwrap()),
            (400, code),
            "{q}"
        );
    }
    app.finish().await;
}

/// The data dictionary: JSON Schema 2020-12 with the code lists; every record the change feed
/// gives validates against it (checked by Python's `jsonschema`, which `scripts/test`
/// installs with the OpenAPI validator).
#[tokio::test]
async fn the_change_feeds_records_follow_the_data_dictionary() {
    let app = TestApp::spawn().await;
    let (s, schema) = app.json("/api/v1/schema/org.json").await;
    assert_eq!(s, 200, "{schema}");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["properties"]["uscc"]["title"], "统一社会信用代码");
    let kinds: Vec<&str> = schema["properties"]["kind"]["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["const"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["social_group", "social_service", "foundation"]);
    let (s, v) = app.json("/api/v1/schema/nope.json").await;
    assert_eq!(
        (s, v["error"]["code"].as_str().unwrap()),
        (404, "schema_not_found")
    );
    let feed = page(&app, "limit=200").await;
    let records: Vec<&Value> = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i.get("record").filter(|r| !r.is_null()))
        .collect();
    assert!(records.len() >= 100);
    let dir = std::env::temp_dir().join(format!("gongyi-schema-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (sp, rp) = (dir.join("org.json"), dir.join("records.json"));
    std::fs::write(&sp, schema.to_string()).unwrap();
    std::fs::write(&rp, serde_json::to_string(&records).unwrap()).unwrap();
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(
            "import json,sys,jsonschema\n\
             s=json.load(open(sys.argv[1])); rs=json.load(open(sys.argv[2]))\n\
             jsonschema.Draft202012Validator.check_schema(s)\n\
             v=jsonschema.Draft202012Validator(s, format_checker=jsonschema.FormatChecker())\n\
             bad=[e.message for r in rs for e in v.iter_errors(r)]\n\
             print(len(rs), 'records,', len(bad), 'errors', bad[:3]); sys.exit(1 if bad else 0)",
        )
        .arg(&sp)
        .arg(&rp)
        .output()
        .expect("python3 with jsonschema (scripts/test installs it)");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    app.finish().await;
}

/// A partner's key: only its scopes' kinds of change, of organizations in its area; an
/// unknown key 401, a lookup-only key 403 on the feed (and a feed-only key 403 on the lookup).
#[tokio::test]
async fn a_partner_key_sees_its_scopes_and_its_area() {
    use sha2::{Digest, Sha256};
    let app = TestApp::spawn().await;
    let store = &app.state.store;
    for (name, key, scopes, division) in [
        ("浙江省税务局", "k-zj", "changes:registry", "330000"),
        ("查询平台", "k-lookup", "lookup", "100000"),
    ] {
        let hash = hex::encode(Sha256::digest(key.as_bytes()));
        store
            .create_api_key(name, &hash, 1000, "test", "2026-11-27T00:00:00Z")
            .await
            .unwrap();
        store
            .set_api_key_scopes(name, scopes, division, "test", "2026-11-27T00:00:00Z")
            .await
            .unwrap();
    }
    let get = |key: &'static str| {
        app.client
            .get(app.url("/api/v1/changes?limit=1000"))
            .header("x-api-key", key)
            .send()
    };
    let v: Value = get("k-zj").await.unwrap().json().await.unwrap();
    let items = v["items"].as_array().unwrap();
    let zhejiang = app
        .orgs
        .iter()
        .filter(|o| o.division.to_string().starts_with("33"))
        .count();
    assert!(zhejiang > 0);
    assert_eq!(items.len(), zhejiang, "one registration each, nothing else");
    for i in items {
        assert_eq!(i["kind"], "org");
        assert!(
            i["record"]["division"].as_str().unwrap().starts_with("33"),
            "{i}"
        );
        assert!(i["action"].as_str().unwrap().starts_with("org."), "{i}");
    }
    let public = page(&app, "limit=1000").await;
    assert!(public["items"].as_array().unwrap().len() > items.len());
    assert_eq!(
        v["next"], public["next"],
        "the cursor moves past what is left out"
    );
    let r = get("nonsense").await.unwrap();
    assert_eq!(r.status(), 401);
    let r = get("k-lookup").await.unwrap();
    assert_eq!(r.status(), 403);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["error"]["code"], "api_key_scope");
    let r = app
        .client
        .post(app.url("/api/v1/lookup"))
        .header("x-api-key", "k-zj")
        .json(&serde_json::json!({"names": ["某协会"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    app.finish().await;
}
