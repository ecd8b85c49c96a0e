//! The public pages: search portal, results, profile, API docs, stylesheet, errors.

use crate::support::TestApp;

async fn page(app: &TestApp, path: &str) -> (u16, String) {
    let r = app.get(path).await;
    let s = r.status().as_u16();
    let ct = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let body = r.text().await.unwrap();
    if path != "/static/style.css" {
        assert!(ct.starts_with("text/html"), "{path}: {ct}");
        assert!(body.contains("<html lang=\"zh-CN\">"), "{path}");
    }
    (s, body)
}

#[tokio::test]
async fn portal_results_and_profile() {
    let app = TestApp::spawn().await;
    let (s, home) = page(&app, "/").await;
    assert_eq!(s, 200);
    assert!(home.contains("<label for=\"q\""), "search box has a label");
    assert!(home.contains(&format!("<strong>{}</strong>", app.orgs.len())));

    let (s, res) = page(&app, "/orgs?q=%E7%A4%BE%E4%BC%9A%E5%B7%A5%E4%BD%9C").await; // 社会工作
    assert_eq!(s, 200);
    assert!(res.contains("中国社会工作联合会"));
    assert!(res.contains("分类统计"));
    // Traditional characters find the simplified name (聯合會 → 联合会).
    let (s, res) = page(&app, "/orgs?q=%E8%81%AF%E5%90%88%E6%9C%83").await; // 聯合會
    assert_eq!(s, 200);
    assert!(res.contains("中国社会工作联合会"), "traditional characters");
    let (s, res) = page(&app, "/orgs?kind=foundation&division=110000").await;
    assert_eq!(s, 200);
    assert!(res.contains("北京市海淀区青少年发展基金会"));
    assert!(
        res.contains("<option value=\"foundation\" selected>"),
        "the form keeps the filter"
    );
    let (s, res) = page(&app, "/orgs?kind=nope").await;
    assert_eq!(s, 400);
    assert!(res.contains("invalid_kind"));
    let (s, res) = page(&app, "/orgs?per_page=2").await;
    assert_eq!(s, 200);
    assert!(res.contains("rel=\"next\""), "pager");

    let full = &app.orgs[1];
    let (s, p) = page(&app, &format!("/orgs/{}", full.uscc)).await;
    assert_eq!(s, 200);
    for h in [
        "登记信息",
        "年检/年报结果",
        "评估等级",
        "表彰",
        "行政处罚",
        "变更记录",
        "活动异常名录和严重违法失信名单",
        "年度工作报告",
        "法定代表人",
        "登记证号",
        "业务范围",
    ] {
        assert!(p.contains(h), "profile lacks {h}");
    }
    assert!(p.contains(&full.legal_rep));
    // The ledger receipts of the record are offered, without naming who wrote it.
    assert!(p.contains("公开记录与验证凭证") && p.contains("/api/v1/ledger/receipt/"));
    assert!(!p.contains("test:") && !p.contains("user:"));
    let empty = &app.orgs[4];
    let (_, p) = page(&app, &format!("/orgs/{}", empty.uscc)).await;
    for e in [
        "暂无年检/年报结果。",
        "暂无评估等级。",
        "暂无表彰信息。",
        "暂无行政处罚信息。",
        "暂无变更记录。",
        "未被列入活动异常名录或严重违法失信名单。",
        "暂无年度工作报告。",
    ] {
        assert!(p.contains(e), "empty profile lacks {e}");
    }
    let (s, _) = page(&app, "/orgs/53100000500019795A").await;
    assert_eq!(s, 404);
    let (s, p) = page(&app, "/orgs/53100000500019795B").await;
    assert_eq!(s, 400);
    assert!(p.contains("校验码"));
    let (s, _) = page(&app, "/no/such/page").await;
    assert_eq!(s, 404);
    app.finish().await;
}

#[tokio::test]
async fn api_docs_and_stylesheet() {
    let app = TestApp::spawn().await;
    let (s, p) = page(&app, "/api").await;
    assert_eq!(s, 200);
    assert!(p.contains("GET /api/v1/orgs/{uscc}"));
    assert!(p.contains("per_page"));
    let (s, css) = page(&app, "/static/style.css").await;
    assert_eq!(s, 200);
    assert!(css.contains(":focus"));
    let r = app.get("/").await;
    assert_eq!(r.headers().get("x-frame-options").unwrap(), "DENY");
    assert!(r.headers().get("content-security-policy").is_some());
    app.finish().await;
}

#[tokio::test]
async fn quanguo_lists_national_registrations_and_errors_speak_chinese_with_a_way_back() {
    let app = TestApp::spawn().await;
    // 全国 (100000): the organizations 民政部 registered, not every organization.
    let national: Vec<_> = app
        .orgs
        .iter()
        .filter(|o| o.division == gongyi_types::DivisionCode::NATIONAL)
        .collect();
    assert!(!national.is_empty() && national.len() < app.orgs.len());
    let (s, res) = page(&app, "/orgs?division=100000&per_page=100").await;
    assert_eq!(s, 200);
    assert!(res.contains("中国社会工作联合会"));
    assert!(
        !res.contains("北京市朝阳区阳光社会工作服务中心"),
        "a local org under 全国"
    );
    assert!(
        res.contains(&format!("<strong>{}</strong>", national.len())),
        "count"
    );
    let (_, v) = app.json("/api/v1/orgs?division=100000&per_page=100").await;
    assert_eq!(v["total"], national.len(), "{v}");
    assert!(
        res.contains("<option value=\"100000\" selected>全国性社会组织（民政部登记）</option>")
    );
    // No 台湾、香港、澳门 in the region choices (no mainland registration authority there).
    for code in ["710000", "810000", "820000"] {
        assert!(!res.contains(&format!("value=\"{code}\"")), "{code}");
    }

    // An error page: a Chinese heading, the code, and a way back to the page of this site the
    // visitor came from (never to another site).
    let host = app.url("").trim_end_matches('/').to_string();
    let r = app
        .client
        .get(app.url("/no/such/page"))
        .header("referer", format!("{host}/orgs?q=abc"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let html = r.text().await.unwrap();
    assert!(html.contains("<h1>页面不存在</h1>"), "{html}");
    assert!(!html.contains("Not Found"));
    assert!(
        html.contains("<a href=\"/orgs?q=abc\">返回上一页</a>"),
        "{html}"
    );
    let r = app
        .client
        .get(app.url("/orgs/53100000500019795B"))
        .header("referer", "https://evil.example/orgs")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let html = r.text().await.unwrap();
    assert!(html.contains("<h1>请求有误</h1>") && !html.contains("返回上一页"));
    app.finish().await;
}

#[tokio::test]
async fn the_home_page_shows_counts_by_type_status_province_and_year_and_a_map() {
    let app = TestApp::spawn().await;
    let (s, home) = page(&app, "/").await;
    assert_eq!(s, 200);
    let groups = app
        .orgs
        .iter()
        .filter(|o| o.kind == gongyi_types::OrgKind::SocialGroup)
        .count();
    let bar = |label: &str| {
        home.split(&format!("<span class=\"bar-label\">{label}</span>"))
            .nth(1)
            .and_then(|r| r.split("<span class=\"bar-n\">").nth(1))
            .and_then(|r| r.split('<').next())
            .map(str::to_string)
    };
    assert_eq!(bar("社会团体"), Some(groups.to_string()), "{home}");
    for caption in [
        "按类型",
        "按登记状态",
        "按信用状态",
        "各年成立登记数量",
        "按省份",
    ] {
        assert!(home.contains(caption), "{caption}");
    }
    // The map: server-drawn SVG, every province (台湾 too), each with data linked to its list.
    assert!(home.contains("<svg class=\"map\"") && home.contains("示意图"));
    assert!(home.contains("台湾："));
    assert!(home.contains("<a href=\"/orgs?division=110000\">"));
    assert!(!home.contains("<script"));
    app.finish().await;
}
