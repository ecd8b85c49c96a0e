//! Facet counts, computed from one packed fast-field value per document.
//!
//! Everything a results page counts (kind, status, credit, the four flags, the province) is
//! packed into 16 bits of the `facet_bits` fast field, so counting a matching document costs
//! one column read and two array increments: `by_attrs[bits & 0x3ff]` for kind × status ×
//! credit × flags (1,024 combinations) and `by_province[bits >> 10]`. The combinations are
//! decoded into per-facet counts once per query.

use std::collections::BTreeMap;

use gongyi_types::{CreditStatus, DivisionCode, OrgFlags, OrgKind, RegStatus};
use serde::Serialize;

/// Facet keys of the flags, in bit order.
pub(crate) const FLAG_NAMES: [&str; 4] = [
    "charity",
    "public_fundraising",
    "volunteer",
    "trade_association",
];

const ATTR_COMBINATIONS: usize = 1 << 10;
/// Province slots: positions in `DivisionCode::provinces()`, and `NATIONAL_SLOT`.
const PROVINCE_SLOTS: usize = 64;
const NATIONAL_SLOT: u64 = 63;

// The packing below gives each enum two bits.
const _: () = assert!(OrgKind::ALL.len() <= 4);
const _: () = assert!(RegStatus::ALL.len() <= 4);
const _: () = assert!(CreditStatus::ALL.len() <= 4);

/// Counts of the documents matching a query (and its filters), not just those on the page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    /// `OrgKind::code()` → count.
    pub kind: BTreeMap<String, u64>,
    /// `RegStatus::code()` → count.
    pub status: BTreeMap<String, u64>,
    /// `CreditStatus::code()` → count.
    pub credit: BTreeMap<String, u64>,
    /// Six-digit province code (`100000` for nationally registered orgs) → count.
    pub province: BTreeMap<String, u64>,
    /// `charity`, `public_fundraising`, `volunteer`, `trade_association` → count of matching
    /// docs having the flag.
    pub flags: BTreeMap<String, u64>,
}

fn position<T: PartialEq>(all: &[T], v: &T) -> u64 {
    all.iter().position(|x| x == v).unwrap_or(0) as u64
}

pub(crate) fn kind_ord(k: OrgKind) -> u64 {
    position(OrgKind::ALL, &k)
}
pub(crate) fn status_ord(s: RegStatus) -> u64 {
    position(RegStatus::ALL, &s)
}
pub(crate) fn credit_ord(c: CreditStatus) -> u64 {
    position(CreditStatus::ALL, &c)
}

/// Bit numbers (positions in [`FLAG_NAMES`]) of the flags an org has.
pub(crate) fn flag_bits(f: &OrgFlags) -> impl Iterator<Item = u64> {
    [
        f.charity,
        f.public_fundraising,
        f.volunteer,
        f.trade_association,
    ]
    .into_iter()
    .enumerate()
    .filter(|(_, on)| *on)
    .map(|(i, _)| i as u64)
}

fn province_slot(division: DivisionCode) -> u64 {
    division
        .province()
        .and_then(|p| DivisionCode::provinces().iter().position(|&q| q == p))
        .map_or(NATIONAL_SLOT, |i| i as u64)
}

/// Position of `CreditStatus::Normal`: the standing of an organization absent from the
/// credit table.
pub(crate) const NORMAL_CREDIT: u8 = 0;
const _: () = assert!(matches!(
    CreditStatus::ALL[NORMAL_CREDIT as usize],
    CreditStatus::Normal
));

const CREDIT_SHIFT: u64 = 4;
const CREDIT_MASK: u64 = 0b11 << CREDIT_SHIFT;

/// `bits` with its credit standing replaced by `credit_ord`.
#[inline]
pub(crate) fn with_credit(bits: u64, credit_ord: u64) -> u64 {
    (bits & !CREDIT_MASK) | ((credit_ord << CREDIT_SHIFT) & CREDIT_MASK)
}

/// The credit standing (position in `CreditStatus::ALL`) packed in `bits`.
#[inline]
pub(crate) fn credit_of(bits: u64) -> u64 {
    (bits & CREDIT_MASK) >> CREDIT_SHIFT
}

/// The registration status (position in `RegStatus::ALL`) packed in `bits`.
#[inline]
pub(crate) fn status_of(bits: u64) -> u64 {
    (bits >> 2) & 0b11
}

/// Layout: kind 2 bits | status 2 | credit 2 | flags 4 | province slot 6.
pub(crate) fn pack(
    kind: OrgKind,
    status: RegStatus,
    credit: CreditStatus,
    flags: &OrgFlags,
    division: DivisionCode,
) -> u64 {
    let flags = flag_bits(flags).fold(0, |acc, bit| acc | 1 << bit);
    kind_ord(kind)
        | status_ord(status) << 2
        | credit_ord(credit) << CREDIT_SHIFT
        | flags << 6
        | province_slot(division) << 10
}

/// Packed facets use 16 bits (see [`pack`]): the decoded columns keep them as `u16`.
pub(crate) const PACKED_BITS: u32 = 16;
const _: () = assert!(10 + (PROVINCE_SLOTS.trailing_zeros()) == PACKED_BITS);

/// `bits` as stored in the decoded columns (the bits [`pack`] never sets are dropped).
#[inline]
pub(crate) fn narrow(bits: u64) -> u16 {
    (bits & ((1 << PACKED_BITS) - 1)) as u16
}

/// Per-segment (then merged) counters of packed values.
#[derive(Debug, Clone)]
pub(crate) struct FacetCounts {
    by_attrs: Box<[u64; ATTR_COMBINATIONS]>,
    by_province: [u64; PROVINCE_SLOTS],
}

impl Default for FacetCounts {
    fn default() -> Self {
        Self {
            by_attrs: Box::new([0; ATTR_COMBINATIONS]),
            by_province: [0; PROVINCE_SLOTS],
        }
    }
}

impl FacetCounts {
    #[inline]
    pub(crate) fn add(&mut self, bits: u64) {
        self.by_attrs[(bits as usize) & (ATTR_COMBINATIONS - 1)] += 1;
        self.by_province[((bits >> 10) as usize) & (PROVINCE_SLOTS - 1)] += 1;
    }

    pub(crate) fn merge(&mut self, other: &FacetCounts) {
        for (a, b) in self.by_attrs.iter_mut().zip(other.by_attrs.iter()) {
            *a += b;
        }
        for (a, b) in self.by_province.iter_mut().zip(&other.by_province) {
            *a += b;
        }
    }

    pub(crate) fn total(&self) -> u64 {
        self.by_province.iter().sum()
    }

    /// Decodes into per-facet counts; values with no matching document are left out.
    pub(crate) fn decode(&self) -> Facets {
        let mut kind = [0u64; 4];
        let mut status = [0u64; 4];
        let mut credit = [0u64; 4];
        let mut flags = [0u64; 4];
        for (bits, &n) in self.by_attrs.iter().enumerate().filter(|(_, n)| **n > 0) {
            kind[bits & 3] += n;
            status[(bits >> 2) & 3] += n;
            credit[(bits >> 4) & 3] += n;
            for (i, count) in flags.iter_mut().enumerate() {
                if bits >> (6 + i) & 1 == 1 {
                    *count += n;
                }
            }
        }
        let named = |codes: Vec<&'static str>, counts: &[u64]| -> BTreeMap<String, u64> {
            codes
                .into_iter()
                .zip(counts)
                .filter(|(_, n)| **n > 0)
                .map(|(c, n)| (c.to_string(), *n))
                .collect()
        };
        let provinces = DivisionCode::provinces();
        let province = self
            .by_province
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(slot, n)| {
                let code = provinces
                    .get(slot)
                    .copied()
                    .unwrap_or(DivisionCode::NATIONAL);
                (code.to_string(), *n)
            })
            .collect();
        Facets {
            kind: named(OrgKind::ALL.iter().map(|k| k.code()).collect(), &kind),
            status: named(RegStatus::ALL.iter().map(|s| s.code()).collect(), &status),
            credit: named(
                CreditStatus::ALL.iter().map(|c| c.code()).collect(),
                &credit,
            ),
            province,
            flags: named(FLAG_NAMES.to_vec(), &flags),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_values_decode_to_their_facets() {
        let chaoyang = DivisionCode::parse("110105").unwrap();
        let flags = OrgFlags {
            charity: true,
            volunteer: true,
            ..OrgFlags::default()
        };
        let mut counts = FacetCounts::default();
        counts.add(pack(
            OrgKind::Foundation,
            RegStatus::Revoked,
            CreditStatus::Serious,
            &flags,
            chaoyang,
        ));
        counts.add(pack(
            OrgKind::SocialGroup,
            RegStatus::Active,
            CreditStatus::Normal,
            &OrgFlags::default(),
            DivisionCode::NATIONAL,
        ));
        let f = counts.decode();
        assert_eq!(counts.total(), 2);
        assert_eq!(f.kind.get("foundation"), Some(&1));
        assert_eq!(f.kind.get("social_group"), Some(&1));
        assert_eq!(f.status.get("revoked"), Some(&1));
        assert_eq!(f.credit.get("serious"), Some(&1));
        assert_eq!(f.flags.get("charity"), Some(&1));
        assert_eq!(f.flags.get("volunteer"), Some(&1));
        assert_eq!(f.flags.get("trade_association"), None);
        assert_eq!(f.province.get("110000"), Some(&1));
        assert_eq!(f.province.get("100000"), Some(&1));
    }
}
