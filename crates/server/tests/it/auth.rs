//! Logins: argon2id, cookie flags, CSRF, throttling, redirects.

use crate::support::{CHAOYANG, PASSWORD, TestApp, hidden};

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
