//! Two requests racing for the same application: numbers from a counter (eight drafts created
//! at once all succeed with different numbers), and a step taken twice at once (a
//! double-clicked 受理) is recorded once — one 200, the other 409, one event, one audit row.
//! On PostgreSQL both steps used to pass the state check and both were recorded.

use super::*;

#[tokio::test]
async fn drafts_created_at_once_get_distinct_numbers() {
    let app = TestApp::spawn().await;
    let me = person(&app, "13922224444").await;
    let me = client(&app, me, "/api/v1/my/session").await;
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let (client, url) = (app.client.clone(), app.url("/api/v1/my/applications"));
        let (cookie, csrf) = (me.cookie.clone(), me.csrf.clone());
        set.spawn(async move {
            let r = client
                .post(url)
                .header("cookie", cookie)
                .header("x-csrf-token", csrf)
                .json(&json!({"service": "establish", "form": establish_form()}))
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), r.json::<Value>().await.unwrap())
        });
    }
    let mut numbers = vec![];
    while let Some(r) = set.join_next().await {
        let (s, v) = r.unwrap();
        assert_eq!(s, 201, "{v}");
        numbers.push(v["number"].as_str().unwrap().to_string());
    }
    numbers.sort();
    let expected: Vec<String> = (1..=8).map(|n| format!("SQ20261127{n:05}")).collect();
    assert_eq!(numbers, expected);
    app.finish().await;
}

#[tokio::test]
async fn a_step_sent_twice_at_once_is_taken_once() {
    let app = TestApp::spawn().await;
    let me = person(&app, "13922225555").await;
    let me = client(&app, me, "/api/v1/my/session").await;
    let (s, v) = post(
        &app,
        "/api/v1/my/applications",
        &me,
        json!({"service": "establish", "form": establish_form()}),
    )
    .await;
    assert_eq!(s, 201, "{v}");
    let id = v["id"].as_i64().unwrap();
    let number = v["number"].as_str().unwrap().to_string();
    for m in gongyi_types::applications::ServiceKind::Establish
        .materials()
        .iter()
        .filter(|m| m.required)
        .map(|m| m.name)
    {
        let (s, v) = upload(&app, &me, id, m, &format!("{m}.pdf"), pdf(m)).await;
        assert_eq!(s, 201, "{v}");
    }
    let (s, v) = post(
        &app,
        &format!("/api/v1/my/applications/{id}/submit"),
        &me,
        json!({}),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    let chaoyang = client(
        &app,
        official(&app, CHAOYANG).await,
        "/api/v1/admin/session",
    )
    .await;
    let steps = format!("/api/v1/admin/applications/{id}/steps");
    let (a, b) = tokio::join!(
        post(
            &app,
            &steps,
            &chaoyang,
            json!({"to": "accepted", "reason": "材料齐全"})
        ),
        post(
            &app,
            &steps,
            &chaoyang,
            json!({"to": "accepted", "reason": "材料齐全"})
        ),
    );
    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(statuses, [200, 409], "{a:?} {b:?}");
    let loser = if a.0 == 409 { &a.1 } else { &b.1 };
    assert!(loser["error"]["code"].is_string(), "{loser}");
    // The same step sent again afterwards: refused as well.
    let (s, v) = post(
        &app,
        &steps,
        &chaoyang,
        json!({"to": "accepted", "reason": "再次"}),
    )
    .await;
    assert_eq!(s, 409, "{v}");
    let (s, v) = send(
        &app,
        reqwest::Method::GET,
        &format!("/api/v1/my/applications/{id}"),
        &me,
        false,
        None,
    )
    .await;
    assert_eq!(s, 200);
    let accepted = v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["to_state"] == "accepted")
        .count();
    assert_eq!(accepted, 1, "{v}");
    let audit = app
        .state
        .store
        .audit_for(gongyi_types::EntityKind::Application, &number, 50)
        .await
        .unwrap();
    assert_eq!(
        audit
            .iter()
            .filter(|a| a.action == "application.accept")
            .count(),
        1,
        "{audit:?}"
    );
    app.finish().await;
}
