//! One account system: one login and one session per account, whatever its roles; a login name
//! is unique across roles; either door (`/login`, `/account/login`) opens the same session and
//! leads to the account's home; logins from before the unification still work after the upgrade.

use crate::support::{CHAOYANG, PASSWORD, TestApp, form_csrf, register_person, set_cookies};
use gongyi_store::accounts::applicants::{KIND_PERSON, NewApplicant};
use gongyi_store::testing::TestDb;
use gongyi_store::{NewUser, StoreError};

const APW: &str = "Applicant-pass-1";

/// Posts a login form at `door` (`/login` or `/account/login`): (status, location, session cookie).
async fn log_in(
    app: &TestApp,
    door: &str,
    field: &str,
    login: &str,
    pw: &str,
) -> (u16, String, String) {
    let (c, t) = form_csrf(app, door).await;
    let r = app
        .post_form(
            door,
            &c,
            &[("csrf", t.as_str()), (field, login), ("password", pw)],
        )
        .await;
    let location = r
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let session = set_cookies(&r)
        .into_iter()
        .find(|c| c.starts_with("gongyi_session=") && !c.ends_with('='))
        .unwrap_or_default();
    (r.status().as_u16(), location, session)
}

#[tokio::test]
async fn either_door_opens_one_session_and_leads_to_the_roles_home() {
    let app = TestApp::spawn().await;
    let r = register_person(&app, "13900000001", APW).await;
    assert_eq!(r.status(), 303);

    // An applicant at the officials' door: logged in, sent to the applications, not the workbench.
    let (s, to, person) = log_in(&app, "/login", "username", "13900000001", APW).await;
    assert_eq!((s, to.as_str()), (303, "/my/applications"));
    let cookie = person.split(';').next().unwrap().to_string();
    assert_eq!(
        app.get_with("/api/v1/my/session", &cookie).await.status(),
        200
    );
    assert_eq!(
        app.get_with("/api/v1/admin/session", &cookie)
            .await
            .status(),
        401
    );
    assert_eq!(app.get_with("/admin", &cookie).await.status(), 303);

    // An official at the applicants' door (username as typed, not upper-cased): the workbench.
    let (s, to, official) = log_in(&app, "/account/login", "login", CHAOYANG, PASSWORD).await;
    assert_eq!((s, to.as_str()), (303, "/admin"));
    let cookie = official.split(';').next().unwrap().to_string();
    let r = app.get_with("/api/v1/admin/session", &cookie).await;
    assert_eq!(r.status(), 200);
    let csrf = r.json::<serde_json::Value>().await.unwrap()["csrf_token"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        app.get_with("/api/v1/my/session", &cookie).await.status(),
        401
    );

    // Logging out at either door ends the one session.
    let r = app
        .post_form("/account/logout", &cookie, &[("csrf", csrf.as_str())])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        app.get_with("/api/v1/admin/session", &cookie)
            .await
            .status(),
        401
    );

    // Wrong passwords are refused alike at both doors, and audited once per attempt.
    let (s, _, c) = log_in(
        &app,
        "/account/login",
        "login",
        CHAOYANG,
        "wrong-Password-1",
    )
    .await;
    assert_eq!((s, c.as_str()), (401, ""));
    let trail = app
        .db
        .store
        .audit_recent_in(
            gongyi_types::DivisionCode::parse("110105").unwrap(),
            30,
            100,
        )
        .await
        .unwrap();
    let failed = trail
        .iter()
        .filter(|a| a.action == "session.login_failed" && a.entity_id == CHAOYANG)
        .count();
    assert_eq!(failed, 1);
    app.finish().await;
}

#[tokio::test]
async fn a_login_name_belongs_to_one_account_across_roles() {
    let db = TestDb::new().await;
    let at = "2026-12-03T00:00:00Z";
    let user = NewUser {
        username: "13900000002".into(),
        display_name: "工作人员".into(),
        password_hash: "$argon2id$x".into(),
        role: "officer".into(),
        division: "110105".into(),
    };
    db.store.create_user(&user, "test", at).await.unwrap();
    let person = NewApplicant {
        kind: KIND_PERSON,
        login: "13900000002".into(),
        uscc: None,
        display_name: "王某".into(),
        contact_name: "王某".into(),
        phone: "13900000002".into(),
        password_hash: "$argon2id$y".into(),
    };
    let e = db
        .store
        .create_applicant(&person, "test", at)
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Conflict(_)), "{e:?}");
    // Nothing half-written: no applicant role, the official's login unchanged.
    assert!(
        db.store
            .applicant_by_login("13900000002")
            .await
            .unwrap()
            .is_none()
    );
    let login = db
        .store
        .login_by_name("13900000002")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(login.password_hash, "$argon2id$x");
    let roles = db.store.roles(login.id).await.unwrap();
    assert!(roles.official.is_some() && roles.applicant.is_none());
    db.drop_db().await;
}

#[tokio::test]
async fn logins_made_before_the_unification_survive_the_upgrade() {
    let db = TestDb::empty().await;
    db.store.migrate_to(10).await.unwrap();
    let at = "2026-12-01T00:00:00Z";
    for sql in [
        format!(
            "INSERT INTO users (username, display_name, password_hash, role, division, disabled, created_at) VALUES ('old-official', '老工作人员', '$argon2id$official', 'officer', '110105', 0, '{at}')"
        ),
        format!(
            "INSERT INTO applicant_accounts (kind, login, uscc, display_name, contact_name, phone, password_hash, created_at, disabled) VALUES ('person', '13900000003', NULL, '老申请人', '老申请人', '13900000003', '$argon2id$person', '{at}', 1)"
        ),
    ] {
        db.store.execute_raw(&sql).await.unwrap();
    }
    assert_eq!(db.store.migrate().await.unwrap().first(), Some(&11));

    let official = db
        .store
        .login_by_name("old-official")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(official.password_hash, "$argon2id$official");
    assert!(!official.disabled);
    let u = db
        .store
        .user_by_name("old-official")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (u.account_id, u.password_hash.as_str()),
        (official.id, "$argon2id$official")
    );

    // A disabled applicant stays disabled; its role row no longer holds the hash.
    let person = db
        .store
        .login_by_name("13900000003")
        .await
        .unwrap()
        .unwrap();
    assert!(person.disabled);
    let a = db
        .store
        .applicant_by_account(person.id)
        .await
        .unwrap()
        .unwrap();
    assert!(a.disabled);
    let stale: String = sqlx::query_scalar("SELECT password_hash FROM applicant_accounts")
        .fetch_one(db.store.pool())
        .await
        .unwrap();
    assert_eq!(stale, "");
    db.drop_db().await;
}
