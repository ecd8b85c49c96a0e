//! 严重违法失信名单 triggers (第十四条 of 民政部令第60号): (一) 2 years on 活动异常名录, (三) 限期停止
//! 活动, (四) a fine of ¥50,000 or more, (五) two or more warnings / fines under ¥50,000 within 3
//! years, (七) 吊销登记证书 / 撤销登记.

use super::{
    CreditAction, CreditFacts, EntryFact, PenaltyFact, PenaltyKind, Trigger, has_trigger,
    plus_months,
};
use crate::ListKind;
use chrono::NaiveDate;

/// 第十四条第（一）项: an entry 2 years on 活动异常名录 leaves it and the organization is listed
/// serious — the removal first, then the listing.
pub(super) fn abnormal_two_years(e: &EntryFact, today: NaiveDate) -> Option<[CreditAction; 2]> {
    if plus_months(e.listed_on, 24) <= today {
        Some([
            CreditAction::Remove {
                entry_id: e.id,
                on: today,
                reason: "列入活动异常名录满2年，转入严重违法失信名单".into(),
            },
            CreditAction::List {
                list: ListKind::Serious,
                trigger: Trigger::AbnormalTwoYears(e.id),
                on: today,
                reason: format!(
                    "自{}起被列入活动异常名录满2年，依《社会组织信用信息管理办法》第十四条第（一）项列入严重违法失信名单",
                    e.listed_on
                ),
            },
        ])
    } else {
        None
    }
}

/// 第十四条第（三）（四）（七）项: 限期停止活动, a fine of ¥50,000 or more, or 撤销/吊销, decided
/// less than 2 years ago (the listing would already be over otherwise).
pub(super) fn serious_penalty(p: &PenaltyFact, today: NaiveDate) -> Option<CreditAction> {
    if p.is_serious() && plus_months(p.decided_on, 24) > today {
        let item = match p.kind {
            PenaltyKind::Suspension => "第十四条第（三）项（受到限期停止活动行政处罚）",
            PenaltyKind::Revocation => "第十四条第（七）项（被撤销登记或者吊销登记证书）",
            _ => "第十四条第（四）项（受到5万元以上罚款处罚）",
        };
        Some(CreditAction::List {
            list: ListKind::Serious,
            trigger: Trigger::Penalty(p.id),
            on: today,
            reason: format!(
                "行政处罚决定书{}（{}），依《社会组织信用信息管理办法》{item}列入严重违法失信名单",
                p.doc_no, p.decided_on
            ),
        })
    } else {
        None
    }
}

/// 第十四条第（五）项: the second (or later) minor penalty within 3 years, listed by the latest
/// one while that is less than 2 years old, once.
pub(super) fn repeated_penalties(f: &CreditFacts, today: NaiveDate) -> Option<CreditAction> {
    let mut minor: Vec<&PenaltyFact> = f
        .penalties
        .iter()
        .filter(|p| p.is_minor() && p.decided_on <= today && plus_months(p.decided_on, 36) > today)
        .collect();
    minor.sort_by_key(|p| (p.decided_on, p.id));
    if let Some(latest) = minor.last()
        && minor.len() >= 2
        && plus_months(latest.decided_on, 24) > today
    {
        let t = Trigger::RepeatedPenalties(latest.id);
        if !has_trigger(f, &t) {
            return Some(CreditAction::List {
                list: ListKind::Serious,
                trigger: t,
                on: today,
                reason: format!(
                    "三年内{}次受到警告或者不满5万元罚款处罚（最近一次决定书{}），依《社会组织信用信息管理办法》第十四条第（五）项列入严重违法失信名单",
                    minor.len(),
                    latest.doc_no
                ),
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::evaluate;
    use super::super::fixtures::*;
    use super::*;

    #[test]
    fn two_years_on_abnormal_moves_to_serious() {
        let mut f = facts();
        f.reports_filed = vec![2024, 2025, 2026];
        f.entries.push(entry(
            3,
            ListKind::Abnormal,
            Trigger::AnnualReport(2023),
            "2024-06-01",
        ));
        // The day before the second anniversary nothing happens.
        assert!(evaluate(&f, d("2026-05-31")).is_empty());
        let a = evaluate(&f, d("2026-06-01"));
        assert_eq!(removes(&a), vec![3]);
        assert_eq!(
            lists(&a),
            vec![(ListKind::Serious, Trigger::AbnormalTwoYears(3))]
        );
    }

    #[test]
    fn large_fine_suspension_and_revocation_list_serious() {
        for (kind, fine) in [
            (PenaltyKind::Fine, Some(5_000_000)),
            (PenaltyKind::Suspension, None),
            (PenaltyKind::Revocation, None),
        ] {
            let mut f = facts();
            f.penalties.push(penalty(2, kind, fine, "2025-10-01"));
            let a = evaluate(&f, d("2025-10-01"));
            assert_eq!(
                lists(&a),
                vec![(ListKind::Serious, Trigger::Penalty(2))],
                "{kind:?}"
            );
        }
        // ¥49,999.99 is a small fine: abnormal list only.
        let mut f = facts();
        f.penalties
            .push(penalty(2, PenaltyKind::Fine, Some(4_999_999), "2025-10-01"));
        assert_eq!(
            lists(&evaluate(&f, d("2025-10-01"))),
            vec![(ListKind::Abnormal, Trigger::Penalty(2))]
        );
    }

    #[test]
    fn two_minor_penalties_within_three_years_list_serious() {
        let mut f = facts();
        f.penalties
            .push(penalty(1, PenaltyKind::Warning, None, "2023-01-10"));
        f.entries.push(entry(
            1,
            ListKind::Abnormal,
            Trigger::Penalty(1),
            "2023-01-10",
        ));
        f.penalties
            .push(penalty(2, PenaltyKind::Fine, Some(100_000), "2025-12-01"));
        let a = evaluate(&f, d("2025-12-01"));
        assert!(lists(&a).contains(&(ListKind::Serious, Trigger::RepeatedPenalties(2))));
        // More than 3 years apart: no serious listing.
        let mut f = facts();
        f.penalties
            .push(penalty(1, PenaltyKind::Warning, None, "2022-11-30"));
        f.penalties
            .push(penalty(2, PenaltyKind::Warning, None, "2025-12-01"));
        assert!(
            !lists(&evaluate(&f, d("2025-12-01")))
                .iter()
                .any(|(l, _)| *l == ListKind::Serious)
        );
    }
}
