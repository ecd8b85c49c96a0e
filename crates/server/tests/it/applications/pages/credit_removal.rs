//! 申请移出严重违法失信名单 as an online service: refused with the reason and the first day it
//! may apply while the 2 full years are not over; once they are, applied, submitted, accepted
//! and approved — the entry leaves the list with the removal kind `application`, the standing
//! follows at once in the lookup, and the daily job does not put it back.

use super::*;
use gongyi_store::credit::NewPenalty;
use gongyi_types::credit::PenaltyKind;

/// A ¥60,000 fine decided on `on`, listed serious by the job that day.
async fn listed_serious(app: &TestApp, uscc: &str, doc: &str, on: &str) -> i64 {
    let p = NewPenalty {
        doc_no: doc.into(),
        reason: "违反规定开展活动".into(),
        basis: "《社会团体登记管理条例》第三十条".into(),
        result: "罚款6万元".into(),
        kind: PenaltyKind::Fine,
        fine: Some(gongyi_types::Fen(6_000_000)),
        decided_on: NaiveDate::parse_from_str(on, "%Y-%m-%d").unwrap(),
        authority: "北京市朝阳区民政局".into(),
    };
    app.db
        .store
        .record_penalty(uscc, &p, "user:chaoyang", &format!("{on}T02:00:00Z"))
        .await
        .unwrap();
    for y in 2018..=2025 {
        let r = gongyi_types::AnnualReport {
            year: y,
            filed_on: NaiveDate::from_ymd_opt(y + 1, 3, 1).unwrap(),
            income: gongyi_types::Fen(100_000),
            expenditure: gongyi_types::Fen(90_000),
            net_assets: gongyi_types::Fen(10_000),
            staff: 2,
            members: None,
            summary: "活动".into(),
        };
        let _ = app
            .db
            .store
            .record_annual_report(uscc, &r, "test", "2026-01-01T00:00:00Z")
            .await;
    }
    gongyi_server::credit::run_job(
        &app.db.store,
        gongyi_server::credit::Views::of(&app.state),
        &app.state.config.credit_policy,
        NaiveDate::parse_from_str(on, "%Y-%m-%d").unwrap(),
        &format!("{on}T03:00:00Z"),
        |_| {},
    )
    .await
    .unwrap();
    let c = app.db.store.credit_entries(uscc).await.unwrap();
    let e = c.iter().find(|e| e.removed_on.is_none()).unwrap();
    assert_eq!(e.list.code(), "serious");
    e.id
}

#[tokio::test]
async fn an_organization_applies_to_leave_the_serious_list_after_two_full_years() {
    let app = TestApp::spawn().await;
    // Listed 2025-06-01: on the app's day (2026-11-27) the 2 years are not over.
    let early = add_org(&app, 931, "北京市朝阳区未满两年协会", "2019-01-01", false).await;
    let entry = listed_serious(
        &app,
        early.uscc.as_str(),
        "朝民罚字〔2025〕31号",
        "2025-06-01",
    )
    .await;
    let me = org_account(&app, &early).await;
    // The form shows the organization's open serious entries and from when each may leave.
    let html = app.page_with("/services/credit_removal/apply", &me).await;
    assert!(
        html.contains(&format!(">{entry}</td>")) && html.contains("自2027-06-02起可申请移出"),
        "{html}"
    );
    let r = apply(
        &app,
        &me,
        "credit_removal",
        &[("entry_id", &entry.to_string()), ("statement", "已整改")],
    )
    .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("自2027-06-02起可申请移出"), "{body}");
    let (_, mine) = json_with(&app, "/api/v1/my/applications", &me).await;
    assert_eq!(mine.as_array().map(Vec::len), Some(0), "{mine}");

    // Listed 2024-06-01: it may apply since 2026-06-02.
    let o = add_org(&app, 932, "北京市朝阳区满两年协会", "2019-01-01", false).await;
    let u = o.uscc.as_str();
    let entry = listed_serious(&app, u, "朝民罚字〔2024〕32号", "2024-06-01").await;
    let me = org_account(&app, &o).await;
    // Another organization's entry, or a wrong number, is refused.
    let r = apply(
        &app,
        &me,
        "credit_removal",
        &[("entry_id", "999999"), ("statement", "x")],
    )
    .await;
    assert_eq!(r.status(), 422);
    let id = apply_ok(
        &app,
        &me,
        "credit_removal",
        &[
            ("entry_id", &entry.to_string()),
            ("statement", "罚款已缴清，列入期间未再违法违规"),
        ],
    )
    .await;
    upload_ok(&app, &me, id, "移出严重违法失信名单申请书").await;
    assert_eq!(applicant_post(&app, &me, id, "submit").await.status(), 303);
    let chaoyang = official(&app, CHAOYANG).await;
    steps_ok(&app, &chaoyang, id, &["accept", "start_review", "approve"]).await;
    assert_eq!(state_of(&app, id).await, "approved");

    let entries = app.db.store.credit_entries(u).await.unwrap();
    let e = entries.iter().find(|e| e.id == entry).unwrap();
    assert_eq!(e.removal_kind.as_deref(), Some("application"));
    assert!(e.removed_reason.as_deref().unwrap().contains("经申请"));
    let (_, v) = app.json(&format!("/api/v1/orgs/{u}/credit")).await;
    assert_eq!(v["credit"], "normal", "{v}");
    // The lookup knows at once.
    let r = app
        .client
        .post(app.url("/api/v1/lookup"))
        .json(&serde_json::json!({"codes": [u]}))
        .send()
        .await
        .unwrap();
    let v: Value = r.json().await.unwrap();
    assert!(v.to_string().contains("\"normal\""), "{v}");
    // The daily job does not list it again for the same fine.
    gongyi_server::credit::run_job(
        &app.db.store,
        gongyi_server::credit::Views::of(&app.state),
        &app.state.config.credit_policy,
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        "2026-11-28T03:00:00Z",
        |_| {},
    )
    .await
    .unwrap();
    let (_, v) = app.json(&format!("/api/v1/orgs/{u}/credit")).await;
    assert_eq!(v["credit"], "normal", "{v}");
    app.finish().await;
}
