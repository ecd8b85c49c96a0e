//! The procedure itself: 不予受理 with its reason, malformed forms and attachments that store
//! nothing, the officials' queue with a moved clock, and the audit trail and ledger of every step.

use super::*;

#[tokio::test]
async fn refused_intake_shows_the_reason_to_the_applicant() {
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
    // No reason, no decision.
    let r = official_step(&app, &chaoyang, id, "refuse_intake", " ", &[]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("reason_required"));
    let r = official_step(
        &app,
        &chaoyang,
        id,
        "refuse_intake",
        "本年度评估申报已截止",
        &[],
    )
    .await;
    assert_eq!(r.status(), 303);
    let mine = app.page_with(&format!("/my/applications/{id}"), &me).await;
    assert!(mine.contains("不予受理"));
    assert!(mine.contains("本年度评估申报已截止"));
    // A closed application takes no further step.
    let r = official_step(&app, &chaoyang, id, "accept", "再受理", &[]).await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("transition_not_allowed"));
    // Another applicant cannot read it.
    let other = org_account(&app, &app.orgs[4].clone()).await;
    assert_eq!(
        app.get_with(&format!("/my/applications/{id}"), &other)
            .await
            .status(),
        404
    );
    app.finish().await;
}

#[tokio::test]
async fn malformed_forms_and_registrations_store_nothing() {
    let app = TestApp::spawn().await;
    let me = person_account(&app, "13933334444").await;
    let audits = app.db.store.audit_count().await.unwrap();
    let mut bad = establish_form();
    bad.retain(|(k, _)| *k != "address");
    bad.iter_mut().for_each(|(k, v)| {
        if *k == "capital" {
            *v = "20000";
        }
        if *k == "division" {
            *v = "999999";
        }
    });
    let r = apply(&app, &me, "establish", &bad).await;
    assert_eq!(r.status(), 422);
    assert_eq!(r.headers()["gongyi-error-code"], "application_invalid");
    let html = r.text().await.unwrap();
    assert!(html.contains("住所不能为空"), "{html}");
    assert!(html.contains("登记管理机关行政区划代码"), "{html}");
    // Each error beside its field (the one form template), the typed values kept.
    let field = |name: &str| {
        let rest = html.split(&format!("id=\"f-{name}\"")).nth(1).unwrap();
        rest[..rest.find("</div>").unwrap()].to_string()
    };
    assert!(field("address").contains("住所不能为空"));
    assert!(field("division").contains("value=\"999999\""));
    assert!(field("division").contains("id=\"e-division\""));
    assert!(!field("name").contains("field-error"));
    // An organization's service from a person's account is refused.
    let r = apply(&app, &me, "annual_report", &report_form()).await;
    assert_eq!(r.status(), 403);
    assert!(r.text().await.unwrap().contains("account_kind_mismatch"));
    let acct = app
        .db
        .store
        .applicant_by_login("13933334444")
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
    assert_eq!(app.db.store.audit_count().await.unwrap(), audits);
    // A person's registration with every field wrong: each error beside its field, the name
    // and phone kept, the passwords never sent back.
    let (c, t) = crate::support::form_csrf(&app, "/account/register?kind=person").await;
    let r = app
        .post_form(
            "/account/register",
            &c,
            &[
                ("csrf", t.as_str()),
                ("kind", "person"),
                ("contact_name", ""),
                ("phone", "12ab"),
                ("password", "short-Secret"),
                ("password2", "other"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    for f in ["contact_name", "phone", "password2"] {
        assert!(
            html.contains(&format!("<p class=\"field-error\" id=\"e-{f}\">")),
            "{f}: {html}"
        );
        assert!(
            html.contains(&format!("<a href=\"#f-{f}\">")),
            "{f}: {html}"
        );
    }
    assert!(
        html.contains("value=\"12ab\"") && html.contains("inputmode=\"tel\""),
        "{html}"
    );
    assert!(
        !html.contains("short-Secret") && !html.contains("value=\"other\""),
        "{html}"
    );
    assert!(html.contains("autocomplete=\"new-password\""), "{html}");
    // Registering an organization without the code its authority issued (a made-up one).
    let r = register_org(&app, &app.orgs[1].clone(), "ABCD-EFGH-JKMN-PQRS").await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("激活码不正确"));
    assert!(
        app.db
            .store
            .applicant_by_login(app.orgs[1].uscc.as_str())
            .await
            .unwrap()
            .is_none()
    );
    app.finish().await;
}

#[tokio::test]
async fn bad_attachments_are_refused_and_store_nothing() {
    let app = TestApp::spawn().await;
    let o = app.orgs[1].clone();
    let me = org_account(&app, &o).await;
    let id = apply_ok(&app, &me, "annual_report", &report_form()).await;
    let cases: [(&str, &[u8], u16, &str); 4] = [
        (
            "年度工作报告",
            b"%PDF-1.4\n1 0 obj",
            400,
            "attachment_truncated",
        ),
        (
            "年度工作报告",
            b"MZ\x90\x00 program",
            415,
            "attachment_type_unsupported",
        ),
        ("年度工作报告", b"", 400, "attachment_empty"),
        (
            "不存在的材料",
            b"%PDF-1.4\n%%EOF\n",
            422,
            "material_unknown",
        ),
    ];
    for (material, bytes, status, code) in cases {
        let r = upload(&app, &me, id, material, "x.pdf", bytes).await;
        assert_eq!(r.status().as_u16(), status, "{code}");
        assert!(r.text().await.unwrap().contains(code), "{code}");
    }
    assert!(
        app.db
            .store
            .application_attachments(id)
            .await
            .unwrap()
            .is_empty()
    );
    // Someone else's application and a made-up digest are not served.
    let other = org_account(&app, &app.orgs[4].clone()).await;
    upload_ok(&app, &me, id, "年度工作报告").await;
    let sha = app.db.store.application_attachments(id).await.unwrap()[0]
        .meta
        .sha256
        .clone();
    let path = format!("/my/applications/{id}/attachments/{sha}");
    assert_eq!(app.get_with(&path, &me).await.status(), 200);
    assert_eq!(app.get_with(&path, &other).await.status(), 404);
    let haidian = official(&app, HAIDIAN).await;
    let admin_path = format!("/admin/applications/{id}/attachments/{sha}");
    // A draft is not shown to officials at all; after submission only the jurisdiction sees it.
    assert_eq!(applicant_post(&app, &me, id, "submit").await.status(), 303);
    assert_eq!(app.get_with(&admin_path, &haidian).await.status(), 403);
    let chaoyang = official(&app, CHAOYANG).await;
    let r = app.get_with(&admin_path, &chaoyang).await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.bytes().await.unwrap().as_ref(),
        pdf("年度工作报告").as_slice()
    );
    app.finish().await;
}

#[tokio::test]
async fn the_queue_puts_overdue_applications_first() {
    let app = TestApp::spawn().await;
    // Submitted on Friday 2026-11-27 (deadline 5 working days: 2026-12-04) ...
    let b = org_account(&app, &app.orgs[4].clone()).await;
    let early = apply_ok(&app, &b, "annual_report", &report_form()).await;
    upload_ok(&app, &b, early, "年度工作报告").await;
    assert_eq!(
        applicant_post(&app, &b, early, "submit").await.status(),
        303
    );
    // ... and another on Wednesday 2026-12-02 (deadline 2026-12-09); sessions expire, so
    // everyone logs in on the day they act.
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 12, 2, 2, 0, 0).unwrap());
    let a = org_account(&app, &app.orgs[1].clone()).await;
    let late = apply_ok(&app, &a, "annual_report", &report_form()).await;
    upload_ok(&app, &a, late, "年度工作报告").await;
    assert_eq!(applicant_post(&app, &a, late, "submit").await.status(), 303);
    let mut numbers = vec![];
    for id in [late, early] {
        numbers.push(app.db.store.application(id).await.unwrap().unwrap().number);
    }
    let e = app.db.store.application(early).await.unwrap().unwrap();
    assert_eq!(e.deadline.unwrap().to_string(), "2026-12-04");
    let l = app.db.store.application(late).await.unwrap().unwrap();
    assert_eq!(l.deadline.unwrap().to_string(), "2026-12-09");
    // On 2026-12-07 the early one is overdue and comes first, although it was numbered later
    // in the list of ids the test made.
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 12, 7, 2, 0, 0).unwrap());
    let chaoyang = official(&app, CHAOYANG).await;
    let html = app
        .page_with("/admin/applications?state=open", &chaoyang)
        .await;
    let p_early = html.find(&numbers[1]).unwrap();
    let p_late = html.find(&numbers[0]).unwrap();
    assert!(p_early < p_late, "overdue first");
    assert_eq!(html.matches("已超期").count(), 1);
    // Another jurisdiction's queue does not list them.
    let haidian = official(&app, HAIDIAN).await;
    let html = app.page_with("/admin/applications", &haidian).await;
    assert!(!html.contains(&numbers[0]) && !html.contains(&numbers[1]));
    app.finish().await;
}

#[tokio::test]
async fn every_step_has_its_audit_row_and_event() {
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
    steps_ok(&app, &chaoyang, id, &["accept", "start_review", "deny"]).await;
    let number = app.db.store.application(id).await.unwrap().unwrap().number;
    assert!(number.starts_with("SQ20261127"), "{number}");
    let audit = app
        .db
        .store
        .audit_for(gongyi_types::EntityKind::Application, &number, 50)
        .await
        .unwrap();
    let actions: Vec<&str> = audit.iter().rev().map(|a| a.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "application.create",
            "application.attach",
            "application.submit",
            "application.accept",
            "application.start_review",
            "application.deny"
        ]
    );
    let events = app.db.store.application_events(id).await.unwrap();
    assert_eq!(events.len(), 5);
    assert_eq!(events[4].reason, "deny 理由");
    // Every step is in the public ledger too, by the application number only.
    gongyi_server::ledger::pump::pump(&app.state.store, &app.ledger())
        .await
        .unwrap();
    for a in &audit {
        let (_, index) = app.db.store.audit_with_index(a.id).await.unwrap().unwrap();
        let index = index.expect("each step has a leaf");
        let (s, entry) = app.json(&format!("/api/v1/ledger/entries/{index}")).await;
        assert_eq!(s, 200, "{entry}");
        let text = entry.to_string();
        assert!(text.contains(&number) && text.contains(&a.action), "{text}");
        assert!(!text.contains(&o.legal_rep), "{text}");
    }
    // A denied evaluation writes no grade.
    let v = api_org(&app, o.uscc.as_str()).await;
    assert!(
        !v["sections"]["evaluations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["awarded_on"] == "2026-11-27")
    );
    app.finish().await;
}
