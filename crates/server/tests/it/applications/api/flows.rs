//! Through the JSON API end to end: 成立登记 from login to the new organization, and the 补正
//! loop with a form edit followed by the batch approval of annual reports.

use super::*;

#[tokio::test]
async fn establish_runs_end_to_end_through_the_json_api() {
    let app = TestApp::spawn().await;
    let me = person(&app, "13922223333").await;
    let me = client(&app, me, "/api/v1/my/session").await;
    let (s, v) = post(
        &app,
        "/api/v1/my/applications",
        &me,
        json!({"service": "establish", "form": establish_form()}),
    )
    .await;
    assert_eq!(s, 201, "{v}");
    assert_eq!(v["state"], "draft");
    assert_eq!(v["form"]["capital"], "50000");
    let id = v["id"].as_i64().unwrap();
    let base = format!("/api/v1/my/applications/{id}");
    for m in gongyi_types::applications::ServiceKind::Establish
        .materials()
        .iter()
        .filter(|m| m.required)
        .map(|m| m.name)
    {
        let bytes = pdf(m);
        let (s, v) = upload(&app, &me, id, m, &format!("dir/{m}.pdf"), bytes.clone()).await;
        assert_eq!(s, 201, "{v}");
        assert_eq!(v["sha256"], hex::encode(Sha256::digest(&bytes)));
        assert_eq!(v["size"], bytes.len());
        assert_eq!(v["media_type"], "application/pdf");
        assert_eq!(v["file_name"], format!("{m}.pdf"));
    }
    let (s, v) = post(&app, &format!("{base}/submit"), &me, json!({})).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["state"], "submitted");
    assert!(v["deadline"].is_string());

    // Another jurisdiction: 403, nothing moves.
    let haidian = client(&app, official(&app, HAIDIAN).await, "/api/v1/admin/session").await;
    let steps = format!("/api/v1/admin/applications/{id}/steps");
    let (s, v) = post(&app, &steps, &haidian, step("accepted", "submitted")).await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (403, Some("outside_jurisdiction"))
    );

    let chaoyang = client(
        &app,
        official(&app, CHAOYANG).await,
        "/api/v1/admin/session",
    )
    .await;
    // A step the state machine has no way to: 409 with its code.
    let (s, v) = post(&app, &steps, &chaoyang, step("approved", "submitted")).await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (409, Some("transition_not_allowed"))
    );
    // No reason: 422.
    let (s, v) = post(&app, &steps, &chaoyang, json!({"to": "accepted"})).await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (422, Some("reason_required"))
    );
    let (s, v) = post(&app, &steps, &chaoyang, step("accepted", "submitted")).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["state"], "accepted");
    // The client still thinks it is 已提交: the state changed meanwhile.
    let (s, v) = post(&app, &steps, &chaoyang, step("under_review", "submitted")).await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (409, Some("state_changed"))
    );
    let (s, _) = post(&app, &steps, &chaoyang, step("under_review", "accepted")).await;
    assert_eq!(s, 200);
    let (s, v) = post(&app, &steps, &chaoyang, step("approved", "under_review")).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["state"], "approved");
    let uscc = v["result_uscc"].as_str().unwrap().to_string();

    let (s, o) = app.json(&format!("/api/v1/orgs/{uscc}")).await;
    assert_eq!(s, 200, "{o}");
    assert_eq!(o["name"], "北京市朝阳区象棋爱好者协会");
    assert_eq!(o["legal_rep"], "钱棋手");
    assert_eq!(o["status"], "active");
    // The applicant reads every step with its reason.
    let (s, v) = send(&app, reqwest::Method::GET, &base, &me, false, None).await;
    assert_eq!(s, 200);
    assert!(v["steps"].to_string().contains("approved 理由"), "{v}");
    // Each of the five materials 《社会团体登记管理条例》第十一条 requires was uploaded once.
    assert_eq!(v["attachments"].as_array().unwrap().len(), 5);
    app.finish().await;
}

#[tokio::test]
async fn correction_loop_and_annual_report_batch_through_the_api() {
    let app = TestApp::spawn().await;
    let o = app.orgs[1].clone();
    let me = client(&app, org_account(&app, &o).await, "/api/v1/my/session").await;
    let (_, v) = post(
        &app,
        "/api/v1/my/applications",
        &me,
        json!({"service": "annual_report", "form": report_form()}),
    )
    .await;
    let id = v["id"].as_i64().unwrap();
    let base = format!("/api/v1/my/applications/{id}");
    let (s, v) = post(&app, &format!("{base}/submit"), &me, json!({})).await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (422, Some("materials_missing"))
    );
    let (s, _) = upload(&app, &me, id, "年度工作报告", "report.pdf", pdf("年报")).await;
    assert_eq!(s, 201);
    let (s, _) = post(&app, &format!("{base}/submit"), &me, json!({})).await;
    assert_eq!(s, 200);
    let chaoyang = client(
        &app,
        official(&app, CHAOYANG).await,
        "/api/v1/admin/session",
    )
    .await;
    let steps = format!("/api/v1/admin/applications/{id}/steps");
    let (s, v) = post(
        &app,
        &steps,
        &chaoyang,
        step("needs_correction", "submitted"),
    )
    .await;
    assert_eq!((s, v["state"].as_str()), (200, Some("needs_correction")));
    let mut form = report_form();
    form["staff"] = json!(5);
    let (s, v) = send(
        &app,
        reqwest::Method::PUT,
        &format!("{base}/form"),
        &me,
        true,
        Some(json!({"form": form})),
    )
    .await;
    assert_eq!((s, v["form"]["staff"].as_str()), (200, Some("5")));
    // The edit after 需补正 is a step of the procedure, naming what changed.
    let edit = v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["action"] == "edit_form")
        .cloned()
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(edit["to_state"], "needs_correction");
    assert_eq!(edit["reason"], "修改申请表：专职工作人员数：“4”改为“5”");
    let (s, v) = post(
        &app,
        &format!("{base}/resubmit"),
        &me,
        json!({"note": "已补充人数"}),
    )
    .await;
    assert_eq!((s, v["state"].as_str()), (200, Some("corrected")));
    let (s, v) = post(
        &app,
        "/api/v1/admin/applications/batch",
        &chaoyang,
        json!({"ids": [id], "target": "approved", "reason": "年报完整"}),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["done"], 1);
    assert_eq!(v["failed"].as_array().unwrap().len(), 0);
    let (_, org) = app.json(&format!("/api/v1/orgs/{}", o.uscc)).await;
    let reports = org["sections"]["annual_reports"].as_array().unwrap();
    assert!(
        reports.iter().any(|r| r["year"] == 2025 && r["staff"] == 5),
        "{reports:?}"
    );
    app.finish().await;
}
