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

#[tokio::test]
async fn openapi_health_and_metrics() {
    let app = TestApp::spawn().await;
    let (s, doc) = app.json("/api/openapi.json").await;
    assert_eq!(s, 200);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    for p in [
        "/api/v1/orgs",
        "/api/v1/orgs/{uscc}",
        "/healthz",
        "/metrics",
    ] {
        assert!(doc["paths"].get(p).is_some(), "{p} missing from OpenAPI");
    }
    let (s, h) = app.json("/healthz").await;
    assert_eq!((s, h["status"].as_str().unwrap()), (200, "ok"));
    let (s, v) = app.json("/api/v1/nothing").await;
    assert_eq!(
        (s, v["error"]["code"].as_str().unwrap()),
        (404, "route_not_found")
    );
    let m = app.get("/metrics").await.text().await.unwrap();
    assert!(
        m.contains(
            "gongyi_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 1"
        ),
        "{m}"
    );
    assert!(m.contains("gongyi_http_request_duration_seconds_bucket"));
    assert!(m.contains("# TYPE gongyi_search_runs_total counter"), "{m}");
    app.finish().await;
}

/// Any token is a method to hyper: a label per method made each such request a series kept
/// until restart. Methods are labelled from a fixed set; `/healthz` costs one trivial query and
/// says 503 when the database is gone.
#[tokio::test]
async fn metrics_labels_are_bounded_and_health_is_cheap() {
    let app = TestApp::spawn().await;
    let before = app.get("/metrics").await.text().await.unwrap().len();
    for i in 0..20 {
        let m =
            reqwest::Method::from_bytes(format!("X{i}{}", "A".repeat(4000)).as_bytes()).unwrap();
        let r = app
            .client
            .request(m, app.url("/healthz"))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_client_error(), "{}", r.status());
    }
    let m = app.get("/metrics").await.text().await.unwrap();
    assert!(!m.contains("AAAA"), "a method became a label");
    assert!(m.len() < before + 8_000, "{} → {}", before, m.len());
    assert!(m.contains("method=\"other\""), "{m}");
    app.state.store.close().await;
    let (s, v) = app.json("/healthz").await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (503, Some("database_unavailable"))
    );
    app.finish().await;
}

/// The OpenAPI document against the routers: every `/api/v1` route they register (read from
/// their source, so a route added without its documentation fails here) is documented, each
/// operation has its own operationId (client generators need them unique), and parameters
/// sit where they are read — path parameters only for `{…}` segments of the path.
#[tokio::test]
async fn openapi_documents_every_route_once() {
    let app = TestApp::spawn().await;
    let (_, doc) = app.json("/api/openapi.json").await;
    let paths = doc["paths"].as_object().unwrap();
    let sources = [
        include_str!("../../src/registry/routes.rs"),
        include_str!("../../src/accounts/mod.rs"),
        include_str!("../../src/applications/routes.rs"),
        include_str!("../../src/credit/routes.rs"),
        include_str!("../../src/enforcement/routes.rs"),
        include_str!("../../src/legitimacy/routes.rs"),
        include_str!("../../src/ledger/mod.rs"),
        include_str!("../../src/platform/mod.rs"),
    ];
    let mut routes = vec![];
    for src in sources {
        for part in src.split("\"/api/v1").skip(1) {
            let path = format!("/api/v1{}", part.split('"').next().unwrap());
            routes.push(path);
        }
    }
    assert!(routes.len() > 20, "{routes:?}");
    for r in &routes {
        assert!(
            paths.contains_key(r),
            "{r} is routed but not in the OpenAPI document"
        );
    }
    let mut ids = std::collections::HashSet::new();
    for (path, item) in paths {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("{method} {path}: no operationId"));
            assert!(
                ids.insert(id.to_string()),
                "operationId {id} twice ({method} {path})"
            );
            for p in op["parameters"].as_array().into_iter().flatten() {
                let name = p["name"].as_str().unwrap();
                let in_path = path.contains(&format!("{{{name}}}"));
                assert_eq!(
                    p["in"] == "path",
                    in_path,
                    "{method} {path}: parameter {name} declared in {}",
                    p["in"]
                );
            }
        }
    }
    app.finish().await;
}

/// axum's own rejections (an id out of range, a missing query parameter, a body over the
/// limit) come back in the JSON error envelope under `/api/`, not as plain text.
#[tokio::test]
async fn extractor_rejections_are_json_errors() {
    let app = TestApp::spawn().await;
    for path in [
        "/api/v1/my/applications/9223372036854775808",
        "/api/v1/ledger/proof/inclusion?index=x",
    ] {
        let r = app.get(path).await;
        assert!(r.status().is_client_error(), "{path}: {}", r.status());
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("application/json"),
            "{path}"
        );
        let v: serde_json::Value = r.json().await.unwrap();
        assert!(v["error"]["code"].is_string(), "{path}: {v}");
    }
    let r = app
        .client
        .post(app.url("/api/v1/my/applications/1/materials"))
        .body("x")
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error());
    let v: serde_json::Value = r.json().await.unwrap();
    assert!(v["error"]["message"].is_string(), "{v}");
    app.finish().await;
}

/// The document validates against the OpenAPI 3.1 specification (the independent
/// `openapi-spec-validator`, which `scripts/test` installs).
#[tokio::test]
async fn openapi_document_passes_an_independent_validator() {
    let app = TestApp::spawn().await;
    let r = app.get("/api/openapi.json").await;
    let path = app.ledger_dir.with_extension("openapi.json");
    std::fs::write(&path, r.bytes().await.unwrap()).unwrap();
    let out = std::process::Command::new("python3")
        .args(["-m", "openapi_spec_validator"])
        .arg(&path)
        .output()
        .expect("python3");
    let _ = std::fs::remove_file(&path);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    app.finish().await;
}
