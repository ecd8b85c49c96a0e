//! Each service's approval written into the registry: 成立 creates the organization, 变更 goes
//! through the 补正 loop into the change record, 注销, annual reports in a batch, the evaluation
//! grade with its validity, and 公开募捐资格 with the one-year rule.

use super::*;

#[tokio::test]
async fn establish_runs_end_to_end_and_creates_the_organization() {
    let app = TestApp::spawn().await;
    let me = person_account(&app, "13911112222").await;
    let id = apply_ok(&app, &me, "establish", &establish_form()).await;
    // Submitting without the required materials is refused, nothing moves.
    let r = applicant_post(&app, &me, id, "submit").await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("materials_missing"));
    // One material short (住所使用证明 is required by 《社会团体登记管理条例》第十一条): refused.
    for m in required_materials("establish") {
        if m != "住所使用证明" {
            upload_ok(&app, &me, id, m).await;
        }
    }
    let r = applicant_post(&app, &me, id, "submit").await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("住所使用证明"));
    upload_ok(&app, &me, id, "住所使用证明").await;
    assert_eq!(applicant_post(&app, &me, id, "submit").await.status(), 303);
    assert_eq!(state_of(&app, id).await, "submitted");

    // An official of another jurisdiction can neither see nor decide it.
    let haidian = official(&app, HAIDIAN).await;
    let r = official_step(&app, &haidian, id, "accept", "越权", &[]).await;
    assert_eq!(r.status(), 403);
    assert!(r.text().await.unwrap().contains("outside_jurisdiction"));
    assert_eq!(
        app.get_with(&format!("/admin/applications/{id}"), &haidian)
            .await
            .status(),
        403
    );
    assert_eq!(state_of(&app, id).await, "submitted");

    let chaoyang = official(&app, CHAOYANG).await;
    steps_ok(&app, &chaoyang, id, &["accept", "start_review", "approve"]).await;
    let a = app.db.store.application(id).await.unwrap().unwrap();
    assert_eq!(a.state.code(), "approved");
    let uscc = a.result_uscc.unwrap();
    let parsed = gongyi_types::Uscc::parse(&uscc).unwrap();
    assert_eq!(parsed.division(), "110105");
    let v = api_org(&app, &uscc).await;
    assert_eq!(v["name"], "北京市朝阳区围棋爱好者协会");
    assert_eq!(v["legal_rep"], "赵棋手");
    assert_eq!(v["status"], "active");
    assert_eq!(v["founded"], "2026-11-27");
    let page = app.get(&format!("/orgs/{uscc}")).await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("围棋爱好者协会"));
    // The applicant sees the result and every step.
    let mine = app.page_with(&format!("/my/applications/{id}"), &me).await;
    assert!(mine.contains(&uscc));
    assert!(mine.contains("approve 理由"));
    // The search index knows the new organization.
    let (_, found) = app.json("/api/v1/orgs?q=围棋爱好者协会").await;
    assert!(found.to_string().contains(&uscc), "{found}");
    app.finish().await;
}

#[tokio::test]
async fn change_runs_through_the_correction_loop_into_the_change_record() {
    let app = TestApp::spawn().await;
    let o = app.orgs[1].clone(); // 朝阳区
    let me = org_account(&app, &o).await;
    let id = apply_ok(
        &app,
        &me,
        "change",
        &[
            ("field", "address"),
            ("new_value", "北京市朝阳区新住所路8号"),
            ("reason", "办公场所搬迁"),
        ],
    )
    .await;
    upload_ok(&app, &me, id, "变更登记申请书").await;
    assert_eq!(applicant_post(&app, &me, id, "submit").await.status(), 303);
    let chaoyang = official(&app, CHAOYANG).await;
    let r = official_step(
        &app,
        &chaoyang,
        id,
        "request_correction",
        "请补充理事会决议",
        &[],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(state_of(&app, id).await, "needs_correction");
    let mine = app.page_with(&format!("/my/applications/{id}"), &me).await;
    assert!(mine.contains("请补充理事会决议"));
    assert!(mine.contains("需补正"));
    // An official cannot take the applicant's step; the deadline stops while it is theirs.
    let a = app.db.store.application(id).await.unwrap().unwrap();
    assert!(a.deadline.is_none());
    // The applicant corrects the form itself on the page: a bad value is refused with every
    // error and nothing changes; a good one is saved and the change is a step of the record.
    let path = format!("/my/applications/{id}/form");
    let page = app.get_with(&path, &me).await;
    assert_eq!(page.status(), 200);
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("北京市朝阳区新住所路8号")
    );
    let csrf = applicant_csrf(&app, &me).await;
    let mut form = vec![
        ("csrf", csrf.as_str()),
        ("field", "address"),
        ("new_value", ""),
        ("reason", "办公场所搬迁"),
    ];
    let r = app.post_form(&path, &me, &form).await;
    assert_eq!(r.status(), 422);
    assert_eq!(
        app.db
            .store
            .application(id)
            .await
            .unwrap()
            .unwrap()
            .form_json,
        a.form_json
    );
    form[2] = ("new_value", "北京市朝阳区新住所路9号");
    let r = app.post_form(&path, &me, &form).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let csrf_less = app
        .post_form(&path, &me, &[("field", "address"), ("new_value", "x")])
        .await;
    assert_eq!(csrf_less.status(), 403);
    let mine = app.page_with(&format!("/my/applications/{id}"), &me).await;
    assert!(mine.contains("修改申请表"), "{mine}");
    assert!(
        mine.contains("“北京市朝阳区新住所路8号”改为“北京市朝阳区新住所路9号”"),
        "{mine}"
    );
    assert!(
        mine.contains("最近一次办理意见：请补充理事会决议"),
        "{mine}"
    );
    let theirs = app
        .page_with(&format!("/admin/applications/{id}"), &chaoyang)
        .await;
    assert!(theirs.contains("新住所路9号”"), "{theirs}");
    upload_ok(&app, &me, id, "理事会或会员大会决议").await;
    assert_eq!(applicant_post(&app, &me, id, "correct").await.status(), 303);
    assert_eq!(state_of(&app, id).await, "corrected");
    steps_ok(&app, &chaoyang, id, &["accept", "start_review", "approve"]).await;
    // What is approved is the corrected form.
    let v = api_org(&app, o.uscc.as_str()).await;
    assert_eq!(v["address"], "北京市朝阳区新住所路9号");
    let changes = v["sections"]["changes"].as_array().unwrap();
    assert!(
        changes
            .iter()
            .any(|c| c["field"] == "住所" && c["after"] == "北京市朝阳区新住所路9号"),
        "{changes:?}"
    );
    app.finish().await;
}

#[tokio::test]
async fn deregistration_sets_the_status() {
    let app = TestApp::spawn().await;
    let o = app.orgs[4].clone(); // 朝阳区书法家协会
    let me = org_account(&app, &o).await;
    let id = apply_ok(
        &app,
        &me,
        "deregister",
        &[("reason", "会员大会决议解散"), ("liquidation", "清算完毕")],
    )
    .await;
    upload_ok(&app, &me, id, "注销登记申请书").await;
    upload_ok(&app, &me, id, "清算报告").await;
    assert_eq!(applicant_post(&app, &me, id, "submit").await.status(), 303);
    let chaoyang = official(&app, CHAOYANG).await;
    steps_ok(&app, &chaoyang, id, &["accept", "start_review", "approve"]).await;
    let v = api_org(&app, o.uscc.as_str()).await;
    assert_eq!(v["status"], "deregistered");
    // A deregistered organization cannot apply any more.
    let r = apply(
        &app,
        &me,
        "evaluation",
        &[("grade", "3A"), ("self_assessment", "自评")],
    )
    .await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("org_not_active"));
    app.finish().await;
}

#[tokio::test]
async fn annual_reports_need_a_pdf_and_are_approved_in_a_batch() {
    let app = TestApp::spawn().await;
    let mut ids = vec![];
    for o in [app.orgs[1].clone(), app.orgs[4].clone()] {
        let me = org_account(&app, &o).await;
        let id = apply_ok(&app, &me, "annual_report", &report_form()).await;
        // A JPEG is not the 年度工作报告 PDF.
        let jpg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0, 1, 2];
        let r = upload(&app, &me, id, "年度工作报告", "scan.jpg", &jpg).await;
        assert_eq!(r.status(), 303);
        let r = applicant_post(&app, &me, id, "submit").await;
        assert_eq!(r.status(), 422);
        assert!(r.text().await.unwrap().contains("PDF"));
        upload_ok(&app, &me, id, "年度工作报告").await;
        assert_eq!(applicant_post(&app, &me, id, "submit").await.status(), 303);
        ids.push(id);
    }
    let chaoyang = official(&app, CHAOYANG).await;
    let html = app
        .page_with("/admin/applications?kind=annual_report", &chaoyang)
        .await;
    let t = hidden(&html, "csrf");
    let (a, b) = (ids[0].to_string(), ids[1].to_string());
    let r = app
        .post_form(
            "/admin/applications/batch",
            &chaoyang,
            &[
                ("csrf", t.as_str()),
                ("id", &a),
                ("id", &b),
                ("target", "approved"),
                ("reason", "年报内容完整，准予通过"),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("已批量准予 2 项"));
    // The officer's queue and the applicant read the outcome in the 年检's words.
    let html = app
        .page_with(&format!("/admin/applications/{}", ids[0]), &chaoyang)
        .await;
    assert!(
        html.contains("年检合格") && !html.contains(">准予<"),
        "{html}"
    );
    for (id, o) in ids.iter().zip([&app.orgs[1], &app.orgs[4]]) {
        assert_eq!(state_of(&app, *id).await, "approved");
        let v = api_org(&app, o.uscc.as_str()).await;
        let reports = v["sections"]["annual_reports"].as_array().unwrap();
        assert!(
            reports
                .iter()
                .any(|r| r["year"] == 2025 && r["income"] == 12_000_050),
            "{reports:?}"
        );
        let inspections = v["sections"]["inspections"].as_array().unwrap();
        assert!(
            inspections
                .iter()
                .any(|i| i["year"] == 2025 && i["result"] == "qualified"),
            "{inspections:?}"
        );
    }
    app.finish().await;
}

#[tokio::test]
async fn evaluation_grade_is_written_with_five_years_of_validity() {
    let app = TestApp::spawn().await;
    let o = app.orgs[1].clone();
    let me = org_account(&app, &o).await;
    let id = apply_ok(
        &app,
        &me,
        "evaluation",
        &[("grade", "5A"), ("self_assessment", "自评得分 920")],
    )
    .await;
    upload_ok(&app, &me, id, "评估申请书").await;
    assert_eq!(applicant_post(&app, &me, id, "submit").await.status(), 303);
    let chaoyang = official(&app, CHAOYANG).await;
    steps_ok(&app, &chaoyang, id, &["accept", "start_review"]).await;
    let r = official_step(
        &app,
        &chaoyang,
        id,
        "approve",
        "评估委员会评定为4A",
        &[("grade", "4A")],
    )
    .await;
    assert_eq!(r.status(), 303);
    let v = api_org(&app, o.uscc.as_str()).await;
    let evals = v["sections"]["evaluations"].as_array().unwrap();
    assert!(
        evals.iter().any(|e| e["grade"] == "4A"
            && e["awarded_on"] == "2026-11-27"
            && e["valid_until"] == "2031-11-27"),
        "{evals:?}"
    );
    app.finish().await;
}

#[tokio::test]
async fn fundraising_needs_one_year_and_sets_the_flag() {
    let app = TestApp::spawn().await;
    let young = add_org(&app, 950, "北京市朝阳区新生慈善基金会", "2026-03-01", true).await;
    let me = org_account(&app, &young).await;
    let form = [("purpose", "助学"), ("governance", "理事会决策")];
    let r = apply(&app, &me, "fundraising", &form).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("fundraising_too_early"));
    let acct = app
        .db
        .store
        .applicant_by_login(young.uscc.as_str())
        .await
        .unwrap()
        .unwrap();
    assert!(
        app.db
            .store
            .applications_of(acct.id)
            .await
            .unwrap()
            .is_empty()
    );

    let old = add_org(&app, 951, "北京市朝阳区久善慈善基金会", "2020-05-01", true).await;
    let me = org_account(&app, &old).await;
    let id = apply_ok(&app, &me, "fundraising", &form).await;
    upload_ok(&app, &me, id, "公开募捐资格申请书").await;
    assert_eq!(applicant_post(&app, &me, id, "submit").await.status(), 303);
    let chaoyang = official(&app, CHAOYANG).await;
    steps_ok(&app, &chaoyang, id, &["accept", "start_review", "approve"]).await;
    let v = api_org(&app, old.uscc.as_str()).await;
    assert_eq!(v["flags"]["public_fundraising"], true);
    app.finish().await;
}

#[tokio::test]
async fn two_establishments_approved_at_once_get_different_codes() {
    let app = TestApp::spawn().await;
    let mut ids = vec![];
    for (phone, name) in [
        ("13911113333", "北京市朝阳区象棋爱好者协会"),
        ("13911114444", "北京市朝阳区桥牌爱好者协会"),
    ] {
        let me = person_account(&app, phone).await;
        let mut form = establish_form();
        form[0] = ("name", name);
        let id = apply_ok(&app, &me, "establish", &form).await;
        for m in required_materials("establish") {
            upload_ok(&app, &me, id, m).await;
        }
        assert_eq!(applicant_post(&app, &me, id, "submit").await.status(), 303);
        ids.push(id);
    }
    let chaoyang = official(&app, CHAOYANG).await;
    for id in &ids {
        steps_ok(&app, &chaoyang, *id, &["accept", "start_review"]).await;
    }
    // Same kind, same division, decided together: the codes must still differ.
    let (a, b) = tokio::join!(
        official_step(&app, &chaoyang, ids[0], "approve", "准予", &[]),
        official_step(&app, &chaoyang, ids[1], "approve", "准予", &[]),
    );
    assert_eq!(a.status(), 303, "{}", a.text().await.unwrap());
    assert_eq!(b.status(), 303, "{}", b.text().await.unwrap());
    let mut codes = vec![];
    for id in &ids {
        let row = app.db.store.application(*id).await.unwrap().unwrap();
        assert_eq!(row.state.code(), "approved");
        let uscc = row.result_uscc.unwrap();
        let v = api_org(&app, &uscc).await;
        assert_eq!(v["uscc"], uscc.as_str());
        codes.push(uscc);
    }
    assert_ne!(codes[0], codes[1]);
    app.finish().await;
}
