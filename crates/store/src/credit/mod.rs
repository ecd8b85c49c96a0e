//! Credit information (社会组织信用信息管理办法, 民政部令第60号): the facts the list rules read,
//! in keyset-paged bulk reads; list changes, penalties and objections (异议), each written in
//! one transaction with its audit row so it reaches the transparency log.
//!
//! - `facts.rs`: the daily job's keyset-paged reads of registration, reports, entries, penalties;
//! - `lists.rs`: list entries and removals with the new standing and their audit rows;
//! - `penalties.rs`: administrative penalties (第七条), also written by enforcement cases;
//! - `annual_reports.rs`: filed annual reports (第七条), also written by online services;
//! - `objections.rs`: objections (异议) and their decisions;
//! - `court.rs`: the courts' 失信被执行人 list as imported (严重 item (六));
//! - `supervision.rs`: 整改通知 and 专用信函 (异常 items (三) and (六)).

mod annual_reports;
mod court;
mod facts;
pub(crate) mod lists;
mod objections;
mod penalties;
mod supervision;

pub(crate) use annual_reports::record_annual_report_in;
pub use court::{CourtImport, NewCourtListing};
pub use facts::OrgCreditFacts;
pub use lists::{CreditEntryRow, OrgCreditChange, PublicListEntry, credit_of};
pub use objections::ObjectionRow;
pub use penalties::{NewPenalty, insert_penalty};
pub use supervision::{LetterRow, NewLetter, NewRectification, RectificationRow};
