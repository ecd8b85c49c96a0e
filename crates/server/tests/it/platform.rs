//! The platform under every domain: the OpenAPI document (every route documented once, valid
//! by an independent validator), errors as the JSON envelope under `/api/`, health and bounded
//! metrics.

use crate::support::TestApp;

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

/// The OpenAPI document against the routers: no `/api/v1` route is registered outside
/// `utoipa_axum::routes!` (which adds a route and its documentation together), every documented
/// operation is routed (the router answers it with the handler, not the fallback's
/// `route_not_found` or a 405), each operation has its own operationId (client generators need
/// them unique), and parameters sit where they are read — path parameters only for `{…}`
/// segments of the path.
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
    for src in sources {
        assert!(
            !src.contains("\"/api/v1"),
            "an /api/v1 route registered without routes!: {src}"
        );
    }
    assert!(paths.len() > 25, "{}", paths.len());
    for (path, item) in paths {
        let concrete = path
            .replace("{uscc}", "51110105MJ0000000X")
            .replace("{tracking_no}", "TS20261127ABCD234567")
            .replace("{index}", "0")
            .replace("{audit_id}", "1")
            .replace("{id}", "1");
        for method in item.as_object().unwrap().keys() {
            let m = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let r = app
                .client
                .request(m, app.url(&concrete))
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            let body = r.text().await.unwrap_or_default();
            assert!(
                status != 405 && !body.contains("route_not_found"),
                "{method} {path} is documented but not routed: {status} {body}"
            );
        }
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
