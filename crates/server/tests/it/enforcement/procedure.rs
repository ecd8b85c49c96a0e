//! A case from 线索 to 结案: jurisdiction, reasons, the penalty into the credit records, the
//! reporter's view, inspections, and read-only viewers.

use super::*;

#[tokio::test]
async fn the_whole_procedure_to_a_penalty_reaches_credit_and_the_reporter() {
    let app = spawn(20).await;
    let o = clean_org(&app, 951, "北京市朝阳区执法测试协会").await;
    let u = o.uscc.to_string();
    let (st, b) = post(
        &app,
        &json!({"reported_uscc": u, "content": "该协会超出章程规定的业务范围开展营利活动。", "contact": CONTACT}),
    )
    .await;
    assert_eq!(st, 201, "{b}");
    let no = b["tracking_no"].as_str().unwrap().to_string();
    let case_no = b["case_no"].as_str().unwrap().to_string();
    let id = app
        .db
        .store
        .cases_in(
            gongyi_types::DivisionCode::parse("110105").unwrap(),
            None,
            10,
        )
        .await
        .unwrap()[0]
        .id;

    // 海淀区 official: neither reads nor acts.
    let hd = app.login(HAIDIAN, PASSWORD).await.unwrap();
    let (st, body) = case_page(&app, &hd, id).await;
    assert_eq!(st, 403);
    assert!(body.contains("outside_jurisdiction"));
    let hd_csrf = hidden(
        &app.get_with("/admin", &hd).await.text().await.unwrap(),
        "csrf",
    );
    let (st, _) = step(
        &app,
        &hd,
        id,
        &[("csrf", &hd_csrf), ("to", "filed"), ("reason", "越权")],
    )
    .await;
    assert_eq!(st, 403);
    let queue = app
        .get_with("/admin/cases", &hd)
        .await
        .text()
        .await
        .unwrap();
    assert!(!queue.contains(&case_no));

    // 朝阳区 official: the queue shows it, the page shows the contact and the next steps.
    let cy = app.login(CHAOYANG, PASSWORD).await.unwrap();
    let queue = app
        .get_with("/admin/cases", &cy)
        .await
        .text()
        .await
        .unwrap();
    assert!(queue.contains(&case_no), "{queue}");
    let (st, page) = case_page(&app, &cy, id).await;
    assert_eq!(st, 200);
    assert!(page.contains(CONTACT) && page.contains("不予立案"));
    let csrf = hidden(&page, "csrf");
    // No skipping the investigation; no step without a reason; state unchanged.
    let (st, body) = step(
        &app,
        &cy,
        id,
        &[("csrf", &csrf), ("to", "closed"), ("reason", "直接结案")],
    )
    .await;
    assert_eq!(st, 422);
    assert!(body.contains("不能转为"), "{body}");
    let (st, _) = step(
        &app,
        &cy,
        id,
        &[("csrf", &csrf), ("to", "filed"), ("reason", " ")],
    )
    .await;
    assert_eq!(st, 422);
    let (st, _) = step(&app, &cy, id, &[("to", "filed"), ("reason", "无令牌")]).await;
    assert_eq!(st, 403);
    assert_eq!(
        app.db.store.case(id).await.unwrap().unwrap().state.code(),
        "clue"
    );

    for (to, reason) in [
        ("filed", "举报线索具体，决定立案"),
        ("investigating", "调取账册并询问负责人"),
    ] {
        let (st, body) = step(
            &app,
            &cy,
            id,
            &[("csrf", &csrf), ("to", to), ("reason", reason)],
        )
        .await;
        assert_eq!(st, 200, "{body}");
    }
    // A malformed penalty: 422, nothing stored, still investigating.
    let (st, _) = step(
        &app,
        &cy,
        id,
        &[
            ("csrf", &csrf),
            ("to", "penalty"),
            ("kind", "fine"),
            ("fine", "abc"),
        ],
    )
    .await;
    assert_eq!(st, 422);
    let (_, credit) = app.json(&format!("/api/v1/orgs/{u}/credit")).await;
    assert!(credit["penalties"].as_array().unwrap().is_empty());
    // 处罚决定: a ¥60,000 fine.
    let (st, body) = step(
        &app,
        &cy,
        id,
        &[
            ("csrf", &csrf),
            ("to", "penalty"),
            ("doc_no", "朝民罚字〔2026〕9号"),
            ("kind", "fine"),
            ("fine", "60000"),
            ("reason", "超出章程规定的业务范围开展营利活动"),
            ("basis", "《社会团体登记管理条例》第三十条"),
            ("result", "罚款6万元"),
            ("decided_on", "2026-11-27"),
            ("authority", "北京市朝阳区民政局"),
        ],
    )
    .await;
    assert_eq!(st, 200, "{body}");
    let (_, credit) = app.json(&format!("/api/v1/orgs/{u}/credit")).await;
    assert_eq!(
        credit["penalties"][0]["doc_no"], "朝民罚字〔2026〕9号",
        "{credit}"
    );
    // The daily job (民政部令第60号, 严重 item (四): a fine of ¥50,000 or more) lists it.
    gongyi_server::credit::run_job(
        &app.db.store,
        gongyi_server::credit::Views::of(&app.state),
        &app.state.config.credit_policy,
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        "2026-11-28T01:00:00Z",
        |_| {},
    )
    .await
    .unwrap();
    let (_, credit) = app.json(&format!("/api/v1/orgs/{u}/credit")).await;
    assert_eq!(credit["credit"], "serious", "{credit}");
    assert!(credit["list_entries"].as_array().unwrap().iter().any(|e| {
        e["removed_on"].is_null() && e["listed_reason"].as_str().unwrap().contains("第（四）项")
    }));

    let (st, _) = step(
        &app,
        &cy,
        id,
        &[
            ("csrf", &csrf),
            ("to", "closed"),
            ("reason", "罚款已缴纳，结案"),
        ],
    )
    .await;
    assert_eq!(st, 200);
    let case = app.db.store.case(id).await.unwrap().unwrap();
    assert_eq!(case.state.code(), "closed");
    assert!(case.closed_at.is_some() && case.penalty_id.is_some());

    // The reporter sees the outcome, not the contact.
    let r = app.get(&format!("/api/v1/complaints/{no}")).await;
    let text = r.text().await.unwrap();
    assert!(!text.contains(CONTACT));
    let s: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(s["state"], "closed");
    assert_eq!(s["finished"], true);
    assert!(
        s["outcome"]
            .as_str()
            .unwrap()
            .contains("朝民罚字〔2026〕9号"),
        "{s}"
    );
    let steps: Vec<&str> = s["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["state"].as_str().unwrap())
        .collect();
    assert_eq!(
        steps,
        ["clue", "filed", "investigating", "penalty", "closed"]
    );

    // One audit row per step, under the case number; the penalty also under the organization.
    let audit = app
        .db
        .store
        .audit_for(gongyi_types::EntityKind::Case, &case_no, 20)
        .await
        .unwrap();
    let mut actions: Vec<&str> = audit.iter().map(|a| a.action.as_str()).collect();
    actions.sort();
    assert_eq!(
        actions,
        [
            "case.closed",
            "case.filed",
            "case.investigating",
            "case.open",
            "case.penalty",
            "complaint.file"
        ]
    );
    assert!(
        audit
            .iter()
            .all(|a| !a.entity_id.contains(CONTACT) && !a.detail.contains(CONTACT))
    );
    let org_audit = app
        .db
        .store
        .audit_for(gongyi_types::EntityKind::Org, &u, 20)
        .await
        .unwrap();
    assert!(
        org_audit
            .iter()
            .any(|a| a.action == "credit.penalty" && a.actor == "user:chaoyang")
    );
    // Every step is in the public ledger, under the case number: never the tracking number
    // (which opens the complaint's status) nor the reporter's contact.
    gongyi_server::ledger::pump::pump(&app.state.store, &app.ledger())
        .await
        .unwrap();
    for a in &audit {
        let (_, index) = app.db.store.audit_with_index(a.id).await.unwrap().unwrap();
        let index = index.expect("each step has a leaf");
        let (s, entry) = app.json(&format!("/api/v1/ledger/entries/{index}")).await;
        assert_eq!(s, 200, "{entry}");
        let text = entry.to_string();
        assert!(text.contains(&a.action), "{text}");
        assert!(!text.contains(&no) && !text.contains(CONTACT), "{text}");
    }
    app.finish().await;
}

#[tokio::test]
async fn officials_open_cases_from_inspections_within_their_jurisdiction() {
    let app = spawn(5).await;
    let cy = app.login(CHAOYANG, PASSWORD).await.unwrap();
    let csrf = hidden(
        &app.get_with("/admin/cases", &cy)
            .await
            .text()
            .await
            .unwrap(),
        "csrf",
    );
    let o = app.orgs[1].clone();
    let r = app
        .post_form(
            "/admin/cases",
            &cy,
            &[
                ("csrf", &csrf),
                ("uscc", o.uscc.as_str()),
                ("summary", "年度检查发现未按规定换届"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let loc = r.headers()["location"].to_str().unwrap().to_string();
    let page = app.get_with(&loc, &cy).await.text().await.unwrap();
    assert!(
        page.contains("监督检查") && page.contains(&o.name),
        "{page}"
    );
    // A 海淀区 organization is not theirs.
    let hd_org = app.orgs[2].clone();
    let r = app
        .post_form(
            "/admin/cases",
            &cy,
            &[
                ("csrf", &csrf),
                ("uscc", hd_org.uscc.as_str()),
                ("summary", "越权登记"),
            ],
        )
        .await;
    assert_eq!(r.status(), 403);
    assert_eq!(counts(&app).await.cases, 1);
    app.finish().await;
}

#[tokio::test]
async fn a_viewer_reads_cases_of_the_jurisdiction_but_takes_no_step() {
    let app = spawn(5).await;
    let u = gongyi_store::NewUser {
        username: "cyviewer".into(),
        display_name: "朝阳区只读".into(),
        password_hash: gongyi_server::auth::password::hash(PASSWORD).unwrap(),
        role: "viewer".into(),
        division: "110105".into(),
    };
    app.db
        .store
        .create_user(&u, "test", "2026-11-27T00:00:00Z")
        .await
        .unwrap();
    let (st, _) = post(
        &app,
        &json!({"reported_uscc": app.orgs[1].uscc.as_str(), "content": "该中心在社区违规收取服务费用。"}),
    )
    .await;
    assert_eq!(st, 201);
    let id = app
        .db
        .store
        .cases_in(
            gongyi_types::DivisionCode::parse("110105").unwrap(),
            None,
            10,
        )
        .await
        .unwrap()[0]
        .id;
    let v = app.login("cyviewer", PASSWORD).await.unwrap();
    let (st, page) = case_page(&app, &v, id).await;
    assert_eq!(st, 200);
    assert!(!page.contains("/step\""), "a viewer sees no step form");
    let csrf = hidden(&page, "csrf");
    let (st, body) = step(
        &app,
        &v,
        id,
        &[
            ("csrf", &csrf),
            ("to", "filed"),
            ("reason", "只读用户尝试立案"),
        ],
    )
    .await;
    assert_eq!(st, 403);
    assert!(body.contains("role_forbidden"));
    assert_eq!(
        app.db.store.case(id).await.unwrap().unwrap().state.code(),
        "clue"
    );
    app.finish().await;
}
