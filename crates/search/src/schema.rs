//! The index schema: which field holds what, how it is tokenized, and why.
//!
//! Text fields that are only matched (not ranked by BM25) record no frequencies. No field
//! keeps positions: words are matched as terms or as sets of bigrams (see `text`).

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, NumericOptions, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};

use crate::tokenizer::{BIGRAMS, WORDS};

/// Name of the fast field packing kind, status, credit, flags and province (see `facets`).
pub(crate) const FACET_BITS: &str = "facet_bits";
/// Name of the code field, also a fast (string) column: the credit overlay and the
/// similar-name candidates read codes by document without touching the document store.
pub(crate) const USCC: &str = "uscc";
/// Name of the fast field holding the founding date as days since 0001-01-01 (CE).
pub(crate) const FOUNDED: &str = "founded";
/// Names of the two fast fields holding the name's sort key (`doc::name_order`): read only
/// by a search sorted by name, so they are not decoded into the column cache.
pub(crate) const NAME_ORDER_HI: &str = "name_order_hi";
pub(crate) const NAME_ORDER_LO: &str = "name_order_lo";

/// Handles of every field of the schema.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    /// The code as registered (upper case): exact match, delete/replace key. Stored, and a
    /// fast column ([`USCC`]).
    pub uscc: Field,
    /// Prefixes of the code of 6, 7 and 8 characters (department, category, division).
    pub uscc_prefix: Field,
    /// Jieba words of the name, BM25-ranked. Stored.
    pub name: Field,
    /// Character bigrams of the name.
    pub name_bigrams: Field,
    /// Whole full pinyin of the name, and whole initials (for long prefixes, by term range:
    /// apart, so that a long full-pinyin query does not scan initials and vice versa).
    pub name_pinyin_full: Field,
    pub name_pinyin_initials: Field,
    /// Short prefixes of both (one term lookup per prefix query).
    pub name_pinyin_prefix: Field,
    /// Each distinct character of the name, one term each: the candidates of an
    /// abbreviation (简称, `abbreviation.rs`).
    pub name_chars: Field,
    /// 法定代表人. Stored only: it is searched through `all_bigrams`.
    pub legal_rep: Field,
    /// 登记管理机关. Stored only: it is searched through `all_bigrams`.
    pub authority: Field,
    /// Character bigrams of the name, legal representative, address, scope (业务范围) and
    /// authority: what decides whether a document matches a word (see `text`). One field, so
    /// that a word costs one posting list per bigram instead of a union over five fields.
    pub all_bigrams: Field,
    /// Position in `OrgKind::ALL` / `RegStatus::ALL`. Indexed, stored. The credit standing
    /// is not a field: it comes from the credit table (`credit_table.rs`).
    pub kind: Field,
    pub status: Field,
    /// One value per flag the org has (its bit number in `facets::FLAG_NAMES`).
    pub flags: Field,
    /// The registrar's division code. Stored only.
    pub division: Field,
    /// The division and all its ancestors: filtering by a province finds its counties.
    pub division_path: Field,
    pub founded: Field,
    pub facet_bits: Field,
    /// The name's sort key, high and low 64 bits (see `doc::name_order`).
    pub name_order_hi: Field,
    pub name_order_lo: Field,
}

fn text(tokenizer: &str, record: IndexRecordOption, stored: bool) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(tokenizer)
        .set_index_option(record);
    let options = TextOptions::default().set_indexing_options(indexing);
    if stored {
        options.set_stored()
    } else {
        options
    }
}

/// Terms only (no frequencies, positions or field norms): matched, never ranked.
fn unranked(tokenizer: &str) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(tokenizer)
        .set_index_option(IndexRecordOption::Basic)
        .set_fieldnorms(false);
    TextOptions::default().set_indexing_options(indexing)
}

/// Untokenized terms, matched only.
fn raw_terms() -> TextOptions {
    unranked("raw")
}

fn number() -> NumericOptions {
    NumericOptions::default().set_indexed()
}

pub(crate) fn build() -> (Schema, Fields) {
    use IndexRecordOption::WithFreqs;
    let mut b = Schema::builder();
    let fields = Fields {
        uscc: b.add_text_field(USCC, STRING | STORED | FAST),
        uscc_prefix: b.add_text_field("uscc_prefix", raw_terms()),
        name: b.add_text_field("name", text(WORDS, WithFreqs, true)),
        name_bigrams: b.add_text_field("name_bigrams", text(BIGRAMS, WithFreqs, false)),
        name_pinyin_full: b.add_text_field("name_pinyin_full", raw_terms()),
        name_pinyin_initials: b.add_text_field("name_pinyin_initials", raw_terms()),
        name_pinyin_prefix: b.add_text_field("name_pinyin_prefix", raw_terms()),
        name_chars: b.add_text_field("name_chars", raw_terms()),
        legal_rep: b.add_text_field("legal_rep", STORED),
        authority: b.add_text_field("authority", STORED),
        all_bigrams: b.add_text_field("all_bigrams", unranked(BIGRAMS)),
        kind: b.add_u64_field("kind", number() | STORED),
        status: b.add_u64_field("status", number() | STORED),
        flags: b.add_u64_field("flags", INDEXED),
        division: b.add_u64_field("division", STORED),
        division_path: b.add_u64_field("division_path", INDEXED),
        // Range filters and sorting use the fast field; no terms needed.
        founded: b.add_i64_field(FOUNDED, NumericOptions::default().set_fast() | STORED),
        facet_bits: b.add_u64_field(FACET_BITS, NumericOptions::default().set_fast()),
        name_order_hi: b.add_u64_field(NAME_ORDER_HI, NumericOptions::default().set_fast()),
        name_order_lo: b.add_u64_field(NAME_ORDER_LO, NumericOptions::default().set_fast()),
    };
    (b.build(), fields)
}
