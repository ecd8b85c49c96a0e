//! Full-text search over the registry of social organizations, with tantivy.
//!
//! Names are searchable by jieba words, by any substring of two or more characters
//! (character bigrams), and by pinyin (full or initials, by prefix); a 统一社会信用代码 by
//! its full value or a prefix. Filters select by kind, status, credit, flags, division
//! (a province includes its cities and counties) and founding date. Every search returns
//! an exact total and facet counts over all matches.
//!
//! Code tour: [`SearchIndex`] (index.rs) is the entry point; `query.rs`, `text.rs` and
//! `filter.rs` turn a [`SearchQuery`] into a tantivy query (`word_query.rs` runs the common
//! word-only one in a loop of its own); `collector.rs` collects a page
//! and the [`Facets`] in one pass; `schema.rs`, `tokenizer.rs`, `pinyin.rs` and `doc.rs`
//! define what is indexed.

mod abbreviation;
mod cache;
mod collector;
mod columns;
mod credit_table;
mod doc;
mod error;
mod facets;
mod filter;
mod follow;
mod index;
mod pending;
mod pinyin;
mod query;
mod results;
mod schema;
mod similar;
mod text;
mod tokenizer;
mod word_query;

pub use cache::DEFAULT_CAPACITY as DEFAULT_RESULT_CACHE;
pub use doc::OrgDoc;
pub use error::SearchError;
pub use facets::Facets;
pub use index::{SCHEMA_UPGRADE, SERVE_WRITER_MEMORY_BYTES, SearchIndex, WRITER_MEMORY_BYTES};
pub use pending::PendingWrites;
pub use query::{MAX_RESULT_WINDOW, SearchQuery, Sort};
pub use results::{Hit, SearchResults};
