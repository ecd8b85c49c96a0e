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
use tantivy::query::{BooleanQuery, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{TantivyDocument, Term};

/// At most this many bigrams of a name are looked up (a name is rarely longer than 30
/// characters; a pasted paragraph must not make a query of thousands of terms).
const MAX_GRAMS: usize = 48;

impl SearchIndex {
    /// Up to `limit` registered organizations, as (统一社会信用代码, name), whose names share the
    /// most (and the rarest) character bigrams with `name`.
    pub fn similar_names(
        &self,
        name: &str,
        limit: usize,
    ) -> Result<Vec<(String, String)>, SearchError> {
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
        let searcher = self.reader.searcher();
        let top = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())?;
        top.into_iter()
            .map(|(_, address)| {
                let doc: TantivyDocument = searcher.doc(address)?;
                let text = |field, what| {
                    doc.get_first(field)
                        .and_then(|v| v.as_str().map(str::to_string))
                        .ok_or(SearchError::CorruptDoc(what))
                };
                Ok((text(f.uscc, "uscc")?, text(f.name, "name")?))
            })
            .collect()
    }
}
