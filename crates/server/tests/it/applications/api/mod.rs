//! The online services driven through the JSON API only, as a partner's portal would: login by
//! the form posts with a self-chosen double-submit token, the CSRF token from the session
//! endpoints in `X-CSRF-Token`, apply, upload the raw file, submit; an official accepts and
//! approves and the registry changes. Also: writes without the header, another jurisdiction,
//! a state changed meanwhile, malformed forms and bad files storing nothing, the 补正 loop with
//! a form edit and the batch of annual reports. The helpers are here; the flows that succeed
//! are in `flows.rs`, the refusals in `refusals.rs`.

use super::{APW, official, pdf};
use crate::support::{CHAOYANG, HAIDIAN, TestApp, set_cookies};
use gongyi_types::Organization;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// The double-submit token a non-browser client picks for the login forms.
const T: &str = "client-chosen-token-0123456789";

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
        cookies
            .into_iter()
            .find(|c| c.starts_with("gongyi_session=") && !c.ends_with('=')),
        r.text().await.unwrap(),
    )
}

async fn register(app: &TestApp, f: &[(&str, &str)]) {
    let mut all = f.to_vec();
    all.extend_from_slice(&[("password", APW), ("password2", APW)]);
    let (s, _, body) = form_post(app, "/account/register", "gongyi_login_csrf", &all).await;
    assert_eq!(s, 303, "{body}");
}

async fn applicant_login(app: &TestApp, login: &str) -> String {
    let (s, c, body) = form_post(
        app,
        "/account/login",
        "gongyi_login_csrf",
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

/// An organization's account as a JSON client opens it: the form posts with a token of the
/// client's choosing (unlike `super::org_account`, which reads the page's token like a browser).
async fn org_account(app: &TestApp, o: &Organization) -> String {
    let code = crate::support::activation_code(app, o.uscc.as_str()).await;
    register(
        app,
        &[
            ("kind", "org"),
            ("uscc", o.uscc.as_str()),
            ("activation_code", &code),
            ("contact_name", "李经办"),
            ("phone", "13800138000"),
        ],
    )
    .await;
    applicant_login(app, o.uscc.as_str()).await
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

mod flows;
mod races;
mod refusals;
