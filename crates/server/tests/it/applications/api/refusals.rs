//! What the JSON API refuses, storing nothing: writes without the CSRF header (and other
//! refusals of the write path), malformed forms with field errors, bad files.

use super::*;

#[tokio::test]
async fn writes_need_the_csrf_header() {
    let app = TestApp::spawn().await;
    let me = person(&app, "13944445555").await;
    let me = client(&app, me, "/api/v1/my/session").await;
    let audits = app.db.store.audit_count().await.unwrap();
    let body = json!({"service": "establish", "form": establish_form()});
    let (s, v) = send(
        &app,
        reqwest::Method::POST,
        "/api/v1/my/applications",
        &me,
        false,
        Some(body.clone()),
    )
    .await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (403, Some("csrf_header_missing"))
    );
    let forged = Client {
        cookie: me.cookie.clone(),
        csrf: "0".repeat(64),
    };
    let (s, v) = post(&app, "/api/v1/my/applications", &forged, body.clone()).await;
    assert_eq!((s, v["error"]["code"].as_str()), (403, Some("csrf_failed")));
    assert_eq!(app.db.store.audit_count().await.unwrap(), audits);
    // Without a session at all: 401.
    let nobody = Client {
        cookie: String::new(),
        csrf: String::new(),
    };
    let (s, _) = post(&app, "/api/v1/my/applications", &nobody, body).await;
    assert_eq!(s, 401);
    // Officials too.
    let chaoyang = client(
        &app,
        official(&app, CHAOYANG).await,
        "/api/v1/admin/session",
    )
    .await;
    let (s, v) = send(
        &app,
        reqwest::Method::POST,
        "/api/v1/admin/applications/batch",
        &chaoyang,
        false,
        Some(json!({"ids": [1], "target": "accepted", "reason": "x"})),
    )
    .await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (403, Some("csrf_header_missing"))
    );
    // The OpenAPI document lists the new endpoints.
    let (_, doc) = app.json("/api/openapi.json").await;
    for p in [
        "/api/v1/my/applications/{id}/materials",
        "/api/v1/admin/applications/{id}/steps",
        "/api/v1/my/session",
    ] {
        assert!(doc["paths"][p].is_object(), "{p}");
    }
    app.finish().await;
}

#[tokio::test]
async fn malformed_forms_are_400_with_field_errors_and_store_nothing() {
    let app = TestApp::spawn().await;
    let me = person(&app, "13966667777").await;
    let me = client(&app, me, "/api/v1/my/session").await;
    let acct = app
        .db
        .store
        .applicant_by_login("13966667777")
        .await
        .unwrap()
        .unwrap();
    let audits = app.db.store.audit_count().await.unwrap();
    let mut form = establish_form();
    form["address"] = json!("");
    form["division"] = json!("999999");
    form["capital"] = json!(20000);
    let (s, v) = post(
        &app,
        "/api/v1/my/applications",
        &me,
        json!({"service": "establish", "form": form}),
    )
    .await;
    assert_eq!(s, 400, "{v}");
    assert_eq!(v["error"]["code"], "application_invalid");
    let fields: Vec<&str> = v["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"address") && fields.contains(&"division"),
        "{v}"
    );
    let (s, v) = post(
        &app,
        "/api/v1/my/applications",
        &me,
        json!({"service": "no_such", "form": {}}),
    )
    .await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (400, Some("invalid_kind"))
    );
    let (s, v) = post(
        &app,
        "/api/v1/my/applications",
        &me,
        json!({"service": "establish", "form": {"name": ["x"]}}),
    )
    .await;
    assert_eq!(
        (s, v["error"]["fields"][0]["field"].as_str()),
        (400, Some("name"))
    );
    assert!(
        app.db
            .store
            .applications_of(acct.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(app.db.store.audit_count().await.unwrap(), audits);

    // Editing a draft: a bad form changes nothing, a good one is stored.
    let (s, v) = post(
        &app,
        "/api/v1/my/applications",
        &me,
        json!({"service": "establish", "form": establish_form()}),
    )
    .await;
    assert_eq!(s, 201);
    let id = v["id"].as_i64().unwrap();
    let path = format!("/api/v1/my/applications/{id}/form");
    let mut bad = establish_form();
    bad["name"] = json!("");
    let (s, v) = send(
        &app,
        reqwest::Method::PUT,
        &path,
        &me,
        true,
        Some(json!({"form": bad})),
    )
    .await;
    assert_eq!(
        (s, v["error"]["fields"][0]["field"].as_str()),
        (400, Some("name"))
    );
    let before = app.db.store.application(id).await.unwrap().unwrap();
    assert!(before.form_json.contains("象棋"));
    let mut good = establish_form();
    good["name"] = json!("北京市朝阳区国际象棋协会");
    let (s, v) = send(
        &app,
        reqwest::Method::PUT,
        &path,
        &me,
        true,
        Some(json!({"form": good})),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["title"], "北京市朝阳区国际象棋协会");
    app.finish().await;
}

#[tokio::test]
async fn bad_files_are_refused_and_store_nothing() {
    let app = TestApp::spawn().await;
    let o = app.orgs[1].clone();
    let me = client(&app, org_account(&app, &o).await, "/api/v1/my/session").await;
    let (s, v) = post(
        &app,
        "/api/v1/my/applications",
        &me,
        json!({"service": "annual_report", "form": report_form()}),
    )
    .await;
    assert_eq!(s, 201, "{v}");
    let id = v["id"].as_i64().unwrap();
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
        let (s, v) = upload(&app, &me, id, material, "x.pdf", bytes.to_vec()).await;
        assert_eq!((s, v["error"]["code"].as_str()), (status, Some(code)));
    }
    assert!(
        app.db
            .store
            .application_attachments(id)
            .await
            .unwrap()
            .is_empty()
    );
    // Someone else's application is a 404.
    let other = client(
        &app,
        org_account(&app, &app.orgs[4].clone()).await,
        "/api/v1/my/session",
    )
    .await;
    let (s, _) = upload(&app, &other, id, "年度工作报告", "x.pdf", pdf("x")).await;
    assert_eq!(s, 404);
    app.finish().await;
}
