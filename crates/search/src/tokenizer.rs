//! Tokenizers registered on every index: jieba words for Chinese text, character bigrams for
//! names and people, and raw lower-case terms for pinyin and codes.
//!
//! Tokenizers are not persisted by tantivy, so [`register`] runs on every open.

use tantivy::Index;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy_jieba::{JiebaTokenStream, JiebaTokenizer};

/// Jieba in search mode (sub-words of long words are emitted too, so `社会` is found inside
/// `社会工作`), lower-cased, punctuation dropped.
pub(crate) const WORDS: &str = "gongyi_words";
/// Overlapping character bigrams: finds any 2+ character substring whatever jieba makes of it.
pub(crate) const BIGRAMS: &str = "gongyi_bigrams";

pub(crate) fn register(index: &Index) {
    index.tokenizers().register(WORDS, WordTokenizer::default());
    index.tokenizers().register(BIGRAMS, BigramTokenizer);
}

/// Whether a character belongs to a word (letters, digits, CJK ideographs).
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Jieba search-mode words, lower-cased, without punctuation or whitespace tokens.
#[derive(Clone)]
pub(crate) struct WordTokenizer {
    jieba: JiebaTokenizer,
}

impl Default for WordTokenizer {
    fn default() -> Self {
        // The default JiebaTokenizer shares one global dictionary, so clones are cheap.
        Self {
            jieba: JiebaTokenizer::with_search_mode(true),
        }
    }
}

pub(crate) struct WordStream<'a> {
    inner: JiebaTokenStream<'a>,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        WordStream {
            inner: self.jieba.token_stream(text),
        }
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        while self.inner.advance() {
            let token = self.inner.token_mut();
            if token.text.chars().any(is_word_char) {
                token.text.make_ascii_lowercase();
                return true;
            }
        }
        false
    }
    fn token(&self) -> &Token {
        self.inner.token()
    }
    fn token_mut(&mut self) -> &mut Token {
        self.inner.token_mut()
    }
}

/// Every word jieba's search mode finds in `text`, sub-words of long words included
/// (中国青少年发展基金会 → 中国, 青少年, 发展, 基金, 基金会, …).
pub(crate) fn all_words(text: &str) -> Vec<String> {
    let mut t = WordTokenizer::default();
    let mut stream = t.token_stream(text);
    let mut words = Vec::new();
    while stream.advance() {
        words.push(stream.token().text.clone());
    }
    words
}

/// Splits a run of query text into words the way jieba's default mode does (no overlapping
/// sub-words: each becomes one required clause of the query).
pub(crate) fn query_words(text: &str) -> Vec<String> {
    let mut jieba = JiebaTokenizer::with_search_mode(false);
    let mut stream = jieba.token_stream(text);
    let mut words = Vec::new();
    while stream.advance() {
        let t = &stream.token().text;
        if t.chars().any(is_word_char) {
            words.push(t.to_ascii_lowercase());
        }
    }
    words
}

/// Character bigrams of each run of word characters, at the position of their first
/// character; the last character of a run is also emitted alone, so that every character
/// starts some term and a one-character query can match by prefix.
#[derive(Clone, Default)]
pub(crate) struct BigramTokenizer;

pub(crate) struct BigramStream<'a> {
    text: &'a str,
    /// (byte offset, lower-cased char) of every character.
    chars: Vec<(usize, char)>,
    /// Index in `chars` of the next token's first character.
    next: usize,
    token: Token,
}

impl Tokenizer for BigramTokenizer {
    type TokenStream<'a> = BigramStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> BigramStream<'a> {
        let chars = text
            .char_indices()
            .map(|(i, c)| (i, c.to_ascii_lowercase()))
            .collect();
        BigramStream {
            text,
            chars,
            next: 0,
            token: Token::default(),
        }
    }
}

impl TokenStream for BigramStream<'_> {
    fn advance(&mut self) -> bool {
        while let Some(&(from, c)) = self.chars.get(self.next) {
            let i = self.next;
            self.next += 1;
            if !is_word_char(c) {
                continue;
            }
            let following = self.chars.get(i + 1).filter(|(_, d)| is_word_char(*d));
            self.token.text.clear();
            self.token.text.push(c);
            let end = match following {
                Some(&(at, d)) => {
                    self.token.text.push(d);
                    at + d.len_utf8()
                }
                None => from + c.len_utf8(),
            };
            self.token.offset_from = from;
            self.token.offset_to = end.min(self.text.len());
            self.token.position = i;
            self.token.position_length = 1;
            return true;
        }
        false
    }
    fn token(&self) -> &Token {
        &self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// The bigram terms of a query word, in order (one term for a one-character word).
pub(crate) fn bigrams(word: &str) -> Vec<String> {
    let mut tokenizer = BigramTokenizer;
    let mut stream = tokenizer.token_stream(word);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    // A word of n ≥ 2 characters yields n-1 bigrams plus its last character alone.
    if out.len() > 1 {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens<T: Tokenizer>(mut t: T, text: &str) -> Vec<(String, usize)> {
        let mut s = t.token_stream(text);
        let mut v = vec![];
        while s.advance() {
            v.push((s.token().text.clone(), s.token().position));
        }
        v
    }

    #[test]
    fn bigrams_cover_every_character_and_skip_punctuation() {
        let got = tokens(BigramTokenizer, "中国社会（AB）");
        let want = [
            ("中国", 0),
            ("国社", 1),
            ("社会", 2),
            ("会", 3),
            ("ab", 5),
            ("b", 6),
        ];
        let want: Vec<_> = want.iter().map(|(s, p)| (s.to_string(), *p)).collect();
        assert_eq!(got, want);
        assert_eq!(bigrams("联合会"), ["联合", "合会"]);
        assert_eq!(bigrams("会"), ["会"]);
    }

    #[test]
    fn jieba_search_mode_emits_sub_words_and_drops_punctuation() {
        let words: Vec<_> = tokens(WordTokenizer::default(), "中国社会工作联合会，ABC")
            .into_iter()
            .map(|t| t.0)
            .collect();
        assert!(words.contains(&"社会".to_string()), "{words:?}");
        assert!(words.contains(&"联合会".to_string()), "{words:?}");
        assert!(words.contains(&"abc".to_string()), "{words:?}");
        assert!(!words.iter().any(|w| w == "，"), "{words:?}");
    }
}
