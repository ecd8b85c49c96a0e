//! Level-by-level aggregation: a higher node pulls a lower node's records over HTTP, each
//! checked against the lower node's transparency log. Accepted records are the source's
//! exactly; a second sync changes nothing; records registered outside the division the higher
//! node accepts from that source are refused and reported; a wrong key is refused; a source
//! whose log no longer extends the checkpoint seen before is refused and the higher node keeps
//! what it had.

use crate::support::{ORIGIN, TestApp};
use gongyi_server::exchange::sync::{SourceSpec, SyncError, sync_once};
use gongyi_store::testing::TestDb;
use gongyi_types::DivisionCode;

fn now() -> (String, chrono::NaiveDate) {
    ("2026-12-03T02:00:00Z".into(), "2026-12-03".parse().unwrap())
}

fn spec(app: &TestApp, url: &str, division: &str) -> SourceSpec {
    SourceSpec {
        url: url.to_string(),
        vkey: app.ledger().vkey.clone(),
        division: Some(DivisionCode::parse(division).unwrap()),
    }
}

/// The source's audit rows in its log (the pump `serve` runs every 2 s), and its checkpoint
/// signed now (a served checkpoint is otherwise at most a second old).
async fn logged(app: &TestApp) {
    gongyi_server::ledger::pump::pump(&app.state.store, &app.ledger())
        .await
        .unwrap();
    app.ledger().fresh_checkpoint().await.unwrap();
}

#[tokio::test]
async fn a_higher_node_takes_the_sources_own_records_verified_once() {
    let source = TestApp::spawn().await;
    logged(&source).await;
    let higher = TestDb::new().await;
    let client = reqwest::Client::new();
    let beijing: Vec<_> = source
        .orgs
        .iter()
        .filter(|o| o.division.to_string().starts_with("11"))
        .collect();
    let outside = source.orgs.len() - beijing.len();
    assert!(
        !beijing.is_empty() && outside > 0,
        "fixtures span provinces"
    );

    // The first sync: a division is required.
    let mut no_division = spec(&source, &source.base, "110000");
    no_division.division = None;
    let e = sync_once(&higher.store, &client, &no_division, now, |_| {})
        .await
        .unwrap_err();
    assert!(matches!(e, SyncError::DivisionRequired(_)), "{e}");

    let r = sync_once(
        &higher.store,
        &client,
        &spec(&source, &source.base, "110000"),
        now,
        |_| {},
    )
    .await
    .unwrap();
    assert_eq!(r.accepted as usize, beijing.len(), "{r:?}");
    assert_eq!(r.refused as usize, outside, "{r:?}");
    assert_eq!(r.unverified, 0);
    for o in &beijing {
        assert_eq!(
            higher.store.org(o.uscc.as_str()).await.unwrap().as_ref(),
            Some(*o)
        );
    }
    let foreign = source
        .orgs
        .iter()
        .find(|o| !o.division.to_string().starts_with("11"))
        .unwrap();
    assert_eq!(higher.store.org(foreign.uscc.as_str()).await.unwrap(), None);
    let refusals = higher
        .store
        .sync_refusals(&source.base, 1000)
        .await
        .unwrap();
    assert_eq!(refusals.len(), outside);
    assert!(
        refusals.iter().any(|x| x.entity_id == foreign.uscc.as_str()
            && x.reason.contains("不在该来源的辖区 110000 内")),
        "{refusals:?}"
    );
    let audit_rows = higher.store.audit_count().await.unwrap();

    // Again: nothing new, nothing written twice.
    let again = sync_once(
        &higher.store,
        &client,
        &spec(&source, &source.base, "110000"),
        now,
        |_| {},
    )
    .await
    .unwrap();
    assert_eq!(
        (again.accepted, again.refused, again.pages),
        (0, 0, 0),
        "{again:?}"
    );
    assert_eq!(higher.store.audit_count().await.unwrap(), audit_rows);

    // A change at the source arrives with the next sync, once logged.
    let mut changed = beijing[0].clone();
    changed.address = "北京市朝阳区新址路1号".into();
    source
        .state
        .store
        .upsert_orgs(
            &[changed.clone()],
            "test",
            "2026-12-01T00:00:00Z",
            "2026-12-01".parse().unwrap(),
        )
        .await
        .unwrap();
    let before = sync_once(
        &higher.store,
        &client,
        &spec(&source, &source.base, "110000"),
        now,
        |_| {},
    )
    .await
    .unwrap();
    assert_eq!(before.accepted, 0, "not in the signed log yet: it waits");
    logged(&source).await;
    let r = sync_once(
        &higher.store,
        &client,
        &spec(&source, &source.base, "110000"),
        now,
        |_| {},
    )
    .await
    .unwrap();
    assert_eq!(r.accepted, 1, "{r:?}");
    assert_eq!(
        higher.store.org(changed.uscc.as_str()).await.unwrap(),
        Some(changed.clone())
    );

    // The officials' view of the source.
    let s = higher
        .store
        .sync_source(&source.base)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((s.origin.as_str(), s.division.as_str()), (ORIGIN, "110000"));
    assert_eq!(s.accepted as usize, beijing.len() + 1);
    assert_eq!(s.refused as usize, outside);
    assert!(s.checkpoint_size > 0 && s.last_error.is_none());

    // Another key for the same source: refused before anything is read.
    let stranger =
        gongyi_ledger::SignerKey::generate(ORIGIN, gongyi_ledger::KeyType::Ed25519).unwrap();
    let mut wrong = spec(&source, &source.base, "110000");
    wrong.vkey = stranger.verifier_key();
    let e = sync_once(&higher.store, &client, &wrong, now, |_| {})
        .await
        .unwrap_err();
    assert!(matches!(e, SyncError::KeyChanged { .. }), "{e}");
    source.finish().await;
    higher.drop_db().await;
}

#[tokio::test]
async fn a_source_that_rewrote_its_log_is_refused_and_nothing_is_lost() {
    let source = TestApp::spawn().await;
    logged(&source).await;
    let higher = TestDb::new().await;
    let client = reqwest::Client::new();
    let first = sync_once(
        &higher.store,
        &client,
        &spec(&source, &source.base, "100000"),
        now,
        |_| {},
    )
    .await
    .unwrap();
    assert!(first.accepted > 0);
    let kept = higher.store.org_count().await.unwrap();
    let seen = higher
        .store
        .sync_source(&source.base)
        .await
        .unwrap()
        .unwrap();

    // The same node (same key, same database) now serves another history: an old audit row
    // altered and the log rebuilt from the trail, one more change on top.
    let dir2 = source.ledger_dir.with_extension("rewritten");
    std::fs::create_dir_all(&dir2).unwrap();
    for f in ["signer.key", "salt"] {
        std::fs::copy(source.ledger_dir.join(f), dir2.join(f)).unwrap();
    }
    source
        .state
        .store
        .execute_raw("UPDATE audit_log SET detail = 'x', after_digest = '0000000000000000000000000000000000000000000000000000000000000000' WHERE id = (SELECT MIN(id) FROM audit_log WHERE entity_kind = 'org')")
        .await
        .unwrap();
    source
        .state
        .store
        .execute_raw("UPDATE audit_log SET ledger_index = NULL")
        .await
        .unwrap();
    let mut more = source.orgs[1].clone();
    more.phone = Some("010-12345678".into());
    source
        .state
        .store
        .upsert_orgs(
            &[more],
            "test",
            "2026-12-01T00:00:00Z",
            "2026-12-01".parse().unwrap(),
        )
        .await
        .unwrap();
    let rewritten =
        std::sync::Arc::new(gongyi_server::ledger::LedgerHandle::open(&dir2, ORIGIN).unwrap());
    gongyi_server::ledger::pump::pump(&source.state.store, &rewritten)
        .await
        .unwrap();
    let state = source.state.clone().with_ledger(rewritten.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { gongyi_server::serve(state, listener).await });
    // What the higher node knew of that source, now at this address.
    higher
        .store
        .add_sync_source(&url, &seen.origin, &seen.vkey, &seen.division)
        .await
        .unwrap();
    higher
        .store
        .set_sync_checkpoint(
            &url,
            seen.checkpoint_size,
            &seen.checkpoint_root,
            "2026-12-02T00:00:00Z",
        )
        .await
        .unwrap();
    let e = sync_once(
        &higher.store,
        &client,
        &spec(&source, &url, "100000"),
        now,
        |_| {},
    )
    .await
    .unwrap_err();
    assert!(matches!(e, SyncError::Rewritten(_)), "{e}");
    assert!(e.to_string().contains("账本被改写"), "{e}");
    // Nothing lost, nothing taken from the rewritten history, the refusal shown.
    assert_eq!(higher.store.org_count().await.unwrap(), kept);
    let s = higher.store.sync_source(&url).await.unwrap().unwrap();
    assert_eq!(
        s.checkpoint_size, seen.checkpoint_size,
        "the old checkpoint is kept"
    );
    assert!(s.last_error.unwrap().contains("账本被改写"));
    let _ = std::fs::remove_dir_all(&dir2);
    source.finish().await;
    higher.drop_db().await;
}

#[tokio::test]
async fn officials_see_the_sources_of_their_jurisdiction() {
    let source = TestApp::spawn().await;
    logged(&source).await;
    let higher = TestApp::spawn().await;
    let client = reqwest::Client::new();
    let r = sync_once(
        &higher.state.store,
        &client,
        &spec(&source, &source.base, "330000"),
        now,
        |_| {},
    )
    .await
    .unwrap();
    assert!(r.refused > 0);
    // Without a session: to the login.
    let resp = higher.get("/admin/sync").await;
    assert_eq!(resp.status().as_u16(), 303);
    let zj = higher
        .login(crate::support::ZHEJIANG, crate::support::PASSWORD)
        .await
        .unwrap();
    let html = higher.page_with("/admin/sync", &zj).await;
    assert!(
        html.contains(&source.base) && html.contains("浙江省"),
        "{html}"
    );
    assert!(html.contains(&format!("/ {} /", r.refused)), "{html}");
    assert!(html.contains("不在该来源的辖区 330000 内"), "{html}");
    // An official of another province does not see Zhejiang's source.
    let cy = higher
        .login(crate::support::CHAOYANG, crate::support::PASSWORD)
        .await
        .unwrap();
    let html = higher.page_with("/admin/sync", &cy).await;
    assert!(
        !html.contains(&source.base) && html.contains("本辖区没有配置下级节点"),
        "{html}"
    );
    source.finish().await;
    higher.finish().await;
}
