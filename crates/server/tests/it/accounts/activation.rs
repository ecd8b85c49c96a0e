//! Organizations' online-services accounts: claimed only with the activation code their
//! registration authority issues (the code and the 法定代表人's name are public, and sufficed
//! before), and taken back with a new code when someone else holds the account.

use crate::support::{CHAOYANG, HAIDIAN, PASSWORD, TestApp, hidden, set_cookies};
use gongyi_types::Organization;

const APW: &str = "Applicant-pass-1";
const OTHER_PW: &str = "Hijacker-pass-9";

/// Registers `o` with `code` and `password`; returns the status.
async fn register(app: &TestApp, o: &Organization, code: &str, password: &str) -> u16 {
    let (c, t) = crate::support::form_csrf(app, "/account/register").await;
    app.post_form(
        "/account/register",
        &c,
        &[
            ("csrf", &t),
            ("kind", "org"),
            ("uscc", o.uscc.as_str()),
            ("legal_rep", &o.legal_rep),
            ("activation_code", code),
            ("contact_name", "经办人"),
            ("phone", "13800138000"),
            ("password", password),
            ("password2", password),
        ],
    )
    .await
    .status()
    .as_u16()
}

/// Logs in as `o`; the session cookie, or the status.
async fn login(app: &TestApp, o: &Organization, password: &str) -> Result<String, u16> {
    let (c, t) = crate::support::form_csrf(app, "/account/login").await;
    let r = app
        .post_form(
            "/account/login",
            &c,
            &[
                ("csrf", &t),
                ("login", o.uscc.as_str()),
                ("password", password),
            ],
        )
        .await;
    match set_cookies(&r)
        .into_iter()
        .find(|c| c.starts_with("gongyi_session=") && c.len() > 20)
    {
        Some(c) if r.status().as_u16() == 303 => Ok(c),
        _ => Err(r.status().as_u16()),
    }
}

/// The code an official issues on `/admin/orgs/{uscc}/account`.
async fn issue(app: &TestApp, cookie: &str, o: &Organization) -> (u16, String) {
    let path = format!("/admin/orgs/{}/account", o.uscc);
    let r = app.get_with(&path, cookie).await;
    if r.status() != 200 {
        return (r.status().as_u16(), String::new());
    }
    let csrf = hidden(&r.text().await.unwrap(), "csrf");
    let r = app.post_form(&path, cookie, &[("csrf", &csrf)]).await;
    let status = r.status().as_u16();
    let html = r.text().await.unwrap();
    let code = html
        .split("<code>")
        .filter_map(|s| s.split("</code>").next())
        .find(|s| s.len() == 19 && s.matches('-').count() == 3)
        .unwrap_or_default()
        .to_string();
    (status, code)
}

#[tokio::test]
async fn an_org_account_needs_the_authoritys_code_and_can_be_taken_back() {
    let app = TestApp::spawn().await;
    let o = app.orgs[1].clone(); // 朝阳区
    // The public facts alone (code + 法定代表人, as the old form asked): refused, nothing stored.
    assert_eq!(register(&app, &o, "", APW).await, 422);
    assert_eq!(register(&app, &o, "ABCD-EFGH-JKMN-PQRS", APW).await, 422);
    assert!(
        app.db
            .store
            .applicant_by_login(o.uscc.as_str())
            .await
            .unwrap()
            .is_none()
    );

    // Another county's official may not issue a code for it.
    let haidian = app.login(HAIDIAN, PASSWORD).await.unwrap();
    assert_eq!(issue(&app, &haidian, &o).await.0, 403);
    // Its own authority issues one; someone gets hold of it first and opens the account.
    let chaoyang = app.login(CHAOYANG, PASSWORD).await.unwrap();
    let (s, first) = issue(&app, &chaoyang, &o).await;
    assert_eq!((s, first.len()), (200, 19), "{first}");
    assert_eq!(
        register(&app, &o, &first.to_lowercase(), OTHER_PW).await,
        303
    );
    let hijacker = login(&app, &o, OTHER_PW).await.unwrap();
    assert_eq!(
        app.get_with("/my/applications", &hijacker).await.status(),
        200
    );
    // A code is used once.
    assert_eq!(register(&app, &o, &first, APW).await, 422);

    // The organization asks its authority for a new code and takes the account back: the old
    // password no longer works and the other session has ended.
    let (_, second) = issue(&app, &chaoyang, &o).await;
    assert_ne!(second, first);
    assert_eq!(register(&app, &o, &second, APW).await, 303);
    assert!(login(&app, &o, OTHER_PW).await.is_err());
    let r = app.get_with("/my/applications", &hijacker).await;
    assert_eq!(r.status(), 303, "the other session was ended");
    let mine = login(&app, &o, APW).await.unwrap();
    assert_eq!(app.get_with("/my/applications", &mine).await.status(), 200);

    // The page shows the account and the codes (not the codes themselves later).
    let page = app
        .page_with(&format!("/admin/orgs/{}/account", o.uscc), &chaoyang)
        .await;
    assert!(page.contains("已开通") && !page.contains(&second), "{page}");
    let codes = app
        .db
        .store
        .activation_codes(o.uscc.as_str())
        .await
        .unwrap();
    assert_eq!(codes.len(), 2);
    assert!(codes.iter().all(|c| c.used_at.is_some()));
    let audit = app
        .state
        .store
        .audit_for(gongyi_types::EntityKind::Applicant, o.uscc.as_str(), 10)
        .await
        .unwrap();
    assert!(
        audit.iter().any(|a| a.action == "applicant.reset"),
        "{audit:?}"
    );
    app.finish().await;
}

/// A person's registration answers alike whether or not the number has an account.
#[tokio::test]
async fn person_registration_does_not_tell_which_numbers_have_accounts() {
    let app = TestApp::spawn().await;
    let post = |phone: &'static str| {
        let app = &app;
        async move {
            let r = crate::support::register_person(app, phone, APW).await;
            (
                r.status().as_u16(),
                r.headers()["location"].to_str().unwrap().to_string(),
            )
        }
    };
    let first = post("13911112222").await;
    let again = post("13911112222").await;
    assert_eq!(first.0, 303);
    assert_eq!(first, again);
    app.finish().await;
}
