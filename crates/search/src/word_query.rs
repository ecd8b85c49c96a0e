//! The query of free text made only of words of two or more characters — the common case
//! (协会, 养老服务, a full name) — evaluated by loops of its own.
//!
//! Such a query selects the documents having every bigram of its words in `all_bigrams` and
//! ranks them by a constant plus, for each word found in the name, its boosted BM25 score
//! (see `text`). Built from tantivy's queries (a constant-score intersection required, BM25
//! term queries optional), every matching document went through a stack of boxed scorers —
//! a boolean scorer over a constant scorer over an intersection, a boost scorer over a term
//! scorer — several virtual calls and a seek per document, then a virtual call to the
//! collector. A common two-character word matches a quarter of a million organizations,
//! and that per-document overhead was most of the cost of the search.
//!
//! Here the posting lists are read directly, a block at a time, and the collector is
//! called inline ([`WordWeight::collect`], from `PageCollector::collect_words`); a
//! one-word query does not even merge the name's list with the match list (see
//! [`WordQuery::by_name`]). The scores are computed with tantivy's own float operations, so
//! they are the same to the last bit. Measured on 1,000,000 organizations (`cargo bench -p
//! gongyi-search`, CPU time per search on the index's two threads): 协会 (259,814 matches)
//! 7.1–7.8 → 3.6 ms, 社会 (130,181) 3.9–4.7 → 1.3 ms.
//!
//! As one clause of a larger boolean query (text with filters), tantivy asks the weight for
//! a scorer, and that comes from the equivalent tantivy query ([`WordQuery::generic`]).
//! Tests check all ways give the same pages, totals and facets (`word_query/tests.rs`).
//!
//! Over 400 lines on purpose: the posting-block loops, the inlined collector and the scoring
//! that must equal tantivy's to the bit are read together; split, the equivalence is harder to see.

use tantivy::collector::SegmentCollector;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{
    Bm25StatisticsProvider, Bm25Weight, BooleanQuery, BoostQuery, ConstScoreQuery, EnableScoring,
    Explanation, Occur, Query, Scorer, TermQuery, Weight,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, Searcher, SegmentReader, TERMINATED, Term};

use crate::collector::SegmentPage;

/// Terms whose BM25 scores, times `boost`, add to a document's score when it has them all.
#[derive(Debug, Clone)]
pub(crate) struct Ranked {
    pub terms: Vec<Term>,
    pub boost: Score,
}

impl Ranked {
    /// As a tantivy query: a boosted term query, or a boosted intersection of them.
    pub(crate) fn generic(&self) -> Box<dyn Query> {
        let mut terms: Vec<Box<dyn Query>> = self
            .terms
            .iter()
            .map(|t| {
                Box::new(TermQuery::new(t.clone(), IndexRecordOption::WithFreqs)) as Box<dyn Query>
            })
            .collect();
        let inner = if terms.len() == 1 {
            terms.remove(0)
        } else {
            Box::new(BooleanQuery::intersection(terms))
        };
        Box::new(BoostQuery::new(inner, self.boost))
    }
}

/// Documents having every `required` term, scored `match_score` + Σ of the `ranked` they
/// have.
#[derive(Debug, Clone)]
pub(crate) struct WordQuery {
    required: Vec<Term>,
    ranked: Vec<Ranked>,
    match_score: Score,
    by_name: bool,
}

impl WordQuery {
    /// `required` must not be empty (a query matching everything is not a word query).
    pub(crate) fn new(required: Vec<Term>, ranked: Vec<Ranked>, match_score: Score) -> Self {
        Self {
            required,
            ranked,
            match_score,
            by_name: false,
        }
    }

    /// Declares that every document having the one ranked clause (a single term) has all
    /// the required terms — a word's term in the name, when the required terms are that
    /// word's bigrams, which the name's bigrams in `all_bigrams` hold. Then the matches in
    /// the name are ranked from the term's own posting list, and the other matches are only
    /// counted (they rank below every name match and are ranked only when those do not fill
    /// the page): no merge of the two lists, which for 协会 (260,000 of 1,000,000 names)
    /// was a third of the search.
    pub(crate) fn by_name(mut self) -> Self {
        self.by_name = true;
        self
    }

    /// The required part as a tantivy query: a constant-score intersection.
    pub(crate) fn required_generic(&self) -> Box<dyn Query> {
        let all: Vec<Box<dyn Query>> = self
            .required
            .iter()
            .map(|t| {
                Box::new(TermQuery::new(t.clone(), IndexRecordOption::Basic)) as Box<dyn Query>
            })
            .collect();
        Box::new(ConstScoreQuery::new(
            Box::new(BooleanQuery::intersection(all)),
            self.match_score,
        ))
    }

    /// The same query built from tantivy's parts.
    pub(crate) fn generic(&self) -> Box<dyn Query> {
        let mut clauses = vec![(Occur::Must, self.required_generic())];
        clauses.extend(self.ranked.iter().map(|r| (Occur::Should, r.generic())));
        Box::new(BooleanQuery::new(clauses))
    }
}

impl WordQuery {
    /// The weight with scores (the statistics of `searcher`), as its own type, for
    /// [`WordWeight::collect`]. It has no tantivy weight inside (not needed, not built): it
    /// is never handed to tantivy.
    pub(crate) fn word_weight(&self, searcher: &Searcher) -> tantivy::Result<WordWeight> {
        self.scored_weight(searcher, None)
    }

    fn scored_weight(
        &self,
        statistics_provider: &dyn Bm25StatisticsProvider,
        generic: Option<Box<dyn Weight>>,
    ) -> tantivy::Result<WordWeight> {
        let ranked = self
            .ranked
            .iter()
            .map(|r| {
                let weights = r
                    .terms
                    .iter()
                    // Boosted as tantivy boosts a term query's scorer (the weight, not the
                    // score: the same float operations, so the same scores to the last bit).
                    .map(|t| {
                        Bm25Weight::for_terms(statistics_provider, std::slice::from_ref(t))
                            .map(|w| w.boost_by(r.boost))
                    })
                    .collect::<tantivy::Result<Vec<_>>>()?;
                Ok((r.clone(), weights))
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(WordWeight {
            generic,
            required: self.required.clone(),
            ranked,
            match_score: self.match_score,
            by_name: self.by_name,
        })
    }
}

impl Query for WordQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        match enable_scoring {
            EnableScoring::Enabled {
                statistics_provider,
                ..
            } => {
                let generic = self.generic().weight(enable_scoring)?;
                Ok(Box::new(
                    self.scored_weight(statistics_provider, Some(generic))?,
                ))
            }
            // Without scores tantivy's intersection is as fast as it gets.
            EnableScoring::Disabled { .. } => self.generic().weight(enable_scoring),
        }
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for t in self
            .required
            .iter()
            .chain(self.ranked.iter().flat_map(|r| &r.terms))
        {
            visitor(t, false);
        }
    }
}

pub(crate) struct WordWeight {
    /// The equivalent tantivy weight, for scorers and explanations (when handed to tantivy).
    generic: Option<Box<dyn Weight>>,
    required: Vec<Term>,
    ranked: Vec<(Ranked, Vec<Bm25Weight>)>,
    match_score: Score,
    by_name: bool,
}

/// BM25 of one term in a segment's documents (boosted).
struct TermScore {
    norms: FieldNormReader,
    weight: Bm25Weight,
    /// `weight.score(norm, 1)` by norm: a name holds a word once, nearly always.
    once: Box<[Score; 256]>,
}

impl TermScore {
    fn new(reader: &SegmentReader, term: &Term, weight: &Bm25Weight) -> tantivy::Result<Self> {
        let norms = reader
            .fieldnorms_readers()
            .get_field(term.field())?
            .unwrap_or_else(|| FieldNormReader::constant(reader.max_doc(), 1));
        let mut once = Box::new([0.0; 256]);
        for (norm, score) in (0..=u8::MAX).zip(once.iter_mut()) {
            *score = weight.score(norm, 1);
        }
        Ok(Self {
            norms,
            weight: weight.clone(),
            once,
        })
    }

    /// The same value as `weight.score(norm of doc, tf)`.
    #[inline]
    fn score(&self, doc: DocId, tf: u32) -> Score {
        let norm = self.norms.fieldnorm_id(doc);
        match tf {
            1 => self.once[usize::from(norm)],
            tf => self.weight.score(norm, tf),
        }
    }
}

/// One term of a ranked clause in a segment, for documents asked in increasing order.
struct TermCursor {
    postings: SegmentPostings,
    score: TermScore,
}

impl TermCursor {
    /// Moves to `doc` or past it; whether the term is in `doc`.
    #[inline]
    fn reach(&mut self, doc: DocId) -> bool {
        let mut at = self.postings.doc();
        if at < doc {
            // The next document is usually the one (a word of the name is in most of the
            // documents having its bigrams); far ones are found through the skip list.
            at = self.postings.advance();
            if at < doc {
                at = self.postings.seek(doc);
            }
        }
        at == doc
    }
}

/// One ranked clause in a segment.
struct RankedCursor {
    terms: Vec<TermCursor>,
}

impl RankedCursor {
    /// The clause's (boosted) score for `doc`, 0 unless `doc` has every term. Docs must be
    /// asked for in increasing order.
    #[inline]
    fn score(&mut self, doc: DocId) -> Score {
        let mut sum = 0.0;
        for term in &mut self.terms {
            if !term.reach(doc) {
                return 0.0;
            }
            sum += term.score.score(doc, term.postings.term_freq());
        }
        sum
    }
}

impl WordWeight {
    /// The clause's cursor in `reader`, or `None` if a term is not in the segment (then no
    /// document of it has the clause).
    fn cursor(
        reader: &SegmentReader,
        ranked: &Ranked,
        weights: &[Bm25Weight],
    ) -> tantivy::Result<Option<RankedCursor>> {
        let mut terms = Vec::with_capacity(ranked.terms.len());
        for (term, weight) in ranked.terms.iter().zip(weights) {
            let Some(postings) = reader
                .inverted_index(term.field())?
                .read_postings(term, IndexRecordOption::WithFreqs)?
            else {
                return Ok(None);
            };
            terms.push(TermCursor {
                postings,
                score: TermScore::new(reader, term, weight)?,
            });
        }
        Ok(Some(RankedCursor { terms }))
    }

    /// Calls `found` with every document of the segment having all required terms, in
    /// increasing order (deleted ones included, as tantivy's scorers do).
    #[inline]
    fn each_required(
        &self,
        reader: &SegmentReader,
        mut found: impl FnMut(DocId),
    ) -> tantivy::Result<()> {
        let mut infos = Vec::with_capacity(self.required.len());
        for term in &self.required {
            let inverted = reader.inverted_index(term.field())?;
            match inverted.get_term_info(term)? {
                Some(info) => infos.push((inverted, info)),
                None => return Ok(()),
            }
        }
        // The rarest list leads, a block at a time; the others are sought to its documents.
        infos.sort_by_key(|(_, info)| info.doc_freq);
        let Some(((inverted, info), rest)) = infos.split_first() else {
            return Ok(());
        };
        let mut lead =
            inverted.read_block_postings_from_terminfo(info, IndexRecordOption::Basic)?;
        let mut others = rest
            .iter()
            .map(|(inv, info)| inv.read_postings_from_terminfo(info, IndexRecordOption::Basic))
            .collect::<std::io::Result<Vec<_>>>()?;
        'blocks: loop {
            let docs = lead.docs();
            if docs.is_empty() {
                return Ok(());
            }
            'docs: for &doc in docs {
                for other in others.iter_mut() {
                    let at = if other.doc() < doc {
                        other.seek(doc)
                    } else {
                        other.doc()
                    };
                    if at == TERMINATED {
                        break 'blocks;
                    }
                    if at != doc {
                        continue 'docs;
                    }
                }
                found(doc);
            }
            lead.advance();
        }
        Ok(())
    }

    /// Calls `found` with every matching document of the segment and its score, in
    /// increasing order (deleted ones included).
    fn scan(
        &self,
        reader: &SegmentReader,
        mut found: impl FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        let mut ranked = Vec::with_capacity(self.ranked.len());
        for (r, weights) in &self.ranked {
            ranked.extend(Self::cursor(reader, r, weights)?);
        }
        self.each_required(reader, |doc| {
            // Summed as tantivy does: the optional clauses together, then the required one.
            let mut ranks = 0.0;
            for r in &mut ranked {
                ranks += r.score(doc);
            }
            found(doc, self.match_score + ranks);
        })
    }

    /// Collects the segment's matches into `page`: what `scan` gives, fed to
    /// `SegmentPage::collect`, but cheaper for a one-word query (see [`WordQuery::by_name`]).
    pub(crate) fn collect(
        &self,
        reader: &SegmentReader,
        page: &mut SegmentPage,
    ) -> tantivy::Result<()> {
        let alive = reader.alive_bitset();
        let live = |doc| alive.is_none_or(|a| a.is_alive(doc));
        let by_name = match self.ranked.as_slice() {
            [(clause, weights)] if self.by_name => match (&clause.terms[..], &weights[..]) {
                ([term], [weight]) => Some((term, weight)),
                _ => None,
            },
            _ => None,
        };
        let Some((term, weight)) = by_name else {
            return self.scan(reader, |doc, score| {
                if live(doc) {
                    page.collect(doc, score);
                }
            });
        };
        // First the documents with the word in the name, scored from the term's own list.
        let keep = page.keep();
        let mut named = Vec::new();
        let postings = reader
            .inverted_index(term.field())?
            .read_block_postings(term, IndexRecordOption::WithFreqs)?;
        if let Some(mut postings) = postings {
            let score = TermScore::new(reader, term, weight)?;
            loop {
                let docs = postings.docs();
                if docs.is_empty() {
                    break;
                }
                for (&doc, &tf) in docs.iter().zip(postings.freqs()) {
                    if live(doc) && page.passes(doc) {
                        page.offer(doc, self.match_score + score.score(doc, tf));
                        if named.len() < keep {
                            named.push(doc);
                        }
                    }
                }
                postings.advance();
            }
        }
        // Then every match is counted; the others, which rank below every name match, are
        // offered only if the name matches do not fill the page.
        let rank_rest = named.len() < keep;
        self.each_required(reader, |doc| {
            if live(doc) && page.count(doc) && rank_rest && named.binary_search(&doc).is_err() {
                page.offer(doc, self.match_score);
            }
        })
    }
}

impl WordWeight {
    fn generic(&self) -> tantivy::Result<&dyn Weight> {
        self.generic.as_deref().ok_or_else(|| {
            tantivy::TantivyError::InternalError(
                "word query weight without its tantivy weight".into(),
            )
        })
    }
}

impl Weight for WordWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.generic()?.scorer(reader, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.generic()?.explain(reader, doc)
    }

    fn for_each_no_score(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(&[DocId]),
    ) -> tantivy::Result<()> {
        self.generic()?.for_each_no_score(reader, callback)
    }

    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        self.scan(reader, callback)
    }
}

#[cfg(test)]
mod tests;
