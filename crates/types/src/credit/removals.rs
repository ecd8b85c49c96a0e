//! Leaving the lists (《社会组织信用信息管理办法》, 民政部令第60号; the article numbers from 第八条
//! on are not verified, so reasons name the rule, not the article):
//! - 活动异常名录: the organization that has fulfilled the obligation (the overdue report filed)
//!   leaves; where no rectification is needed (a penalty), the authority removes the entry once
//!   it has been listed 6 full months ([`abnormal_removal`]).
//! - 严重违法失信名单 ("严进严出"): an organization may **apply** to leave after 2 full years
//!   without a new listing ground; a new ground while listed restarts the 2 years (重新计算); one
//!   listed for 2 years on 活动异常名录 must also have fulfilled the obligation first; one listed
//!   for 吊销登记证书 / 撤销成（设）立登记 leaves only when 注销登记 is complete, removed by the
//!   authority. The daily job never removes a serious entry on the organization's behalf: it
//!   removes only the 吊销/撤销 entries after 注销 ([`revocation_after_deregistration`]);
//!   [`serious_exit`] says what the organization may do, for the pages and the application.
//!
//! Periods in months and years are complete at the end of their last day (《民法典》第二百零一条、
//! 第二百零二条): the 6-month removal and the 2-year eligibility fall on the day after the
//! anniversary.

use super::{CreditAction, CreditFacts, EntryFact, PenaltyKind, Trigger, complete, plus_months};
use crate::RegStatus;
use chrono::NaiveDate;

/// An open 活动异常名录 entry that leaves today — its annual report filed since, or a penalty
/// listing 6 full months old. `None`: it stays (and may move on under 严重 item (一)).
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
                "已补报{y}年度工作报告，履行相关义务，依《社会组织信用信息管理办法》移出活动异常名录"
            ),
        }),
        Trigger::Penalty(_) if complete(e.listed_on, 6, today) => Some(CreditAction::Remove {
            entry_id: e.id,
            on: today,
            reason: "不存在应当整改或者履行相关义务的情形，列入满6个月，依《社会组织信用信息管理办法》移出活动异常名录".into(),
        }),
        _ => None,
    }
}

/// The penalty a serious entry was listed for, if it was a 吊销/撤销 of the registration.
fn revocation_of<'a>(f: &'a CreditFacts, e: &EntryFact) -> Option<&'a super::PenaltyFact> {
    match e.trigger {
        Trigger::Penalty(id) => f
            .penalties
            .iter()
            .find(|p| p.id == id && p.kind == PenaltyKind::Revocation),
        _ => None,
    }
}

/// A serious entry listed for 吊销登记证书 / 撤销成（设）立登记 leaves once 注销登记 is complete,
/// removed by the registration authority (the job acts for it).
pub(super) fn revocation_after_deregistration(
    f: &CreditFacts,
    e: &EntryFact,
    today: NaiveDate,
) -> Option<CreditAction> {
    (f.status == RegStatus::Deregistered && revocation_of(f, e).is_some()).then(|| {
        CreditAction::Remove {
            entry_id: e.id,
            on: today,
            reason: "因被吊销登记证书、撤销成（设）立登记列入，已完成注销登记，由登记管理机关依《社会组织信用信息管理办法》移出严重违法失信名单".into(),
        }
    })
}

/// What an organization on 严重违法失信名单 may do about one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeriousExit {
    /// Listed for 吊销/撤销: leaves only after 注销登记, removed by the authority.
    AfterDeregistration,
    /// Listed for 2 years on 活动异常名录 for this year's annual report, still not filed: the
    /// obligation comes first.
    ReportOutstanding { year: i32 },
    /// Listed for 2 years on 活动异常名录 for a 整改通知 or an unreachable address: this comes
    /// first (the sentence says what).
    Outstanding(String),
    /// The 2 full years without a new listing ground are not over: it may apply from this day.
    NotBefore(NaiveDate),
    /// It may apply to leave (since this day). For an entry listed for 2 years on 活动异常名录
    /// for a reason the platform cannot check (整改, 住所, an official's entry), `confirm` says
    /// the authority must confirm the obligation fulfilled when it decides.
    MayApply { since: NaiveDate, confirm: bool },
}

impl SeriousExit {
    /// The sentence a page shows.
    pub fn describe(&self) -> String {
        match self {
            Self::AfterDeregistration => {
                "因被吊销登记证书、撤销成（设）立登记列入：完成注销登记后由登记管理机关移出".into()
            }
            Self::ReportOutstanding { year } => {
                format!("须先补报{year}年度工作报告（履行相关义务），满2年后方可申请移出")
            }
            Self::Outstanding(what) => format!("{what}（履行相关义务），满2年后方可申请移出"),
            Self::NotBefore(d) => {
                format!("列入满2年且期间未再出现应当列入的情形，自{d}起可申请移出")
            }
            Self::MayApply { since, confirm } => {
                if *confirm {
                    format!("自{since}起可申请移出（须证明已履行相关义务或者完成整改）")
                } else {
                    format!("自{since}起可申请移出")
                }
            }
        }
    }
}

/// The day the 2 years of entry `e` start: its listing, restarted by every later listing
/// ground — another entry on either list, or a penalty that is itself a ground (a warning, any
/// fine, 限期停止活动, 撤销变更登记, 吊销/撤销). A penalty with no list consequence (没收违法所得
/// alone …) does not restart it.
fn clock_start(f: &CreditFacts, e: &EntryFact) -> NaiveDate {
    let entries = f
        .entries
        .iter()
        .filter(|o| o.id != e.id && o.listed_on > e.listed_on)
        .map(|o| o.listed_on);
    let penalties = f
        .penalties
        .iter()
        .filter(|p| (p.is_minor() || p.is_serious()) && p.decided_on > e.listed_on)
        .map(|p| p.decided_on);
    entries.chain(penalties).fold(e.listed_on, NaiveDate::max)
}

/// What the organization may do about serious entry `e` on `today`.
pub fn serious_exit(f: &CreditFacts, e: &EntryFact, today: NaiveDate) -> SeriousExit {
    if revocation_of(f, e).is_some() {
        return SeriousExit::AfterDeregistration;
    }
    let mut confirm = false;
    if let Trigger::AbnormalTwoYears(src) = e.trigger {
        match f.entries.iter().find(|o| o.id == src).map(|o| &o.trigger) {
            Some(Trigger::AnnualReport(y)) if !f.reports_filed.contains(y) => {
                return SeriousExit::ReportOutstanding { year: *y };
            }
            Some(Trigger::AnnualReport(_)) => {}
            Some(Trigger::Rectification(_) | Trigger::Unreachable(_)) => {
                let source = f.entries.iter().find(|o| o.id == src);
                match source.and_then(|o| super::supervision::fulfilled(f, o, today)) {
                    Some(Err(what)) => return SeriousExit::Outstanding(what),
                    Some(Ok(_)) => {}
                    None => confirm = true,
                }
            }
            _ => confirm = true,
        }
    }
    let since = plus_months(clock_start(f, e), 24)
        .succ_opt()
        .unwrap_or(NaiveDate::MAX);
    if today < since {
        SeriousExit::NotBefore(since)
    } else {
        SeriousExit::MayApply { since, confirm }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::ListKind;

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

    /// A serious entry 2 years old: the job removes nothing; the organization may apply.
    #[test]
    fn serious_entries_leave_on_application_after_two_full_years() {
        let mut f = facts();
        f.reports_filed = (2018..=2026).collect();
        f.penalties
            .push(penalty(5, PenaltyKind::Fine, Some(6_000_000), "2024-01-05"));
        let e = entry(9, ListKind::Serious, Trigger::Penalty(5), "2024-01-05");
        f.entries.push(e.clone());
        for day in ["2026-01-05", "2026-01-06", "2027-06-01"] {
            assert!(removes(&evaluate(&f, d(day))).is_empty(), "{day}");
        }
        assert_eq!(
            serious_exit(&f, &e, d("2026-01-05")),
            SeriousExit::NotBefore(d("2026-01-06"))
        );
        assert_eq!(
            serious_exit(&f, &e, d("2026-01-06")),
            SeriousExit::MayApply {
                since: d("2026-01-06"),
                confirm: false
            }
        );
    }

    #[test]
    fn a_new_listing_ground_restarts_the_two_years_and_other_penalties_do_not() {
        let mut f = facts();
        f.reports_filed = (2018..=2026).collect();
        f.penalties
            .push(penalty(5, PenaltyKind::Fine, Some(6_000_000), "2024-01-05"));
        let e = entry(9, ListKind::Serious, Trigger::Penalty(5), "2024-01-05");
        f.entries.push(e.clone());
        // 没收违法所得 alone is no listing ground: the clock runs on.
        f.penalties
            .push(penalty(6, PenaltyKind::Other, None, "2025-03-01"));
        assert_eq!(
            serious_exit(&f, &e, d("2026-01-06")),
            SeriousExit::MayApply {
                since: d("2026-01-06"),
                confirm: false
            }
        );
        // A warning while listed restarts it: 2 full years from that decision.
        f.penalties
            .push(penalty(7, PenaltyKind::Warning, None, "2025-06-10"));
        assert_eq!(
            serious_exit(&f, &e, d("2026-01-06")),
            SeriousExit::NotBefore(d("2027-06-11"))
        );
        // So does a later entry (the overdue report of 2025, listed and since removed).
        let mut late = entry(
            11,
            ListKind::Abnormal,
            Trigger::AnnualReport(2025),
            "2026-06-01",
        );
        late.removed_on = Some(d("2026-07-01"));
        f.entries.push(late);
        assert_eq!(
            serious_exit(&f, &e, d("2027-06-11")),
            SeriousExit::NotBefore(d("2028-06-02"))
        );
    }

    #[test]
    fn two_years_on_the_abnormal_list_needs_the_obligation_first() {
        let mut f = facts();
        f.reports_filed = (2018..=2022).collect();
        let mut src = entry(
            3,
            ListKind::Abnormal,
            Trigger::AnnualReport(2023),
            "2024-06-01",
        );
        src.removed_on = Some(d("2026-06-02"));
        f.entries.push(src);
        let e = entry(
            4,
            ListKind::Serious,
            Trigger::AbnormalTwoYears(3),
            "2026-06-02",
        );
        f.entries.push(e.clone());
        assert_eq!(
            serious_exit(&f, &e, d("2028-07-01")),
            SeriousExit::ReportOutstanding { year: 2023 }
        );
        f.reports_filed.push(2023);
        assert!(matches!(
            serious_exit(&f, &e, d("2028-07-01")),
            SeriousExit::MayApply { confirm: false, .. }
        ));
        // A manual 异常 source (整改, 住所): the authority confirms the obligation on application.
        f.entries[0].trigger = Trigger::Manual;
        assert!(matches!(
            serious_exit(&f, &e, d("2028-07-01")),
            SeriousExit::MayApply { confirm: true, .. }
        ));
        assert!(removes(&evaluate(&f, d("2028-07-01"))).is_empty());
    }

    #[test]
    fn two_years_for_an_order_or_letters_need_them_dealt_with_first() {
        let mut f = facts();
        f.reports_filed = (2018..=2030).collect();
        f.rectifications.push(super::super::RectificationFact {
            id: 8,
            doc_no: "民整字〔2024〕8号".into(),
            deadline: d("2024-05-31"),
            completed_on: None,
        });
        let mut src = entry(
            3,
            ListKind::Abnormal,
            Trigger::Rectification(8),
            "2024-06-01",
        );
        src.removed_on = Some(d("2026-06-02"));
        f.entries.push(src);
        let e = entry(
            4,
            ListKind::Serious,
            Trigger::AbnormalTwoYears(3),
            "2026-06-02",
        );
        f.entries.push(e.clone());
        let SeriousExit::Outstanding(what) = serious_exit(&f, &e, d("2028-07-01")) else {
            panic!("{:?}", serious_exit(&f, &e, d("2028-07-01")))
        };
        assert!(what.contains("民整字〔2024〕8号"), "{what}");
        f.rectifications[0].completed_on = Some(d("2027-01-05"));
        assert!(matches!(
            serious_exit(&f, &e, d("2028-07-01")),
            SeriousExit::MayApply { confirm: false, .. }
        ));
        // Unreachable: a signed letter after the second unsigned one.
        f.entries[0].trigger = Trigger::Unreachable(2);
        for (id, sent, returned) in [(1, "2024-03-01", true), (2, "2024-04-01", true)] {
            f.letters.push(super::super::LetterFact {
                id,
                sent_on: d(sent),
                returned,
            });
        }
        assert!(matches!(
            serious_exit(&f, &e, d("2028-07-01")),
            SeriousExit::Outstanding(_)
        ));
        f.letters.push(super::super::LetterFact {
            id: 5,
            sent_on: d("2027-02-01"),
            returned: false,
        });
        assert!(matches!(
            serious_exit(&f, &e, d("2028-07-01")),
            SeriousExit::MayApply { confirm: false, .. }
        ));
    }

    #[test]
    fn revocation_entries_leave_only_after_deregistration() {
        let mut f = facts();
        f.reports_filed = (2018..=2030).collect();
        f.status = RegStatus::Revoked;
        f.penalties
            .push(penalty(5, PenaltyKind::Revocation, None, "2020-01-05"));
        let e = entry(9, ListKind::Serious, Trigger::Penalty(5), "2020-01-05");
        f.entries.push(e.clone());
        f.entries
            .push(entry(10, ListKind::Serious, Trigger::Manual, "2020-01-04"));
        assert!(evaluate(&f, d("2026-01-05")).is_empty());
        assert_eq!(
            serious_exit(&f, &e, d("2026-01-05")),
            SeriousExit::AfterDeregistration
        );
        f.status = RegStatus::Deregistered;
        let a = evaluate(&f, d("2026-01-05"));
        assert_eq!(removes(&a), vec![9]);
        let CreditAction::Remove { reason, .. } = &a[0] else {
            panic!()
        };
        assert!(reason.contains("注销登记"), "{reason}");
    }
}
