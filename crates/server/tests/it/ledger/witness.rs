//! Two nodes over real HTTP: B witnesses A (C2SP tlog-witness). B cosigns A's growing log,
//! the cosigned checkpoint verifies with both keys, B's state survives a reopen; then A's
//! log is rewritten behind its back (same key, same origin, one old leaf changed) and B
//! refuses every checkpoint of the rewritten log, says why, and keeps its stored head.

use crate::support::{ORIGIN, Setup, TestApp, ledger_dir, python_verify};
use gongyi_ledger::cosignature::verify_cosignature;
use gongyi_ledger::{Checkpoint, TreeHead, VerifierKey, note};
use gongyi_server::ledger::witness_push::{PushError, Pushed, push};
use gongyi_server::ledger::{LedgerHandle, WitnessHandle, pump::pump};

async fn text(app: &TestApp, path: &str) -> String {
    let r = app.get(path).await;
    assert_eq!(r.status().as_u16(), 200, "{path}");
    r.text().await.unwrap()
}

/// One more audit row for A's first organization, pumped into A's log.
async fn one_more_leaf(app: &TestApp) {
    let o = &app.orgs[0];
    app.state
        .store
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
    assert_eq!(pump(&app.state.store, &app.ledger()).await.unwrap(), 1);
}

/// B's head for A's origin, read back from B's state file by a fresh handle (as after a
/// restart of B).
fn head_on_disk(b: &TestApp, a_vkey: &VerifierKey) -> TreeHead {
    let reopened =
        WitnessHandle::open(&b.ledger_dir, "ignored", std::slice::from_ref(a_vkey)).unwrap();
    reopened.latest(ORIGIN).unwrap().unwrap()
}

#[tokio::test]
async fn b_cosigns_a_and_refuses_a_rewritten_a() {
    // A's ledger directory (and key) first, so that B can be told A's verifier key.
    let a_dir = ledger_dir();
    let a_vkey = LedgerHandle::open(&a_dir, ORIGIN).unwrap().vkey;
    let b = TestApp::spawn_with(Setup {
        witness_logs: vec![a_vkey.clone()],
        ..Setup::default()
    })
    .await;
    let a = TestApp::spawn_with(Setup {
        ledger_dir: Some(a_dir.clone()),
        witness_urls: vec![b.base.clone()],
        ..Setup::default()
    })
    .await;
    let b_vkey = VerifierKey::parse(text(&b, "/ledger/witness-vkey").await.trim()).unwrap();
    assert_eq!(
        text(&b, "/ledger/vkey").await.trim(),
        b.ledger().vkey.to_string()
    );
    let ledger = a.ledger();
    let n = a.orgs.len() as u64;
    assert_eq!(pump(&a.state.store, &ledger).await.unwrap(), n);

    // B cosigns A's checkpoint; A serves it with B's cosignature; both keys verify it.
    assert_eq!(
        push(&ledger, &ledger.witnesses[0]).await.unwrap(),
        Pushed::Cosigned(n)
    );
    assert_eq!(
        push(&ledger, &ledger.witnesses[0]).await.unwrap(),
        Pushed::AlreadyCosigned(n)
    );
    let cosigned = text(&a, "/ledger/checkpoint").await;
    let opened = note::open(cosigned.as_bytes(), &[&a_vkey, &b_vkey]).unwrap();
    assert_eq!(opened.verified.len(), 2, "{cosigned}");
    let (cp, _) = Checkpoint::open(cosigned.as_bytes(), ORIGIN, &[&a_vkey]).unwrap();
    assert_eq!(cp.size, n);
    let (ok, out) = python_verify(
        cosigned.as_bytes(),
        &[a_vkey.to_string(), b_vkey.to_string()],
    );
    assert!(
        ok,
        "the independent verifier checks the log signature and the cosignature: {out}"
    );
    let line = opened
        .verified
        .iter()
        .find(|s| s.name == b_vkey.name())
        .unwrap();
    assert_eq!(
        verify_cosignature(&b_vkey, &opened.text, line),
        Ok(1_795_744_800)
    );

    // A grows; B cosigns again from its last size (A learns it from B's 409).
    one_more_leaf(&a).await;
    assert_eq!(
        push(&ledger, &ledger.witnesses[0]).await.unwrap(),
        Pushed::Cosigned(n + 1)
    );
    let cosigned = text(&a, "/ledger/checkpoint").await;
    assert!(cosigned.starts_with(&format!("{ORIGIN}\n{}\n", n + 1)));
    assert_eq!(
        note::open(cosigned.as_bytes(), &[&a_vkey, &b_vkey])
            .unwrap()
            .verified
            .len(),
        2
    );
    let head = head_on_disk(&b, &a_vkey);
    assert_eq!(head.size, n + 1);
    // A receipt of the newest leaf carries B's cosignature too, and still verifies.
    let last = a
        .state
        .store
        .audit_for(gongyi_types::EntityKind::Org, a.orgs[0].uscc.as_str(), 1)
        .await
        .unwrap();
    let (s, receipt) = a
        .json(&format!("/api/v1/ledger/receipt/{}", last[0].id))
        .await;
    assert_eq!(s, 200);
    let receipt: gongyi_server::ledger::Receipt = serde_json::from_value(receipt).unwrap();
    assert_eq!(receipt.index, n);
    assert_eq!(receipt.checkpoint, cosigned);
    receipt.verify(&a_vkey).unwrap();

    // The protocol at the wire: a stale `old` gets 409 with B's size as text/x.tlog.size.
    let r = b
        .client
        .post(b.url("/ledger/add-checkpoint"))
        .body(format!(
            "old 0\n\n{}",
            String::from_utf8_lossy(&ledger.log.checkpoint().unwrap())
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 409);
    assert_eq!(r.headers()["content-type"], "text/x.tlog.size");
    assert_eq!(r.text().await.unwrap(), format!("{}\n", n + 1));

    // A's log is rewritten behind its back: same key, same origin, leaf 3 changed.
    let entries = ledger.log.entries(0, n + 1).unwrap();
    let forged_dir = ledger_dir();
    std::fs::create_dir_all(&forged_dir).unwrap();
    for secret in ["signer.key", "salt"] {
        std::fs::copy(a_dir.join(secret), forged_dir.join(secret)).unwrap();
    }
    {
        let forged = LedgerHandle::open(&forged_dir, ORIGIN).unwrap();
        let mut rewritten = entries.clone();
        rewritten[3] = String::from_utf8(rewritten[3].clone())
            .unwrap()
            .replacen("org.create", "org.delete", 1)
            .into_bytes();
        assert_ne!(rewritten[3], entries[3]);
        rewritten.truncate(n as usize);
        forged.log.append_batch(rewritten).unwrap();
    }
    let a2 = TestApp::spawn_with(Setup {
        ledger_dir: Some(forged_dir.clone()),
        witness_urls: vec![b.base.clone()],
        ..Setup::default()
    })
    .await;
    let forged = a2.ledger();
    assert_eq!(forged.vkey, a_vkey);

    // Smaller than what B cosigned: the log went back.
    let err = push(&forged, &forged.witnesses[0]).await.unwrap_err();
    assert!(
        matches!(err, PushError::WitnessAhead { witness_size, size, .. } if witness_size == n + 1 && size == n),
        "{err}"
    );
    assert!(err.to_string().contains("账本回退了"), "{err}");

    // Same size as what B cosigned, another root: 409, a fork.
    forged.log.append(entries[n as usize].clone()).unwrap();
    let err = push(&forged, &forged.witnesses[0]).await.unwrap_err();
    assert!(
        matches!(err, PushError::Fork { size, .. } if size == n + 1),
        "{err}"
    );
    assert!(err.to_string().contains("根哈希不同"), "{err}");

    // Larger: its consistency proof from B's head fails, 422 with the reason.
    forged.log.append(b"one more".to_vec()).unwrap();
    let err = push(&forged, &forged.witnesses[0]).await.unwrap_err();
    match &err {
        PushError::Refused {
            status,
            code,
            message,
            ..
        } => {
            assert_eq!(*status, 422);
            assert_eq!(code, "consistency_proof_invalid");
            assert!(message.contains("一致性证明不成立"), "{message}");
            assert!(message.contains("改写"), "{message}");
        }
        other => panic!("expected a 422 refusal, got {other}"),
    }
    // The served checkpoint of the rewritten log carries no cosignature from B.
    let served = text(&a2, "/ledger/checkpoint").await;
    assert!(matches!(
        note::open(served.as_bytes(), &[&b_vkey]),
        Err(note::NoteError::UnknownKey { .. })
    ));
    // B's head did not move, in memory and on disk.
    assert_eq!(
        b.state.witness.as_ref().unwrap().latest(ORIGIN).unwrap(),
        Some(head)
    );
    assert_eq!(head_on_disk(&b, &a_vkey), head);

    // The honest A is still cosigned after all this.
    one_more_leaf(&a).await;
    assert_eq!(
        push(&ledger, &ledger.witnesses[0]).await.unwrap(),
        Pushed::Cosigned(n + 2)
    );
    a2.finish().await;
    a.finish().await;
    b.finish().await;
}

#[tokio::test]
async fn add_checkpoint_answers_with_the_status_of_the_spec() {
    let a_dir = ledger_dir();
    let a_log = LedgerHandle::open(&a_dir, ORIGIN).unwrap();
    a_log.log.append(b"x".to_vec()).unwrap();
    let b = TestApp::spawn_with(Setup {
        witness_logs: vec![a_log.vkey.clone()],
        ..Setup::default()
    })
    .await;
    let signed = String::from_utf8(a_log.log.checkpoint().unwrap()).unwrap();
    let other = TestApp::spawn().await; // another key, same origin: not A's signature
    let unsigned = String::from_utf8(other.ledger().log.checkpoint().unwrap()).unwrap();
    let foreign = signed.replacen(ORIGIN, "elsewhere.test/ledger", 2);
    for (body, status, code) in [
        ("garbage".to_owned(), 400, "malformed_request"),
        (format!("old 2\n\n{signed}"), 400, "old_size_too_large"),
        (format!("old 0\n\n{foreign}"), 404, "unknown_log"),
        (format!("old 0\n\n{unsigned}"), 403, "checkpoint_not_signed"),
        (
            format!("old 0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n{signed}"),
            422,
            "consistency_proof_invalid",
        ),
    ] {
        let r = b
            .client
            .post(b.url("/ledger/add-checkpoint"))
            .body(body.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), status, "{body}");
        let v: serde_json::Value = r.json().await.unwrap();
        assert_eq!(v["error"]["code"], code, "{body}");
        assert!(!v["error"]["message"].as_str().unwrap().is_empty());
    }
    let r = b
        .client
        .post(b.url("/ledger/add-checkpoint"))
        .body(format!("old 0\n\n{signed}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert!(r.text().await.unwrap().starts_with("— witness.test/w1 "));
    // A node that witnesses nothing says so.
    let r = other.get("/ledger/witness-vkey").await;
    assert_eq!(r.status().as_u16(), 404);
    // The OpenAPI document describes the witness endpoints.
    let (_, doc) = b.json("/api/openapi.json").await;
    assert!(doc["paths"]["/ledger/add-checkpoint"]["post"]["responses"]["409"].is_object());
    assert!(doc["paths"]["/ledger/witness-vkey"].is_object());
    drop(a_log);
    let _ = std::fs::remove_dir_all(&a_dir);
    other.finish().await;
    b.finish().await;
}
