//! Objections: filed through the API and the page (token, budget, media type), rejected or
//! upheld by an official, the lookup following at once.

use super::*;

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
    // Both problems at once, each beside its field, what was typed kept.
    let r = with_token(&[("entry_id", ""), ("contact", " "), ("reason", "短")]).await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("aria-describedby=\"e-contact h-contact\""),
        "{html}"
    );
    assert!(
        html.contains(
            "<p class=\"field-error\" id=\"e-reason\">异议理由应为5至2000个字符，实际为1个</p>"
        ),
        "{html}"
    );
    assert!(html.contains(">短</textarea>"), "{html}");
    assert!(app.db.store.objections(u).await.unwrap().is_empty());
    // Filed: redirect after post to the page's notice.
    let r = with_token(&good).await;
    assert_eq!(r.status(), 303);
    let to = r.headers()["location"].to_str().unwrap().to_string();
    let objections = app.db.store.objections(u).await.unwrap();
    assert_eq!(objections.len(), 1);
    assert_eq!(
        to,
        format!("/orgs/{u}/objection?filed={}", objections[0].id)
    );
    let notice = app.get(&to).await.text().await.unwrap();
    assert!(
        notice.contains(&format!("异议已登记（编号 {}）", objections[0].id)),
        "{notice}"
    );
    // The address's hourly budget (5): four more pass, the sixth is 429 and stores nothing.
    for _ in 0..4 {
        assert_eq!(with_token(&good).await.status(), 303);
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
