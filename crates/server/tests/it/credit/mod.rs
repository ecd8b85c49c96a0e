//! Credit lists (民政部令第60号) against the real app with a moved clock: the daily job lists an
//! overdue annual report, a filed report removes it, 2 years move it to the serious list, the
//! objection path, penalties recorded by officials, and jurisdiction.

use crate::support::{CHAOYANG, HAIDIAN, PASSWORD, TestApp, hidden, org, set_cookies};
use chrono::NaiveDate;
use gongyi_types::{AnnualReport, Fen, OrgKind, Organization, Sections};
use serde_json::{Value, json};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A 朝阳区 organization founded in 2020 that never filed an annual report.
async fn add_org(app: &TestApp, i: u64, name: &str) -> Organization {
    let (mut o, _) = org(i, name, "110105", OrgKind::SocialGroup);
    o.founded = d("2020-03-01");
    o.status = gongyi_types::RegStatus::Active;
    o.credit = gongyi_types::CreditStatus::Normal;
    app.db
        .store
        .create_orgs(
            &[(o.clone(), Sections::default())],
            "test",
            "2026-01-01T00:00:00Z",
        )
        .await
        .unwrap();
    // As every write path does (import, seed, 成立登记): the index has it too.
    app.state
        .search
        .upsert(&gongyi_search::OrgDoc::from_org(&o))
        .unwrap();
    o
}

async fn job(app: &TestApp, day: &str) -> gongyi_server::credit::JobReport {
    gongyi_server::credit::run_job(
        &app.db.store,
        gongyi_server::credit::Views::of(&app.state),
        d(day),
        &format!("{day}T01:00:00Z"),
        |_| {},
    )
    .await
    .unwrap()
}

async fn credit(app: &TestApp, uscc: &str) -> Value {
    let (status, body) = app.json(&format!("/api/v1/orgs/{uscc}/credit")).await;
    assert_eq!(status, 200, "{body}");
    body
}

fn open_entries(c: &Value) -> Vec<&Value> {
    c["list_entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["removed_on"].is_null())
        .collect()
}

async fn file_report(app: &TestApp, uscc: &str, year: i32, on: &str) {
    let r = AnnualReport {
        year,
        filed_on: d(on),
        income: Fen(100_000),
        expenditure: Fen(90_000),
        net_assets: Fen(10_000),
        staff: 3,
        members: Some(40),
        summary: "年度工作报告".into(),
    };
    app.db
        .store
        .record_annual_report(uscc, &r, "test", "2026-07-01T00:00:00Z")
        .await
        .unwrap();
}

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
            .contains("第十条第（一）项")
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
    assert!(e["removed_reason"].as_str().unwrap().contains("第十三条"));
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
    job(&app, "2027-05-31").await;
    let c = credit(&app, u).await;
    assert!(
        !open_entries(&c).iter().any(|e| e["list"] == "serious"),
        "{c}"
    );
    job(&app, "2027-06-01").await;
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
            .contains("第十四条第（一）项")
    );
    // The abnormal entry of 2025 left the list when the serious one came.
    let first = &c["list_entries"][0];
    assert_eq!(first["listed_on"], "2025-06-01");
    assert_eq!(first["removed_on"], "2027-06-01");
}

/// The credit standing `POST /api/v1/lookup` gives for a code.
async fn lookup_credit(app: &TestApp, uscc: &str) -> String {
    let r = app
        .client
        .post(app.url("/api/v1/lookup"))
        .json(&json!({"codes": [uscc]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let v: Value = r.json().await.unwrap();
    v["results"][0]["org"]["credit"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn official(app: &TestApp, who: &str, uscc: &str) -> (String, String) {
    let cookie = app.login(who, PASSWORD).await.unwrap();
    let page = app
        .get_with(&format!("/admin/orgs/{uscc}/credit"), &cookie)
        .await;
    let html = page.text().await.unwrap();
    let csrf = hidden(&html, "csrf");
    (cookie, csrf)
}

#[tokio::test]
async fn objection_path_rejected_keeps_upheld_removes() {
    let app = TestApp::spawn().await;
    let o = add_org(&app, 903, "北京市朝阳区异议测试中心").await;
    let u = o.uscc.as_str();
    job(&app, "2026-06-01").await;
    let c = credit(&app, u).await;
    let entry = open_entries(&c)[0]["id"].as_i64().unwrap();

    // Bad input: 4xx with a specific code, nothing stored.
    let url = app.url(&format!("/api/v1/orgs/{u}/objections"));
    let r = app
        .client
        .post(&url)
        .json(&json!({"entry_id": entry, "contact": "", "reason": "已按时报送年报"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(
        r.json::<Value>().await.unwrap()["error"]["code"],
        "invalid_contact"
    );
    let r = app
        .client
        .post(&url)
        .json(&json!({"entry_id": 999999, "contact": "010-1234", "reason": "已按时报送年报"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let r = app
        .client
        .post(&url)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.json::<Value>().await.unwrap()["error"]["code"],
        "invalid_json"
    );
    assert!(app.db.store.objections(u).await.unwrap().is_empty());

    // File, reject: the entry stays, the reason is public.
    let r = app
        .client
        .post(&url)
        .json(
            &json!({"entry_id": entry, "contact": "010-12345678", "reason": "年报已通过邮寄报送"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let first = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let c = credit(&app, u).await;
    assert_eq!(c["objections"][0]["status"], "pending");
    assert!(c["objections"][0].get("contact").is_none());

    let (cookie, csrf) = official(&app, CHAOYANG, u).await;
    let r = app
        .post_form(
            &format!("/admin/orgs/{u}/credit/objections/{first}"),
            &cookie,
            &[
                ("csrf", &csrf),
                ("decision", "rejected"),
                ("reason", "未查到邮寄记录"),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    let c = credit(&app, u).await;
    assert_eq!(c["objections"][0]["status"], "rejected");
    assert_eq!(c["objections"][0]["decision_reason"], "未查到邮寄记录");
    assert_eq!(c["credit"], "abnormal");
    // Deciding twice is a conflict.
    let r = app
        .post_form(
            &format!("/admin/orgs/{u}/credit/objections/{first}"),
            &cookie,
            &[("csrf", &csrf), ("decision", "upheld"), ("reason", "再议")],
        )
        .await;
    assert_eq!(r.status(), 409);

    // The lookup API (its in-memory name table) sees the listing.
    assert_eq!(lookup_credit(&app, u).await, "abnormal");

    // File again, uphold: the entry is removed with the decision's reason.
    let r = app
        .client
        .post(&url)
        .json(&json!({"entry_id": entry, "contact": "010-12345678", "reason": "补交邮寄回执，年报已按时送达"}))
        .send()
        .await
        .unwrap();
    let second = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let r = app
        .post_form(
            &format!("/admin/orgs/{u}/credit/objections/{second}"),
            &cookie,
            &[
                ("csrf", &csrf),
                ("decision", "upheld"),
                ("reason", "邮寄回执证明已按时报送"),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    let c = credit(&app, u).await;
    assert_eq!(c["credit"], "normal", "{c}");
    // … and its removal at once, without a restart (it kept the old standing before).
    assert_eq!(lookup_credit(&app, u).await, "normal");
    let e = &c["list_entries"][0];
    assert_eq!(e["removal_kind"], "objection");
    assert!(
        e["removed_reason"]
            .as_str()
            .unwrap()
            .contains("邮寄回执证明已按时报送")
    );
}

#[tokio::test]
async fn penalty_by_official_lists_serious_and_other_county_gets_403() {
    let app = TestApp::spawn().await;
    let o = add_org(&app, 904, "北京市朝阳区处罚测试协会").await;
    let u = o.uscc.as_str();
    for y in 2020..=2025 {
        file_report(&app, u, y, &format!("{}-04-01", y + 1)).await;
    }
    let form = |csrf: &str| -> Vec<(String, String)> {
        [
            ("csrf", csrf),
            ("doc_no", "朝民罚字〔2026〕1号"),
            ("kind", "fine"),
            ("fine", "60000"),
            ("reason", "违反章程开展活动"),
            ("basis", "《社会团体登记管理条例》第三十条"),
            ("result", "罚款6万元"),
            ("decided_on", "2026-11-20"),
            ("authority", "北京市朝阳区民政局"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    };
    // 海淀区 official: 403, nothing stored.
    let hd_cookie = app.login(HAIDIAN, PASSWORD).await.unwrap();
    let hd_csrf = {
        let page = app.get_with("/admin", &hd_cookie).await;
        hidden(&page.text().await.unwrap(), "csrf")
    };
    let f = form(&hd_csrf);
    let fields: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = app
        .post_form(
            &format!("/admin/orgs/{u}/credit/penalty"),
            &hd_cookie,
            &fields,
        )
        .await;
    assert_eq!(r.status(), 403);
    assert!(r.text().await.unwrap().contains("outside_jurisdiction"));
    let r = app
        .get_with(&format!("/admin/orgs/{u}/credit"), &hd_cookie)
        .await;
    assert_eq!(r.status(), 403);
    assert!(
        credit(&app, u).await["penalties"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    // A malformed form: 422 with every problem, nothing stored.
    let (cookie, csrf) = official(&app, CHAOYANG, u).await;
    let r = app
        .post_form(
            &format!("/admin/orgs/{u}/credit/penalty"),
            &cookie,
            &[("csrf", &csrf), ("kind", "fine"), ("fine", "abc")],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(
        credit(&app, u).await["penalties"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    // 朝阳区 official: a ¥60,000 fine lists the organization as serious at once (第十四条第（四）项).
    let f = form(&csrf);
    let fields: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = app
        .post_form(&format!("/admin/orgs/{u}/credit/penalty"), &cookie, &fields)
        .await;
    assert_eq!(r.status(), 200);
    let c = credit(&app, u).await;
    assert_eq!(c["penalties"][0]["doc_no"], "朝民罚字〔2026〕1号");
    assert_eq!(c["credit"], "serious", "{c}");
    assert!(
        c["records"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["category"] == "penalty")
    );
    assert!(open_entries(&c).iter().any(|e| {
        e["listed_reason"]
            .as_str()
            .unwrap()
            .contains("第十四条第（四）项")
    }));

    // Manual removal with a reason, then the credit is consistent again.
    let entry = open_entries(&c)[0]["id"].as_i64().unwrap().to_string();
    let r = app
        .post_form(
            &format!("/admin/orgs/{u}/credit/remove"),
            &cookie,
            &[
                ("csrf", &csrf),
                ("entry_id", &entry),
                ("reason", "行政复议撤销原处罚决定"),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    let c = credit(&app, u).await;
    assert_eq!(c["credit"], "normal", "{c}");
    // The credit endpoint: malformed code 400, unknown 404.
    assert_eq!(app.json("/api/v1/orgs/123/credit").await.0, 400);
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

#[tokio::test]
async fn profile_shows_credit_records_and_takes_objections() {
    let app = TestApp::spawn().await;
    let o = add_org(&app, 906, "北京市朝阳区公开异议协会").await;
    let u = o.uscc.as_str();
    job(&app, "2026-06-01").await;
    let html = app.get(&format!("/orgs/{u}")).await.text().await.unwrap();
    assert!(html.contains("信用信息"), "{html}");
    assert!(html.contains(&format!("/orgs/{u}/objection")));
    let form = app.get(&format!("/orgs/{u}/objection")).await;
    assert_eq!(form.status(), 200);
    let cookie = set_cookies(&form)
        .into_iter()
        .find(|c| c.starts_with("gongyi_form_csrf="))
        .unwrap();
    let html = form.text().await.unwrap();
    assert!(html.contains("2025年度工作报告"), "{html}");
    let csrf = hidden(&html, "csrf");
    let good = [
        ("entry_id", ""),
        ("contact", "010-12345678"),
        ("reason", "本会2025年度报告已于5月提交纸质版"),
    ];
    // Without the form's token (a post from another site): 403, nothing stored.
    let r = app
        .client
        .post(app.url(&format!("/orgs/{u}/objection")))
        .form(&good)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let path = format!("/orgs/{u}/objection");
    let with_token = |f: &[(&'static str, &'static str)]| {
        let mut f = f.to_vec();
        f.push(("csrf", csrf.as_str()));
        let (app, path, cookie) = (&app, &path, &cookie);
        async move { app.post_form(path, cookie, &f).await }
    };
    let r = with_token(&[("entry_id", ""), ("contact", "010-1"), ("reason", "短")]).await;
    assert_eq!(r.status(), 422);
    assert!(app.db.store.objections(u).await.unwrap().is_empty());
    let r = with_token(&good).await;
    assert_eq!(r.status(), 201);
    assert_eq!(app.db.store.objections(u).await.unwrap().len(), 1);
    // The address's hourly budget (5): four more pass, the sixth is 429 and stores nothing.
    for _ in 0..4 {
        assert_eq!(with_token(&good).await.status(), 201);
    }
    let r = with_token(&good).await;
    assert_eq!(r.status(), 429);
    assert_eq!(app.db.store.objections(u).await.unwrap().len(), 5);
    // The API shares the budget; and a body that is not application/json (a cross-site
    // "simple" request) is 415 before anything else.
    let url = app.url(&format!("/api/v1/orgs/{u}/objections"));
    let body = r#"{"contact":"010-12345678","reason":"跨站简单请求提交的异议"}"#;
    let r = app
        .client
        .post(&url)
        .header("content-type", "text/plain")
        .header("origin", "https://evil.example")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 415);
    assert_eq!(
        r.json::<Value>().await.unwrap()["error"]["code"],
        "unsupported_media_type"
    );
    let r = app
        .client
        .post(&url)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429);
    assert!(r.headers().get("retry-after").is_some());
    assert_eq!(app.db.store.objections(u).await.unwrap().len(), 5);
}
