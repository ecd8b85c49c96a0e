//! What the index holds of one organization, and how it becomes a tantivy document.

use chrono::{Datelike, NaiveDate};
use gongyi_types::{CreditStatus, DivisionCode, OrgFlags, OrgKind, Organization, RegStatus};
use tantivy::TantivyDocument;

use crate::facets::{self, flag_bits};
use crate::pinyin::{self, MAX_FULL_PREFIX, MAX_INITIALS_PREFIX};
use crate::schema::Fields;

/// The searchable part of an organization's record.
#[derive(Debug, Clone, PartialEq)]
pub struct OrgDoc {
    pub uscc: String,
    pub name: String,
    pub kind: OrgKind,
    pub status: RegStatus,
    pub credit: CreditStatus,
    pub division: DivisionCode,
    pub authority: String,
    pub legal_rep: String,
    pub founded: NaiveDate,
    pub address: String,
    pub scope: String,
    pub flags: OrgFlags,
}

impl OrgDoc {
    pub fn from_org(org: &Organization) -> Self {
        Self {
            uscc: org.uscc.as_str().to_string(),
            name: org.name.clone(),
            kind: org.kind,
            status: org.status,
            credit: org.credit,
            division: org.division,
            authority: org.authority.clone(),
            legal_rep: org.legal_rep.clone(),
            founded: org.founded,
            address: org.address.clone(),
            scope: org.scope.clone(),
            flags: org.flags,
        }
    }

    pub(crate) fn to_document(&self, f: &Fields) -> TantivyDocument {
        let mut d = TantivyDocument::new();
        d.add_text(f.uscc, &self.uscc);
        for n in [6, 7, 8] {
            if let Some(p) = self.uscc.get(..n) {
                d.add_text(f.uscc_prefix, p);
            }
        }
        d.add_text(f.name, &self.name);
        d.add_text(f.name_bigrams, &self.name);
        let (full, initials) = pinyin::full_and_initials(&self.name);
        let mut prefixes: Vec<&str> = pinyin::prefixes(&full, MAX_FULL_PREFIX)
            .chain(pinyin::prefixes(&initials, MAX_INITIALS_PREFIX))
            .collect();
        prefixes.sort_unstable();
        prefixes.dedup();
        for p in prefixes {
            d.add_text(f.name_pinyin_prefix, p);
        }
        d.add_text(f.name_pinyin_full, &full);
        d.add_text(f.name_pinyin_initials, &initials);
        d.add_text(f.legal_rep, &self.legal_rep);
        d.add_text(f.authority, &self.authority);
        // Separate values: no bigram spans two fields.
        for text in [
            &self.name,
            &self.legal_rep,
            &self.address,
            &self.scope,
            &self.authority,
        ] {
            d.add_text(f.all_bigrams, text);
        }
        d.add_u64(f.kind, facets::kind_ord(self.kind));
        d.add_u64(f.status, facets::status_ord(self.status));
        for bit in flag_bits(&self.flags) {
            d.add_u64(f.flags, bit);
        }
        d.add_u64(f.division, u64::from(self.division.as_u32()));
        for code in division_path(self.division) {
            d.add_u64(f.division_path, u64::from(code.as_u32()));
        }
        d.add_i64(f.founded, days(self.founded));
        let bits = facets::pack(
            self.kind,
            self.status,
            self.credit,
            &self.flags,
            self.division,
        );
        d.add_u64(f.facet_bits, bits);
        d
    }
}

/// The division and every division containing it (national orgs: just `100000`).
fn division_path(d: DivisionCode) -> Vec<DivisionCode> {
    let mut path = d.ancestors();
    if path.is_empty() {
        path.push(d);
    }
    path
}

/// Days since 0001-01-01 (CE), the representation of dates in the index.
pub(crate) fn days(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

pub(crate) fn date_from_days(days: i64) -> Option<NaiveDate> {
    i32::try_from(days)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}
