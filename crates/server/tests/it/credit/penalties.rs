//! Penalties recorded by an official list the organization by the rules; another county's
//! official is refused.

use super::*;

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

    // 朝阳区 official: a ¥60,000 fine lists the organization as serious at once (严重 item (四)).
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
    assert!(
        open_entries(&c)
            .iter()
            .any(|e| { e["listed_reason"].as_str().unwrap().contains("第（四）项") })
    );

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
