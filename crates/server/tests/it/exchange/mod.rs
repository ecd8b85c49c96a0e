//! The change feed (`GET /api/v1/changes`): every public change in order, each once, with an
//! opaque cursor; accounts and other private writes never appear; bad cursors and limits are
//! clear 400s.

mod feeds;

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
