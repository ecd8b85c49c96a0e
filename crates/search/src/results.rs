//! What a search returns: a page of hits carrying everything a results page shows, the exact
//! total and the facet counts.

use chrono::NaiveDate;
use gongyi_types::{CreditStatus, OrgKind, RegStatus};
use serde::Serialize;
use tantivy::TantivyDocument;
use tantivy::schema::Value;

use crate::doc::date_from_days;
use crate::error::SearchError;
use crate::facets::Facets;
use crate::schema::Fields;

#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// Exact number of matching documents.
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
    pub hits: Vec<Hit>,
    pub facets: Facets,
}

/// One matching organization, from stored fields only (no database access needed).
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub uscc: String,
    pub name: String,
    pub kind: OrgKind,
    pub status: RegStatus,
    pub credit: CreditStatus,
    /// Six-digit code of the registrar's division.
    pub division: String,
    pub authority: String,
    pub legal_rep: String,
    pub founded: NaiveDate,
    /// Relevance score; 0 when ranked by founding date (queries without text).
    pub score: f32,
    /// Found as an abbreviation (简称) of the name, after every exact match.
    pub by_abbreviation: bool,
}

impl Hit {
    /// The hit from its stored fields, with the credit standing (position in
    /// `CreditStatus::ALL`) from the credit table, never from the document.
    pub(crate) fn from_stored(
        doc: &TantivyDocument,
        f: &Fields,
        credit: u64,
        score: f32,
    ) -> Result<Self, SearchError> {
        let text = |field, name| {
            doc.get_first(field)
                .and_then(|v| v.as_str().map(str::to_string))
                .ok_or(SearchError::CorruptDoc(name))
        };
        let number = |field, name| {
            doc.get_first(field)
                .and_then(|v| v.as_u64())
                .ok_or(SearchError::CorruptDoc(name))
        };
        let founded = doc
            .get_first(f.founded)
            .and_then(|v| v.as_i64())
            .and_then(date_from_days)
            .ok_or(SearchError::CorruptDoc("founded"))?;
        Ok(Hit {
            uscc: text(f.uscc, "uscc")?,
            name: text(f.name, "name")?,
            kind: nth(OrgKind::ALL, number(f.kind, "kind")?, "kind")?,
            status: nth(RegStatus::ALL, number(f.status, "status")?, "status")?,
            credit: nth(CreditStatus::ALL, credit, "credit")?,
            division: format!("{:06}", number(f.division, "division")?),
            authority: text(f.authority, "authority")?,
            legal_rep: text(f.legal_rep, "legal_rep")?,
            founded,
            score,
            by_abbreviation: false,
        })
    }
}

/// The enum value stored as its position in `all`.
fn nth<T: Copy>(all: &[T], i: u64, name: &'static str) -> Result<T, SearchError> {
    usize::try_from(i)
        .ok()
        .and_then(|i| all.get(i).copied())
        .ok_or(SearchError::CorruptDoc(name))
}
