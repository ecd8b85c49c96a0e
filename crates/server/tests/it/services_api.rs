//! The online services driven through the JSON API only, as a partner's portal would: login by
//! the form posts with a self-chosen double-submit token, the CSRF token from the session
//! endpoints in `X-CSRF-Token`, apply, upload the raw file, submit; an official accepts and
//! approves and the registry changes. Also: writes without the header, another jurisdiction,
//! a state changed meanwhile, malformed forms and bad files storing nothing, the 补正 loop with
//! a form edit and the batch of annual reports.

use crate::support::{CHAOYANG, HAIDIAN, PASSWORD, TestApp, set_cookies};
use gongyi_types::Organization;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

const APW: &str = "Applicant-pass-1";
/// The double-submit token a non-browser client picks for the login forms.
const T: &str = "client-chosen-token-0123456789";

fn pdf(tag: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {tag}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n").into_bytes()
}

/// A form post with the double-submit cookie; returns the named cookie it sets, if any.
async fn form_post(
    app: &TestApp,
    path: &str,
    csrf_cookie: &str,
    f: &[(&str, &str)],
) -> (u16, Option<String>, String) {
    let mut all = vec![("csrf", T)];
    all.extend_from_slice(f);
    let r = app
        .post_form(path, &format!("{csrf_cookie}={T}"), &all)
        .await;
    let status = r.status().as_u16();
    let cookies = set_cookies(&r);
    (
        status,
        cookies.into_iter().find(|c| {
            (c.starts_with("gongyi_applicant=") || c.starts_with("gongyi_session="))
                && !c.ends_with('=')
        }),
        r.text().await.unwrap(),
    )
}

async fn register(app: &TestApp, f: &[(&str, &str)]) {
    let mut all = f.to_vec();
    all.extend_from_slice(&[("password", APW), ("password2", APW)]);
    let (s, _, body) = form_post(app, "/account/register", "gongyi_applicant_csrf", &all).await;
    assert_eq!(s, 303, "{body}");
}

async fn applicant_login(app: &TestApp, login: &str) -> String {
    let (s, c, body) = form_post(
        app,
        "/account/login",
        "gongyi_applicant_csrf",
        &[("login", login), ("password", APW)],
    )
    .await;
    assert_eq!(s, 303, "{body}");
    c.unwrap()
}

async fn person(app: &TestApp, phone: &str) -> String {
    register(
        app,
        &[
            ("kind", "person"),
            ("contact_name", "王发起"),
            ("phone", phone),
        ],
    )
    .await;
    applicant_login(app, phone).await
}

async fn org_account(app: &TestApp, o: &Organization) -> String {
    register(
        app,
        &[
            ("kind", "org"),
            ("uscc", o.uscc.as_str()),
            ("legal_rep", &o.legal_rep),
            ("contact_name", "李经办"),
            ("phone", "13800138000"),
        ],
    )
    .await;
    applicant_login(app, o.uscc.as_str()).await
}

async fn official(app: &TestApp, user: &str) -> String {
    let (s, c, body) = form_post(
        app,
        "/login",
        "gongyi_login_csrf",
        &[
            ("username", user),
            ("password", PASSWORD),
            ("next", "/admin"),
        ],
    )
    .await;
    assert_eq!(s, 303, "{body}");
    c.unwrap()
}

/// A session cookie with the CSRF token its session endpoint gives.
struct Client {
    cookie: String,
    csrf: String,
}

async fn client(app: &TestApp, cookie: String, session_path: &str) -> Client {
    let r = app.get_with(session_path, &cookie).await;
    assert_eq!(r.status(), 200);
    let v: Value = r.json().await.unwrap();
    let csrf = v["csrf_token"].as_str().unwrap().to_string();
    assert_eq!(csrf.len(), 64);
    Client { cookie, csrf }
}

async fn send(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    c: &Client,
    with_csrf: bool,
    body: Option<Value>,
) -> (u16, Value) {
    let mut rb = app
        .client
        .request(method, app.url(path))
        .header("cookie", &c.cookie);
    if with_csrf {
        rb = rb.header("x-csrf-token", &c.csrf);
    }
    if let Some(b) = body {
        rb = rb.json(&b);
    }
    let r = rb.send().await.unwrap();
    let s = r.status().as_u16();
    (s, r.json().await.unwrap_or(Value::Null))
}

async fn post(app: &TestApp, path: &str, c: &Client, body: Value) -> (u16, Value) {
    send(app, reqwest::Method::POST, path, c, true, Some(body)).await
}

async fn upload(
    app: &TestApp,
    c: &Client,
    id: i64,
    material: &str,
    name: &str,
    bytes: Vec<u8>,
) -> (u16, Value) {
    let q = serde_urlencoded::to_string([("material", material), ("name", name)]).unwrap();
    let r = app
        .client
        .post(app.url(&format!("/api/v1/my/applications/{id}/materials?{q}")))
        .header("cookie", &c.cookie)
        .header("x-csrf-token", &c.csrf)
        .header("content-type", "application/pdf")
        .body(bytes)
        .send()
        .await
        .unwrap();
    let s = r.status().as_u16();
    (s, r.json().await.unwrap())
}

fn establish_form() -> Value {
    json!({
        "name": "北京市朝阳区象棋爱好者协会",
        "org_kind": "social_group",
        "division": "110105",
        "address": "北京市朝阳区建国路2号",
        "scope": "象棋交流、培训与比赛",
        "legal_rep": "钱棋手",
        "capital": 50000,
        "phone": "010-65001235",
    })
}

fn report_form() -> Value {
    json!({
        "year": "2025", "income": "120000.50", "expenditure": "100000", "net_assets": "50000",
        "staff": "4", "members": "80", "activities": "举办讲座12场",
    })
}

fn step(to: &str, from: &str) -> Value {
    json!({"to": to, "from": from, "reason": format!("{to} 理由")})
}

#[tokio::test]
async fn establish_runs_end_to_end_through_the_json_api() {
    let app = TestApp::spawn().await;
    let me = person(&app, "13922223333").await;
    let me = client(&app, me, "/api/v1/my/session").await;
    let (s, v) = post(
        &app,
        "/api/v1/my/applications",
        &me,
        json!({"service": "establish", "form": establish_form()}),
    )
    .await;
    assert_eq!(s, 201, "{v}");
    assert_eq!(v["state"], "draft");
    assert_eq!(v["form"]["capital"], "50000");
    let id = v["id"].as_i64().unwrap();
    let base = format!("/api/v1/my/applications/{id}");
    for m in ["登记申请书", "章程草案"] {
        let bytes = pdf(m);
        let (s, v) = upload(&app, &me, id, m, &format!("dir/{m}.pdf"), bytes.clone()).await;
        assert_eq!(s, 201, "{v}");
        assert_eq!(v["sha256"], hex::encode(Sha256::digest(&bytes)));
        assert_eq!(v["size"], bytes.len());
        assert_eq!(v["media_type"], "application/pdf");
        assert_eq!(v["file_name"], format!("{m}.pdf"));
    }
    let (s, v) = post(&app, &format!("{base}/submit"), &me, json!({})).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["state"], "submitted");
    assert!(v["deadline"].is_string());

    // Another jurisdiction: 403, nothing moves.
    let haidian = client(&app, official(&app, HAIDIAN).await, "/api/v1/admin/session").await;
    let steps = format!("/api/v1/admin/applications/{id}/steps");
    let (s, v) = post(&app, &steps, &haidian, step("accepted", "submitted")).await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (403, Some("outside_jurisdiction"))
    );

    let chaoyang = client(
        &app,
        official(&app, CHAOYANG).await,
        "/api/v1/admin/session",
    )
    .await;
    // A step the state machine has no way to: 409 with its code.
    let (s, v) = post(&app, &steps, &chaoyang, step("approved", "submitted")).await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (409, Some("transition_not_allowed"))
    );
    // No reason: 422.
    let (s, v) = post(&app, &steps, &chaoyang, json!({"to": "accepted"})).await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (422, Some("reason_required"))
    );
    let (s, v) = post(&app, &steps, &chaoyang, step("accepted", "submitted")).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["state"], "accepted");
    // The client still thinks it is 已提交: the state changed meanwhile.
    let (s, v) = post(&app, &steps, &chaoyang, step("under_review", "submitted")).await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (409, Some("state_changed"))
    );
    let (s, _) = post(&app, &steps, &chaoyang, step("under_review", "accepted")).await;
    assert_eq!(s, 200);
    let (s, v) = post(&app, &steps, &chaoyang, step("approved", "under_review")).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["state"], "approved");
    let uscc = v["result_uscc"].as_str().unwrap().to_string();

    let (s, o) = app.json(&format!("/api/v1/orgs/{uscc}")).await;
    assert_eq!(s, 200, "{o}");
    assert_eq!(o["name"], "北京市朝阳区象棋爱好者协会");
    assert_eq!(o["legal_rep"], "钱棋手");
    assert_eq!(o["status"], "active");
    // The applicant reads every step with its reason.
    let (s, v) = send(&app, reqwest::Method::GET, &base, &me, false, None).await;
    assert_eq!(s, 200);
    assert!(v["steps"].to_string().contains("approved 理由"), "{v}");
    assert_eq!(v["attachments"].as_array().unwrap().len(), 2);
    app.finish().await;
}

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

#[tokio::test]
async fn correction_loop_and_annual_report_batch_through_the_api() {
    let app = TestApp::spawn().await;
    let o = app.orgs[1].clone();
    let me = client(&app, org_account(&app, &o).await, "/api/v1/my/session").await;
    let (_, v) = post(
        &app,
        "/api/v1/my/applications",
        &me,
        json!({"service": "annual_report", "form": report_form()}),
    )
    .await;
    let id = v["id"].as_i64().unwrap();
    let base = format!("/api/v1/my/applications/{id}");
    let (s, v) = post(&app, &format!("{base}/submit"), &me, json!({})).await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (422, Some("materials_missing"))
    );
    let (s, _) = upload(&app, &me, id, "年度工作报告", "report.pdf", pdf("年报")).await;
    assert_eq!(s, 201);
    let (s, _) = post(&app, &format!("{base}/submit"), &me, json!({})).await;
    assert_eq!(s, 200);
    let chaoyang = client(
        &app,
        official(&app, CHAOYANG).await,
        "/api/v1/admin/session",
    )
    .await;
    let steps = format!("/api/v1/admin/applications/{id}/steps");
    let (s, v) = post(
        &app,
        &steps,
        &chaoyang,
        step("needs_correction", "submitted"),
    )
    .await;
    assert_eq!((s, v["state"].as_str()), (200, Some("needs_correction")));
    let mut form = report_form();
    form["staff"] = json!(5);
    let (s, v) = send(
        &app,
        reqwest::Method::PUT,
        &format!("{base}/form"),
        &me,
        true,
        Some(json!({"form": form})),
    )
    .await;
    assert_eq!((s, v["form"]["staff"].as_str()), (200, Some("5")));
    // The edit after 需补正 is a step of the procedure, naming what changed.
    let edit = v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["action"] == "edit_form")
        .cloned()
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(edit["to_state"], "needs_correction");
    assert_eq!(edit["reason"], "修改申请表：专职工作人员数：“4”改为“5”");
    let (s, v) = post(
        &app,
        &format!("{base}/resubmit"),
        &me,
        json!({"note": "已补充人数"}),
    )
    .await;
    assert_eq!((s, v["state"].as_str()), (200, Some("corrected")));
    let (s, v) = post(
        &app,
        "/api/v1/admin/applications/batch",
        &chaoyang,
        json!({"ids": [id], "target": "approved", "reason": "年报完整"}),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["done"], 1);
    assert_eq!(v["failed"].as_array().unwrap().len(), 0);
    let (_, org) = app.json(&format!("/api/v1/orgs/{}", o.uscc)).await;
    let reports = org["sections"]["annual_reports"].as_array().unwrap();
    assert!(
        reports.iter().any(|r| r["year"] == 2025 && r["staff"] == 5),
        "{reports:?}"
    );
    app.finish().await;
}
