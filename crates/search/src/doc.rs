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
        let mut chars: Vec<char> = self.name.chars().filter(|c| c.is_alphanumeric()).collect();
        chars.sort_unstable();
        chars.dedup();
        for c in chars {
            d.add_text(f.name_chars, c.encode_utf8(&mut [0; 4]));
        }
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
        let order = name_order(&self.name, self.division);
        d.add_u64(f.name_order_hi, (order >> 64) as u64);
        d.add_u64(f.name_order_lo, order as u64);
        d
    }
}

/// The key a search sorted by name (`Sort::Name`) orders by, ascending: the pinyin of the name
/// (`pinyin::full_and_initials`, digits before letters) with the names of its registrar's
/// divisions removed from its start — every organization of 朝阳区 is called 北京市朝阳区…, and
/// what a reader sorts by is the rest (桥牌协会 qiaopai… before 象棋协会 xiangqi…). The
/// first 24 letters count (37 symbols in 128 bits); names equal that far keep index order.
pub(crate) fn name_order(name: &str, division: DivisionCode) -> u128 {
    let mut rest = name.trim();
    for d in division.ancestors() {
        let full = d.name();
        // 北京市 and its short form 北京 (the names of 直辖市 and 省 are often written short).
        let short = full.trim_end_matches(['市', '省', '区', '县']);
        if let Some(r) = rest.strip_prefix(full) {
            rest = r;
        } else if short.chars().count() >= 2
            && let Some(r) = rest.strip_prefix(short)
        {
            rest = r;
        }
    }
    let (full, _) = pinyin::full_and_initials(if rest.is_empty() { name } else { rest });
    let mut key: u128 = 0;
    let mut n = 0;
    for c in full.bytes().take(NAME_ORDER_CHARS) {
        let v = match c {
            b'0'..=b'9' => u128::from(c - b'0') + 1,
            b'a'..=b'z' => u128::from(c - b'a') + 11,
            _ => continue,
        };
        key = key * 37 + v;
        n += 1;
    }
    for _ in n..NAME_ORDER_CHARS {
        key *= 37;
    }
    key
}

/// Letters of the pinyin a name sorts by: 37^24 < 2^128.
const NAME_ORDER_CHARS: usize = 24;

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

#[cfg(test)]
mod name_order_tests {
    use super::name_order;
    use gongyi_types::DivisionCode;

    #[test]
    fn names_order_by_pinyin_after_the_registrars_place_names() {
        let chaoyang = DivisionCode::parse("110105").unwrap();
        let k = |n: &str| name_order(n, chaoyang);
        // 桥牌 qiaopai < 书法 shufa < 象棋 xiangqi, whatever the place prefix is written as.
        assert!(k("北京市朝阳区桥牌协会") < k("北京市朝阳区书法家协会"));
        assert!(k("北京市朝阳区书法家协会") < k("北京市朝阳区象棋协会"));
        assert_eq!(k("北京市朝阳区象棋协会"), k("北京朝阳区象棋协会"));
        assert_eq!(k("北京市朝阳区象棋协会"), k("象棋协会"));
        // Digits before letters; a shorter name before its longer extensions.
        assert!(k("北京市朝阳区1号志愿队") < k("北京市朝阳区爱心协会"));
        assert!(k("北京市朝阳区爱心") < k("北京市朝阳区爱心协会"));
        // A name that is only its place keeps a key of its own.
        assert!(k("北京市朝阳区") > 0);
    }
}
