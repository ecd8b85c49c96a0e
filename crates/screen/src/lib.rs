//! Screening text for the names of illegal social organizations (涉嫌非法社会组织 /
//! 已取缔非法社会组织) and comparing names, without I/O.
//!
//! A name is found however it is disguised by the common tricks: spaces or
//! punctuation between its characters (`中 国·国 学`), full-width or half-width
//! forms (`ＡＢＣ` / `ABC`), traditional or simplified characters (`中國國學` /
//! `中国国学`), upper or lower case, invisible characters (U+200B).
//!
//! Code tour: [`Screener`] (screener.rs) is the entry point; it classifies each
//! character through a table built from `fold.rs` (the per-character folding:
//! NFKC, case, `t2s.rs`) and `separator.rs` (what is skipped), and runs the
//! Aho–Corasick DFA of `automaton.rs`. [`normalize_name`] is the same folding for
//! whole names (the lookup's exact-match key); [`similarity`] ranks near names.

mod automaton;
mod classes;
mod error;
mod fold;
mod normalize;
mod scan;
mod screener;
mod separator;
mod similarity;
mod t2s;

pub use error::BuildError;
pub use fold::fold as fold_char;
pub use normalize::normalize_name;
pub use screener::{Entry, MIN_NAME_CHARS, Match, Screener};
pub use separator::is_separator;
pub use similarity::{NameProfile, similarity};
