//! Results sorted by founding date, status and name, shown as a table, with a box to jump to a
//! page (issue 14: "a table view with sort (name, date founded, status) and jump-to-page"), and
//! abbreviations (简称) found after the exact matches.

use crate::support::TestApp;
use serde_json::Value;

fn field(v: &Value, k: &str) -> Vec<String> {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i[k].as_str().unwrap_or_default().to_string())
        .collect()
}

#[tokio::test]
async fn results_sort_by_date_status_and_name() {
    let app = TestApp::spawn().await;
    let (s, v) = app.json("/api/v1/orgs?sort=oldest&per_page=100").await;
    assert_eq!(s, 200, "{v}");
    let dates = field(&v, "founded");
    assert_eq!(dates.len(), 100);
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    let (_, v) = app.json("/api/v1/orgs?sort=newest&per_page=100").await;
    let dates = field(&v, "founded");
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    // Status: in the order of RegStatus::ALL (正常 first), newest first within one status.
    let (_, v) = app.json("/api/v1/orgs?sort=status&per_page=100").await;
    let order: Vec<usize> = field(&v, "status")
        .iter()
        .map(|s| {
            gongyi_types::RegStatus::ALL
                .iter()
                .position(|x| x.code() == s)
                .unwrap()
        })
        .collect();
    assert!(order.windows(2).all(|w| w[0] <= w[1]), "{order:?}");
    // Name: by pinyin after the registrar's place names (北京市朝阳区): 书法家协会 (shu…)
    // before 阳光社会工作服务中心 (yang…); the same with words searched.
    for url in [
        "/api/v1/orgs?division=110105&sort=name&per_page=100",
        "/api/v1/orgs?q=%E5%8C%97%E4%BA%AC&sort=name&per_page=100",
    ] {
        let (s, v) = app.json(url).await;
        assert_eq!(s, 200, "{v}");
        let names = field(&v, "name");
        let pos = |n: &str| names.iter().position(|x| x == n).unwrap();
        assert!(
            pos("北京市朝阳区书法家协会") < pos("北京市朝阳区阳光社会工作服务中心"),
            "{url}: {names:?}"
        );
    }
    // Relevance stays the default with words; an unknown order is a clear 400.
    let (_, v) = app.json("/api/v1/orgs?q=zgsh").await;
    assert_eq!(v["items"][0]["name"], "中国社会工作联合会");
    let (s, v) = app.json("/api/v1/orgs?sort=random").await;
    assert_eq!(s, 400);
    assert_eq!(v["error"]["code"], "invalid_sort");
    assert!(v["error"]["message"].as_str().unwrap().contains("排序方式"));
    app.finish().await;
}

#[tokio::test]
async fn results_as_a_table_with_sort_links_and_a_jump_to_page_box() {
    let app = TestApp::spawn().await;
    let html = app
        .get("/orgs?kind=social_group&sort=name&view=table&page=2&per_page=5")
        .await
        .text()
        .await
        .unwrap();
    // The table, its rows numbered from the page's first, every cell labelled for phones.
    assert!(
        html.contains("<table class=\"cards results-table\">"),
        "{html}"
    );
    assert!(html.contains("<td data-label=\"序号\">6</td>"), "{html}");
    assert!(
        html.contains("<td data-label=\"统一社会信用代码\">"),
        "{html}"
    );
    // The orders offered (no 相关度 without words), the current one marked.
    assert!(
        html.contains("<strong aria-current=\"true\">名称（拼音）</strong>"),
        "{html}"
    );
    assert!(!html.contains("相关度"), "{html}");
    assert!(html.contains("sort=oldest"), "{html}");
    // Back to cards on the same page; a new order starts at page 1.
    assert!(
        html.contains("page=2") && html.contains(">卡片</a>"),
        "{html}"
    );
    let oldest = html
        .split("href=\"")
        .find(|h| h.contains("sort=oldest"))
        .unwrap();
    let href = oldest.split('"').next().unwrap();
    assert!(
        !href
            .split(['?', '&', ';'])
            .any(|kv| kv.starts_with("page=")),
        "{href}"
    );
    // Jump to a page: a GET form carrying the other parameters.
    assert!(
        html.contains("<label for=\"jump-page\">跳转到第</label>"),
        "{html}"
    );
    assert!(html.contains("<input type=\"hidden\" name=\"kind\" value=\"social_group\">"));
    assert!(html.contains("<input type=\"hidden\" name=\"sort\" value=\"name\">"));
    assert!(html.contains("<input type=\"hidden\" name=\"view\" value=\"table\">"));
    assert!(!html.contains("<input type=\"hidden\" name=\"page\""));
    assert!(html.contains("inputmode=\"numeric\""));
    // With words, 相关度 is offered and is the default.
    let html = app
        .get("/orgs?q=%E5%8D%8F%E4%BC%9A")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("<strong aria-current=\"true\">相关度</strong>"),
        "{html}"
    );
    assert!(
        html.contains("<strong aria-current=\"true\">卡片</strong>"),
        "{html}"
    );
    app.finish().await;
}

#[tokio::test]
async fn abbreviations_find_the_full_name_after_every_exact_match() {
    let app = TestApp::spawn().await;
    // 青基会: 青少年发展基金会's characters in order, in none of its words or bigrams.
    let (s, v) = app.json("/api/v1/orgs?q=%E9%9D%92%E5%9F%BA%E4%BC%9A").await; // 青基会
    assert_eq!(s, 200, "{v}");
    let items = v["items"].as_array().unwrap();
    let hit = items
        .iter()
        .find(|i| i["name"] == "北京市海淀区青少年发展基金会")
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(hit["by_abbreviation"], true);
    assert!(v["total"].as_u64().unwrap() >= 1);
    // Several words: every exact match first, then the abbreviations, none twice.
    for q in ["%E6%9C%9D%E9%98%B3%E4%BC%9A", "%E7%A4%BE%E5%B7%A5%E4%BC%9A"] {
        // 朝阳会, 社工会
        let (_, v) = app.json(&format!("/api/v1/orgs?q={q}")).await;
        let flags: Vec<bool> = v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["by_abbreviation"].as_bool().unwrap())
            .collect();
        assert!(flags.windows(2).all(|w| w[0] <= w[1]), "{q}: {v}");
        let mut codes: Vec<&str> = v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["uscc"].as_str().unwrap())
            .collect();
        let n = codes.len();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), n, "{q}: no organization twice");
    }
    let (_, v) = app.json("/api/v1/orgs?q=%E7%A4%BE%E5%B7%A5%E4%BC%9A").await; // 社工会
    assert!(
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["name"] == "中国社会工作联合会" && i["by_abbreviation"] == true),
        "{v}"
    );
    // The page marks them.
    let html = app
        .get("/orgs?q=%E9%9D%92%E5%9F%BA%E4%BC%9A")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("简称匹配"), "{html}");
    app.finish().await;
}
