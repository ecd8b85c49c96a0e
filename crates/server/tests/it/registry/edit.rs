//! Officials edit registry records — only inside their jurisdiction.

use crate::support::{CHAOYANG, HAIDIAN, PASSWORD, TestApp, ZHEJIANG, hidden};

#[tokio::test]
async fn an_official_edits_a_record_in_their_county() {
    let app = TestApp::spawn().await;
    let o = app.orgs[1].clone(); // registered in 北京市朝阳区
    let cookie = app.login(CHAOYANG, PASSWORD).await.unwrap();
    let path = format!("/admin/orgs/{}/edit", o.uscc);
    // The workbench's lookup box leads to the edit form (lower case accepted).
    let r = app
        .get_with(
            &format!("/admin/orgs?uscc={}", o.uscc.as_str().to_lowercase()),
            &cookie,
        )
        .await;
    assert_eq!(r.headers().get("location").unwrap().to_str().unwrap(), path);
    let html = app.get_with(&path, &cookie).await.text().await.unwrap();
    let csrf = hidden(&html, "csrf");
    let r = app
        .post_form(
            &path,
            &cookie,
            &[
                ("csrf", csrf.as_str()),
                ("name", "北京市朝阳区朝阳社会工作服务中心"),
                ("legal_rep", "王小明"),
                ("capital", "50万"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 200);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("已保存，变更事项：名称、法定代表人")
    );

    let (_, v) = app.json(&format!("/api/v1/orgs/{}", o.uscc)).await;
    assert_eq!(v["name"], "北京市朝阳区朝阳社会工作服务中心");
    assert_eq!(v["capital_fen"], 50_000_000);
    let changes = v["sections"]["changes"].as_array().unwrap();
    assert!(changes.iter().any(|c| c["field"] == "名称"
        && c["before"] == o.name.as_str()
        && c["after"] == "北京市朝阳区朝阳社会工作服务中心"
        && c["changed_on"] == "2026-11-27"));
    // The index follows the write.
    let (_, s) = app
        .json("/api/v1/orgs?q=北京市朝阳区朝阳社会工作服务中心")
        .await;
    assert_eq!(s["items"][0]["uscc"], o.uscc.to_string());
    // And the audit trail has who and the digests.
    let audit = app
        .state
        .store
        .audit_for(gongyi_types::EntityKind::Org, o.uscc.as_str(), 10)
        .await
        .unwrap();
    let a = audit.iter().find(|a| a.action == "org.update").unwrap();
    assert_eq!(a.actor, "user:chaoyang");
    assert!(
        a.before_digest.is_some() && a.after_digest.is_some() && a.before_digest != a.after_digest
    );
    app.finish().await;
}

#[tokio::test]
async fn an_official_of_another_county_gets_403_and_nothing_changes() {
    let app = TestApp::spawn().await;
    let o = app.orgs[1].clone(); // 朝阳区
    let cookie = app.login(HAIDIAN, PASSWORD).await.unwrap();
    let path = format!("/admin/orgs/{}/edit", o.uscc);
    let r = app.get_with(&path, &cookie).await;
    assert_eq!(r.status().as_u16(), 403);
    assert!(r.text().await.unwrap().contains("outside_jurisdiction"));
    // A forged POST with a valid token of the session is refused too.
    let home = app.get_with("/admin", &cookie).await.text().await.unwrap();
    let csrf = hidden(&home, "csrf");
    let r = app
        .post_form(
            &path,
            &cookie,
            &[("csrf", csrf.as_str()), ("name", "被篡改的名称")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 403);
    assert_eq!(
        app.state.store.org(o.uscc.as_str()).await.unwrap().unwrap(),
        o
    );
    // A provincial official of 浙江 cannot reach Beijing either; the profile offers no edit link.
    let zj = app.login(ZHEJIANG, PASSWORD).await.unwrap();
    let p = app
        .get_with(&format!("/orgs/{}", o.uscc), &zj)
        .await
        .text()
        .await
        .unwrap();
    assert!(!p.contains("修改登记信息"));
    let own = app
        .get_with(
            &format!("/orgs/{}", o.uscc),
            &app.login(CHAOYANG, PASSWORD).await.unwrap(),
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(own.contains("修改登记信息"));
    app.finish().await;
}

#[tokio::test]
async fn bad_form_values_are_reported_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let o = app.orgs[1].clone();
    let cookie = app.login(CHAOYANG, PASSWORD).await.unwrap();
    let path = format!("/admin/orgs/{}/edit", o.uscc);
    let csrf = hidden(
        &app.get_with(&path, &cookie).await.text().await.unwrap(),
        "csrf",
    );
    let r = app
        .post_form(
            &path,
            &cookie,
            &[
                ("csrf", csrf.as_str()),
                ("name", "新名称协会"),
                ("capital", "很多钱"),
                ("founded", "2020-02-30"),
                ("division", "110108"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("金额“很多钱”格式无效"), "{html}");
    assert!(html.contains("成立登记日期：“2020-02-30”不是有效日期"));
    // Each error beside its field, tied to it, and what was typed kept.
    let capital = html.split("id=\"f-capital\"").nth(1).unwrap();
    let capital = &capital[..capital.find("</div>").unwrap()];
    assert!(capital.contains("value=\"很多钱\""), "{capital}");
    assert!(capital.contains("aria-describedby=\"e-capital\""));
    assert!(capital.contains("id=\"e-capital\"") && capital.contains("格式无效"));
    let founded = html.split("id=\"f-founded\"").nth(1).unwrap();
    assert!(founded[..founded.find("</div>").unwrap()].contains("不是有效日期"));
    assert!(html.contains("value=\"新名称协会\""));
    assert!(html.contains("<a href=\"#f-capital\">"));
    assert_eq!(
        app.state.store.org(o.uscc.as_str()).await.unwrap().unwrap(),
        o
    );
    // Moving the record to a county outside the jurisdiction is refused.
    let r = app
        .post_form(
            &path,
            &cookie,
            &[("csrf", csrf.as_str()), ("division", "110108")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 403);
    assert_eq!(
        app.state.store.org(o.uscc.as_str()).await.unwrap().unwrap(),
        o
    );
    // Without the CSRF token: 403.
    let r = app
        .post_form(&path, &cookie, &[("name", "新名称协会")])
        .await;
    assert_eq!(r.status().as_u16(), 403);
    app.finish().await;
}

#[tokio::test]
async fn concurrent_edits_all_succeed_and_all_are_recorded() {
    let app = TestApp::spawn().await;
    let targets = [app.orgs[1].clone(), app.orgs[4].clone()]; // both in 北京市朝阳区
    let cookie = app.login(CHAOYANG, PASSWORD).await.unwrap();
    let path = |o: &gongyi_types::Organization| format!("/admin/orgs/{}/edit", o.uscc);
    let html = app
        .get_with(&path(&targets[0]), &cookie)
        .await
        .text()
        .await
        .unwrap();
    let csrf = hidden(&html, "csrf");
    // Sixteen edits at once: on SQLite a transaction that read before writing used to fail
    // with "database is locked" instead of waiting for the other writer.
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..16 {
        let (client, cookie, csrf) = (app.client.clone(), cookie.clone(), csrf.clone());
        let url = app.url(&path(&targets[i % 2]));
        tasks.spawn(async move {
            let name = format!("北京市朝阳区并发测试第{i}号协会");
            let r = client
                .post(url)
                .header("cookie", cookie)
                .form(&[("csrf", csrf.as_str()), ("name", name.as_str())])
                .send()
                .await
                .unwrap();
            r.status().as_u16()
        });
    }
    let statuses = tasks.join_all().await;
    assert!(statuses.iter().all(|&s| s == 200), "{statuses:?}");
    for o in &targets {
        let audit = app
            .state
            .store
            .audit_for(gongyi_types::EntityKind::Org, o.uscc.as_str(), 100)
            .await
            .unwrap();
        let updates = audit.iter().filter(|a| a.action == "org.update").count();
        assert_eq!(updates, 8, "every edit of {} has its audit row", o.uscc);
    }
    app.finish().await;
}

/// Two officials' edits of one record at the same moment: each 变更记录 row is computed
/// against the record its write replaced (the row is locked on PostgreSQL), so the second
/// change's "before" is the first change's "after" — never both against the same original.
#[tokio::test]
async fn racing_edits_each_record_what_they_replaced() {
    let app = TestApp::spawn().await;
    let o = app.orgs[1].clone(); // 朝阳区
    let cookie = app.login(CHAOYANG, PASSWORD).await.unwrap();
    let path = format!("/admin/orgs/{}/edit", o.uscc);
    let html = app.page_with(&path, &cookie).await;
    let csrf = hidden(&html, "csrf");
    let edit = |address: &'static str| {
        let (app, path, cookie, csrf) = (&app, &path, &cookie, &csrf);
        async move {
            app.post_form(
                path,
                cookie,
                &[("csrf", csrf.as_str()), ("address", address)],
            )
            .await
            .status()
            .as_u16()
        }
    };
    let (a, b) = tokio::join!(edit("北京市朝阳区甲路1号"), edit("北京市朝阳区乙路2号"));
    assert_eq!((a, b), (200, 200));
    let (_, v) = app.json(&format!("/api/v1/orgs/{}", o.uscc)).await;
    let changes: Vec<(String, String)> = v["sections"]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["field"] == "住所")
        .map(|c| {
            (
                c["before"].as_str().unwrap().to_string(),
                c["after"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(changes.len(), 2, "{changes:?}");
    let befores: std::collections::HashSet<&str> =
        changes.iter().map(|(b, _)| b.as_str()).collect();
    assert_eq!(
        befores.len(),
        2,
        "both recorded against one before: {changes:?}"
    );
    assert!(befores.contains(o.address.as_str()), "{changes:?}");
    let final_address = v["address"].as_str().unwrap();
    assert!(
        changes
            .iter()
            .any(|(b, a)| b != o.address.as_str() && a == final_address),
        "{changes:?} / {final_address}"
    );
    app.finish().await;
}
