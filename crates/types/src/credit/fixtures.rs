//! Fixtures of the credit-rules tests: dates, a registered organization with every report
//! filed, entries and penalties, and the listings / removals picked out of the actions.

use super::{
    CreditAction, CreditFacts, CreditPolicy, EntryFact, PenaltyFact, PenaltyKind, Trigger,
};
use crate::{Fen, ListKind, OrgKind, RegStatus};
use chrono::NaiveDate;

pub(super) fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}
pub(super) fn facts() -> CreditFacts {
    CreditFacts {
        kind: OrgKind::SocialGroup,
        status: RegStatus::Active,
        founded: d("2018-03-01"),
        reports_filed: vec![2018, 2019, 2020, 2021, 2022, 2023, 2024],
        entries: vec![],
        penalties: vec![],
        court_listings: vec![],
        rectifications: vec![],
        letters: vec![],
    }
}
pub(super) fn lists(a: &[CreditAction]) -> Vec<(ListKind, Trigger)> {
    a.iter()
        .filter_map(|a| match a {
            CreditAction::List { list, trigger, .. } => Some((*list, trigger.clone())),
            _ => None,
        })
        .collect()
}
pub(super) fn removes(a: &[CreditAction]) -> Vec<i64> {
    a.iter()
        .filter_map(|a| match a {
            CreditAction::Remove { entry_id, .. } => Some(*entry_id),
            _ => None,
        })
        .collect()
}
pub(super) fn entry(id: i64, list: ListKind, trigger: Trigger, on: &str) -> EntryFact {
    EntryFact {
        id,
        list,
        trigger,
        listed_on: d(on),
        removed_on: None,
    }
}
pub(super) fn penalty(id: i64, kind: PenaltyKind, fine: Option<i64>, on: &str) -> PenaltyFact {
    PenaltyFact {
        id,
        kind,
        fine: fine.map(Fen),
        decided_on: d(on),
        doc_no: format!("民罚字〔2025〕{id}号"),
        by_registrar: true,
    }
}

/// The rules with the default policy.
pub(super) fn evaluate(f: &CreditFacts, today: NaiveDate) -> Vec<CreditAction> {
    super::evaluate(f, today, &CreditPolicy::default())
}
