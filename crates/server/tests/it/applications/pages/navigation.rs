//! Every page has a way on: an applicant's header has 我的申请 and 退出 (not 工作人员登录) on
//! public pages and error pages alike, an official's has 工作台; progress shows Beijing time.

use super::*;

#[tokio::test]
async fn the_header_follows_the_role_and_times_are_beijing_time() {
    let app = TestApp::spawn().await;
    let o = app.orgs[1].clone();
    let me = org_account(&app, &o).await;
    for path in ["/", "/services", &format!("/orgs/{}", o.uscc)] {
        let html = app.page_with(path, &me).await;
        assert!(
            html.contains("href=\"/my/applications\">我的申请"),
            "{path}"
        );
        assert!(html.contains("action=\"/account/logout\""), "{path}");
        assert!(!html.contains("工作人员登录"), "{path}");
    }
    let r = app.get_with("/no/such/page", &me).await;
    assert_eq!(r.status(), 404);
    let html = r.text().await.unwrap();
    assert!(html.contains("页面不存在") && html.contains("href=\"/my/applications\">我的申请"));

    // The progress log of an application: 2026-11-27T02:00:00Z is 10:00 in Beijing.
    let id = apply_ok(
        &app,
        &me,
        "evaluation",
        &[("grade", "3A"), ("self_assessment", "自评")],
    )
    .await;
    let html = app.page_with(&format!("/my/applications/{id}"), &me).await;
    assert!(html.contains("2026年11月27日 10:00"), "{html}");
    assert!(!html.contains(">2026-11-27T02:00:00Z<"));

    let chaoyang = official(&app, CHAOYANG).await;
    let html = app.page_with("/", &chaoyang).await;
    assert!(html.contains("href=\"/admin\">工作台"));
}
