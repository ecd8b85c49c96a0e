//! Logins: argon2id, cookie flags, CSRF, throttling, redirects.

use crate::support::{CHAOYANG, PASSWORD, Setup, TestApp, hidden};

#[tokio::test]
async fn login_sets_a_safe_cookie_and_opens_admin() {
    let app = TestApp::spawn().await;
    let r = app.get("/admin").await;
    assert_eq!(r.status().as_u16(), 303);
    assert!(
        r.headers()
            .get("location")
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("/login?next=")
    );

    let bad = app.login(CHAOYANG, "wrong-password-1").await.unwrap_err();
    assert_eq!(bad.status().as_u16(), 401);
    assert!(bad.text().await.unwrap().contains("用户名或密码错误"));

    let page = app.get("/login").await;
    let raw = page
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect::<Vec<_>>();
    assert!(
        raw.iter()
            .any(|c| c.contains("HttpOnly") && c.contains("SameSite=Lax"))
    );

    let cookie = app.login(CHAOYANG, PASSWORD).await.unwrap();
    let r = app.get_with("/admin", &cookie).await;
    assert_eq!(r.status().as_u16(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("北京市朝阳区"));
    assert!(
        html.contains("session.login"),
        "the login is in the audit trail"
    );

    // Logout needs the CSRF token; with it the session ends.
    let r = app
        .client
        .post(app.url("/logout"))
        .header("cookie", &cookie)
        .form(&[("csrf", "forged")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 403);
    let csrf = hidden(&html, "csrf");
    let r = app
        .client
        .post(app.url("/logout"))
        .header("cookie", &cookie)
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(app.get_with("/admin", &cookie).await.status().as_u16(), 303);
    app.finish().await;
}

#[tokio::test]
async fn login_without_the_form_token_is_refused() {
    let app = TestApp::spawn().await;
    let r = app
        .client
        .post(app.url("/login"))
        .form(&[
            ("username", CHAOYANG),
            ("password", PASSWORD),
            ("csrf", "x"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 403);
    assert!(r.text().await.unwrap().contains("csrf_failed"));
    app.finish().await;
}

#[tokio::test]
async fn repeated_failures_are_throttled() {
    let app = TestApp::spawn().await;
    for _ in 0..5 {
        assert_eq!(
            app.login(CHAOYANG, "wrong-password-1")
                .await
                .unwrap_err()
                .status()
                .as_u16(),
            401
        );
    }
    // Even the right password is refused while throttled.
    let r = app.login(CHAOYANG, PASSWORD).await.unwrap_err();
    assert_eq!(r.status().as_u16(), 429);
    assert!(r.text().await.unwrap().contains("登录失败次数过多"));
    app.finish().await;
}

#[tokio::test]
async fn import_templates_download_for_officials() {
    let app = TestApp::spawn().await;
    assert_eq!(
        app.get("/admin/templates/orgs.csv").await.status().as_u16(),
        303
    );
    let cookie = app.login(CHAOYANG, PASSWORD).await.unwrap();
    let r = app.get_with("/admin/templates/orgs.csv", &cookie).await;
    assert_eq!(r.status().as_u16(), 200);
    let body = r.text().await.unwrap();
    assert!(body.contains("统一社会信用代码") && body.contains("53100000500019795A"));
    let r = app.get_with("/admin/templates/orgs.xlsx", &cookie).await;
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(&r.bytes().await.unwrap()[..2], b"PK");
    app.finish().await;
}

/// A login form post from a given client address (through the trusted test proxy).
async fn login_from(
    app: &TestApp,
    client_ip: &str,
    user: &str,
    password: &str,
    next: &str,
) -> reqwest::Response {
    const T: &str = "client-chosen-token-0123456789";
    app.client
        .post(app.url("/login"))
        .header("cookie", format!("gongyi_login_csrf={T}"))
        .header("x-forwarded-for", client_ip)
        .form(&[
            ("username", user),
            ("password", password),
            ("csrf", T),
            ("next", next),
        ])
        .send()
        .await
        .unwrap()
}

fn behind_proxy() -> Setup {
    Setup {
        trusted_proxies: vec!["127.0.0.1".parse().unwrap()],
        ..Setup::default()
    }
}

/// Five wrong passwords from one address block that address's attempts at the account, not
/// the account: its owner elsewhere logs in (after a short wait). Failures are audited.
#[tokio::test]
async fn a_guesser_cannot_lock_the_owner_out() {
    let app = TestApp::spawn_with(behind_proxy()).await;
    for _ in 0..5 {
        let r = login_from(&app, "192.0.2.1", CHAOYANG, "wrong-password-1", "/admin").await;
        assert_eq!(r.status().as_u16(), 401);
    }
    let r = login_from(&app, "192.0.2.1", CHAOYANG, PASSWORD, "/admin").await;
    assert_eq!(r.status().as_u16(), 429, "the guesser's address is blocked");
    let r = login_from(&app, "198.51.100.7", CHAOYANG, PASSWORD, "/admin").await;
    assert_eq!(
        r.status().as_u16(),
        303,
        "the owner elsewhere is not locked out"
    );
    let audit = app
        .state
        .store
        .audit_for(gongyi_types::EntityKind::User, CHAOYANG, 50)
        .await
        .unwrap();
    let failed: Vec<_> = audit
        .iter()
        .filter(|a| a.action == "session.login_failed")
        .collect();
    assert_eq!(failed.len(), 5, "{audit:?}");
    assert!(failed[0].detail.contains("192.0.2.1"));
    app.finish().await;
}

/// `next` is followed only when it is a plain local path: a TAB (which browsers drop, making
/// `//evil.example`) or a control character (an invalid header: a 500 after the session was
/// set) falls back to the workbench.
#[tokio::test]
async fn next_is_only_a_plain_local_path() {
    let app = TestApp::spawn_with(behind_proxy()).await;
    for (i, next) in [
        "/\t/evil.example/phish",
        "/\n/x",
        "/\u{1}x",
        "//evil.example",
    ]
    .into_iter()
    .enumerate()
    {
        let r = login_from(
            &app,
            &format!("192.0.2.{}", 10 + i),
            CHAOYANG,
            PASSWORD,
            next,
        )
        .await;
        assert_eq!(r.status().as_u16(), 303, "{next:?}");
        assert_eq!(r.headers()["location"], "/admin", "{next:?}");
    }
    let r = login_from(
        &app,
        "192.0.2.20",
        CHAOYANG,
        PASSWORD,
        "/admin/cases?state=clue",
    )
    .await;
    assert_eq!(r.headers()["location"], "/admin/cases?state=clue");
    // Logged in, the login page redirects at once: the same rule.
    let cookie = app.login(CHAOYANG, PASSWORD).await.unwrap();
    let r = app.get_with("/login?next=/%09/evil.example", &cookie).await;
    assert_eq!(r.headers()["location"], "/admin");
    app.finish().await;
}

/// A county official's workbench lists the audit trail of the county only — not other
/// counties' logins (with their addresses) and edits.
#[tokio::test]
async fn the_workbench_shows_only_the_jurisdictions_audit_trail() {
    let app = TestApp::spawn().await;
    app.login(crate::support::HAIDIAN, PASSWORD).await.unwrap();
    let cookie = app.login(CHAOYANG, PASSWORD).await.unwrap();
    let html = app.page_with("/admin", &cookie).await;
    assert!(html.contains("user:chaoyang"), "its own login is listed");
    assert!(
        !html.contains("user:haidian"),
        "another county's login is not"
    );
    app.finish().await;
}

/// Logged-in pages are not kept by shared caches.
#[tokio::test]
async fn logged_in_pages_are_not_cached() {
    let app = TestApp::spawn().await;
    let cookie = app.login(CHAOYANG, PASSWORD).await.unwrap();
    for path in ["/admin", "/api/v1/admin/session", "/admin/cases"] {
        let r = app.get_with(path, &cookie).await;
        assert_eq!(r.status().as_u16(), 200, "{path}");
        assert_eq!(r.headers()["cache-control"], "no-store", "{path}");
    }
    // A public page may be cached.
    let r = app.get("/").await;
    assert!(
        r.headers()
            .get("cache-control")
            .is_none_or(|v| v != "no-store")
    );
    app.finish().await;
}

/// Without a session a page redirects to the login and back: a GET to itself, a form post to
/// the page the form was on (its Referer, when it is this site's), a forged Referer to the
/// workbench.
#[tokio::test]
async fn pages_without_a_session_lead_back_after_login() {
    let app = TestApp::spawn().await;
    let o = app.orgs[1].uscc.to_string();
    let location = |r: &reqwest::Response| r.headers()["location"].to_str().unwrap().to_string();
    let r = app.get(&format!("/admin/orgs/{o}/credit")).await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        location(&r),
        format!("/login?next=%2Fadmin%2Forgs%2F{o}%2Fcredit")
    );
    let post = |referer: String| {
        app.client
            .post(app.url(&format!("/admin/orgs/{o}/edit")))
            .header("referer", referer)
            .form(&[("csrf", "x"), ("address", "北京市朝阳区某路1号")])
            .send()
    };
    let r = post(app.url(&format!("/admin/orgs/{o}/edit")))
        .await
        .unwrap();
    assert_eq!(
        location(&r),
        format!("/login?next=%2Fadmin%2Forgs%2F{o}%2Fedit")
    );
    let r = post("https://evil.example/phish".into()).await.unwrap();
    assert_eq!(location(&r), "/login?next=%2Fadmin");
    // Applicants' pages lead to the applicants' login.
    let r = app.get("/my/applications/3").await;
    assert_eq!(location(&r), "/account/login?next=%2Fmy%2Fapplications%2F3");
    app.finish().await;
}
