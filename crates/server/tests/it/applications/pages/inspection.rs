//! The 年检结论 of an annual report: 准予 is 合格 or 基本合格, 不予 is 不合格 — each recorded in
//! the registry's inspections (the credit rules read them) and named in the reason the
//! applicant reads; "准予" with 不合格 is refused.

use super::*;

async fn submitted_report(app: &TestApp, o: &Organization) -> i64 {
    let me = org_account(app, o).await;
    let id = apply_ok(app, &me, "annual_report", &report_form()).await;
    upload_ok(app, &me, id, "年度工作报告").await;
    assert_eq!(applicant_post(app, &me, id, "submit").await.status(), 303);
    id
}

/// The 年检结论 recorded for `year` (a synthetic organization may hold an older record too).
fn inspections_of(v: &Value, year: i64) -> Vec<String> {
    v["sections"]["inspections"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["year"] == year)
        .map(|i| i["result"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn annual_report_conclusions_are_qualified_basically_qualified_or_unqualified() {
    let app = TestApp::spawn().await;
    let (a, b) = (app.orgs[1].clone(), app.orgs[4].clone());
    let (ida, idb) = (
        submitted_report(&app, &a).await,
        submitted_report(&app, &b).await,
    );
    let chaoyang = official(&app, CHAOYANG).await;
    for id in [ida, idb] {
        steps_ok(&app, &chaoyang, id, &["accept", "start_review"]).await;
    }
    // 基本合格 through 年检合格, the conclusion heading the reason.
    let r = official_step(
        &app,
        &chaoyang,
        ida,
        "approve",
        "财务制度有待完善",
        &[("result", "basically_qualified")],
    )
    .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    assert!(
        inspections_of(&api_org(&app, a.uscc.as_str()).await, 2025)
            .contains(&"basically_qualified".to_string())
    );
    let (_, v) = json_with(
        &app,
        &format!("/api/v1/my/applications/{ida}"),
        &org_account(&app, &a).await,
    )
    .await;
    assert!(
        v["steps"]
            .to_string()
            .contains("年检结论：基本合格。财务制度有待完善"),
        "{v}"
    );
    // 不合格 is not a 准予: refused, nothing recorded; 年检不合格 records it.
    let r = official_step(
        &app,
        &chaoyang,
        idb,
        "approve",
        "x",
        &[("result", "unqualified")],
    )
    .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("年检不合格"));
    assert_eq!(state_of(&app, idb).await, "under_review");
    assert!(
        !inspections_of(&api_org(&app, b.uscc.as_str()).await, 2025)
            .contains(&"unqualified".to_string())
    );
    let r = official_step(&app, &chaoyang, idb, "deny", "未按规定使用资金", &[]).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    assert_eq!(state_of(&app, idb).await, "denied");
    assert!(
        inspections_of(&api_org(&app, b.uscc.as_str()).await, 2025)
            .contains(&"unqualified".to_string())
    );
    let html = app
        .page_with(&format!("/admin/applications/{idb}"), &chaoyang)
        .await;
    assert!(
        html.contains("年检不合格") && html.contains("年检结论：不合格。"),
        "{html}"
    );
    app.finish().await;
}
