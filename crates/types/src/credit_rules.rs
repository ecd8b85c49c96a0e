//! The list rules of 社会组织信用信息管理办法 (民政部令第60号) as a pure function: an
//! organization's facts and `today` in, the list actions due today out. No I/O, no clock —
//! the daily job and the tests pass the date, so a test moves time by passing another one.
//!
//! Articles cited (the text as published 2018-01-24):
//! - 第十条: 活动异常名录 — (一) annual report not filed on time, … (五) a warning or a fine under
//!   ¥50,000;
//! - 第十三条: removal from 活动异常名录 once the obligation is fulfilled (rectification), or
//!   after 6 months where no rectification is needed;
//! - 第十四条: 严重违法失信名单 — (一) 2 years on 活动异常名录, (三) 限期停止活动, (四) a fine of
//!   ¥50,000 or more, (五) two or more warnings / fines under ¥50,000 within 3 years, (七) 吊销登记
//!   证书 / 撤销登记;
//! - 第十六条: removal from 严重违法失信名单 after 2 years without a new trigger (one listed for 2
//!   years on 活动异常名录 must also have fulfilled the obligation; one listed for 撤销/吊销 leaves
//!   only with 注销, so never automatically).

use crate::{Fen, ListKind, RegStatus};
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// A fine from this amount up is a serious-list trigger (第十四条第（四）项): ¥50,000.
pub const LARGE_FINE: Fen = Fen(5_000_000);

/// The kind of an administrative penalty, as far as the list rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PenaltyKind {
    /// 警告.
    Warning,
    /// 罚款 (amount in [`PenaltyFact::fine`]).
    Fine,
    /// 限期停止活动.
    Suspension,
    /// 撤销登记 / 吊销登记证书.
    Revocation,
    /// Anything else (没收违法所得 …): recorded, no list consequence of its own.
    Other,
}

impl PenaltyKind {
    /// Infers the kind from a decision's 结果 text and fine (rows recorded before kinds were
    /// stored, and imported decisions): the heaviest sanction named wins.
    pub fn infer(result: &str, fine: Option<Fen>) -> Self {
        if result.contains("撤销") || result.contains("吊销") {
            Self::Revocation
        } else if result.contains("限期停止活动") || result.contains("停止活动") {
            Self::Suspension
        } else if fine.is_some_and(|f| f.0 > 0) || result.contains("罚款") {
            Self::Fine
        } else if result.contains("警告") {
            Self::Warning
        } else {
            Self::Other
        }
    }
}

/// One penalty as the rules see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PenaltyFact {
    pub id: i64,
    pub kind: PenaltyKind,
    pub fine: Option<Fen>,
    pub decided_on: NaiveDate,
    pub doc_no: String,
}

impl PenaltyFact {
    /// A warning or a fine under ¥50,000: 第十条第（五）项, and counted by 第十四条第（五）项.
    fn is_minor(&self) -> bool {
        match self.kind {
            PenaltyKind::Warning => true,
            PenaltyKind::Fine => self.fine.unwrap_or(Fen(0)) < LARGE_FINE,
            _ => false,
        }
    }
    /// 限期停止活动, a fine ≥ ¥50,000, 撤销/吊销: 第十四条第（三）（四）（七）项.
    fn is_serious(&self) -> bool {
        match self.kind {
            PenaltyKind::Suspension | PenaltyKind::Revocation => true,
            PenaltyKind::Fine => self.fine.unwrap_or(Fen(0)) >= LARGE_FINE,
            _ => false,
        }
    }
}

/// Why an entry was listed; stored as [`Trigger::code`] so the job recognizes its own entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trigger {
    /// The annual report of this year was not filed by 31 May of the next (第十条第（一）项).
    AnnualReport(i32),
    /// A penalty (by id) that lists by itself (第十条第（五）项 or 第十四条第（三）（四）（七）项).
    Penalty(i64),
    /// The second (or later) minor penalty within 3 years, by the id of the latest (第十四条第（五）项).
    RepeatedPenalties(i64),
    /// 2 years on 活动异常名录, by the id of that entry (第十四条第（一）项).
    AbnormalTwoYears(i64),
    /// Listed by an official, with the reason given.
    Manual,
}

impl Trigger {
    pub fn code(&self) -> String {
        match self {
            Self::AnnualReport(y) => format!("annual_report:{y}"),
            Self::Penalty(id) => format!("penalty:{id}"),
            Self::RepeatedPenalties(id) => format!("repeated_penalties:{id}"),
            Self::AbnormalTwoYears(id) => format!("abnormal_2y:{id}"),
            Self::Manual => "manual".to_string(),
        }
    }
    /// Parses a stored code; unknown codes (older rows) read as [`Trigger::Manual`], which the
    /// job never removes by itself — the safe side.
    pub fn parse(s: &str) -> Self {
        let (k, v) = s.split_once(':').unwrap_or((s, ""));
        let n = v.parse::<i64>().ok();
        match (k, n) {
            ("annual_report", Some(y)) => Self::AnnualReport(y as i32),
            ("penalty", Some(id)) => Self::Penalty(id),
            ("repeated_penalties", Some(id)) => Self::RepeatedPenalties(id),
            ("abnormal_2y", Some(id)) => Self::AbnormalTwoYears(id),
            _ => Self::Manual,
        }
    }
}

/// One list entry (open or closed) as the rules see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryFact {
    pub id: i64,
    pub list: ListKind,
    pub trigger: Trigger,
    pub listed_on: NaiveDate,
    pub removed_on: Option<NaiveDate>,
}

/// Everything the rules read about one organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditFacts {
    pub status: RegStatus,
    pub founded: NaiveDate,
    /// Years whose annual report has been filed.
    pub reports_filed: Vec<i32>,
    pub entries: Vec<EntryFact>,
    pub penalties: Vec<PenaltyFact>,
}

/// A change the rules make today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreditAction {
    List {
        list: ListKind,
        trigger: Trigger,
        on: NaiveDate,
        reason: String,
    },
    Remove {
        entry_id: i64,
        on: NaiveDate,
        reason: String,
    },
}

/// The day after which the annual report of `year` is overdue: 31 May of the next year.
pub fn report_deadline(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year + 1, 5, 31).unwrap_or(NaiveDate::MAX)
}

fn plus_months(d: NaiveDate, m: u32) -> NaiveDate {
    d.checked_add_months(Months::new(m))
        .unwrap_or(NaiveDate::MAX)
}

fn minor_reason(p: &PenaltyFact) -> &'static str {
    match p.kind {
        PenaltyKind::Warning => "警告",
        _ => "不满5万元罚款",
    }
}

/// The list actions due `today` for one organization, in the order they are to be applied.
pub fn evaluate(f: &CreditFacts, today: NaiveDate) -> Vec<CreditAction> {
    let mut out = vec![];
    let open: Vec<&EntryFact> = f
        .entries
        .iter()
        .filter(|e| e.removed_on.is_none())
        .collect();
    let has_trigger = |t: &Trigger| f.entries.iter().any(|e| &e.trigger == t);
    let registered = matches!(f.status, RegStatus::Active | RegStatus::Suspended);

    // 第十三条: rectification and the 6-month removal; 第十四条第（一）项: 2 years → serious.
    for e in open.iter().filter(|e| e.list == ListKind::Abnormal) {
        match &e.trigger {
            Trigger::AnnualReport(y) if f.reports_filed.contains(y) => {
                out.push(CreditAction::Remove {
                    entry_id: e.id,
                    on: today,
                    reason: format!(
                        "已补报{y}年度工作报告，履行相关义务，依《社会组织信用信息管理办法》第十三条移出活动异常名录"
                    ),
                });
                continue;
            }
            Trigger::Penalty(_) if plus_months(e.listed_on, 6) <= today => {
                out.push(CreditAction::Remove {
                    entry_id: e.id,
                    on: today,
                    reason: "不存在应当整改或者履行相关义务的情形，列入满6个月，依《社会组织信用信息管理办法》第十三条移出活动异常名录".into(),
                });
                continue;
            }
            _ => {}
        }
        if plus_months(e.listed_on, 24) <= today {
            out.push(CreditAction::Remove {
                entry_id: e.id,
                on: today,
                reason: "列入活动异常名录满2年，转入严重违法失信名单".into(),
            });
            out.push(CreditAction::List {
                list: ListKind::Serious,
                trigger: Trigger::AbnormalTwoYears(e.id),
                on: today,
                reason: format!(
                    "自{}起被列入活动异常名录满2年，依《社会组织信用信息管理办法》第十四条第（一）项列入严重违法失信名单",
                    e.listed_on
                ),
            });
        }
    }

    // 第十条第（一）项: the latest annual report whose deadline has passed.
    let year = if today > report_deadline(today.year() - 1) {
        today.year() - 1
    } else {
        today.year() - 2
    };
    let t = Trigger::AnnualReport(year);
    if registered
        && year >= f.founded.year()
        && !f.reports_filed.contains(&year)
        && !has_trigger(&t)
    {
        out.push(CreditAction::List {
            list: ListKind::Abnormal,
            trigger: t,
            on: today,
            reason: format!(
                "未按规定时限（{}前）报送{year}年度工作报告，依《社会组织信用信息管理办法》第十条第（一）项列入活动异常名录",
                report_deadline(year)
            ),
        });
    }

    // Penalties: 第十条第（五）项 and 第十四条第（三）（四）（五）（七）项. Only decisions recent
    // enough that the listing would still be in force today are acted on.
    for p in &f.penalties {
        if p.decided_on > today {
            continue;
        }
        let t = Trigger::Penalty(p.id);
        if has_trigger(&t) {
            continue;
        }
        if p.is_serious() && plus_months(p.decided_on, 24) > today {
            let item = match p.kind {
                PenaltyKind::Suspension => "第十四条第（三）项（受到限期停止活动行政处罚）",
                PenaltyKind::Revocation => "第十四条第（七）项（被撤销登记或者吊销登记证书）",
                _ => "第十四条第（四）项（受到5万元以上罚款处罚）",
            };
            out.push(CreditAction::List {
                list: ListKind::Serious,
                trigger: t,
                on: today,
                reason: format!(
                    "行政处罚决定书{}（{}），依《社会组织信用信息管理办法》{item}列入严重违法失信名单",
                    p.doc_no, p.decided_on
                ),
            });
        } else if p.is_minor() && plus_months(p.decided_on, 6) > today && registered {
            out.push(CreditAction::List {
                list: ListKind::Abnormal,
                trigger: t,
                on: today,
                reason: format!(
                    "受到{}处罚（决定书{}，{}），依《社会组织信用信息管理办法》第十条第（五）项列入活动异常名录",
                    minor_reason(p),
                    p.doc_no,
                    p.decided_on
                ),
            });
        }
    }
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
        if !has_trigger(&t) {
            out.push(CreditAction::List {
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

    // 第十六条: 2 years on 严重违法失信名单 without a new trigger since.
    let listing_today = out.iter().any(|a| matches!(a, CreditAction::List { .. }));
    for e in open.iter().filter(|e| e.list == ListKind::Serious) {
        if plus_months(e.listed_on, 24) > today || listing_today {
            continue;
        }
        let newer_entry = f
            .entries
            .iter()
            .any(|o| o.id != e.id && o.listed_on > e.listed_on);
        let newer_penalty = f.penalties.iter().any(|p| p.decided_on > e.listed_on);
        if newer_entry || newer_penalty {
            continue;
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
        if ok {
            out.push(CreditAction::Remove {
                entry_id: e.id,
                on: today,
                reason: "列入严重违法失信名单满2年且期间未再出现应当列入的情形，依《社会组织信用信息管理办法》第十六条移出".into(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    fn facts() -> CreditFacts {
        CreditFacts {
            status: RegStatus::Active,
            founded: d("2018-03-01"),
            reports_filed: vec![2018, 2019, 2020, 2021, 2022, 2023, 2024],
            entries: vec![],
            penalties: vec![],
        }
    }
    fn lists(a: &[CreditAction]) -> Vec<(ListKind, Trigger)> {
        a.iter()
            .filter_map(|a| match a {
                CreditAction::List { list, trigger, .. } => Some((*list, trigger.clone())),
                _ => None,
            })
            .collect()
    }
    fn removes(a: &[CreditAction]) -> Vec<i64> {
        a.iter()
            .filter_map(|a| match a {
                CreditAction::Remove { entry_id, .. } => Some(*entry_id),
                _ => None,
            })
            .collect()
    }
    fn entry(id: i64, list: ListKind, trigger: Trigger, on: &str) -> EntryFact {
        EntryFact {
            id,
            list,
            trigger,
            listed_on: d(on),
            removed_on: None,
        }
    }
    fn penalty(id: i64, kind: PenaltyKind, fine: Option<i64>, on: &str) -> PenaltyFact {
        PenaltyFact {
            id,
            kind,
            fine: fine.map(Fen),
            decided_on: d(on),
            doc_no: format!("民罚字〔2025〕{id}号"),
        }
    }

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

    #[test]
    fn trigger_codes_round_trip_and_kinds_are_inferred() {
        for t in [
            Trigger::AnnualReport(2025),
            Trigger::Penalty(3),
            Trigger::RepeatedPenalties(4),
            Trigger::AbnormalTwoYears(5),
            Trigger::Manual,
        ] {
            assert_eq!(Trigger::parse(&t.code()), t);
        }
        assert_eq!(PenaltyKind::infer("警告", None), PenaltyKind::Warning);
        assert_eq!(
            PenaltyKind::infer("警告，罚款2万元", Some(Fen(2_000_000))),
            PenaltyKind::Fine
        );
        assert_eq!(
            PenaltyKind::infer("限期停止活动3个月", None),
            PenaltyKind::Suspension
        );
        assert_eq!(
            PenaltyKind::infer("撤销登记", None),
            PenaltyKind::Revocation
        );
    }
}
