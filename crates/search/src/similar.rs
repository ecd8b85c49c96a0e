//! Candidates for "the closest registered names" of the legitimacy lookup (issue 4): names
//! sharing character bigrams with a name that is not registered, best BM25 first.
//!
//! The portal's free-text query requires every bigram of a run without a jieba word (a search
//! box should narrow), which finds nothing for a name that differs from a registered one by a
//! character — exactly the case the lookup must answer ("合法登记的为……"). Here the bigrams
//! are alternatives, and only the top `limit` documents are kept, so tantivy's block-max WAND
//! skips most of the long posting lists of common bigrams (协会, 社会) instead of scoring and
//! counting facets for every name that has one.

use crate::SearchIndex;
use crate::error::SearchError;
use crate::tokenizer::bigrams;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, EnableScoring, Query, TermQuery};
use tantivy::schema::Field;
use tantivy::schema::IndexRecordOption;
use tantivy::{Executor, Searcher, Term};

/// A bigram in more than 1 in this many names (北京, 服务, 协会, 中心 …) says little about which
/// name is meant and costs the most to score: the query leaves it out, as long as
/// [`MIN_GRAMS`] rarer ones remain. Measured on 1,000,000 organizations: with every bigram the
/// lookup of a mix with 20 % unknown names answered 14,693 names/s.
const COMMON_DOC_RATIO: u64 = 100;
/// Bigrams kept even when all are common (the rarest of them).
const MIN_GRAMS: usize = 3;

/// At most this many bigrams of a name are looked up (a name is rarely longer than 30
/// characters; a pasted paragraph must not make a query of thousands of terms).
const MAX_GRAMS: usize = 48;

impl SearchIndex {
    /// The 统一社会信用代码 of up to `limit` registered organizations whose names share the
    /// most (and the rarest) character bigrams with `name`, best first. Codes only, read from
    /// the fast column: fetching stored documents (a 16 KB block decompressed per candidate)
    /// was most of the cost of a lookup batch; the caller has the names in memory.
    pub fn similar_names(&self, name: &str, limit: usize) -> Result<Vec<String>, SearchError> {
        let mut grams: Vec<String> = bigrams(name)
            .into_iter()
            .filter(|g| g.chars().count() == 2)
            .collect();
        grams.sort_unstable();
        grams.dedup();
        grams.truncate(MAX_GRAMS);
        if grams.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let f = &self.fields;
        let searcher = self.reader.searcher();
        let grams = distinctive(&searcher, f.name_bigrams, grams)?;
        let clauses: Vec<Box<dyn Query>> = grams
            .iter()
            .map(|g| {
                Box::new(TermQuery::new(
                    Term::from_field_text(f.name_bigrams, g),
                    IndexRecordOption::WithFreqs,
                )) as Box<dyn Query>
            })
            .collect();
        let query = BooleanQuery::union(clauses);
        // On the calling thread: a lookup batch answers hundreds of names, each query touches
        // a few short posting lists, and handing segments to the search pool (as the portal's
        // searches do, which read hundreds of thousands of documents) costs more than it saves.
        let top = searcher.search_with_executor(
            &query,
            &TopDocs::with_limit(limit).order_by_score(),
            &Executor::single_thread(),
            EnableScoring::enabled_from_searcher(&searcher),
        )?;
        top.into_iter()
            .map(|(_, address)| {
                self.columns
                    .get(searcher.segment_reader(address.segment_ord))?
                    .uscc(address.doc_id)
                    .ok_or(SearchError::CorruptDoc("uscc"))
            })
            .collect()
    }
}

/// The bigrams worth looking up: the rare ones, or the [`MIN_GRAMS`] rarest when every one
/// is common.
fn distinctive(
    searcher: &Searcher,
    field: Field,
    grams: Vec<String>,
) -> Result<Vec<String>, SearchError> {
    // Below 50,000 names every bigram is cheap enough.
    let common = (searcher.num_docs() / COMMON_DOC_RATIO).max(1_000);
    let mut by_freq = grams
        .into_iter()
        .map(|g| {
            let df = searcher.doc_freq(&Term::from_field_text(field, &g))?;
            Ok((df, g))
        })
        .collect::<Result<Vec<(u64, String)>, SearchError>>()?;
    by_freq.retain(|(df, _)| *df > 0);
    by_freq.sort_unstable();
    let rare = by_freq.iter().filter(|(df, _)| *df <= common).count();
    by_freq.truncate(rare.max(MIN_GRAMS));
    Ok(by_freq.into_iter().map(|(_, g)| g).collect())
}
