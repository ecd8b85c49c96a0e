//! What every visitor reads: the service catalogue and queue as JSON, and the service guides.

use super::*;

#[tokio::test]
async fn json_api_shows_the_catalogue_the_progress_and_the_queue() {
    let app = TestApp::spawn().await;
    let (s, cat) = app.json("/api/v1/services").await;
    assert_eq!(s, 200);
    let cat = cat.as_array().unwrap();
    assert_eq!(cat.len(), 7);
    let rm = cat.iter().find(|c| c["kind"] == "credit_removal").unwrap();
    assert_eq!(rm["label"], "移出严重违法失信名单申请");
    let fr = cat.iter().find(|c| c["kind"] == "fundraising").unwrap();
    assert_eq!(fr["decision_working_days"], 20);
    assert_eq!(fr["accept_working_days"], 5);

    let o = app.orgs[1].clone();
    let me = org_account(&app, &o).await;
    let id = apply_ok(&app, &me, "annual_report", &report_form()).await;
    upload_ok(&app, &me, id, "年度工作报告").await;
    assert_eq!(applicant_post(&app, &me, id, "submit").await.status(), 303);
    let (s, list) = json_with(&app, "/api/v1/my/applications", &me).await;
    assert_eq!(s, 200);
    assert_eq!(list[0]["id"], id);
    assert_eq!(list[0]["state"], "submitted");
    assert_eq!(list[0]["deadline"], "2026-12-04");
    let (s, one) = json_with(&app, &format!("/api/v1/my/applications/{id}"), &me).await;
    assert_eq!(s, 200);
    assert_eq!(one["form"]["year"], "2025");
    assert_eq!(one["steps"].as_array().unwrap().len(), 2);
    assert_eq!(one["attachments"][0]["media_type"], "application/pdf");
    let (s, e) = app.json(&format!("/api/v1/my/applications/{id}")).await;
    assert_eq!(
        (s, e["error"]["code"].as_str()),
        (401, Some("login_required"))
    );
    let other = org_account(&app, &app.orgs[4].clone()).await;
    let (s, _) = json_with(&app, &format!("/api/v1/my/applications/{id}"), &other).await;
    assert_eq!(s, 404);

    let number = one["number"].as_str().unwrap().to_string();
    let chaoyang = official(&app, CHAOYANG).await;
    let (s, q) = json_with(&app, "/api/v1/admin/applications?state=open", &chaoyang).await;
    assert_eq!(s, 200);
    assert!(q.as_array().unwrap().iter().any(|a| a["number"] == number));
    let haidian = official(&app, HAIDIAN).await;
    let (_, q) = json_with(&app, "/api/v1/admin/applications", &haidian).await;
    assert!(!q.as_array().unwrap().iter().any(|a| a["number"] == number));
    let (s, e) = json_with(&app, "/api/v1/admin/applications?kind=nope", &chaoyang).await;
    assert_eq!(
        (s, e["error"]["code"].as_str()),
        (400, Some("invalid_kind"))
    );
    let (_, doc) = app.json("/api/openapi.json").await;
    assert!(doc["paths"]["/api/v1/my/applications/{id}"].is_object());
    assert!(doc["paths"]["/api/v1/admin/applications"].is_object());
    app.finish().await;
}

#[tokio::test]
async fn service_guides_are_pages_and_downloads() {
    let app = TestApp::spawn().await;
    let html = app.get("/services").await.text().await.unwrap();
    for label in [
        "成立登记",
        "变更登记",
        "注销登记",
        "年度报告",
        "评估申请",
        "公开募捐资格申请",
    ] {
        assert!(html.contains(label), "{label}");
    }
    let r = app.get("/services/annual_report/guide").await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("年度工作报告") && html.contains("20 个工作日"));
    let r = app.get("/services/fundraising/guide.md").await;
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/markdown")
    );
    assert!(r.text().await.unwrap().contains("《慈善法》第二十二条"));
    // The guide has a Chinese service guide's fields, and the materials 第十一条 requires.
    let html = app
        .get("/services/establish/guide")
        .await
        .text()
        .await
        .unwrap();
    for field in [
        "事项类型",
        "设定依据",
        "受理条件",
        "申请材料",
        "办理流程",
        "法定办结时限",
        "承诺办结时限",
        "收费标准",
        "不收费",
        "办理地点",
        "咨询电话",
        "监督投诉电话",
        "办理结果",
    ] {
        assert!(html.contains(field), "{field}");
    }
    let row = html.split("住所使用证明</th>").nth(1).unwrap();
    assert!(
        row.split("</tr>").next().unwrap().contains(">必要<"),
        "{row}"
    );
    // As a PDF: the Chinese font embedded, and pdftotext (poppler-utils, which scripts/test
    // installs) reads the Chinese title back.
    let r = app.get("/services/establish/guide.pdf").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    let pdf = r.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(
        pdf.windows(8).any(|w| w == b"FontFile"),
        "the font is embedded"
    );
    let out = std::process::Command::new("pdftotext")
        .args(["-", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().unwrap().write_all(&pdf)?;
            c.wait_with_output()
        })
        .expect("pdftotext is needed: apt-get install poppler-utils (scripts/test does)");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("办事指南：成立登记"), "{text}");
    assert!(text.contains("住所使用证明"), "{text}");
    let r = app.get("/services/nope/guide").await;
    assert_eq!(r.status(), 404);
    assert!(r.text().await.unwrap().contains("service_not_found"));
    // Applying needs an applicant's login.
    let r = app.get("/services/establish/apply").await;
    assert_eq!(r.status(), 303);
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/account/login?next=")
    );
    app.finish().await;
}
