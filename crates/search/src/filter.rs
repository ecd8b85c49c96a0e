//! The structured filters of a [`SearchQuery`] as term and range clauses.

use std::ops::Bound;

use tantivy::Term;
use tantivy::query::{Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};

use crate::doc::days;
use crate::facets;
use crate::query::SearchQuery;
use crate::schema::Fields;

fn term(field: Field, value: u64) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_u64(field, value),
        IndexRecordOption::Basic,
    ))
}

/// Required (`Must`) and excluding (`MustNot`) clauses; none for an absent filter.
pub(crate) fn clauses(q: &SearchQuery, f: &Fields) -> Vec<(Occur, Box<dyn Query>)> {
    let mut out = Vec::new();
    if let Some(k) = q.kind {
        out.push((Occur::Must, term(f.kind, facets::kind_ord(k))));
    }
    if let Some(s) = q.status {
        out.push((Occur::Must, term(f.status, facets::status_ord(s))));
    }
    // The credit standing is filtered by the collector, from the credit table.
    // `100000` (全国) selects the 全国性社会组织 registered by 民政部 — what chinanpo users
    // look for first — not every division: national orgs index only `100000` in their path.
    if let Some(d) = q.division {
        out.push((Occur::Must, term(f.division_path, u64::from(d.as_u32()))));
    }
    let flags = [
        q.charity,
        q.public_fundraising,
        q.volunteer,
        q.trade_association,
    ];
    for (bit, wanted) in flags.into_iter().enumerate() {
        if let Some(wanted) = wanted {
            let occur = if wanted { Occur::Must } else { Occur::MustNot };
            out.push((occur, term(f.flags, bit as u64)));
        }
    }
    if q.founded_from.is_some() || q.founded_to.is_some() {
        let bound = |d: Option<chrono::NaiveDate>| match d {
            Some(d) => Bound::Included(Term::from_field_i64(f.founded, days(d))),
            None => Bound::Unbounded,
        };
        let range = RangeQuery::new(bound(q.founded_from), bound(q.founded_to));
        out.push((Occur::Must, Box::new(range)));
    }
    out
}
