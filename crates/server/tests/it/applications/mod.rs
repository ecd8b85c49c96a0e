//! The online services (一网通办) through the pages and through the JSON API; the helpers both
//! use are here.

mod api;
mod pages;

use crate::support::{PASSWORD, TestApp, activation_code, form_csrf, set_cookies};
use gongyi_types::Organization;

/// The applicants' password in these tests.
const APW: &str = "Applicant-pass-1";

/// A small valid PDF whose bytes differ by `tag`.
fn pdf(tag: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {tag}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n").into_bytes()
}

/// An official's session cookie.
async fn official(app: &TestApp, user: &str) -> String {
    app.login(user, PASSWORD).await.unwrap()
}

async fn register_org(app: &TestApp, o: &Organization, code: &str) -> reqwest::Response {
    let (c, t) = form_csrf(app, "/account/register").await;
    app.post_form(
        "/account/register",
        &c,
        &[
            ("csrf", &t),
            ("kind", "org"),
            ("uscc", o.uscc.as_str()),
            ("activation_code", code),
            ("contact_name", "李经办"),
            ("phone", "13800138000"),
            ("password", APW),
            ("password2", APW),
        ],
    )
    .await
}

async fn login_applicant(app: &TestApp, login: &str) -> String {
    let (c, t) = form_csrf(app, "/account/login").await;
    let r = app
        .post_form(
            "/account/login",
            &c,
            &[("csrf", &t), ("login", login), ("password", APW)],
        )
        .await;
    assert_eq!(r.status(), 303);
    set_cookies(&r)
        .into_iter()
        .find(|c| c.starts_with("gongyi_session=") && c.len() > 20)
        .unwrap()
}

/// An organization's account, registered through the form, logged in.
async fn org_account(app: &TestApp, o: &Organization) -> String {
    let code = activation_code(app, o.uscc.as_str()).await;
    let r = register_org(app, o, &code).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    login_applicant(app, o.uscc.as_str()).await
}

/// A person's account (for 成立登记).
async fn person_account(app: &TestApp, phone: &str) -> String {
    let r = crate::support::register_person(app, phone, APW).await;
    assert_eq!(r.status(), 303);
    let next = r.headers()["location"].to_str().unwrap().to_string();
    let html = app.get(&next).await.text().await.unwrap();
    assert!(
        html.contains("注册已完成") && html.contains(phone),
        "{html}"
    );
    login_applicant(app, phone).await
}
