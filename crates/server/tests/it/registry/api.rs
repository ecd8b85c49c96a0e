//! The JSON API: search, profile, errors, OpenAPI, health and metrics.

use crate::support::TestApp;

fn names(v: &serde_json::Value) -> Vec<String> {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn search_by_words_pinyin_code_and_filters() {
    let app = TestApp::spawn().await;
    let (s, v) = app.json("/api/v1/orgs?q=社会工作").await;
    assert_eq!(s, 200);
    let n = names(&v);
    assert!(n.contains(&"中国社会工作联合会".to_string()), "{n:?}");
    assert!(v["total"].as_u64().unwrap() >= 2);
    let item = &v["items"][0];
    for k in ["uscc", "name", "kind", "status", "division"] {
        assert!(item.get(k).is_some(), "item lacks {k}");
    }
    for k in ["kind", "status", "credit", "province", "flags"] {
        assert!(v["facets"].get(k).is_some(), "facets lack {k}");
    }

    let (_, v) = app.json("/api/v1/orgs?q=zgsh").await;
    assert_eq!(
        names(&v).first().map(String::as_str),
        Some("中国社会工作联合会")
    );

    let code = app.orgs[2].uscc.to_string();
    let (_, v) = app
        .json(&format!("/api/v1/orgs?q={}", code.to_lowercase()))
        .await;
    assert_eq!(v["items"][0]["uscc"], code);

    // A province includes its counties: 北京市 (110000) finds the 朝阳区 and 海淀区 fixtures.
    let (_, v) = app.json("/api/v1/orgs?division=110000&per_page=100").await;
    let n = names(&v);
    assert!(n.contains(&"北京市朝阳区阳光社会工作服务中心".to_string()));
    assert!(n.contains(&"北京市海淀区青少年发展基金会".to_string()));
    assert!(
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["division"].as_str().unwrap().starts_with("11"))
    );

    let (_, v) = app.json("/api/v1/orgs?kind=foundation&per_page=100").await;
    assert!(
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["kind"] == "foundation")
    );
    assert_eq!(
        v["facets"]["kind"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        vec!["foundation"]
    );

    // Paging: two pages of 5 are disjoint and total does not change.
    let (_, p1) = app.json("/api/v1/orgs?per_page=5&page=1").await;
    let (_, p2) = app.json("/api/v1/orgs?per_page=5&page=2").await;
    assert_eq!(p1["total"], p2["total"]);
    assert_eq!(p1["total"].as_u64().unwrap(), app.orgs.len() as u64);
    let (a, b) = (names(&p1), names(&p2));
    assert_eq!(a.len(), 5);
    assert!(a.iter().all(|x| !b.contains(x)));
    app.finish().await;
}

#[tokio::test]
async fn bad_parameters_get_specific_errors() {
    let app = TestApp::spawn().await;
    for (q, code) in [
        ("kind=club", "invalid_kind"),
        ("status=x", "invalid_status"),
        ("division=999999", "invalid_division"),
        ("division=11", "invalid_division"),
        ("founded_from=2020-13-01", "invalid_founded_from"),
        ("per_page=1000", "invalid_per_page"),
        ("charity=maybe", "invalid_charity"),
    ] {
        let (s, v) = app.json(&format!("/api/v1/orgs?{q}")).await;
        assert_eq!(s, 400, "{q}");
        assert_eq!(v["error"]["code"], code, "{q}");
        assert!(!v["error"]["message"].as_str().unwrap().is_empty());
    }
    // Query syntax characters are just text.
    let (s, _) = app.json("/api/v1/orgs?q=%22%28AND%3A*").await;
    assert_eq!(s, 200);
    app.finish().await;
}

#[tokio::test]
async fn profile_unknown_and_malformed_codes() {
    let app = TestApp::spawn().await;
    let o = &app.orgs[1];
    let (s, v) = app.json(&format!("/api/v1/orgs/{}", o.uscc)).await;
    assert_eq!(s, 200);
    assert_eq!(v["name"], o.name);
    assert_eq!(v["uscc_decoded"]["registrar_division"], "110105");
    for k in [
        "inspections",
        "evaluations",
        "honors",
        "penalties",
        "changes",
        "list_entries",
        "annual_reports",
    ] {
        assert!(v["sections"][k].is_array(), "sections.{k}");
    }
    // Valid code, not registered here → 404.
    let (s, v) = app.json("/api/v1/orgs/53100000500019795A").await;
    assert_eq!(
        (s, v["error"]["code"].as_str().unwrap()),
        (404, "org_not_found")
    );
    // One character changed → 400 naming the check character.
    let (s, v) = app.json("/api/v1/orgs/53100000500019795B").await;
    assert_eq!(
        (s, v["error"]["code"].as_str().unwrap()),
        (400, "invalid_uscc")
    );
    assert!(v["error"]["message"].as_str().unwrap().contains("校验码"));
    let (s, _) = app.json("/api/v1/orgs/abc").await;
    assert_eq!(s, 400);
    app.finish().await;
}
