//! The daily job with a moved clock: an overdue report lists, filing it removes, two years
//! move to the serious list, and `serve` runs the job on its clock.

use super::*;

#[tokio::test]
async fn overdue_report_lists_and_filing_it_removes() {
    let app = TestApp::spawn().await;
    let o = add_org(&app, 901, "北京市朝阳区信用测试协会").await;
    let u = o.uscc.as_str();
    // Reports for 2020–2024 filed; 2025's is due by 2026-05-31.
    for y in 2020..=2024 {
        file_report(&app, u, y, &format!("{}-04-01", y + 1)).await;
    }
    job(&app, "2026-05-31").await;
    assert_eq!(credit(&app, u).await["credit"], "normal");

    let r = job(&app, "2026-06-01").await;
    assert!(r.listed >= 1);
    let c = credit(&app, u).await;
    assert_eq!(c["credit"], "abnormal");
    let open = open_entries(&c);
    assert_eq!(open.len(), 1, "{c}");
    assert_eq!(open[0]["list"], "abnormal");
    assert_eq!(open[0]["listed_on"], "2026-06-01");
    assert!(
        open[0]["listed_reason"]
            .as_str()
            .unwrap()
            .contains("第（一）项")
    );
    // The search index follows the list.
    let (_, s) = app
        .json(&format!("/api/v1/orgs?q={u}&credit=abnormal"))
        .await;
    assert_eq!(s["total"], 1, "{s}");
    // Running again the same day changes nothing.
    let again = job(&app, "2026-06-01").await;
    assert_eq!((again.listed, again.removed), (0, 0));

    // Rectification: the report is filed; the next run removes the entry.
    file_report(&app, u, 2025, "2026-06-20").await;
    job(&app, "2026-06-21").await;
    let c = credit(&app, u).await;
    assert_eq!(c["credit"], "normal", "{c}");
    // … and its removal at once, without a restart (it kept the old standing before).
    assert_eq!(lookup_credit(&app, u).await, "normal");
    let e = &c["list_entries"][0];
    assert_eq!(e["removed_on"], "2026-06-21");
    assert_eq!(e["removal_kind"], "auto");
    assert!(
        e["removed_reason"]
            .as_str()
            .unwrap()
            .contains("移出活动异常名录")
    );
    let (_, s) = app.json(&format!("/api/v1/orgs?q={u}&credit=normal")).await;
    assert_eq!(s["total"], 1, "{s}");
    // Each change is in the audit trail.
    let audit = app
        .db
        .store
        .audit_for(gongyi_types::EntityKind::Org, u, 50)
        .await
        .unwrap();
    assert!(audit.iter().any(|a| a.action == "credit.list"));
    assert!(audit.iter().any(|a| a.action == "credit.remove"));
}

#[tokio::test]
async fn two_years_on_the_abnormal_list_move_to_serious() {
    let app = TestApp::spawn().await;
    let o = add_org(&app, 902, "北京市朝阳区两年未报协会").await;
    let u = o.uscc.as_str();
    for y in 2020..=2023 {
        file_report(&app, u, y, &format!("{}-04-01", y + 1)).await;
    }
    job(&app, "2025-06-01").await; // 2024's report overdue
    assert_eq!(credit(&app, u).await["credit"], "abnormal");
    // 满2年 is complete at the end of 2027-06-01 (《民法典》第二百零一条、第二百零二条).
    job(&app, "2027-06-01").await;
    let c = credit(&app, u).await;
    assert!(
        !open_entries(&c).iter().any(|e| e["list"] == "serious"),
        "{c}"
    );
    job(&app, "2027-06-02").await;
    let c = credit(&app, u).await;
    assert_eq!(c["credit"], "serious", "{c}");
    let serious: Vec<_> = open_entries(&c)
        .into_iter()
        .filter(|e| e["list"] == "serious")
        .collect();
    assert_eq!(serious.len(), 1);
    assert!(
        serious[0]["listed_reason"]
            .as_str()
            .unwrap()
            .contains("严重违法失信名单（第（一）项）")
    );
    // The abnormal entry of 2025 left the list when the serious one came.
    let first = &c["list_entries"][0];
    assert_eq!(first["listed_on"], "2025-06-01");
    assert_eq!(first["removed_on"], "2027-06-02");
}

#[tokio::test]
async fn serve_runs_the_job_with_its_clock() {
    let app = TestApp::spawn().await;
    let o = add_org(&app, 905, "北京市朝阳区每日任务协会").await;
    let u = o.uscc.as_str();
    // The app's clock says 2026-11-27: the 2025 report is overdue.
    let task = gongyi_server::credit::spawn_daily(app.state.clone());
    let mut listed = false;
    for _ in 0..100 {
        if credit(&app, u).await["credit"] == "abnormal" {
            listed = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    task.abort();
    assert!(listed, "the daily task did not run");
}

/// 严重违法失信名单 is left on application, never by the job: two full years after a ¥60,000
/// fine the entry is still open and the credit endpoint says from when the organization may
/// apply; a 吊销 listing leaves only once 注销登记 is complete.
#[tokio::test]
async fn serious_entries_are_not_removed_by_the_job_and_say_how_to_leave() {
    use gongyi_store::credit::NewPenalty;
    use gongyi_types::credit::PenaltyKind;
    let app = TestApp::spawn().await;
    let o = add_org(&app, 906, "北京市朝阳区严进严出协会").await;
    let u = o.uscc.as_str();
    for y in 2020..=2029 {
        file_report(&app, u, y, &format!("{}-04-01", y + 1)).await;
    }
    let penalty = |kind, fine: Option<i64>, doc: &str, result: &str| NewPenalty {
        doc_no: doc.into(),
        reason: "违反规定".into(),
        basis: "《社会团体登记管理条例》第三十条".into(),
        result: result.into(),
        kind,
        fine: fine.map(gongyi_types::Fen),
        decided_on: d("2026-01-05"),
        authority: "北京市朝阳区民政局".into(),
    };
    let p = penalty(
        PenaltyKind::Fine,
        Some(6_000_000),
        "朝民罚字〔2026〕9号",
        "罚款6万元",
    );
    app.db
        .store
        .record_penalty(u, &p, "user:chaoyang", "2026-01-05T02:00:00Z")
        .await
        .unwrap();
    job(&app, "2026-01-05").await;
    assert_eq!(credit(&app, u).await["credit"], "serious");
    for day in ["2028-01-06", "2028-06-01"] {
        job(&app, day).await;
        let c = credit(&app, u).await;
        assert_eq!(c["credit"], "serious", "{day}: {c}");
    }
    let c = credit(&app, u).await;
    let serious = open_entries(&c)
        .into_iter()
        .find(|e| e["list"] == "serious")
        .unwrap()
        .clone();
    // The app's clock says 2026-11-27: the 2 full years end on 2028-01-05.
    assert_eq!(
        serious["exit"],
        "列入满2年且期间未再出现应当列入的情形，自2028-01-06起可申请移出"
    );

    // 吊销登记证书 by the registration authority: serious until 注销登记 is complete.
    let o = add_org(&app, 907, "北京市朝阳区吊销测试协会").await;
    let u = o.uscc.as_str();
    let p = penalty(
        PenaltyKind::Revocation,
        None,
        "朝民罚字〔2026〕10号",
        "吊销登记证书",
    );
    app.db
        .store
        .record_penalty(u, &p, "user:chaoyang", "2026-01-05T02:00:00Z")
        .await
        .unwrap();
    let mut revoked = o.clone();
    revoked.status = gongyi_types::RegStatus::Revoked;
    app.db
        .store
        .update_org(
            &revoked,
            "user:chaoyang",
            "2026-01-06T02:00:00Z",
            d("2026-01-06"),
        )
        .await
        .unwrap();
    job(&app, "2026-01-06").await;
    let c = credit(&app, u).await;
    assert_eq!(c["credit"], "serious", "{c}");
    assert!(
        open_entries(&c)[0]["exit"]
            .as_str()
            .unwrap()
            .contains("完成注销登记后")
    );
    job(&app, "2030-01-06").await;
    assert_eq!(credit(&app, u).await["credit"], "serious");
    let mut gone = revoked.clone();
    gone.status = gongyi_types::RegStatus::Deregistered;
    app.db
        .store
        .update_org(
            &gone,
            "user:chaoyang",
            "2030-02-01T02:00:00Z",
            d("2030-02-01"),
        )
        .await
        .unwrap();
    job(&app, "2030-02-01").await;
    let c = credit(&app, u).await;
    assert!(open_entries(&c).is_empty(), "{c}");

    // A 吊销 decided by another department (a licence, not the registration) lists nothing.
    let o = add_org(&app, 908, "北京市朝阳区教委吊销协会").await;
    let other = o.uscc.as_str();
    let mut p = penalty(
        PenaltyKind::Revocation,
        None,
        "京教罚〔2026〕1号",
        "吊销登记证书",
    );
    p.authority = "北京市教育委员会".into();
    app.db
        .store
        .record_penalty(other, &p, "user:chaoyang", "2026-01-05T02:00:00Z")
        .await
        .unwrap();
    job(&app, "2026-01-06").await;
    let c2 = credit(&app, other).await;
    assert!(
        !open_entries(&c2).iter().any(|e| e["list"] == "serious"),
        "{c2}"
    );
    assert!(
        c["list_entries"][0]["removed_reason"]
            .as_str()
            .unwrap()
            .contains("已完成注销登记")
    );
}

#[tokio::test]
async fn an_imported_listing_that_cites_its_penalty_is_not_listed_again() {
    use gongyi_types::{ListEntry, ListKind, Penalty};
    let app = TestApp::spawn().await;
    let (mut o, _) = crate::support::org(
        905,
        "北京市朝阳区导入名录协会",
        "110105",
        OrgKind::SocialGroup,
    );
    o.founded = d("2020-03-01");
    o.status = gongyi_types::RegStatus::Active;
    o.credit = gongyi_types::CreditStatus::Serious;
    let doc = "京朝民罚字〔2026〕第12号";
    let s = Sections {
        penalties: vec![Penalty {
            doc_no: doc.into(),
            reason: "违反章程".into(),
            basis: "《社会团体登记管理条例》第三十条".into(),
            result: "限期停止活动3个月".into(),
            fine: None,
            decided_on: d("2026-09-01"),
            authority: "北京市朝阳区民政局".into(),
        }],
        list_entries: vec![ListEntry {
            list: ListKind::Serious,
            listed_on: d("2026-09-03"),
            listed_reason: format!("受到限期停止活动行政处罚（{doc}）"),
            listed_by: "北京市朝阳区民政局".into(),
            removed_on: None,
            removed_reason: None,
        }],
        annual_reports: (2020..=2025)
            .map(|y| AnnualReport {
                year: y,
                filed_on: d(&format!("{}-04-01", y + 1)),
                income: Fen(1),
                expenditure: Fen(1),
                net_assets: Fen(1),
                staff: 1,
                members: None,
                summary: "报告".into(),
            })
            .collect(),
        ..Sections::default()
    };
    app.db
        .store
        .create_orgs(&[(o.clone(), s)], "import", "2026-10-01T00:00:00Z")
        .await
        .unwrap();
    job(&app, "2026-11-01").await;
    // The penalty was listed already by the imported entry: still one entry, not two.
    let c = credit(&app, o.uscc.as_str()).await;
    assert_eq!(c["list_entries"].as_array().unwrap().len(), 1, "{c}");
    assert_eq!(open_entries(&c).len(), 1, "{c}");
}
