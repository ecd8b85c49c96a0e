//! The word query's own loops against the tantivy query it stands for, on an index of
//! several segments with deleted documents.

use chrono::NaiveDate;
use gongyi_types::{CreditStatus, DivisionCode, OrgFlags, OrgKind, RegStatus, Uscc};

use super::*;
use crate::collector::{PageCollector, PageFruit, Ranking};
use crate::{OrgDoc, SearchIndex, SearchQuery};

const TOPICS: [&str; 6] = ["养老", "青少年", "书法", "足球", "社会工作", "扶贫"];
const SUFFIXES: [&str; 5] = ["协会", "研究会", "服务中心", "基金会", "促进会"];
const PLACES: [&str; 4] = ["北京市", "上海市浦东新区", "杭州市", "成都市武侯区"];

fn doc(i: u32) -> OrgDoc {
    let i_us = i as usize;
    let name = format!(
        "{}{}{}{}",
        PLACES[i_us % 4],
        TOPICS[i_us / 4 % 6],
        if i.is_multiple_of(7) { "发展" } else { "" },
        SUFFIXES[i_us / 3 % 5],
    );
    // Some mention a topic only in the scope: they match below every name match.
    let scope = format!("开展{}交流、{}活动", TOPICS[i_us / 5 % 6], TOPICS[i_us % 6]);
    let division =
        DivisionCode::parse(["110105", "310115", "330100", "510107"][i_us % 4]).expect("division");
    let uscc = Uscc::assemble('5', '1', &division.to_string(), &format!("WQ{i:06}")).expect("code");
    OrgDoc {
        uscc: uscc.as_str().to_string(),
        name,
        kind: OrgKind::ALL[i_us % 3],
        status: RegStatus::Active,
        credit: CreditStatus::ALL[i_us % 11 % CreditStatus::ALL.len()],
        division,
        authority: format!("{}民政局", division.full_name()),
        legal_rep: "张伟".to_string(),
        founded: NaiveDate::from_ymd_opt(1990, 1, 1).expect("date")
            + chrono::Days::new(u64::from(i * 3 % 9000)),
        address: format!("{}人民路{i}号", division.full_name()),
        scope,
        flags: OrgFlags {
            charity: i.is_multiple_of(5),
            ..OrgFlags::default()
        },
    }
}

/// 1,200 documents in three commits (three segments), then 100 of the first replaced
/// (deleted in their segment, added again in a fourth).
fn index() -> SearchIndex {
    let idx = SearchIndex::in_memory().expect("index");
    for batch in 0..3 {
        let docs: Vec<OrgDoc> = (batch * 400..(batch + 1) * 400).map(doc).collect();
        idx.upsert_many(&docs).expect("upsert");
    }
    let again: Vec<OrgDoc> = (0..100).map(|i| doc(i * 4)).collect();
    idx.upsert_many(&again).expect("upsert");
    idx
}

fn text(q: &str) -> SearchQuery {
    SearchQuery {
        q: Some(q.to_string()),
        ..SearchQuery::default()
    }
}

/// (own loops, `WordWeight::for_each`, the tantivy query) for `q`, and whether the
/// query ranks by name only.
fn three_ways(idx: &SearchIndex, q: &SearchQuery) -> ([PageFruit; 3], bool) {
    let searcher = idx.reader.searcher();
    let (query, ranking) = q.to_query(&idx.fields);
    assert_eq!(ranking, Ranking::Relevance);
    let words = query.downcast_ref::<WordQuery>().expect("a word query");
    let collector = PageCollector::for_query(q, ranking, &idx.columns);
    let weight = words.word_weight(&searcher).expect("weight");
    let own = collector.collect_words(&searcher, &weight).expect("own");
    let for_each = searcher.search(&*query, &collector).expect("for_each");
    let generic = searcher
        .search(&*words.generic(), &collector)
        .expect("generic");
    ([own, for_each, generic], words.by_name)
}

fn same(a: &PageFruit, b: &PageFruit, what: &str) {
    assert_eq!(a.counts.total(), b.counts.total(), "{what}: total");
    assert_eq!(a.counts.decode(), b.counts.decode(), "{what}: facets");
    assert_eq!(a.top.len(), b.top.len(), "{what}: page length");
    for (i, (x, y)) in a.top.iter().zip(&b.top).enumerate() {
        assert_eq!(x, y, "{what}: hit {i}");
    }
}

#[test]
fn own_loops_find_and_rank_what_the_tantivy_query_does() {
    let idx = index();
    assert_eq!(idx.num_docs(), 1200);
    let cases = [
        // One word: the name's matches ranked from their own list.
        ("协会", true),
        ("书法", true),
        ("青少年", true),
        ("社会工作", true),
        // Several words, or a word beside a character: the merged loop.
        ("养老 协会", false),
        ("浦东新区足球", false),
        ("的扶贫", false),
    ];
    for (text_q, by_name) in cases {
        for (page, per_page, credit) in [
            (1, 20, None),
            (3, 7, None),
            (1, 100, Some(CreditStatus::ALL[1])),
            (200, 100, None),
        ] {
            let q = SearchQuery {
                page,
                per_page,
                credit,
                ..text(text_q)
            };
            let ([own, for_each, generic], ranks_by_name) = three_ways(&idx, &q);
            assert_eq!(ranks_by_name, by_name, "{text_q}");
            assert!(generic.counts.total() > 0, "{text_q} matches something");
            let what = format!("{text_q} page {page}×{per_page} credit {credit:?}");
            same(&own, &generic, &format!("{what}, own loops"));
            same(&for_each, &generic, &format!("{what}, for_each"));
        }
    }
}

#[test]
fn matches_outside_the_name_fill_a_page_the_name_matches_do_not() {
    let idx = index();
    // 交流 is in every scope and in no name.
    let q = SearchQuery {
        per_page: 50,
        ..text("交流")
    };
    let ([own, _, generic], by_name) = three_ways(&idx, &q);
    assert!(by_name);
    assert_eq!(own.counts.total(), 1200);
    assert_eq!(own.top.len(), 50);
    same(&own, &generic, "交流");
    // A word in some names and in other documents' scopes: the page holds the name
    // matches first, then the rest.
    let q = SearchQuery {
        page: 3,
        per_page: 100,
        ..text("足球")
    };
    let ([own, _, generic], _) = three_ways(&idx, &q);
    same(&own, &generic, "足球");
}
