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
