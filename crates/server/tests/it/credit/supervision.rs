//! 活动异常名录 items (三) and (六) from the authority's own documents, through the credit page:
//! a 整改通知 not complied with lists the day after its deadline and leaves when completed; two
//! unsigned 专用信函 within the interval list at once and a signed one removes; bad forms keep
//! what was typed with the error beside its field; a second completion is a conflict.

use super::*;
use chrono::{TimeZone, Utc};

async fn reported_org(app: &TestApp, i: u64, name: &str) -> String {
    let o = add_org(app, i, name).await;
    let u = o.uscc.to_string();
    for y in 2020..=2025 {
        file_report(app, &u, y, &format!("{}-04-01", y + 1)).await;
    }
    u
}

fn set_today(app: &TestApp, y: i32, m: u32, d: u32) {
    app.clock
        .set(Utc.with_ymd_and_hms(y, m, d, 2, 0, 0).unwrap());
}

#[tokio::test]
async fn an_order_not_complied_with_lists_the_day_after_its_deadline_and_leaves_when_completed() {
    let app = TestApp::spawn().await;
    let u = reported_org(&app, 911, "北京市朝阳区整改测试协会").await;
    let (cookie, csrf) = official(&app, CHAOYANG, &u).await;
    let path = format!("/admin/orgs/{u}/credit/rectifications");

    // A deadline before the order: 422, the error beside the deadline, the typed number kept.
    let r = app
        .post_form(
            &path,
            &cookie,
            &[
                ("csrf", &csrf),
                ("doc_no", "朝民整字〔2026〕7号"),
                ("requirement", "补齐2025年理事会会议记录"),
                ("issued_on", "2026-11-20"),
                ("deadline", "2026-11-01"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    let deadline = html.split("id=\"f-r-deadline\"").nth(1).unwrap();
    assert!(deadline.contains("id=\"e-r-deadline\"") && deadline.contains("应晚于发出日期"));
    assert!(html.contains("value=\"朝民整字〔2026〕7号\""));
    assert!(app.db.store.rectifications(&u).await.unwrap().is_empty());

    let order = [
        ("csrf", csrf.as_str()),
        ("doc_no", "朝民整字〔2026〕7号"),
        ("requirement", "补齐2025年理事会会议记录"),
        ("issued_on", "2026-11-20"),
        ("deadline", "2026-11-30"),
    ];
    let r = app.post_form(&path, &cookie, &order).await;
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("已登记整改通知"));
    // The same document number again: 409 beside the number, nothing added.
    let r = app.post_form(&path, &cookie, &order).await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("id=\"e-r-doc_no\""));
    assert_eq!(app.db.store.rectifications(&u).await.unwrap().len(), 1);
    // The order is public credit information (行政检查信息).
    let c = credit(&app, &u).await;
    assert!(
        c["records"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["category"] == "inspection"
                && r["title"].as_str().unwrap().contains("朝民整字〔2026〕7号")),
        "{c}"
    );

    // Through the deadline nothing; the day after, 异常 item (三).
    job(&app, "2026-11-30").await;
    assert_eq!(credit(&app, &u).await["credit"], "normal");
    job(&app, "2026-12-01").await;
    let c = credit(&app, &u).await;
    assert_eq!(c["credit"], "abnormal", "{c}");
    let open = open_entries(&c);
    assert_eq!(open.len(), 1);
    // Listed in the name of the registration authority, not "the system".
    let authority = app.db.store.org(&u).await.unwrap().unwrap().authority;
    assert_eq!(open[0]["listed_by"], authority.as_str());
    assert!(
        open[0]["listed_reason"]
            .as_str()
            .unwrap()
            .contains("第（三）项")
    );

    // The official records it completed (a new session: the clock moved past the old one's
    // lifetime): the entry leaves at once.
    set_today(&app, 2026, 12, 10);
    let (cookie, csrf) = official(&app, CHAOYANG, &u).await;
    let id = app.db.store.rectifications(&u).await.unwrap()[0].id;
    let done = format!("/admin/orgs/{u}/credit/rectifications/{id}/done");
    let r = app
        .post_form(
            &done,
            &cookie,
            &[
                ("csrf", &csrf),
                ("completed_on", "2026-12-09"),
                ("note", "已核查会议记录"),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("移出名录 1 条"));
    let c = credit(&app, &u).await;
    assert_eq!(c["credit"], "normal", "{c}");
    assert_eq!(lookup_credit(&app, &u).await, "normal");
    let audit = app
        .db
        .store
        .audit_for(gongyi_types::EntityKind::Org, &u, 50)
        .await
        .unwrap();
    for action in [
        "credit.rectification",
        "credit.rectification_done",
        "credit.list",
        "credit.remove",
    ] {
        assert!(audit.iter().any(|a| a.action == action), "{action}");
    }
}

#[tokio::test]
async fn two_unsigned_letters_list_at_once_and_a_signed_one_removes() {
    let app = TestApp::spawn().await;
    let u = reported_org(&app, 912, "北京市朝阳区住所测试协会").await;
    let (cookie, csrf) = official(&app, CHAOYANG, &u).await;
    let path = format!("/admin/orgs/{u}/credit/letters");
    let letter = |no: &'static str, sent: &'static str, outcome: &'static str, on: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("tracking_no", no.to_string()),
            ("sent_on", sent.to_string()),
            ("outcome", outcome.to_string()),
            ("outcome_on", on.to_string()),
        ]
    };
    let post = |f: Vec<(&'static str, String)>| {
        let (app, cookie, path) = (&app, cookie.clone(), path.clone());
        async move {
            let fields: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post_form(&path, &cookie, &fields).await
        }
    };
    // Another county's official: 403, nothing stored.
    let hd = app.login(HAIDIAN, PASSWORD).await.unwrap();
    let r = app
        .post_form(
            &path,
            &hd,
            &[
                ("csrf", &csrf),
                ("tracking_no", "X"),
                ("sent_on", "2026-10-01"),
            ],
        )
        .await;
    assert_eq!(r.status(), 403);

    let r = post(letter("XA001", "2026-10-01", "returned", "2026-10-15")).await;
    assert_eq!(r.status(), 200);
    assert_eq!(credit(&app, &u).await["credit"], "normal");
    // Came back before it was sent: 422 beside the date, nothing stored.
    let r = post(letter("XA002", "2026-10-25", "returned", "2026-10-20")).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("id=\"e-m-outcome_on\""));
    assert_eq!(app.db.store.letters(&u).await.unwrap().len(), 1);
    // The second unsigned letter, 24 days after the first: listed at once (item (六)).
    let r = post(letter("XA002", "2026-10-25", "returned", "2026-11-10")).await;
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("列入活动异常名录 1 条"));
    let c = credit(&app, &u).await;
    assert_eq!(c["credit"], "abnormal", "{c}");
    assert!(
        open_entries(&c)[0]["listed_reason"]
            .as_str()
            .unwrap()
            .contains("第（六）项")
    );
    // The same tracking number again: 409.
    let r = post(letter("XA002", "2026-10-25", "returned", "2026-11-10")).await;
    assert_eq!(r.status(), 409);
    // A later letter signed for: reachable again, the entry leaves.
    let r = post(letter("XA003", "2026-11-20", "signed", "2026-11-22")).await;
    assert_eq!(r.status(), 200);
    assert_eq!(credit(&app, &u).await["credit"], "normal");
}

#[tokio::test]
async fn two_officials_completing_one_order_at_once_record_it_once() {
    let app = TestApp::spawn().await;
    let u = reported_org(&app, 913, "北京市朝阳区并发整改协会").await;
    let (cookie, csrf) = official(&app, CHAOYANG, &u).await;
    let r = app
        .post_form(
            &format!("/admin/orgs/{u}/credit/rectifications"),
            &cookie,
            &[
                ("csrf", &csrf),
                ("doc_no", "朝民整字〔2026〕9号"),
                ("requirement", "规范财务票据"),
                ("issued_on", "2026-11-01"),
                ("deadline", "2026-11-20"),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    let id = app.db.store.rectifications(&u).await.unwrap()[0].id;
    let done = format!("/admin/orgs/{u}/credit/rectifications/{id}/done");
    let fields = [
        ("csrf", csrf.as_str()),
        ("completed_on", "2026-11-25"),
        ("note", "已核查"),
    ];
    let (a, b) = tokio::join!(
        app.post_form(&done, &cookie, &fields),
        app.post_form(&done, &cookie, &fields)
    );
    let mut codes = [a.status().as_u16(), b.status().as_u16()];
    codes.sort();
    assert_eq!(codes, [200, 409]);
    let audit = app
        .db
        .store
        .audit_for(gongyi_types::EntityKind::Org, &u, 50)
        .await
        .unwrap();
    assert_eq!(
        audit
            .iter()
            .filter(|a| a.action == "credit.rectification_done")
            .count(),
        1
    );
}
