//! 活动异常名录 triggers of 《社会组织信用信息管理办法》 (民政部令第60号; items as numbered in its
//! list of the 异常 grounds — the article numbers from 第八条 on are not verified, so reasons cite
//! the item): (一) the annual report not filed on time, and (五) a warning or a fine under ¥50,000.
//!
//! The deadline of a year's report is the day its 条例 names: 基金会 by 31 March of the next year
//! (《基金会管理条例》第三十六条), 社会团体 and 民办非企业单位 (社会服务机构) by 31 May
//! (《社会团体登记管理条例》第二十八条, 《民办非企业单位登记管理暂行条例》第二十三条). An
//! organization registered after 30 June does not owe that year's report: the provincial 年检
//! notices read by the credit review exempt organizations registered in the second half of the
//! year; the national text (the new 《社会团体年度检查办法》, in force 2026-01-01) was not
//! available, so this is [`FIRST_HALF_ENDS`], one constant to change if it says otherwise.

use super::{CreditAction, CreditFacts, PenaltyFact, PenaltyKind, Trigger, has_trigger, in_force};
use crate::{ListKind, OrgKind};
use chrono::{Datelike, NaiveDate};

/// (month, day) after which an organization registered that year owes its first report only
/// for the next year (unverified nationally; see the module documentation).
pub const FIRST_HALF_ENDS: (u32, u32) = (6, 30);

/// The last day to file the annual report of `year`: 31 March of the next year for a
/// foundation, 31 May for the others. Overdue from the next day.
pub fn report_deadline(kind: OrgKind, year: i32) -> NaiveDate {
    let (m, d) = match kind {
        OrgKind::Foundation => (3, 31),
        OrgKind::SocialGroup | OrgKind::SocialService => (5, 31),
    };
    NaiveDate::from_ymd_opt(year + 1, m, d).unwrap_or(NaiveDate::MAX)
}

/// The first year whose report an organization founded on `founded` owes.
pub fn first_report_year(founded: NaiveDate) -> i32 {
    let (m, d) = FIRST_HALF_ENDS;
    match NaiveDate::from_ymd_opt(founded.year(), m, d) {
        Some(cut) if founded > cut => founded.year() + 1,
        _ => founded.year(),
    }
}

fn minor_reason(p: &PenaltyFact) -> &'static str {
    match p.kind {
        PenaltyKind::Warning => "警告",
        _ => "不满5万元罚款",
    }
}

/// Item (一): the latest annual report whose deadline has passed, when it is owed (the
/// organization is registered and was registered in the first half of that year or before),
/// not filed, and not listed for yet.
pub(super) fn overdue_report(
    f: &CreditFacts,
    today: NaiveDate,
    registered: bool,
) -> Option<CreditAction> {
    let year = if today > report_deadline(f.kind, today.year() - 1) {
        today.year() - 1
    } else {
        today.year() - 2
    };
    let t = Trigger::AnnualReport(year);
    if registered
        && year >= first_report_year(f.founded)
        && !f.reports_filed.contains(&year)
        && !has_trigger(f, &t)
    {
        let deadline = report_deadline(f.kind, year);
        Some(CreditAction::List {
            list: ListKind::Abnormal,
            trigger: t,
            on: today,
            reason: format!(
                "未按规定时限（{}年{}月{}日前）报送{year}年度工作报告，依《社会组织信用信息管理办法》列入活动异常名录（第（一）项）",
                deadline.year(),
                deadline.month(),
                deadline.day()
            ),
        })
    } else {
        None
    }
}

/// Item (五): a warning or a fine under ¥50,000 whose 6-month listing would still be in force
/// today, for a registered organization.
pub(super) fn minor_penalty(
    p: &PenaltyFact,
    today: NaiveDate,
    registered: bool,
) -> Option<CreditAction> {
    if p.is_minor() && in_force(p.decided_on, 6, today) && registered {
        Some(CreditAction::List {
            list: ListKind::Abnormal,
            trigger: Trigger::Penalty(p.id),
            on: today,
            reason: format!(
                "受到{}处罚（决定书{}，{}），依《社会组织信用信息管理办法》列入活动异常名录（第（五）项）",
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
        assert!(reason.contains("2026年5月31日前"), "{reason}");
        assert!(reason.contains("第（一）项"), "{reason}");
        assert_eq!(*on, d("2026-06-01"));
    }

    #[test]
    fn a_foundation_is_overdue_after_31_march() {
        let mut f = facts();
        f.kind = OrgKind::Foundation;
        assert!(evaluate(&f, d("2026-03-31")).is_empty());
        assert_eq!(
            lists(&evaluate(&f, d("2026-04-01"))),
            vec![(ListKind::Abnormal, Trigger::AnnualReport(2025))]
        );
        assert_eq!(report_deadline(OrgKind::Foundation, 2025), d("2026-03-31"));
        assert_eq!(
            report_deadline(OrgKind::SocialService, 2025),
            d("2026-05-31")
        );
    }

    #[test]
    fn registered_in_the_second_half_owes_the_next_years_report_first() {
        let mut f = facts();
        f.reports_filed = vec![];
        f.founded = d("2025-07-01");
        assert!(evaluate(&f, d("2026-06-01")).is_empty());
        f.founded = d("2025-06-30");
        assert_eq!(
            lists(&evaluate(&f, d("2026-06-01"))),
            vec![(ListKind::Abnormal, Trigger::AnnualReport(2025))]
        );
        assert_eq!(first_report_year(d("2025-12-31")), 2026);
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
    fn minor_penalty_lists_abnormal_and_leaves_the_day_after_six_months() {
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
        // 满6个月 is complete at the end of 2026-03-02 (《民法典》第二百零一条、第二百零二条).
        assert!(evaluate(&f, d("2026-03-02")).is_empty());
        assert_eq!(removes(&evaluate(&f, d("2026-03-03"))), vec![10]);
    }

    #[test]
    fn a_minor_penalty_is_acted_on_through_its_sixth_month_anniversary() {
        let mut f = facts();
        f.penalties
            .push(penalty(1, PenaltyKind::Warning, None, "2025-09-01"));
        assert_eq!(
            lists(&evaluate(&f, d("2026-03-01"))),
            vec![(ListKind::Abnormal, Trigger::Penalty(1))]
        );
        assert!(evaluate(&f, d("2026-03-02")).is_empty());
    }
}
