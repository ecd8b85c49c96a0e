//! A case opened without a registered organization (a complaint about an activity's place,
//! under a name the reporter got wrong) is linked to one by an official of the jurisdiction;
//! its 处罚决定 then reaches that organization's credit records.

use super::*;

async fn link(app: &TestApp, cookie: &str, id: i64, fields: &[(&str, &str)]) -> (u16, String) {
    let r = app
        .post_form(&format!("/admin/cases/{id}/org"), cookie, fields)
        .await;
    (r.status().as_u16(), r.text().await.unwrap())
}

#[tokio::test]
async fn an_official_links_a_case_to_an_organization_of_the_jurisdiction() {
    let app = spawn(20).await;
    let o = clean_org(&app, 961, "北京市朝阳区关联测试促进会").await;
    let u = o.uscc.to_string();
    let (st, b) = post(
        &app,
        &json!({"reported_name": "朝阳关联促进协会", "division": "110105", "content": "在朝阳区某小区以协会名义收取会员费，未出示登记证书。"}),
    )
    .await;
    assert_eq!(st, 201, "{b}");
    let case = app
        .db
        .store
        .cases_in(
            gongyi_types::DivisionCode::parse("110105").unwrap(),
            None,
            10,
        )
        .await
        .unwrap()[0]
        .clone();
    assert!(case.uscc.is_none());
    let id = case.id;

    let cy = app.login(CHAOYANG, PASSWORD).await.unwrap();
    let (st, page) = case_page(&app, &cy, id).await;
    assert_eq!(st, 200);
    assert!(page.contains("关联已登记的社会组织"), "{page}");
    let csrf = hidden(&page, "csrf");
    // Without a token, with a malformed code, with an unknown code: nothing changes.
    let (st, _) = link(&app, &cy, id, &[("uscc", &u)]).await;
    assert_eq!(st, 403);
    let (st, body) = link(
        &app,
        &cy,
        id,
        &[("csrf", &csrf), ("uscc", "5311010550001979X")],
    )
    .await;
    assert_eq!(st, 422);
    assert!(body.contains("统一社会信用代码无效"), "{body}");
    let unknown = gongyi_types::Uscc::assemble('5', '1', "110105", "MJ9999X9").unwrap();
    let (st, body) = link(
        &app,
        &cy,
        id,
        &[("csrf", &csrf), ("uscc", unknown.as_str())],
    )
    .await;
    assert_eq!(st, 422);
    assert!(body.contains("未找到"), "{body}");
    // An organization registered in 海淀区 is not the 朝阳区 official's.
    let hd_org = app.orgs[2].uscc.to_string();
    let (st, body) = link(&app, &cy, id, &[("csrf", &csrf), ("uscc", &hd_org)]).await;
    assert_eq!(st, 403, "{body}");
    assert!(app.db.store.case(id).await.unwrap().unwrap().uscc.is_none());
    // A 海淀区 official cannot touch the case at all.
    let hd = app.login(HAIDIAN, PASSWORD).await.unwrap();
    let (st, _) = link(&app, &hd, id, &[("csrf", &csrf), ("uscc", &u)]).await;
    assert_eq!(st, 403);

    // Lower case is accepted; the link is an event of the case and an audit row.
    let audit_before = app.db.store.audit_count().await.unwrap();
    let (st, body) = link(
        &app,
        &cy,
        id,
        &[("csrf", &csrf), ("uscc", &u.to_lowercase())],
    )
    .await;
    assert_eq!(st, 200, "{body}");
    assert!(body.contains("已关联") && body.contains(&o.name), "{body}");
    let linked = app.db.store.case(id).await.unwrap().unwrap();
    assert_eq!(linked.uscc.as_deref(), Some(u.as_str()));
    assert_eq!(linked.subject_name, o.name);
    assert_eq!(
        linked.state, case.state,
        "linking is not a step of the procedure"
    );
    let events = app.db.store.case_events(id).await.unwrap();
    assert!(events.last().unwrap().reason.contains("朝阳关联促进协会"));
    assert_eq!(app.db.store.audit_count().await.unwrap(), audit_before + 1);
    // Once only.
    let (st, _) = link(&app, &cy, id, &[("csrf", &csrf), ("uscc", &u)]).await;
    assert_eq!(st, 409);

    // The procedure to 处罚决定 now reaches the organization's credit records.
    for (to, reason) in [
        ("filed", "线索具体，决定立案"),
        ("investigating", "现场检查并询问负责人"),
    ] {
        let (st, body) = step(
            &app,
            &cy,
            id,
            &[("csrf", &csrf), ("to", to), ("reason", reason)],
        )
        .await;
        assert_eq!(st, 200, "{body}");
    }
    let (st, body) = step(
        &app,
        &cy,
        id,
        &[
            ("csrf", &csrf),
            ("to", "penalty"),
            ("doc_no", "朝民罚字〔2026〕12号"),
            ("kind", "warning"),
            ("reason", "未经批准以协会名义收取会员费"),
            ("basis", "《社会团体登记管理条例》第三十条"),
            ("result", "警告"),
            ("decided_on", "2026-11-27"),
            ("authority", "北京市朝阳区民政局"),
        ],
    )
    .await;
    assert_eq!(st, 200, "{body}");
    let (_, credit) = app.json(&format!("/api/v1/orgs/{u}/credit")).await;
    assert_eq!(
        credit["penalties"][0]["doc_no"], "朝民罚字〔2026〕12号",
        "{credit}"
    );
    app.finish().await;
}
