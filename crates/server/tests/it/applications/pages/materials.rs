//! After each post the applicant's page says what happened (redirect after post, `?done=…`),
//! and a wrong file can be removed — while a draft or awaiting 补正 — and replaced.

use super::*;
use sha2::Digest;

#[tokio::test]
async fn every_post_says_what_it_did_and_a_wrong_file_can_be_removed() {
    let app = TestApp::spawn().await;
    let o = app.orgs[1].clone();
    let me = org_account(&app, &o).await;
    let r = apply(&app, &me, "annual_report", &report_form()).await;
    let id = id_of(&r);
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .ends_with("?done=created")
    );
    let page = app
        .page_with(&format!("/my/applications/{id}?done=created"), &me)
        .await;
    assert!(page.contains("草稿已保存"), "{page}");
    // A wrong file uploaded, then removed: the page says so and the file is gone.
    let r = upload(&app, &me, id, "财务审计报告", "错的文件.pdf", &pdf("错的")).await;
    assert_eq!(r.status(), 303);
    let to = r.headers()["location"].to_str().unwrap().to_string();
    assert!(to.ends_with("?done=uploaded"), "{to}");
    let page = app.page_with(&to, &me).await;
    assert!(
        page.contains("材料已上传") && page.contains("错的文件.pdf"),
        "{page}"
    );
    let sha = hex::encode(sha2::Sha256::digest(pdf("错的")));
    assert!(
        page.contains(&format!("name=\"sha256\" value=\"{sha}\"")),
        "{page}"
    );
    let t = applicant_csrf(&app, &me).await;
    let remove = |sha: String, t: String| {
        let (app, me) = (&app, &me);
        async move {
            app.post_form(
                &format!("/my/applications/{id}/attachments/remove"),
                me,
                &[
                    ("csrf", t.as_str()),
                    ("material", "财务审计报告"),
                    ("sha256", &sha),
                ],
            )
            .await
        }
    };
    let r = remove(sha.clone(), t.clone()).await;
    assert_eq!(r.status(), 303);
    let to = r.headers()["location"].to_str().unwrap().to_string();
    let page = app.page_with(&to, &me).await;
    assert!(
        page.contains("材料已删除") && !page.contains("错的文件.pdf"),
        "{page}"
    );
    assert!(
        app.db
            .store
            .application_attachments(id)
            .await
            .unwrap()
            .is_empty()
    );
    // Removing it again: 404 with the stable code; nothing else changes.
    let r = remove(sha.clone(), t.clone()).await;
    assert_eq!(r.status(), 404);
    assert!(r.text().await.unwrap().contains("attachment_not_found"));
    // Submitted: materials can no longer be removed (409), the submission says so.
    upload_ok(&app, &me, id, "年度工作报告").await;
    let r = applicant_post(&app, &me, id, "submit").await;
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .ends_with("?done=submitted")
    );
    let kept = hex::encode(sha2::Sha256::digest(pdf("年度工作报告")));
    let r = app
        .post_form(
            &format!("/my/applications/{id}/attachments/remove"),
            &me,
            &[
                ("csrf", t.as_str()),
                ("material", "年度工作报告"),
                ("sha256", &kept),
            ],
        )
        .await;
    assert_eq!(r.status(), 409);
    assert_eq!(
        app.db
            .store
            .application_attachments(id)
            .await
            .unwrap()
            .len(),
        1
    );
    app.finish().await;
}
