//! The store on either backend: upserts are idempotent, edits record changes, conflicts roll
//! back whole batches.

use crate::support::{fixtures, today};
use gongyi_store::testing::TestDb;

#[tokio::test]
async fn upsert_is_idempotent_and_records_changes() {
    let db = TestDb::new().await;
    let orgs: Vec<_> = fixtures().into_iter().map(|(o, _)| o).take(40).collect();
    let r1 = db
        .store
        .upsert_orgs(&orgs, "test", "2026-11-27T00:00:00Z", today())
        .await
        .unwrap();
    assert_eq!((r1.inserted, r1.updated, r1.unchanged), (40, 0, 0));
    let audits = db.store.audit_count().await.unwrap();
    let r2 = db
        .store
        .upsert_orgs(&orgs, "test", "2026-11-27T00:00:00Z", today())
        .await
        .unwrap();
    assert_eq!((r2.inserted, r2.updated, r2.unchanged), (0, 0, 40));
    assert_eq!(
        db.store.audit_count().await.unwrap(),
        audits,
        "a re-import writes nothing"
    );

    let mut changed = orgs[3].clone();
    changed.address = "新的住所".to_string();
    let r3 = db
        .store
        .upsert_orgs(&[changed.clone()], "test", "2026-11-28T00:00:00Z", today())
        .await
        .unwrap();
    assert_eq!(r3.updated, 1);
    let s = db.store.sections(changed.uscc.as_str()).await.unwrap();
    assert!(
        s.changes
            .iter()
            .any(|c| c.field == "住所" && c.after == "新的住所")
    );
    assert_eq!(
        db.store.org(changed.uscc.as_str()).await.unwrap().unwrap(),
        changed
    );
    db.drop_db().await;
}

#[tokio::test]
async fn a_conflicting_batch_is_rolled_back_whole() {
    let db = TestDb::new().await;
    let items = fixtures();
    db.store
        .create_orgs(&items[..10], "test", "2026-11-27T00:00:00Z")
        .await
        .unwrap();
    // Items 5..15 overlap the first batch: nothing of 10..15 may appear.
    let err = db
        .store
        .create_orgs(&items[5..15], "test", "2026-11-27T00:00:00Z")
        .await
        .unwrap_err();
    assert!(err.is_unique_violation(), "{err}");
    assert_eq!(db.store.org_count().await.unwrap(), 10);
    assert!(
        db.store
            .org(items[12].0.uscc.as_str())
            .await
            .unwrap()
            .is_none()
    );
    // Records and every section read back equal to what was written, in order.
    let mut seen = [0usize; 7];
    for (org, sections) in &items[..10] {
        let (o, s) = db.store.profile(org.uscc.as_str()).await.unwrap().unwrap();
        assert_eq!(&o, org);
        assert_eq!(&s, sections);
        let lens = [
            s.inspections.len(),
            s.evaluations.len(),
            s.honors.len(),
            s.penalties.len(),
            s.changes.len(),
            s.list_entries.len(),
            s.annual_reports.len(),
        ];
        for (n, len) in seen.iter_mut().zip(lens) {
            *n += len;
        }
    }
    assert!(
        seen.iter().all(|&n| n > 0),
        "every section exercised: {seen:?}"
    );
    let page = db.store.orgs_after(None, 3).await.unwrap();
    let next = db
        .store
        .orgs_after(Some(page[2].uscc.as_str()), 100)
        .await
        .unwrap();
    assert_eq!(page.len() + next.len(), 10);
    db.drop_db().await;
}

/// `schema_version` tells an empty database (0) from one it cannot read: an error is an error,
/// not "no migration applied" (which made a lost connection look like an empty database).
#[tokio::test]
async fn schema_version_reports_errors_instead_of_zero() {
    let db = TestDb::new().await;
    let latest = gongyi_store::migrate::MIGRATIONS.last().unwrap().0;
    assert_eq!(db.store.schema_version().await.unwrap(), latest);
    let fresh = TestDb::new().await;
    fresh
        .store
        .execute_raw("DROP TABLE schema_migrations")
        .await
        .unwrap();
    assert_eq!(fresh.store.schema_version().await.unwrap(), 0);
    fresh.drop_db().await;
    db.store.close().await;
    assert!(db.store.schema_version().await.is_err());
    db.drop_db().await;
}

/// Eight identical steps at once, straight at the store (no pre-check in front): exactly one
/// is recorded — one event, one audit row — and the others are conflicts. On PostgreSQL the
/// unguarded `UPDATE … WHERE state = $old` affected no row for the losers, and each still
/// wrote its event and audit row.
#[tokio::test]
async fn concurrent_identical_steps_are_recorded_once() {
    use gongyi_store::applications::{NewApplication, Step};
    use gongyi_types::applications::{ApplicationState, ServiceKind};
    let db = TestDb::new().await;
    let orgs: Vec<_> = fixtures().into_iter().take(3).collect();
    db.store
        .create_orgs(&orgs, "test", "2026-11-27T00:00:00Z")
        .await
        .unwrap();
    let account = db
        .store
        .create_applicant(
            &gongyi_store::accounts::applicants::NewApplicant {
                kind: gongyi_store::accounts::applicants::KIND_PERSON,
                login: "13900000001".into(),
                uscc: None,
                display_name: "甲".into(),
                contact_name: "甲".into(),
                phone: "13900000001".into(),
                password_hash: "x".into(),
            },
            "test",
            "2026-11-27T00:00:00Z",
        )
        .await
        .unwrap();
    let (id, number) = db
        .store
        .create_application(
            &NewApplication {
                kind: ServiceKind::Establish,
                account_id: account,
                uscc: None,
                division: "110105".into(),
                title: "测试".into(),
                form_json: "{}".into(),
            },
            "test",
            "申请人",
            "2026-11-27T00:00:00Z",
            today(),
        )
        .await
        .unwrap();
    let step = Step {
        from: ApplicationState::Draft,
        to: ApplicationState::Submitted,
        action: "submit".into(),
        actor: "applicant:13900000001".into(),
        actor_label: "申请人".into(),
        reason: String::new(),
        deadline: None,
        at: "2026-11-27T01:00:00Z".into(),
        today: today(),
    };
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let (store, step) = (db.store.clone(), step.clone());
        set.spawn(async move { store.application_step(id, &step, None).await });
    }
    let (mut ok, mut conflicts) = (0, 0);
    while let Some(r) = set.join_next().await {
        match r.unwrap() {
            Ok(_) => ok += 1,
            Err(gongyi_store::StoreError::Conflict(_)) => conflicts += 1,
            Err(e) => panic!("{e}"),
        }
    }
    assert_eq!((ok, conflicts), (1, 7));
    let audit = db
        .store
        .audit_for(gongyi_types::EntityKind::Application, &number, 50)
        .await
        .unwrap();
    assert_eq!(
        audit
            .iter()
            .filter(|a| a.action == "application.submit")
            .count(),
        1
    );
    let events = db.store.application_events(id).await.unwrap();
    assert_eq!(events.iter().filter(|e| e.action == "submit").count(), 1);
    db.drop_db().await;
}

/// Eight edits of one record at once, straight at the store: each 变更记录 row is computed
/// against the record its write replaced (row locked on PostgreSQL), so the eight "before"
/// values are eight different addresses — a chain, never two against the same original.
#[tokio::test]
async fn concurrent_edits_record_a_chain_of_changes() {
    let db = TestDb::new().await;
    let orgs: Vec<_> = fixtures().into_iter().take(3).collect();
    db.store
        .create_orgs(&orgs, "test", "2026-11-27T00:00:00Z")
        .await
        .unwrap();
    let original = orgs[1].0.clone();
    let mut set = tokio::task::JoinSet::new();
    for i in 0..8 {
        let store = db.store.clone();
        let mut new = original.clone();
        new.address = format!("北京市朝阳区测试路{i}号");
        set.spawn(async move {
            store
                .update_org(&new, "user:test", "2026-11-27T01:00:00Z", today())
                .await
        });
    }
    while let Some(r) = set.join_next().await {
        assert_eq!(r.unwrap().unwrap().len(), 1);
    }
    let s = db.store.sections(original.uscc.as_str()).await.unwrap();
    let befores: std::collections::HashSet<String> = s
        .changes
        .iter()
        .filter(|c| c.field == "住所")
        .map(|c| c.before.clone())
        .collect();
    assert_eq!(befores.len(), 8, "{:?}", s.changes);
    db.drop_db().await;
}
