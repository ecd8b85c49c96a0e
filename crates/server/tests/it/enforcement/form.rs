//! The public complaint form: its token, the tracking number after a redirect, a bad field
//! re-shown with what was typed, and the 省/市/县 selector instead of a code.

use super::*;

/// A multipart body by hand (the form's encoding).
#[tokio::test]
async fn the_public_form_needs_its_token_and_gives_a_tracking_number() {
    let app = spawn(20).await;
    let o = &app.orgs[1];
    let page = app.get(&format!("/complaints/new?uscc={}", o.uscc)).await;
    assert_eq!(page.status(), 200);
    let cookie = set_cookies(&page)
        .into_iter()
        .find(|c| c.starts_with("gongyi_complaint_csrf="))
        .unwrap();
    let html = page.text().await.unwrap();
    assert!(html.contains(&o.name) && html.contains("匿名"), "{html}");
    let token = hidden(&html, "csrf");
    let fields = [
        ("reported_uscc", o.uscc.as_str()),
        ("reported_name", ""),
        ("division", ""),
        ("content", "在社区以该中心名义收取会费，没有收据，请核查。"),
        ("reporter_name", ""),
        ("contact", ""),
    ];
    // Without the token (another site's form): 403, nothing stored.
    let (ct, body) = multipart(&fields, None);
    let r = app
        .client
        .post(app.url("/complaints/new"))
        .header("content-type", ct)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(counts(&app).await.complaints, 0);
    // With it and a photo: the receipt with the tracking number.
    let mut with_token = fields.to_vec();
    with_token.push(("csrf", &token));
    let (ct, body) = multipart(&with_token, Some(("现场.png", b"\x89PNG\r\n\x1a\n....")));
    let r = app
        .client
        .post(app.url("/complaints/new"))
        .header("content-type", ct)
        .header("cookie", &cookie)
        .body(body)
        .send()
        .await
        .unwrap();
    // Redirect after post, to the status page that shows the tracking number.
    assert_eq!(r.status(), 303);
    let loc = r.headers()["location"].to_str().unwrap().to_string();
    assert!(loc.starts_with("/complaints/status?no=TS") && loc.ends_with("&received=1"));
    let no = loc["/complaints/status?no=".len()..loc.len() - "&received=1".len()].to_string();
    let html = app.get(&loc).await.text().await.unwrap();
    assert!(html.contains("举报已收到") && html.contains(&no), "{html}");
    let (st, s) = app.json(&format!("/api/v1/complaints/{no}")).await;
    assert_eq!(st, 200, "{s}");
    assert_eq!(s["division"], "110105");
    // APIs give RFC 3339 in Beijing time.
    let at = s["submitted_at"].as_str().unwrap();
    assert!(
        at.ends_with("+08:00") && chrono::DateTime::parse_from_rfc3339(at).is_ok(),
        "{at}"
    );
    let c = counts(&app).await;
    assert_eq!((c.complaints, c.complaint_files), (1, 1));
    // A bad field re-shows the form with the message and what was typed.
    let bad = [
        ("csrf", token.as_str()),
        ("reported_name", "某协会"),
        ("content", "短"),
    ];
    let (ct, body) = multipart(&bad, None);
    let r = app
        .client
        .post(app.url("/complaints/new"))
        .header("content-type", ct)
        .header("cookie", &cookie)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    // Beside its field (and linked from the summary), the typed values kept.
    let content_field = html.split("id=\"f-content\"").nth(1).unwrap();
    assert!(content_field.contains("aria-invalid=\"true\""), "{html}");
    assert!(
        html.contains("<p class=\"field-error\" id=\"e-content\">举报内容应为"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"#f-content\">举报内容应为"),
        "{html}"
    );
    assert!(html.contains("value=\"某协会\""), "{html}");
    assert_eq!(counts(&app).await.complaints, 1);

    // No code to type: the 省/市/县 selects fill one level at a time (no script), keeping
    // what was typed; the chosen county routes an unregistered organization's complaint.
    let html = app.get("/complaints/new").await.text().await.unwrap();
    assert!(html.contains("name=\"region_province\"") && !html.contains("name=\"division\""));
    assert!(
        html.contains("违规收费、摊派或强制入会"),
        "complaint types to choose from"
    );
    let content = "以“某某国学研究会”名义在小区收费办班，未见登记。";
    let step = |p: &'static str, c: &'static str, k: &'static str, refresh: bool| {
        let mut f = vec![
            ("csrf", token.clone()),
            ("reported_name", "某某国学研究会".to_string()),
            ("content", content.to_string()),
            ("category", "illegal_org".to_string()),
            ("region_province", p.to_string()),
            ("region_city", c.to_string()),
            ("region_county", k.to_string()),
        ];
        if refresh {
            f.push(("region_refresh", "1".to_string()));
        }
        f
    };
    let post = |f: Vec<(&'static str, String)>| {
        let (app, cookie) = (&app, cookie.clone());
        async move {
            let fields: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let (ct, body) = multipart(&fields, None);
            app.client
                .post(app.url("/complaints/new"))
                .header("content-type", ct)
                .header("cookie", &cookie)
                .body(body)
                .send()
                .await
                .unwrap()
        }
    };
    let r = post(step("330000", "", "", true)).await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("<option value=\"330100\">杭州市</option>"),
        "{html}"
    );
    assert!(html.contains(content), "the typed text is kept");
    assert_eq!(counts(&app).await.complaints, 1, "a refresh files nothing");
    let r = post(step("330000", "330100", "330106", false)).await;
    assert_eq!(r.status(), 303);
    let loc = r.headers()["location"].to_str().unwrap().to_string();
    let no = &loc["/complaints/status?no=".len()..loc.len() - "&received=1".len()];
    let (_, s) = app.json(&format!("/api/v1/complaints/{no}")).await;
    assert_eq!(s["division"], "330106", "{s}");
    assert_eq!(s["authority"], "浙江省杭州市西湖区民政局");
    app.finish().await;
}
