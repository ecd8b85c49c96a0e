//! 简称: people type 青基会 for 中国青少年发展基金会, 残联 for 残疾人联合会 — characters of the
//! full name, in order, not next to each other, so neither the words nor the bigrams of the
//! name match. Each name's distinct characters are indexed one term each (`name_chars`); a
//! query of 2–6 Han characters that finds fewer hits than a page has is looked up again as
//! an abbreviation: the names holding every character, checked for the characters in order,
//! ranked after every exact match — by how many of the typed characters begin a word of the
//! name (青少年, 基金会), then by the shorter name.

use std::collections::HashSet;

use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use crate::error::SearchError;
use crate::filter;
use crate::query::SearchQuery;
use crate::schema::Fields;
use crate::tokenizer;

/// Names checked at most per query: the rarest character bounds the candidates (青, 残 …);
/// a query of common characters only (协会) is a word the bigrams already found.
const MAX_CANDIDATES: usize = 20_000;

/// The characters of `q` if it may be an abbreviation: 2 to 6 Han characters.
pub(crate) fn typed(q: &str) -> Option<Vec<char>> {
    let chars: Vec<char> = q.chars().filter(|c| !c.is_whitespace()).collect();
    ((2..=6).contains(&chars.len()) && chars.iter().all(|c| is_han(*c))).then_some(chars)
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// Whether `abbr` is in `name` in order, not as one run (a run is an exact match).
pub(crate) fn abbreviates(abbr: &[char], name: &str) -> bool {
    let run: String = abbr.iter().collect();
    if name.contains(&run) {
        return false;
    }
    let mut it = name.chars();
    abbr.iter().all(|a| it.any(|c| c == *a))
}

/// An abbreviation takes the first character of most of the name's words: both of two (残联:
/// 残疾人联合会; 社会 is a word, not the 社…会 of 社区服务协会), all but one of more (青基会:
/// 青少年、基金会 and the last 会).
fn word_starts_needed(typed: usize) -> usize {
    if typed <= 2 { typed } else { typed - 1 }
}

/// Higher is better: typed characters that begin a word of the name, then shorter names.
fn rank(abbr: &[char], name: &str) -> (usize, std::cmp::Reverse<usize>) {
    let starts: HashSet<char> = tokenizer::all_words(name)
        .iter()
        .filter_map(|w| w.chars().next())
        .collect();
    (
        abbr.iter().filter(|c| starts.contains(c)).count(),
        std::cmp::Reverse(name.chars().count()),
    )
}

/// The documents whose name `abbr` abbreviates (and that pass `q`'s filters, but for credit,
/// which the caller checks), best first, at most `limit`, none of `exclude`.
pub(crate) fn find(
    searcher: &Searcher,
    f: &Fields,
    q: &SearchQuery,
    abbr: &[char],
    exclude: &HashSet<DocAddress>,
    limit: usize,
) -> Result<Vec<DocAddress>, SearchError> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = abbr
        .iter()
        .map(|c| {
            let t = Term::from_field_text(f.name_chars, &c.to_string());
            let q: Box<dyn Query> = Box::new(TermQuery::new(t, IndexRecordOption::Basic));
            (Occur::Must, q)
        })
        .collect();
    clauses.extend(filter::clauses(q, f));
    let query = BooleanQuery::new(clauses);
    let docs = searcher.search(&query, &tantivy::collector::DocSetCollector)?;
    let mut found = vec![];
    for address in docs.into_iter().take(MAX_CANDIDATES) {
        if exclude.contains(&address) {
            continue;
        }
        let doc: TantivyDocument = searcher.doc(address)?;
        let name = doc
            .get_first(f.name)
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        if abbreviates(abbr, &name) {
            let r = rank(abbr, &name);
            if r.0 >= word_starts_needed(abbr.len()) {
                found.push((r, address));
            }
        }
    }
    found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    Ok(found.into_iter().take(limit).map(|(_, a)| a).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_in_order_but_not_as_one_run() {
        let abbr = typed("青基会").unwrap();
        assert!(abbreviates(&abbr, "中国青少年发展基金会"));
        assert!(!abbreviates(&abbr, "基金会青年工作委员会"), "out of order");
        assert!(
            !abbreviates(&typed("基金会").unwrap(), "中国青少年发展基金会"),
            "a run"
        );
        assert_eq!(typed("协"), None);
        assert_eq!(typed("zgsh"), None);
        assert_eq!(typed("中国青少年发展基金"), None);
    }

    #[test]
    fn most_typed_characters_must_begin_words() {
        let two = typed("社会").unwrap();
        assert!(rank(&two, "上海市浦东新区社区服务协会").0 < word_starts_needed(2));
        let cl = typed("残联").unwrap();
        assert!(rank(&cl, "北京市残疾人联合会").0 >= word_starts_needed(2));
    }

    #[test]
    fn typed_characters_that_begin_words_rank_first() {
        let abbr = typed("青基会").unwrap();
        assert!(
            rank(&abbr, "中国青少年发展基金会") > rank(&abbr, "青山区基层工作者联合会"),
            "{:?} {:?}",
            rank(&abbr, "中国青少年发展基金会"),
            rank(&abbr, "青山区基层工作者联合会")
        );
    }
}
