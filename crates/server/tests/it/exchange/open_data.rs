//! The open-data extracts (`/data/`): a generation written from the store, its manifest a
//! signed note that the node's key verifies (in Rust and with the independent Python
//! verifier), every file served with the size and SHA-256 the manifest states and the rows
//! the store holds; only files the manifest names are served.

use crate::support::{TestApp, python_verify};
use gongyi_server::exchange::open_data::{self, Manifest};
use gongyi_store::credit::OrgCreditChange;
use gongyi_types::credit::{CreditAction, Trigger};
use gongyi_types::{CreditStatus, ListKind};
use sha2::{Digest, Sha256};
use std::io::Read;

fn gunzip(bytes: &[u8]) -> String {
    let mut s = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut s)
        .unwrap();
    s
}

#[tokio::test]
async fn open_data_extracts_are_complete_signed_and_verifiable() {
    let app = TestApp::spawn().await;
    // Before the first build: a clear 404 and a page that says so.
    let (s, v) = app.json("/data/manifest").await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (404, Some("open_data_not_ready"))
    );
    let page = app.get("/data/").await.text().await.unwrap();
    assert!(page.contains("尚未生成开放数据文件"), "{page}");

    // One list entry, so the credit extract has a row.
    let listed = app.orgs[0].uscc.to_string();
    app.state
        .store
        .apply_credit_changes(
            &[OrgCreditChange {
                uscc: listed.clone(),
                actions: vec![CreditAction::List {
                    list: ListKind::Abnormal,
                    trigger: Trigger::Manual,
                    on: "2026-11-20".parse().unwrap(),
                    reason: "未按规定报送年度工作报告".into(),
                }],
                new_credit: Some(CreditStatus::Abnormal),
            }],
            "test",
            "2026-11-27T00:00:00Z",
        )
        .await
        .unwrap();

    let ledger = app.ledger();
    let root = app.state.open_data.as_ref().unwrap().root.clone();
    let built = open_data::build(
        &app.state.store,
        &root,
        ledger.signer_key(),
        app.state.clock.now(),
    )
    .await
    .unwrap();
    let names: Vec<&str> = built
        .manifest
        .files
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "orgs.csv.gz",
            "orgs.jsonl.gz",
            "credit-lists.csv.gz",
            "credit-lists.jsonl.gz",
            "illegal-orgs.csv.gz",
            "illegal-orgs.jsonl.gz"
        ]
    );

    // The manifest as served: a note signed by the ledger key, in Rust and in Python.
    let r = app.get("/data/manifest").await;
    assert_eq!(r.status(), 200);
    let signed = r.bytes().await.unwrap().to_vec();
    let vkey = ledger.vkey.clone();
    let note = gongyi_ledger::note::open(&signed, &[&vkey]).unwrap();
    let manifest = Manifest::parse(&note.text).unwrap();
    assert_eq!(manifest, built.manifest);
    let (ok, printed) = python_verify(&signed, &[vkey.to_string()]);
    assert!(ok, "{printed}");
    // A changed byte in the text is refused.
    let forged =
        String::from_utf8(signed.clone())
            .unwrap()
            .replacen("orgs.csv.gz", "orgs.csv.gZ", 1);
    assert!(gongyi_ledger::note::open(forged.as_bytes(), &[&vkey]).is_err());

    // Every file: its size and hash as stated, its rows what the store holds.
    for f in &manifest.files {
        let r = app.get(&format!("/data/{}", f.name)).await;
        assert_eq!(r.status(), 200, "{}", f.name);
        assert_eq!(r.headers()["content-type"], "application/gzip");
        assert_eq!(r.headers()["etag"], format!("\"{}\"", f.sha256).as_str());
        let bytes = r.bytes().await.unwrap();
        assert_eq!(bytes.len() as u64, f.size, "{}", f.name);
        assert_eq!(hex::encode(Sha256::digest(&bytes)), f.sha256, "{}", f.name);
        let text = gunzip(&bytes);
        let lines = text.lines().count() as u64;
        let header = u64::from(f.name.contains(".csv"));
        assert_eq!(lines, f.rows + header, "{}", f.name);
    }
    let orgs = manifest.file("orgs.csv.gz").unwrap();
    assert_eq!(orgs.rows, app.orgs.len() as u64);
    let entries = app.state.store.list_entries_after(0, 10_000).await.unwrap();
    assert!(entries.iter().any(|e| e.uscc == listed));
    assert_eq!(
        manifest.file("credit-lists.csv.gz").unwrap().rows,
        entries.len() as u64
    );

    // The registry CSV is the import's format; the JSON Lines the change feed's records.
    let csv = gunzip(&app.get("/data/orgs.csv.gz").await.bytes().await.unwrap());
    assert!(csv.starts_with('\u{feff}'), "BOM for Excel");
    assert!(csv.contains(app.orgs[1].name.as_str()));
    let jsonl = gunzip(&app.get("/data/orgs.jsonl.gz").await.bytes().await.unwrap());
    let first: serde_json::Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    assert!(
        first["uscc"].is_string() && first.get("sections").is_none(),
        "{first}"
    );
    let credit = gunzip(
        &app.get("/data/credit-lists.jsonl.gz")
            .await
            .bytes()
            .await
            .unwrap(),
    );
    assert!(
        credit.contains(&listed) && credit.contains("未按规定报送年度工作报告"),
        "{credit}"
    );
    assert!(
        !credit.contains("listed_by"),
        "no official's name in open data"
    );

    // Only files the manifest names; nothing outside the generation's directory.
    for bad in ["manifest.gz", "..%2FCURRENT", "CURRENT", "orgs.xlsx"] {
        let (s, v) = app.json(&format!("/data/{bad}")).await;
        assert_eq!(s, 404, "{bad}: {v}");
    }
    // The page lists the files with their hashes and how to verify.
    let page = app.get("/data/").await.text().await.unwrap();
    assert!(
        page.contains("orgs.csv.gz") && page.contains(&orgs.sha256),
        "{page}"
    );
    assert!(page.contains("verify-note"));

    // A second generation becomes current; the one before stays for downloads under way.
    app.clock
        .set(app.state.clock.now() + chrono::Duration::days(1));
    let second = open_data::build(
        &app.state.store,
        &root,
        ledger.signer_key(),
        app.state.clock.now(),
    )
    .await
    .unwrap();
    assert_ne!(second.generation, built.generation);
    let served = app.get("/data/manifest").await.text().await.unwrap();
    assert!(served.contains(&second.manifest.generated_at));
    assert!(root.join(&built.generation).is_dir());
    app.finish().await;
}
