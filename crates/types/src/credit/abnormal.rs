//! 活动异常名录 triggers (第十条 of 民政部令第60号): (一) the annual report not filed on time —
//! by 31 May of the next year — and (五) a warning or a fine under ¥50,000.

use super::{
    CreditAction, CreditFacts, PenaltyFact, PenaltyKind, Trigger, has_trigger, plus_months,
};
use crate::ListKind;
use chrono::{Datelike, NaiveDate};

/// The day after which the annual report of `year` is overdue: 31 May of the next year.
pub fn report_deadline(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year + 1, 5, 31).unwrap_or(NaiveDate::MAX)
}

fn minor_reason(p: &PenaltyFact) -> &'static str {
    match p.kind {
        PenaltyKind::Warning => "警告",
        _ => "不满5万元罚款",
    }
}

/// 第十条第（一）项: the latest annual report whose deadline has passed, when it is due (the
/// organization is registered and existed that year), not filed, and not listed for yet.
pub(super) fn overdue_report(
    f: &CreditFacts,
    today: NaiveDate,
    registered: bool,
) -> Option<CreditAction> {
    let year = if today > report_deadline(today.year() - 1) {
        today.year() - 1
    } else {
        today.year() - 2
    };
    let t = Trigger::AnnualReport(year);
    if registered
        && year >= f.founded.year()
        && !f.reports_filed.contains(&year)
        && !has_trigger(f, &t)
    {
        Some(CreditAction::List {
            list: ListKind::Abnormal,
            trigger: t,
            on: today,
            reason: format!(
                "未按规定时限（{}前）报送{year}年度工作报告，依《社会组织信用信息管理办法》第十条第（一）项列入活动异常名录",
                report_deadline(year)
            ),
        })
    } else {
        None
    }
}

/// 第十条第（五）项: a warning or a fine under ¥50,000 decided less than 6 months ago (the
/// listing would already be over otherwise), for a registered organization.
pub(super) fn minor_penalty(
    p: &PenaltyFact,
    today: NaiveDate,
    registered: bool,
) -> Option<CreditAction> {
    if p.is_minor() && plus_months(p.decided_on, 6) > today && registered {
        Some(CreditAction::List {
            list: ListKind::Abnormal,
            trigger: Trigger::Penalty(p.id),
            on: today,
            reason: format!(
                "受到{}处罚（决定书{}，{}），依《社会组织信用信息管理办法》第十条第（五）项列入活动异常名录",
                minor_reason(p),
                p.doc_no,
                p.decided_on
            ),
        })
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::evaluate;
    use super::super::fixtures::*;
    use super::*;
    use crate::RegStatus;

    #[test]
    fn overdue_report_lists_only_after_31_may() {
        let f = facts();
        assert!(evaluate(&f, d("2026-05-31")).is_empty());
        let a = evaluate(&f, d("2026-06-01"));
        assert_eq!(
            lists(&a),
            vec![(ListKind::Abnormal, Trigger::AnnualReport(2025))]
        );
        let CreditAction::List { reason, on, .. } = &a[0] else {
            panic!()
        };
        assert!(reason.contains("第十条第（一）项"), "{reason}");
        assert_eq!(*on, d("2026-06-01"));
    }

    #[test]
    fn no_report_due_before_founding_nor_for_deregistered() {
        let mut f = facts();
        f.founded = d("2026-01-10");
        assert!(evaluate(&f, d("2026-07-01")).is_empty());
        let mut f = facts();
        f.status = RegStatus::Deregistered;
        assert!(evaluate(&f, d("2026-07-01")).is_empty());
    }

    #[test]
    fn listed_once_per_year() {
        let mut f = facts();
        f.entries.push(entry(
            1,
            ListKind::Abnormal,
            Trigger::AnnualReport(2025),
            "2026-06-01",
        ));
        assert!(evaluate(&f, d("2026-06-02")).is_empty());
    }

    #[test]
    fn minor_penalty_lists_abnormal_and_leaves_after_six_months() {
        let mut f = facts();
        f.penalties
            .push(penalty(1, PenaltyKind::Warning, None, "2025-09-01"));
        let a = evaluate(&f, d("2025-09-02"));
        assert_eq!(lists(&a), vec![(ListKind::Abnormal, Trigger::Penalty(1))]);
        f.entries.push(entry(
            10,
            ListKind::Abnormal,
            Trigger::Penalty(1),
            "2025-09-02",
        ));
        assert!(evaluate(&f, d("2026-03-01")).is_empty());
        assert_eq!(removes(&evaluate(&f, d("2026-03-02"))), vec![10]);
    }
}
