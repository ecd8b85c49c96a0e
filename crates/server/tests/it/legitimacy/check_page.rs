//! The citizen's legitimacy check page (`/check`) and the search's warning for a listed name.

use super::*;

#[tokio::test]
async fn a_citizen_checks_a_name_on_a_page_and_the_search_warns_of_a_listed_name() {
    let app = TestApp::spawn().await;
    with_list(&app).await;
    let legal = &app.orgs[0];
    let page = |q: &str| {
        let url = format!("/check?q={}", urlencoding(q));
        let app = &app;
        async move {
            let r = app.get(&url).await;
            assert_eq!(r.status(), 200, "{url}");
            r.text().await.unwrap()
        }
    };
    // Registered, by name (with a space) and by code.
    let html = page("中国社会工作 联合会").await;
    assert!(html.contains("<h2 id=\"v-h\">已登记</h2>"), "{html}");
    assert!(html.contains(&format!("/orgs/{}", legal.uscc)));
    let html = page(legal.uscc.as_str()).await;
    assert!(html.contains("已登记"));
    // On the list, in traditional characters: the verdict, its batch and the legal namesake.
    let html = page("中國社會工作者聯合總會").await;
    assert!(
        html.contains("列入非法社会组织名单") && html.contains("2026年第2批"),
        "{html}"
    );
    assert!(html.contains("名称相近的合法登记组织") && html.contains(legal.name.as_str()));
    // Unknown: says what that may mean and where to report.
    let html = page("不存在的某某促进会").await;
    assert!(html.contains("<h2 id=\"v-h\">未找到</h2>") && html.contains("/complaints/new?name="));
    // A bad code.
    let html = page("53100000500019795B").await;
    assert!(html.contains("统一社会信用代码无效"));

    // The main search warns when the words are a listed name, whatever it finds.
    let r = app
        .get(&format!("/orgs?q={}", urlencoding("世界华人慈善总会")))
        .await;
    let html = r.text().await.unwrap();
    assert!(
        html.contains("不是依法登记的社会组织") && html.contains("2026年第1批"),
        "{html}"
    );
    let html = app
        .get(&format!("/orgs?q={}", urlencoding("社会工作")))
        .await
        .text()
        .await
        .unwrap();
    assert!(!html.contains("不是依法登记的社会组织"));
}

fn urlencoding(s: &str) -> String {
    serde_urlencoded::to_string([("", s)])
        .unwrap()
        .trim_start_matches('=')
        .to_string()
}
