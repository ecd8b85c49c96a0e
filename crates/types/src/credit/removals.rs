//! Removals (民政部令第60号): from 活动异常名录 once the obligation is fulfilled — the overdue
//! report filed (rectification) — or after 6 months where no rectification is needed (第十三条);
//! from 严重违法失信名单 after 2 years without a new trigger (第十六条: one listed for 2 years on
//! 活动异常名录 must also have fulfilled the obligation; one listed for 撤销/吊销 leaves only with
//! 注销, so never automatically, nor does an official's manual entry).

use super::{CreditAction, CreditFacts, EntryFact, PenaltyKind, Trigger, plus_months};
use chrono::NaiveDate;

/// 第十三条: an open 活动异常名录 entry that leaves today — its annual report filed since, or a
/// penalty listing 6 months old. `None`: it stays (and may move on under 第十四条第（一）项).
pub(super) fn abnormal_removal(
    f: &CreditFacts,
    e: &EntryFact,
    today: NaiveDate,
) -> Option<CreditAction> {
    match &e.trigger {
        Trigger::AnnualReport(y) if f.reports_filed.contains(y) => Some(CreditAction::Remove {
            entry_id: e.id,
            on: today,
            reason: format!(
                "已补报{y}年度工作报告，履行相关义务，依《社会组织信用信息管理办法》第十三条移出活动异常名录"
            ),
        }),
        Trigger::Penalty(_) if plus_months(e.listed_on, 6) <= today => Some(CreditAction::Remove {
            entry_id: e.id,
            on: today,
            reason: "不存在应当整改或者履行相关义务的情形，列入满6个月，依《社会组织信用信息管理办法》第十三条移出活动异常名录".into(),
        }),
        _ => None,
    }
}

/// 第十六条: an open 严重违法失信名单 entry 2 years old with no newer entry nor penalty since,
/// whose trigger allows leaving by itself. The caller skips this on a day the organization is
/// being listed again.
pub(super) fn serious_removal(
    f: &CreditFacts,
    e: &EntryFact,
    today: NaiveDate,
) -> Option<CreditAction> {
    if plus_months(e.listed_on, 24) > today {
        return None;
    }
    let newer_entry = f
        .entries
        .iter()
        .any(|o| o.id != e.id && o.listed_on > e.listed_on);
    let newer_penalty = f.penalties.iter().any(|p| p.decided_on > e.listed_on);
    if newer_entry || newer_penalty {
        return None;
    }
    let ok = match &e.trigger {
        Trigger::Penalty(id) => !f
            .penalties
            .iter()
            .any(|p| p.id == *id && p.kind == PenaltyKind::Revocation),
        Trigger::AbnormalTwoYears(src) => f.entries.iter().all(|o| {
            o.id != *src
                || match o.trigger {
                    Trigger::AnnualReport(y) => f.reports_filed.contains(&y),
                    _ => true,
                }
        }),
        Trigger::RepeatedPenalties(_) => true,
        Trigger::Manual | Trigger::AnnualReport(_) => false,
    };
    ok.then(|| CreditAction::Remove {
        entry_id: e.id,
        on: today,
        reason: "列入严重违法失信名单满2年且期间未再出现应当列入的情形，依《社会组织信用信息管理办法》第十六条移出".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::super::evaluate;
    use super::super::fixtures::*;
    use super::*;
    use crate::{ListKind, RegStatus};

    #[test]
    fn filing_the_report_removes_the_entry() {
        let mut f = facts();
        f.entries.push(entry(
            7,
            ListKind::Abnormal,
            Trigger::AnnualReport(2025),
            "2026-06-01",
        ));
        f.reports_filed.push(2025);
        let a = evaluate(&f, d("2026-08-01"));
        assert_eq!(removes(&a), vec![7]);
        assert!(lists(&a).is_empty());
    }

    #[test]
    fn serious_removed_after_two_years_without_new_triggers() {
        let mut f = facts();
        f.reports_filed = (2018..=2026).collect();
        f.penalties
            .push(penalty(5, PenaltyKind::Fine, Some(6_000_000), "2024-01-05"));
        f.entries.push(entry(
            9,
            ListKind::Serious,
            Trigger::Penalty(5),
            "2024-01-05",
        ));
        assert!(evaluate(&f, d("2026-01-04")).is_empty());
        assert_eq!(removes(&evaluate(&f, d("2026-01-05"))), vec![9]);
        // A newer penalty keeps it on the list.
        f.penalties
            .push(penalty(6, PenaltyKind::Other, None, "2025-01-05"));
        assert!(removes(&evaluate(&f, d("2026-01-05"))).is_empty());
    }

    #[test]
    fn revocation_and_manual_entries_never_leave_by_themselves() {
        let mut f = facts();
        f.reports_filed = (2018..=2030).collect();
        f.status = RegStatus::Revoked;
        f.penalties
            .push(penalty(5, PenaltyKind::Revocation, None, "2020-01-05"));
        f.entries.push(entry(
            9,
            ListKind::Serious,
            Trigger::Penalty(5),
            "2020-01-05",
        ));
        f.entries
            .push(entry(10, ListKind::Serious, Trigger::Manual, "2020-01-04"));
        assert!(evaluate(&f, d("2026-01-05")).is_empty());
    }
}
