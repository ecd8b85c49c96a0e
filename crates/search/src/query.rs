//! What a caller asks for, and its translation into one tantivy query.
//!
//! Nothing the user typed is ever handed to tantivy's `QueryParser`: free text is split into
//! words here and each word becomes term, phrase or term-range queries (see `text`), so
//! quotes, colons, parentheses, `AND` or `*` are just characters that separate words.

use chrono::NaiveDate;
use gongyi_types::{CreditStatus, DivisionCode, OrgKind, RegStatus};
use serde::Deserialize;
use tantivy::query::{AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query};

use crate::collector::Ranking;
use crate::filter;
use crate::schema::Fields;
use crate::text;

/// Deepest hit that can be paged to (like Elasticsearch's `max_result_window`): pages past
/// it come back empty, with exact totals and facets still.
pub const MAX_RESULT_WINDOW: usize = 10_000;

/// A search: free text, filters and a page. Missing fields deserialize as "not given".
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SearchQuery {
    /// Name words, a 统一社会信用代码 (full or a prefix of 6+ characters), or the pinyin of
    /// the name (full or initials, any prefix).
    pub q: Option<String>,
    pub kind: Option<OrgKind>,
    pub status: Option<RegStatus>,
    pub credit: Option<CreditStatus>,
    /// Registrar's division: a province includes its cities and counties, a city its counties;
    /// `100000` (全国) selects the organizations registered nationally (by 民政部) only.
    pub division: Option<DivisionCode>,
    pub charity: Option<bool>,
    pub public_fundraising: Option<bool>,
    pub volunteer: Option<bool>,
    pub trade_association: Option<bool>,
    /// Founding date range, both ends included.
    pub founded_from: Option<NaiveDate>,
    pub founded_to: Option<NaiveDate>,
    /// How the page is ordered (default: relevance with text, newest first without).
    #[serde(default)]
    pub sort: Sort,
    /// 1-based; 0 is read as 1.
    pub page: u32,
    /// Clamped to 1..=100; 0 is read as 20.
    pub per_page: u32,
}

/// How a results page is ordered (`sort=`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Best match first (newest first when there is no text to rank by).
    #[default]
    Relevance,
    /// 成立登记日期, newest first.
    Newest,
    /// 成立登记日期, oldest first.
    Oldest,
    /// 登记状态 in the order of `RegStatus::ALL` (正常 first), newest first within each.
    Status,
    /// 名称 by pinyin, without the registrar's place names at its start (`doc::name_order`).
    Name,
}

impl Sort {
    pub const ALL: [Sort; 5] = [
        Sort::Relevance,
        Sort::Newest,
        Sort::Oldest,
        Sort::Status,
        Sort::Name,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
            Sort::Status => "status",
            Sort::Name => "name",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::Relevance => "相关度",
            Sort::Newest => "成立日期（新到旧）",
            Sort::Oldest => "成立日期（旧到新）",
            Sort::Status => "登记状态",
            Sort::Name => "名称（拼音）",
        }
    }

    /// The sort of a `sort=` code; `None` for an unknown code.
    pub fn parse(code: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|s| s.code() == code)
    }
}

impl SearchQuery {
    pub fn page(&self) -> u32 {
        self.page.max(1)
    }

    pub fn per_page(&self) -> u32 {
        match self.per_page {
            0 => 20,
            n => n.min(100),
        }
    }

    /// Hits to skip and to return, limited to [`MAX_RESULT_WINDOW`].
    pub(crate) fn window(&self) -> (usize, usize) {
        let per_page = self.per_page() as usize;
        let offset = (self.page() as usize - 1).saturating_mul(per_page);
        let end = offset.saturating_add(per_page).min(MAX_RESULT_WINDOW);
        (offset.min(end), end.saturating_sub(offset))
    }

    /// The tantivy query and how to rank its hits: by relevance when there is text to rank
    /// by, else newest first.
    pub(crate) fn to_query(&self, f: &Fields) -> (Box<dyn Query>, Ranking) {
        let text = self.q.as_deref().and_then(|q| text::query(f, q));
        let ranking = match self.sort {
            Sort::Relevance if text.is_some() => Ranking::Relevance,
            Sort::Relevance | Sort::Newest => Ranking::NewestFirst,
            Sort::Oldest => Ranking::OldestFirst,
            Sort::Status => Ranking::Status,
            Sort::Name => Ranking::Name,
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some(t) = text {
            clauses.push((Occur::Must, t));
        }
        for (occur, q) in filter::clauses(self, f) {
            // Filters select; they must not change the ranking.
            let q: Box<dyn Query> = match occur {
                Occur::Must if ranking == Ranking::Relevance => {
                    Box::new(ConstScoreQuery::new(q, 0.0))
                }
                _ => q,
            };
            clauses.push((occur, q));
        }
        if !clauses.iter().any(|(o, _)| *o == Occur::Must) {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        if clauses.len() == 1
            && clauses[0].0 == Occur::Must
            && let Some((_, q)) = clauses.pop()
        {
            return (q, ranking);
        }
        (Box::new(BooleanQuery::new(clauses)), ranking)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(page: u32, per_page: u32) -> SearchQuery {
        SearchQuery {
            page,
            per_page,
            ..SearchQuery::default()
        }
    }

    #[test]
    fn paging_defaults_and_clamps() {
        assert_eq!((q(0, 0).page(), q(0, 0).per_page()), (1, 20));
        assert_eq!(q(1, 1000).per_page(), 100);
        assert_eq!(q(3, 10).window(), (20, 10));
        assert_eq!(q(u32::MAX, 100).window(), (MAX_RESULT_WINDOW, 0));
        assert_eq!(q(100, 100).window(), (9_900, 100));
        assert_eq!(q(101, 100).window(), (MAX_RESULT_WINDOW, 0));
    }

    #[test]
    fn deserializes_codes_and_missing_fields() {
        let v: SearchQuery = serde_json::from_str(
            r#"{"q":"社会","kind":"foundation","division":"110000","founded_from":"2000-01-01"}"#,
        )
        .unwrap();
        assert_eq!(v.kind, Some(OrgKind::Foundation));
        assert_eq!(v.division.map(|d| d.to_string()).as_deref(), Some("110000"));
        assert_eq!(v.per_page(), 20);
    }
}
