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

#[tokio::test]
async fn the_workbench_counts_the_jurisdictions_open_work_and_its_organizations() {
    let app = TestApp::spawn().await;
    let o = app.orgs[1].clone();
    let me = org_account(&app, &o).await;
    let id = apply_ok(
        &app,
        &me,
        "evaluation",
        &[("grade", "3A"), ("self_assessment", "自评")],
    )
    .await;
    upload_ok(&app, &me, id, "评估申请书").await;
    assert_eq!(applicant_post(&app, &me, id, "submit").await.status(), 303);
    let chaoyang = official(&app, CHAOYANG).await;
    let html = app.page_with("/admin", &chaoyang).await;
    assert!(html.contains("<strong>1</strong> 件申请待办理"), "{html}");
    assert!(html.contains("件执法案件未办结"));
    let mine = app
        .orgs
        .iter()
        .filter(|x| x.division.to_string() == "110105")
        .count();
    assert!(
        html.contains(&format!("辖区登记社会组织 <strong>{mine}</strong> 家")),
        "{html}"
    );
    // The map shows where the jurisdiction lies, its province shaded with its count.
    assert!(
        html.contains("辖区社会组织在全国的位置与数量") && html.contains("<svg"),
        "{html}"
    );
    assert!(html.contains(&format!("：{mine} 家</title>")), "{html}");
    // Past the time limit (5 working days): overdue.
    app.clock
        .set(Utc.with_ymd_and_hms(2027, 1, 20, 2, 0, 0).unwrap());
    let chaoyang = official(&app, CHAOYANG).await;
    let html = app.page_with("/admin", &chaoyang).await;
    assert!(
        html.contains("<strong class=\"overdue\">1</strong> 件已超期"),
        "{html}"
    );
}
