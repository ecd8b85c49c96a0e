//! Behaviour of the search index as users see it, on a handful of realistic organizations.
//! Just over 400 lines: one scenario per user-visible behaviour over the same small index,
//! read top to bottom; the shared fixtures are in `common/`.

// Helpers outside `#[test]` functions unwrap too.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::NaiveDate;
use common::{find, index, orgs, text};
use gongyi_search::{OrgDoc, SearchIndex, SearchQuery};
use gongyi_types::{CreditStatus, DivisionCode, OrgKind, RegStatus};

#[test]
fn chinese_words_and_substrings_find_names() {
    let idx = index();
    assert_eq!(find(&idx, "社会"), ["中国社会工作联合会"]);
    assert_eq!(find(&idx, "联合会"), ["中国社会工作联合会"]);
    assert_eq!(find(&idx, "中国社会工作联合会"), ["中国社会工作联合会"]);
    // Not a jieba word: found through the name's character bigrams.
    assert_eq!(find(&idx, "国社"), ["中国社会工作联合会"]);
    assert_eq!(find(&idx, "慈"), ["广东省慈善总会"]);
    // Several words must all match, in any field.
    assert_eq!(find(&idx, "朝阳 基金会"), ["北京市朝阳区青少年发展基金会"]);
    assert_eq!(find(&idx, "海淀区养老"), ["北京市海淀区养老服务中心"]);
    assert!(find(&idx, "海淀 基金会").is_empty());
    // Legal representative, scope, address, authority.
    assert_eq!(find(&idx, "张建国"), ["北京市海淀区养老服务中心"]);
    assert_eq!(find(&idx, "留守儿童"), ["深圳市南山区爱心志愿者协会"]);
    assert_eq!(find(&idx, "浦东新区民政局"), ["上海市浦东新区社区服务协会"]);
}

#[test]
fn name_matches_rank_above_scope_matches() {
    let idx = index();
    assert_eq!(
        find(&idx, "养老"),
        ["北京市海淀区养老服务中心", "北京市朝阳区社区服务中心"]
    );
    let r = idx.search(&text("社区服务")).unwrap();
    assert_eq!(r.total, 2);
    assert!(r.hits[0].score >= r.hits[1].score);
    assert!(r.hits.iter().all(|h| h.score > 0.0));
}

#[test]
fn pinyin_full_and_initials_by_prefix() {
    let idx = index();
    for q in [
        "zgsh",
        "ZGSH",
        "zhongguoshehui",
        "zhongguoshehuigongzuolianhehui",
        "zgshgzlhh",
    ] {
        assert_eq!(find(&idx, q), ["中国社会工作联合会"], "{q}");
    }
    let mut beijing = find(&idx, "bjs");
    beijing.sort();
    assert_eq!(beijing.len(), 3, "{beijing:?}");
    assert!(beijing.iter().all(|n| n.starts_with("北京市")));
    assert_eq!(find(&idx, "gdscszh"), ["广东省慈善总会"]);
    assert!(find(&idx, "zgshx").is_empty());
}

#[test]
fn uscc_full_lower_case_and_prefix() {
    let idx = index();
    let all = orgs();
    let code = all[1].uscc.as_str();
    let r = idx.search(&text(code)).unwrap();
    assert_eq!(r.total, 1);
    assert_eq!(r.hits[0].uscc, code);
    assert_eq!(
        find(&idx, &code.to_lowercase()),
        ["北京市朝阳区青少年发展基金会"]
    );
    // 6–8 characters: department, category and (part of) the division.
    let mut social_services = find(&idx, &all[2].uscc.as_str()[..6].to_lowercase());
    social_services.sort();
    assert_eq!(
        social_services,
        ["北京市朝阳区社区服务中心", "北京市海淀区养老服务中心"]
    );
    assert_eq!(
        find(&idx, &all[2].uscc.as_str()[..8]),
        ["北京市海淀区养老服务中心"]
    );
    assert_eq!(
        find(&idx, &all[3].uscc.as_str()[..12]),
        ["北京市朝阳区社区服务中心"]
    );
}

#[test]
fn filters_select_and_filter_only_queries_are_newest_first() {
    let idx = index();
    let all = SearchQuery::default();
    let r = idx.search(&all).unwrap();
    assert_eq!(r.total, 7);
    let founded: Vec<_> = r.hits.iter().map(|h| h.founded).collect();
    let mut sorted = founded.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(founded, sorted);
    assert_eq!(r.hits[0].name, "深圳市南山区爱心志愿者协会");

    let search = |q: SearchQuery| {
        let mut v: Vec<String> = idx
            .search(&q)
            .unwrap()
            .hits
            .iter()
            .map(|h| h.name.clone())
            .collect();
        v.sort();
        v
    };
    let d = |s| Some(DivisionCode::parse(s).unwrap());
    let foundations = SearchQuery {
        kind: Some(OrgKind::Foundation),
        ..all.clone()
    };
    assert_eq!(search(foundations), ["北京市朝阳区青少年发展基金会"]);
    let gone = SearchQuery {
        status: Some(RegStatus::Deregistered),
        ..all.clone()
    };
    assert_eq!(search(gone), ["上海市浦东新区社区服务协会"]);
    let abnormal = SearchQuery {
        credit: Some(CreditStatus::Abnormal),
        ..all.clone()
    };
    assert_eq!(search(abnormal), ["广东省慈善总会"]);
    let charities = SearchQuery {
        charity: Some(true),
        ..all.clone()
    };
    assert_eq!(
        search(charities),
        ["北京市朝阳区青少年发展基金会", "广东省慈善总会"]
    );
    let not_charities = SearchQuery {
        charity: Some(false),
        ..all.clone()
    };
    assert_eq!(search(not_charities).len(), 5);
    let volunteer_in_beijing = SearchQuery {
        volunteer: Some(true),
        division: d("110000"),
        ..all.clone()
    };
    assert_eq!(search(volunteer_in_beijing), ["北京市海淀区养老服务中心"]);
    assert_eq!(
        search(SearchQuery {
            division: d("110000"),
            ..all.clone()
        })
        .len(),
        3
    );
    assert_eq!(
        search(SearchQuery {
            division: d("110105"),
            ..all.clone()
        })
        .len(),
        2
    );
    let guangdong = search(SearchQuery {
        division: d("440000"),
        ..all.clone()
    });
    assert_eq!(guangdong, ["广东省慈善总会", "深圳市南山区爱心志愿者协会"]);
    assert_eq!(
        search(SearchQuery {
            division: d("440300"),
            ..all.clone()
        })
        .len(),
        1
    );
    // 全国: only the nationally registered organization, not all 7.
    assert_eq!(
        search(SearchQuery {
            division: d("100000"),
            ..all.clone()
        })
        .len(),
        1
    );
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    let range = SearchQuery {
        founded_from: date(2012, 1, 10),
        founded_to: date(2018, 9, 1),
        ..all.clone()
    };
    assert_eq!(search(range).len(), 3);
    let since = SearchQuery {
        founded_from: date(2018, 9, 2),
        ..all.clone()
    };
    assert_eq!(search(since), ["深圳市南山区爱心志愿者协会"]);
    // Text and filters together.
    let q = SearchQuery {
        division: d("110000"),
        ..text("服务中心")
    };
    assert_eq!(search(q).len(), 2);
    let q = SearchQuery {
        division: d("310000"),
        ..text("服务中心")
    };
    assert!(search(q).is_empty());
}

#[test]
fn facets_count_every_match_not_just_the_page() {
    let idx = index();
    let r = idx
        .search(&SearchQuery {
            per_page: 1,
            ..text("协会")
        })
        .unwrap();
    assert_eq!(r.total, 2);
    assert_eq!(r.hits.len(), 1);
    let f = &r.facets;
    assert_eq!(f.kind.get("social_group"), Some(&2));
    assert_eq!(f.kind.len(), 1);
    assert_eq!(f.status.get("active"), Some(&1));
    assert_eq!(f.status.get("deregistered"), Some(&1));
    assert_eq!(f.credit.get("normal"), Some(&2));
    assert_eq!(f.province.get("310000"), Some(&1));
    assert_eq!(f.province.get("440000"), Some(&1));
    assert_eq!(f.flags.get("volunteer"), Some(&1));
    assert_eq!(f.flags.get("trade_association"), Some(&1));
    assert_eq!(f.flags.get("charity"), None);

    let all = idx.search(&SearchQuery::default()).unwrap().facets.clone();
    assert_eq!(all.province.get("100000"), Some(&1));
    assert_eq!(all.province.get("110000"), Some(&3));
    assert_eq!(all.kind.values().sum::<u64>(), 7);
    assert_eq!(all.flags.get("charity"), Some(&2));
}

#[test]
fn paging_is_exact_and_clamped() {
    let idx = index();
    let page = |page, per_page| {
        idx.search(&SearchQuery {
            page,
            per_page,
            ..SearchQuery::default()
        })
        .unwrap()
    };
    let mut seen = vec![];
    for p in 1..=4 {
        let r = page(p, 2);
        assert_eq!((r.total, r.page, r.per_page), (7, p, 2));
        seen.extend(r.hits.iter().map(|h| h.uscc.clone()));
    }
    assert_eq!(seen.len(), 7);
    let first = page(0, 0);
    assert_eq!((first.page, first.per_page, first.hits.len()), (1, 20, 7));
    assert_eq!(page(1, 500).per_page, 100);
    assert!(page(9, 2).hits.is_empty());
    assert_eq!(page(9, 2).total, 7);
}

#[test]
fn upsert_and_delete_replace_by_uscc() {
    let idx = index();
    let mut renamed = orgs()[5].clone();
    renamed.name = "广东省慈善基金联合会".to_string();
    idx.upsert(&OrgDoc::from_org(&renamed)).unwrap();
    assert_eq!(idx.num_docs(), 7);
    assert!(find(&idx, "总会").is_empty());
    assert_eq!(find(&idx, "慈善"), ["广东省慈善基金联合会"]);
    let hit = &idx.search(&text(renamed.uscc.as_str())).unwrap().hits[0];
    assert_eq!(
        (hit.kind, hit.credit),
        (OrgKind::SocialGroup, CreditStatus::Abnormal)
    );
    assert_eq!(
        (hit.division.as_str(), hit.legal_rep.as_str()),
        ("440000", "黄伟")
    );
    assert_eq!(hit.authority, "广东省民政局");

    let mut two = orgs();
    two[0].status = RegStatus::Revoked;
    let docs: Vec<_> = two[..2].iter().map(OrgDoc::from_org).collect();
    idx.upsert_many(&docs).unwrap();
    idx.upsert_many(&docs).unwrap();
    assert_eq!(idx.num_docs(), 7);
    let revoked = SearchQuery {
        status: Some(RegStatus::Revoked),
        ..SearchQuery::default()
    };
    assert_eq!(idx.search(&revoked).unwrap().total, 1);

    idx.delete(renamed.uscc.as_str()).unwrap();
    idx.delete("not a code").unwrap();
    assert_eq!(idx.num_docs(), 6);
    assert!(find(&idx, "慈善").is_empty());
}

#[test]
fn query_syntax_characters_are_plain_text() {
    let idx = index();
    for q in [
        "\"社会\" AND (联合会):*",
        "name:北京",
        "*",
        "\"",
        ")(",
        "社会 OR -联合会^2 ~ [a TO z] {}",
        "\\",
        "",
        "   ",
        "　",
        "'; DROP TABLE",
    ] {
        idx.search(&text(q)).unwrap_or_else(|e| panic!("{q}: {e}"));
    }
    assert_eq!(
        find(&idx, "\"社会\" AND (联合会):*"),
        ["中国社会工作联合会"]
    );
    // Only punctuation: no text to match, so it is a listing.
    assert_eq!(idx.search(&text("()")).unwrap().total, 7);
}

#[test]
fn rebuild_replaces_everything_and_directory_index_persists() {
    let dir = tempfile::tempdir().unwrap();
    {
        let idx = SearchIndex::open_or_create(dir.path()).unwrap();
        assert_eq!(idx.num_docs(), 0);
        idx.rebuild(orgs().iter().map(OrgDoc::from_org)).unwrap();
        assert_eq!(idx.num_docs(), 7);
        assert_eq!(
            idx.rebuild(orgs()[..2].iter().map(OrgDoc::from_org))
                .unwrap(),
            2
        );
        assert_eq!(idx.num_docs(), 2);
        assert!(find(&idx, "慈善").is_empty());
    }
    let idx = SearchIndex::open_or_create(dir.path()).unwrap();
    assert_eq!(idx.num_docs(), 2);
    assert_eq!(find(&idx, "zgsh"), ["中国社会工作联合会"]);
}

#[test]
fn index_is_shareable() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<SearchIndex>();
}

#[test]
fn cached_results_never_outlive_a_write() {
    let idx = index();
    let before = idx.search(&text("慈善")).unwrap();
    let again = idx.search(&text("  慈善 ")).unwrap();
    assert!(
        std::sync::Arc::ptr_eq(&before, &again),
        "the same query on the same index is answered from the cache"
    );
    let mut renamed = orgs()[0].clone();
    renamed.name = format!("{}慈善分会", renamed.name);
    idx.upsert(&OrgDoc::from_org(&renamed)).unwrap();
    let after = idx.search(&text("慈善")).unwrap();
    assert_eq!(after.total, before.total + 1, "the write is seen at once");

    let uncached = index().with_result_cache(0);
    assert_eq!(uncached.result_cache_capacity(), 0);
    let (a, b) = (
        uncached.search(&text("慈善")).unwrap(),
        uncached.search(&text("慈善")).unwrap(),
    );
    assert!(!std::sync::Arc::ptr_eq(&a, &b));
    assert_eq!(a.total, b.total);
}

#[test]
fn similar_names_find_a_name_one_character_away() {
    let idx = index();
    // Not registered: 养老 became 敬老. The portal's search wants every bigram and finds
    // nothing; the lookup's candidates still find the registered name first.
    let strict = idx
        .search(&SearchQuery {
            q: Some("北京市海淀区敬老服务中心".into()),
            ..SearchQuery::default()
        })
        .unwrap();
    assert_eq!(strict.total, 0);
    let got = idx.similar_names("北京市海淀区敬老服务中心", 3).unwrap();
    assert_eq!(got.len(), 3);
    assert!(got[0].contains("MJ0000C3"), "{got:?}");
    let best = idx
        .search(&SearchQuery {
            q: Some(got[0].clone()),
            ..SearchQuery::default()
        })
        .unwrap();
    assert_eq!(best.hits[0].name, "北京市海淀区养老服务中心");
    // Nothing to compare: no bigram.
    assert!(idx.similar_names("！", 3).unwrap().is_empty());
    assert!(idx.similar_names("北京", 0).unwrap().is_empty());
}
