//! The transparency log: officials' edits become leaves with no personal data; checkpoints,
//! proofs and receipts verify with the node's key; bad parameters get specific errors.

mod independent_verifier;
mod witness;

use crate::support::{CHAOYANG, ORIGIN, PASSWORD, TestApp, hidden};
use gongyi_ledger::{
    Checkpoint, Hash, VerifierKey, leaf_hash, verify_consistency, verify_inclusion,
};
use gongyi_server::ledger::Receipt;

fn hashes(v: &serde_json::Value) -> Vec<Hash> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|h| Hash::from_base64(h.as_str().unwrap()).unwrap())
        .collect()
}

async fn text(app: &TestApp, path: &str) -> String {
    let r = app.get(path).await;
    assert_eq!(r.status().as_u16(), 200, "{path}");
    r.text().await.unwrap()
}

#[tokio::test]
async fn an_edit_enters_the_ledger_with_proofs_and_a_receipt() {
    let app = TestApp::spawn().await;
    let vkey = VerifierKey::parse(text(&app, "/ledger/vkey").await.trim()).unwrap();

    // Logging in is a write request: the pump catches up with the fixtures' audit rows.
    let cookie = app.login(CHAOYANG, PASSWORD).await.unwrap();
    let note = text(&app, "/ledger/checkpoint").await;
    let (old, _) = Checkpoint::open(note.as_bytes(), ORIGIN, &[&vkey]).unwrap();
    assert_eq!(old.size, app.orgs.len() as u64);

    // An official's edit.
    let o = app.orgs[1].clone();
    let path = format!("/admin/orgs/{}/edit", o.uscc);
    let html = app.get_with(&path, &cookie).await.text().await.unwrap();
    let csrf = hidden(&html, "csrf");
    let r = app
        .post_form(
            &path,
            &cookie,
            &[
                ("csrf", csrf.as_str()),
                ("name", "北京市朝阳区朝阳社会工作服务中心"),
                ("legal_rep", "王小明"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 200);
    let audit = app
        .state
        .store
        .audit_for(gongyi_types::EntityKind::Org, o.uscc.as_str(), 10)
        .await
        .unwrap();
    let a = audit.iter().find(|a| a.action == "org.update").unwrap();

    // The receipt carries the leaf: digests, no names.
    let r = app.get(&format!("/api/v1/ledger/receipt/{}", a.id)).await;
    assert_eq!(r.status().as_u16(), 200);
    let receipt_text = r.text().await.unwrap();
    let receipt = Receipt::parse(&receipt_text).unwrap();
    assert_eq!(receipt.index, old.size);
    let leaf: serde_json::Value = serde_json::from_str(&receipt.entry).unwrap();
    assert_eq!(leaf["v"], 1);
    assert_eq!(leaf["audit_id"], a.id);
    assert_eq!(leaf["action"], "org.update");
    assert_eq!(leaf["entity_id"], o.uscc.as_str());
    assert_eq!(leaf["before"], a.before_digest.clone().unwrap().as_str());
    assert_eq!(leaf["after"], a.after_digest.clone().unwrap().as_str());
    assert_eq!(leaf["actor"].as_str().unwrap().len(), 64);
    for personal in ["chaoyang", "工作人员", "王小明", &o.legal_rep, "detail"] {
        assert!(!receipt.entry.contains(personal), "{personal} in a leaf");
    }
    let verified = receipt.verify(&vkey).unwrap();
    assert_eq!(verified.leaf.audit_id, a.id);

    // One changed byte anywhere that matters is rejected.
    let mut bad = receipt.clone();
    bad.entry = bad.entry.replacen("org.update", "org.updatf", 1);
    assert!(bad.verify(&vkey).is_err());
    let mut bad = receipt.clone();
    bad.checkpoint = bad
        .checkpoint
        .replacen('\n', "0\n", 2)
        .replacen("0\n", "\n", 1);
    assert!(bad.verify(&vkey).is_err());
    let mut bad = receipt.clone();
    bad.index += 1;
    assert!(bad.verify(&vkey).is_err());

    // The entry and an inclusion proof from the API verify against the checkpoint's root.
    let (new, _) = Checkpoint::open(receipt.checkpoint.as_bytes(), ORIGIN, &[&vkey]).unwrap();
    let (s, e) = app
        .json(&format!("/api/v1/ledger/entries/{}", receipt.index))
        .await;
    assert_eq!(s, 200);
    assert_eq!(e["entry"], receipt.entry.as_str());
    let leaf = Hash::from_base64(e["leaf_hash"].as_str().unwrap()).unwrap();
    assert_eq!(leaf, leaf_hash(receipt.entry.as_bytes()));
    let (s, p) = app
        .json(&format!(
            "/api/v1/ledger/proof/inclusion?index={}&size={}",
            receipt.index, new.size
        ))
        .await;
    assert_eq!(s, 200);
    verify_inclusion(
        &leaf,
        receipt.index,
        new.size,
        &hashes(&p["proof"]),
        &new.root,
    )
    .unwrap();

    // The log grew consistently.
    let (s, c) = app
        .json(&format!(
            "/api/v1/ledger/proof/consistency?from={}&to={}",
            old.size, new.size
        ))
        .await;
    assert_eq!(s, 200);
    verify_consistency(
        old.size,
        new.size,
        &old.root,
        &new.root,
        &hashes(&c["proof"]),
    )
    .unwrap();

    // Tiles: the entry bundle holds every leaf.
    let r = app
        .get(&format!("/ledger/tile/entries/000.p/{}", new.size))
        .await;
    assert_eq!(r.status().as_u16(), 200);
    let bundle = gongyi_ledger::tile::decode_entry_bundle(&r.bytes().await.unwrap()).unwrap();
    assert_eq!(bundle.len() as u64, new.size);
    assert_eq!(bundle[receipt.index as usize], receipt.entry.as_bytes());

    // The page checks a pasted receipt.
    let page = |body: String| {
        let app = &app;
        async move {
            let r = app
                .client
                .post(app.url("/ledger/verify-receipt"))
                .form(&[("receipt", body)])
                .send()
                .await
                .unwrap();
            assert_eq!(r.status().as_u16(), 200);
            r.text().await.unwrap()
        }
    };
    assert!(page(receipt_text.clone()).await.contains("回执有效"));
    let tampered = receipt_text.replacen("org.update", "org.updatf", 1);
    let html = page(tampered).await;
    // Refused in Chinese only (no "recomputed root …" from the proof library).
    assert!(
        html.contains("回执无效") && html.contains("已被改动"),
        "{html}"
    );
    assert!(!html.contains("root"), "{html}");

    // For people: the latest records in plain Chinese, Beijing time, each with its receipt.
    let html = text(&app, "/ledger").await;
    let recent = html
        .split("id=\"recent-h\"")
        .nth(1)
        .and_then(|r| r.split("</section>").next())
        .unwrap();
    assert!(
        recent.contains("北京市朝阳区民政局变更了北京市朝阳区朝阳社会工作服务中心的登记信息"),
        "{recent}"
    );
    assert!(recent.contains("年") && recent.contains("下载回执"));
    assert!(!recent.contains("org.update"));
    app.finish().await;
}

#[tokio::test]
async fn bad_parameters_get_specific_errors() {
    let app = TestApp::spawn().await;
    let page = text(&app, "/ledger").await;
    assert!(page.contains("公开账本") && page.contains(ORIGIN));
    for (path, status, code) in [
        ("/api/v1/ledger/entries/abc", 400, "invalid_index"),
        ("/api/v1/ledger/entries/-1", 400, "invalid_index"),
        ("/api/v1/ledger/entries/0", 404, "entry_not_found"),
        (
            "/api/v1/ledger/proof/inclusion?index=x&size=1",
            400,
            "invalid_index",
        ),
        (
            "/api/v1/ledger/proof/inclusion?index=0&size=y",
            400,
            "invalid_size",
        ),
        (
            "/api/v1/ledger/proof/inclusion?index=0&size=99",
            404,
            "size_beyond_log",
        ),
        (
            "/api/v1/ledger/proof/consistency?from=5&to=2",
            400,
            "invalid_range",
        ),
        (
            "/api/v1/ledger/proof/consistency?from=0&to=0",
            400,
            "invalid_range",
        ),
        (
            "/api/v1/ledger/proof/consistency?from=1&to=99",
            404,
            "size_beyond_log",
        ),
        ("/api/v1/ledger/receipt/abc", 400, "invalid_audit_id"),
        ("/api/v1/ledger/receipt/999999", 404, "audit_not_found"),
        ("/ledger/tile/0/000", 404, "tile_not_found"),
        ("/ledger/tile/0/abc", 404, "invalid_tile_path"),
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status().as_u16(), status, "{path}");
        let v: serde_json::Value = r.json().await.unwrap();
        assert_eq!(v["error"]["code"], code, "{path}");
        assert!(!v["error"]["message"].as_str().unwrap().is_empty());
    }
    let r = app
        .client
        .post(app.url("/ledger/add-checkpoint"))
        .body("old 0\n")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 404);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["error"]["code"], "witness_not_configured");
    // The OpenAPI document lists the JSON helpers.
    let (_, doc) = app.json("/api/openapi.json").await;
    assert!(doc["paths"]["/api/v1/ledger/proof/inclusion"].is_object());
    app.finish().await;
}

#[tokio::test]
async fn a_crash_between_append_and_mark_never_duplicates_a_leaf() {
    use gongyi_server::ledger::{LedgerHandle, pump::pump};
    let app = TestApp::spawn().await;
    let store = &app.state.store;
    let dir = app.ledger_dir.with_extension("crash");
    let first = LedgerHandle::open(&dir, ORIGIN).unwrap();
    assert_eq!(pump(store, &first).await.unwrap(), app.orgs.len() as u64);
    // A new audit row whose leaf is appended, then the process "dies" before the mark.
    let o = &app.orgs[0];
    store
        .audit(
            "2026-11-27T03:00:00Z",
            vec![gongyi_store::NewAudit {
                actor: "cli:test".into(),
                action: "org.update".into(),
                entity_kind: gongyi_types::EntityKind::Org,
                entity_id: o.uscc.to_string(),
                before_digest: Some("aa".into()),
                after_digest: Some("bb".into()),
                detail: String::new(),
            }],
        )
        .await
        .unwrap();
    let row = store
        .audit_unlogged(gongyi_types::EntityKind::Org, 0, 10)
        .await
        .unwrap()
        .remove(0);
    let leaf = gongyi_server::ledger::Leaf::from_audit(&row, &first.salt).encode();
    first.log.append(leaf).unwrap();
    let size = first.log.size();
    drop(first);
    // Restart: the pump finds the leaf in the log and only marks the row.
    let second = LedgerHandle::open(&dir, ORIGIN).unwrap();
    assert_eq!(pump(store, &second).await.unwrap(), 0);
    assert_eq!(second.log.size(), size);
    let (_, index) = store.audit_with_index(row.id).await.unwrap().unwrap();
    assert_eq!(index, Some(size as i64 - 1));
    assert_eq!(
        store
            .audit_unlogged_count(gongyi_types::EntityKind::Org)
            .await
            .unwrap(),
        0
    );
    drop(second);
    let _ = std::fs::remove_dir_all(&dir);
    app.finish().await;
}

#[tokio::test]
async fn a_large_catch_up_vacuums_the_trail_and_the_outbox_has_its_own_index() {
    use gongyi_server::ledger::{
        LedgerHandle,
        pump::{SETTLE_AFTER, pump},
    };
    let app = TestApp::spawn().await;
    let store = &app.state.store;
    let n = SETTLE_AFTER as usize;
    let o = &app.orgs[0];
    let rows = (0..n)
        .map(|i| gongyi_store::NewAudit {
            actor: "cli:test".into(),
            action: "org.update".into(),
            entity_kind: gongyi_types::EntityKind::Org,
            entity_id: o.uscc.to_string(),
            before_digest: Some(format!("{i:064x}")),
            after_digest: Some(format!("{:064x}", i + 1)),
            detail: String::new(),
        })
        .collect();
    store.audit("2026-11-27T03:00:00Z", rows).await.unwrap();
    let dir = app.ledger_dir.with_extension("settle");
    let ledger = LedgerHandle::open(&dir, ORIGIN).unwrap();
    let vacuumed = || gongyi_store::testing::vacuumed(store, "audit_log");
    assert_ne!(vacuumed().await.unwrap(), Some(true));
    let appended = pump(store, &ledger).await.unwrap();
    assert_eq!(appended, (n + app.orgs.len()) as u64);
    assert_eq!(
        store
            .audit_unlogged_count(gongyi_types::EntityKind::Org)
            .await
            .unwrap(),
        0
    );
    // On PostgreSQL the catch-up vacuumed the trail: no dead row versions left in the outbox
    // index for every later pump to walk past, and fresh statistics.
    assert_ne!(vacuumed().await.unwrap(), Some(false));
    // The pump's question is answered from the index of unlogged rows.
    let q = "SELECT id FROM audit_log WHERE ledger_index IS NULL AND entity_kind = 'org' AND id > 0 ORDER BY id LIMIT 1000";
    let plan = gongyi_store::testing::query_plan(store, q).await.unwrap();
    assert!(plan.contains("audit_log_unlogged"), "{plan}");
    drop(ledger);
    let _ = std::fs::remove_dir_all(&dir);
    app.finish().await;
}
