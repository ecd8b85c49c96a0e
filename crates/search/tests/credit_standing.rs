//! The credit standing is not in the documents (see `credit_table.rs`): a change shows in
//! filters, facets, hits and cached results at once, without re-indexing, and the
//! database's standings replace whatever the documents were indexed with.

#![allow(clippy::unwrap_used)]

mod common;

use common::{index, orgs};
use gongyi_search::{OrgDoc, SearchIndex, SearchQuery};
use gongyi_types::CreditStatus;

fn with_credit(c: CreditStatus) -> SearchQuery {
    SearchQuery {
        credit: Some(c),
        ..SearchQuery::default()
    }
}

fn names(idx: &SearchIndex, q: &SearchQuery) -> Vec<String> {
    let mut v: Vec<String> = idx
        .search(q)
        .unwrap()
        .hits
        .iter()
        .map(|h| h.name.clone())
        .collect();
    v.sort();
    v
}

fn code_of(name: &str) -> String {
    orgs()
        .into_iter()
        .find(|o| o.name == name)
        .unwrap()
        .uscc
        .as_str()
        .to_string()
}

#[test]
fn a_new_standing_shows_everywhere_at_once_without_reindexing() {
    let idx = index();
    let abnormal = with_credit(CreditStatus::Abnormal);
    // Warm the cache and the decoded columns first: both must follow the change.
    assert_eq!(names(&idx, &abnormal), ["广东省慈善总会"]);
    let all = idx.search(&SearchQuery::default()).unwrap();
    assert_eq!(all.facets.credit.get("abnormal"), Some(&1));

    let docs_before = idx.num_docs();
    idx.set_credit_standings(&[
        (code_of("北京市海淀区养老服务中心"), CreditStatus::Abnormal),
        (code_of("广东省慈善总会"), CreditStatus::Serious),
    ])
    .unwrap();
    assert_eq!(idx.num_docs(), docs_before, "nothing was re-indexed");
    assert_eq!(names(&idx, &abnormal), ["北京市海淀区养老服务中心"]);
    assert_eq!(
        names(&idx, &with_credit(CreditStatus::Serious)),
        ["广东省慈善总会"]
    );
    let all = idx.search(&SearchQuery::default()).unwrap();
    assert_eq!(all.facets.credit.get("abnormal"), Some(&1));
    assert_eq!(all.facets.credit.get("serious"), Some(&1));
    assert_eq!(all.facets.credit.get("normal"), Some(&5));
    let hit = idx
        .search(&SearchQuery {
            q: Some("海淀区养老".into()),
            ..SearchQuery::default()
        })
        .unwrap();
    assert_eq!(hit.hits[0].credit, CreditStatus::Abnormal);
    // Text and credit filter together.
    let both = SearchQuery {
        q: Some("慈善".into()),
        credit: Some(CreditStatus::Serious),
        ..SearchQuery::default()
    };
    assert_eq!(names(&idx, &both), ["广东省慈善总会"]);
    assert_eq!(idx.credit_table_len(), 2);

    // Back to good standing.
    idx.set_credit_standings(&[(code_of("广东省慈善总会"), CreditStatus::Normal)])
        .unwrap();
    assert!(names(&idx, &with_credit(CreditStatus::Serious)).is_empty());
    assert_eq!(idx.credit_table_len(), 1);
}

#[test]
fn a_rewritten_document_brings_its_own_standing_and_the_database_decides_at_start() {
    let idx = index();
    let mut o = orgs()
        .into_iter()
        .find(|o| o.name == "深圳市南山区爱心志愿者协会")
        .unwrap();
    o.credit = CreditStatus::Serious;
    idx.upsert(&OrgDoc::from_org(&o)).unwrap();
    assert_eq!(
        names(&idx, &with_credit(CreditStatus::Serious)),
        ["深圳市南山区爱心志愿者协会"]
    );
    // At start the server loads the database's standings: whatever the documents say.
    idx.load_credit_standings(&[(code_of("中国社会工作联合会"), CreditStatus::Abnormal)]);
    assert!(names(&idx, &with_credit(CreditStatus::Serious)).is_empty());
    assert_eq!(
        names(&idx, &with_credit(CreditStatus::Abnormal)),
        ["中国社会工作联合会"]
    );
    // A deleted organization leaves the table.
    idx.delete(&code_of("中国社会工作联合会")).unwrap();
    assert_eq!(idx.credit_table_len(), 0);
    // A code that is no organization changes nothing.
    idx.set_credit_standings(&[("not-a-code".into(), CreditStatus::Serious)])
        .unwrap();
    assert_eq!(idx.credit_table_len(), 0);
}

#[test]
fn an_index_of_another_schema_is_emptied_and_marked_for_rebuild() {
    let dir = std::env::temp_dir().join(format!("gongyi-schema-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    {
        let mut b = tantivy::schema::Schema::builder();
        b.add_text_field("old", tantivy::schema::STRING);
        tantivy::Index::create_in_dir(&dir, b.build()).unwrap();
    }
    let idx = SearchIndex::open_or_create(&dir).unwrap();
    assert_eq!(idx.num_docs(), 0);
    assert_eq!(
        idx.interrupted()
            .as_deref()
            .map(|w| w.starts_with(gongyi_search::SCHEMA_UPGRADE)),
        Some(true)
    );
    drop(idx);
    let _ = std::fs::remove_dir_all(&dir);
}
