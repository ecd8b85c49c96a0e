//! Free text → query, built term by term (never through tantivy's query syntax).
//!
//! The text is split into pieces: runs of CJK characters and runs of ASCII letters/digits
//! (full-width forms are folded to ASCII first); anything else separates pieces. Every piece
//! must match (AND).
//!
//! A CJK run is cut into words by jieba (default mode). A word of two or more characters
//! matches a document that has all of the word's character bigrams in one of its texts (name,
//! legal representative, address, scope, authority): one posting list per bigram, all
//! intersected, which is fast and independent of how jieba segmented the document. A lone
//! one-character query matches names containing that character; one-character words next to
//! longer ones (的, 和…) only rank. An ASCII piece may be a 统一社会信用代码 (full or prefix),
//! pinyin of the name (full or initials, by prefix) or a word of the name.
//!
//! Ranking: matching gives a small constant; a word found in the name adds BM25 scores of the
//! name's jieba words and bigrams, so a name match always ranks above a match only in the
//! scope or address.

use std::ops::Bound;

use gongyi_types::Uscc;
use gongyi_types::uscc::ALPHABET;
use tantivy::Term;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, InvertedIndexRangeQuery, Occur, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

use crate::pinyin::{MAX_FULL_PREFIX, MAX_INITIALS_PREFIX, looks_like_pinyin};
use crate::schema::Fields;
use crate::tokenizer::{bigrams, is_word_char, query_words};
use crate::word_query::{Ranked, WordQuery};

/// Score of any match, before name ranking.
const MATCH_SCORE: f32 = 0.1;
const NAME_WORD_BOOST: f32 = 3.0;
const NAME_BIGRAM_BOOST: f32 = 2.0;
/// A one-character word beside longer ones: ranks, does not select.
const NAME_CHAR_BOOST: f32 = 0.5;
const USCC_SCORE: f32 = 100.0;
const PINYIN_SCORE: f32 = 2.0;

#[derive(Debug, PartialEq, Eq)]
enum Piece {
    Cjk(String),
    Ascii(String),
}

/// Full-width ASCII forms (U+FF01–FF5E) as ASCII: ＡＢ１ → AB1.
fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Boolean operators as users copy them from other search boxes: every piece is required
/// anyway, so they are dropped rather than searched for.
const OPERATORS: [&str; 3] = ["AND", "OR", "NOT"];

fn split(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut cur = String::new();
    let mut cur_ascii = false;
    let flush = |cur: &mut String, ascii: bool, pieces: &mut Vec<Piece>| {
        let s = std::mem::take(cur);
        if s.is_empty() || OPERATORS.contains(&s.as_str()) {
            return;
        }
        pieces.push(if ascii {
            Piece::Ascii(s.to_ascii_lowercase())
        } else {
            Piece::Cjk(s)
        });
    };
    for c in text.chars().map(fold_width) {
        if !is_word_char(c) {
            flush(&mut cur, cur_ascii, &mut pieces);
            continue;
        }
        let ascii = c.is_ascii();
        if ascii != cur_ascii {
            flush(&mut cur, cur_ascii, &mut pieces);
            cur_ascii = ascii;
        }
        cur.push(c);
    }
    flush(&mut cur, cur_ascii, &mut pieces);
    pieces
}

/// What the pieces of a text contribute to its query.
#[derive(Default)]
struct Clauses {
    /// Bigrams that must all be in `all_bigrams` (deduplicated at the end).
    bigrams: Vec<String>,
    /// Other required clauses (ASCII pieces, one-character queries).
    must: Vec<Box<dyn Query>>,
    /// Ranking only.
    ranked: Vec<Ranked>,
}

/// The query for free text, or `None` when it holds no word at all (e.g. only punctuation).
pub(crate) fn query(f: &Fields, text: &str) -> Option<Box<dyn Query>> {
    let mut c = Clauses::default();
    for piece in split(text) {
        match piece {
            Piece::Cjk(s) => cjk(f, &s, &mut c),
            Piece::Ascii(s) => c.must.push(ascii(f, &s)),
        }
    }
    c.bigrams.sort_unstable();
    c.bigrams.dedup();
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if !c.bigrams.is_empty() {
        let by_name = match c.ranked.as_slice() {
            [only] => implied_bigrams(f, only).is_some_and(|b| b == c.bigrams),
            _ => false,
        };
        let required = c.bigrams.iter().map(|g| term(f.all_bigrams, g)).collect();
        let mut words = WordQuery::new(required, c.ranked, MATCH_SCORE);
        if by_name {
            words = words.by_name();
        }
        if c.must.is_empty() {
            // Words only: the common case, evaluated by its own loop (see `word_query`).
            return Some(Box::new(words));
        }
        clauses.push((Occur::Must, words.generic()));
    } else {
        clauses.extend(c.ranked.iter().map(|r| (Occur::Should, r.generic())));
    }
    if c.must.is_empty() {
        return None;
    }
    clauses.extend(c.must.into_iter().map(|q| (Occur::Must, q)));
    if clauses.len() == 1 {
        return clauses.pop().map(|(_, q)| q);
    }
    Some(Box::new(BooleanQuery::new(clauses)))
}

/// The bigrams (sorted, distinct) every document with `clause` in its name has in
/// `all_bigrams`, which holds the name's bigrams: a bigram of the name, or each bigram of a
/// jieba word of the name (a word is a run of the name's characters). `None` if the clause
/// has another term.
fn implied_bigrams(f: &Fields, clause: &Ranked) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for t in &clause.terms {
        let value = t.value();
        let text = value.as_str()?;
        if t.field() == f.name_bigrams {
            out.push(text.to_string());
        } else if t.field() == f.name {
            out.extend(bigrams(text));
        } else {
            return None;
        }
    }
    out.sort_unstable();
    out.dedup();
    Some(out)
}

fn term(field: Field, text: &str) -> Term {
    Term::from_field_text(field, text)
}

fn term_query(field: Field, text: &str, record: IndexRecordOption) -> Box<dyn Query> {
    Box::new(TermQuery::new(term(field, text), record))
}

fn constant(q: Box<dyn Query>, score: f32) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(q, score))
}

fn boost(q: Box<dyn Query>, by: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(q, by))
}

fn any_of(clauses: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::union(clauses))
}

/// Terms of `field` starting with `prefix`: the half-open range [prefix, prefix⁺) where
/// prefix⁺ has its last character incremented.
fn prefix_range(field: Field, prefix: &str) -> Option<Box<dyn Query>> {
    let last = prefix.chars().last()?;
    let next = char::from_u32(last as u32 + 1)?;
    let mut upper = prefix[..prefix.len() - last.len_utf8()].to_string();
    upper.push(next);
    Some(Box::new(InvertedIndexRangeQuery::new(
        Bound::Included(term(field, prefix)),
        Bound::Excluded(term(field, &upper)),
    )))
}

/// BM25 of a word of two or more characters in the name. A two-character word is ranked by
/// the name's bigram alone: it is in the name whether or not jieba cut the name there, and
/// one scorer instead of a union of two halves the cost of ranking the hundreds of thousands
/// of names a common word (协会, 社会) is in. Longer words came from jieba itself, so the
/// name's jieba words hold them.
fn name_ranking(f: &Fields, word: &str, c: &mut Clauses) {
    let term = match bigrams(word).as_slice() {
        [gram] => term(f.name_bigrams, gram),
        _ => term(f.name, word),
    };
    c.ranked.push(Ranked {
        terms: vec![term],
        boost: NAME_WORD_BOOST,
    });
}

fn cjk(f: &Fields, run: &str, c: &mut Clauses) {
    let freqs = IndexRecordOption::WithFreqs;
    let n = run.chars().count();
    if n == 1 {
        // Names containing the character: as a word of its own, or starting a bigram.
        let mut any = vec![boost(term_query(f.name, run, freqs), NAME_WORD_BOOST)];
        any.extend(prefix_range(f.name_bigrams, run).map(|q| constant(q, 1.0)));
        c.must.push(any_of(any));
        return;
    }
    // Two characters are one word to look for, whatever jieba would make of them.
    let words = if n == 2 {
        vec![run.to_string()]
    } else {
        query_words(run)
    };
    let (long, single): (Vec<String>, Vec<String>) =
        words.into_iter().partition(|w| w.chars().count() > 1);
    if long.is_empty() {
        // Jieba found no word: the run as a whole, ranked by its bigrams in the name.
        let grams = bigrams(run);
        c.ranked.push(Ranked {
            terms: grams.iter().map(|g| term(f.name_bigrams, g)).collect(),
            boost: NAME_BIGRAM_BOOST,
        });
        c.bigrams.extend(grams);
        return;
    }
    for w in &long {
        c.bigrams.extend(bigrams(w));
        name_ranking(f, w, c);
    }
    for w in &single {
        c.ranked.push(Ranked {
            terms: vec![term(f.name, w)],
            boost: NAME_CHAR_BOOST,
        });
    }
}

fn is_uscc_alphabet(s: &str) -> bool {
    s.bytes().all(|b| ALPHABET.contains(&b))
}

/// A lower-cased ASCII piece: a code, pinyin or a word of the name.
fn ascii(f: &Fields, word: &str) -> Box<dyn Query> {
    let upper = word.to_ascii_uppercase();
    if Uscc::parse(&upper).is_ok() {
        return constant(
            term_query(f.uscc, &upper, IndexRecordOption::Basic),
            USCC_SCORE,
        );
    }
    let mut any = Vec::new();
    if is_uscc_alphabet(&upper) {
        match upper.len() {
            6..=8 => any.push(constant(
                term_query(f.uscc_prefix, &upper, IndexRecordOption::Basic),
                USCC_SCORE,
            )),
            9..=18 => any.extend(prefix_range(f.uscc, &upper).map(|q| constant(q, USCC_SCORE))),
            _ => {}
        }
    }
    if looks_like_pinyin(word) {
        let n = word.len();
        if n <= MAX_FULL_PREFIX {
            let q = term_query(f.name_pinyin_prefix, word, IndexRecordOption::Basic);
            any.push(constant(q, PINYIN_SCORE));
        }
        let longer = [
            (n > MAX_FULL_PREFIX, f.name_pinyin_full),
            (n > MAX_INITIALS_PREFIX, f.name_pinyin_initials),
        ];
        for (_, field) in longer.into_iter().filter(|(longer, _)| *longer) {
            any.extend(prefix_range(field, word).map(|q| constant(q, PINYIN_SCORE)));
        }
    }
    any.push(boost(
        term_query(f.name, word, IndexRecordOption::WithFreqs),
        NAME_WORD_BOOST,
    ));
    any_of(any)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_scripts_and_folds_full_width() {
        let got = split("中国“社会”AND ｚｇ(x):北京*1 and");
        let want = vec![
            Piece::Cjk("中国".into()),
            Piece::Cjk("社会".into()),
            Piece::Ascii("zg".into()),
            Piece::Ascii("x".into()),
            Piece::Cjk("北京".into()),
            Piece::Ascii("1".into()),
            Piece::Ascii("and".into()),
        ];
        assert_eq!(got, want);
        assert!(split(" \"()*: ").is_empty());
    }

    #[test]
    fn prefix_range_increments_the_last_character() {
        let (schema, f) = crate::schema::build();
        assert!(prefix_range(f.uscc, "").is_none());
        let q = prefix_range(f.uscc, "511").unwrap();
        assert!(format!("{q:?}").contains("512"), "{q:?}");
        drop(schema);
    }
}
