//! 严重违法失信名单 triggers of 《社会组织信用信息管理办法》 (民政部令第60号; items as numbered
//! in its list of the 严重 grounds): (一) 2 years on 活动异常名录, (二) 撤销变更登记, (三) 限期停止
//! 活动, (四) a fine of ¥50,000 or more, (五) two or more warnings / fines under ¥50,000 within 3
//! years, (七) 吊销登记证书 / 撤销成（设）立登记 by the registration authority.

use super::{
    CreditAction, CreditFacts, EntryFact, PenaltyFact, PenaltyKind, Trigger, complete, has_trigger,
    in_force,
};
use crate::{ListKind, RegStatus};
use chrono::NaiveDate;

/// Item (一): an entry 2 years on 活动异常名录 — complete at the end of the anniversary day — leaves
/// it and the organization is listed serious: the removal first, then the listing.
pub(super) fn abnormal_two_years(e: &EntryFact, today: NaiveDate) -> Option<[CreditAction; 2]> {
    if complete(e.listed_on, 24, today) {
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
                    "自{}起被列入活动异常名录满2年，依《社会组织信用信息管理办法》列入严重违法失信名单（第（一）项）",
                    e.listed_on
                ),
            },
        ])
    } else {
        None
    }
}

/// Items (二)(三)(四)(七): 撤销变更登记, 限期停止活动, a fine of ¥50,000 or more, 吊销/撤销登记.
/// A listing stays until the organization applies to leave (or, for item (七), until 注销), so
/// a 吊销/撤销 is listed however long ago it was decided (an imported decision too) unless the
/// organization is deregistered already. The others are acted on while decided less than 2
/// years ago: an older one (an import of history) may have been listed and left on
/// application elsewhere, which the platform cannot know.
pub(super) fn serious_penalty(
    p: &PenaltyFact,
    status: RegStatus,
    today: NaiveDate,
) -> Option<CreditAction> {
    if !p.is_serious() {
        return None;
    }
    let due = match p.kind {
        PenaltyKind::Revocation => status != RegStatus::Deregistered,
        _ => in_force(p.decided_on, 24, today),
    };
    if !due {
        return None;
    }
    let item = match p.kind {
        PenaltyKind::ChangeRevoked => "第（二）项：弄虚作假办理变更登记，被撤销变更登记",
        PenaltyKind::Suspension => "第（三）项：受到限期停止活动行政处罚",
        PenaltyKind::Revocation => "第（七）项：被登记管理机关吊销登记证书、撤销成（设）立登记",
        _ => "第（四）项：受到5万元以上罚款处罚",
    };
    Some(CreditAction::List {
        list: ListKind::Serious,
        trigger: Trigger::Penalty(p.id),
        on: today,
        reason: format!(
            "行政处罚决定书{}（{}），依《社会组织信用信息管理办法》列入严重违法失信名单（{item}）",
            p.doc_no, p.decided_on
        ),
    })
}

/// Item (五): the second (or later) minor penalty within 3 years (三年内: the latest decided
/// no more than 36 months after the earliest counted), listed by the latest one while that is
/// less than 2 years old, once.
pub(super) fn repeated_penalties(f: &CreditFacts, today: NaiveDate) -> Option<CreditAction> {
    let mut minor: Vec<&PenaltyFact> = f
        .penalties
        .iter()
        .filter(|p| p.is_minor() && p.decided_on <= today && in_force(p.decided_on, 36, today))
        .collect();
    minor.sort_by_key(|p| (p.decided_on, p.id));
    if let Some(latest) = minor.last()
        && minor.len() >= 2
        && in_force(latest.decided_on, 24, today)
    {
        let t = Trigger::RepeatedPenalties(latest.id);
        if !has_trigger(f, &t) {
            return Some(CreditAction::List {
                list: ListKind::Serious,
                trigger: t,
                on: today,
                reason: format!(
                    "三年内{}次受到警告或者不满5万元罚款处罚（最近一次决定书{}），依《社会组织信用信息管理办法》列入严重违法失信名单（第（五）项）",
                    minor.len(),
                    latest.doc_no
                ),
            });
        }
    }
    None
}

/// Item (六): a court listing of the organization as 失信被执行人, listed once (a listing the
/// court removed before the rules saw it is not acted on).
pub(super) fn court_dishonest(f: &CreditFacts, today: NaiveDate) -> Vec<CreditAction> {
    f.court_listings
        .iter()
        .filter(|c| c.published_on <= today && c.removed_on.is_none_or(|r| r > today))
        .filter(|c| !has_trigger(f, &Trigger::CourtDishonest(c.id)))
        .map(|c| CreditAction::List {
            list: ListKind::Serious,
            trigger: Trigger::CourtDishonest(c.id),
            on: today,
            reason: format!(
                "被{}纳入失信被执行人名单（执行案号{}，{}），依《社会组织信用信息管理办法》列入严重违法失信名单（第（六）项）",
                c.court, c.case_no, c.published_on
            ),
        })
        .collect()
}

#[cfg(test)]
mod tests {
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
        // 满2年 is complete at the end of the anniversary day (《民法典》第二百零一条、第二百零二条):
        // nothing on 2026-06-01, the move on the day after.
        assert!(evaluate(&f, d("2026-06-01")).is_empty());
        let a = evaluate(&f, d("2026-06-02"));
        assert_eq!(removes(&a), vec![3]);
        assert_eq!(
            lists(&a),
            vec![(ListKind::Serious, Trigger::AbnormalTwoYears(3))]
        );
    }

    #[test]
    fn large_fine_suspension_change_and_registration_revocation_list_serious() {
        for (kind, fine) in [
            (PenaltyKind::Fine, Some(5_000_000)),
            (PenaltyKind::Suspension, None),
            (PenaltyKind::Revocation, None),
            (PenaltyKind::ChangeRevoked, None),
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
    fn a_revocation_is_listed_however_old_unless_deregistered() {
        let mut f = facts();
        f.status = RegStatus::Revoked;
        f.penalties
            .push(penalty(4, PenaltyKind::Revocation, None, "2021-03-01"));
        let a = evaluate(&f, d("2026-12-03"));
        assert_eq!(lists(&a), vec![(ListKind::Serious, Trigger::Penalty(4))]);
        let CreditAction::List { reason, .. } = &a[0] else {
            panic!()
        };
        assert!(reason.contains("第（七）项"), "{reason}");
        f.status = RegStatus::Deregistered;
        assert!(evaluate(&f, d("2026-12-03")).is_empty());
        // An old large fine (an import of history) is not listed anew.
        let mut f = facts();
        f.reports_filed = (2018..=2026).collect();
        f.penalties
            .push(penalty(5, PenaltyKind::Fine, Some(9_000_000), "2021-03-01"));
        assert!(evaluate(&f, d("2026-12-03")).is_empty());
    }

    #[test]
    fn items_two_and_seven_need_the_registration_authority() {
        for kind in [PenaltyKind::Revocation, PenaltyKind::ChangeRevoked] {
            let mut f = facts();
            f.reports_filed = (2018..=2026).collect();
            let mut p = penalty(6, kind, None, "2026-11-01");
            p.by_registrar = false;
            f.penalties.push(p);
            assert!(lists(&evaluate(&f, d("2026-11-02"))).is_empty(), "{kind:?}");
        }
        let mut f = facts();
        f.reports_filed = (2018..=2026).collect();
        f.penalties
            .push(penalty(7, PenaltyKind::ChangeRevoked, None, "2026-11-01"));
        let a = evaluate(&f, d("2026-11-02"));
        let CreditAction::List { reason, .. } = &a[0] else {
            panic!()
        };
        assert!(reason.contains("第（二）项"), "{reason}");
    }

    #[test]
    fn a_court_listing_as_dishonest_debtor_lists_serious_once() {
        use super::super::CourtListingFact;
        let mut f = facts();
        f.reports_filed = (2018..=2026).collect();
        f.court_listings.push(CourtListingFact {
            id: 3,
            case_no: "（2026）京0105执123号".into(),
            court: "北京市朝阳区人民法院".into(),
            published_on: d("2026-10-10"),
            removed_on: None,
        });
        assert!(evaluate(&f, d("2026-10-09")).is_empty());
        let a = evaluate(&f, d("2026-10-12"));
        assert_eq!(
            lists(&a),
            vec![(ListKind::Serious, Trigger::CourtDishonest(3))]
        );
        let CreditAction::List { reason, .. } = &a[0] else {
            panic!()
        };
        assert!(
            reason.contains("第（六）项") && reason.contains("执123号"),
            "{reason}"
        );
        f.entries.push(entry(
            8,
            ListKind::Serious,
            Trigger::CourtDishonest(3),
            "2026-10-12",
        ));
        assert!(evaluate(&f, d("2026-10-13")).is_empty());
        // Removed by the court before the rules saw it: nothing to list.
        let mut g = facts();
        g.reports_filed = (2018..=2026).collect();
        let mut c = f.court_listings[0].clone();
        c.removed_on = Some(d("2026-10-11"));
        g.court_listings.push(c);
        assert!(evaluate(&g, d("2026-10-12")).is_empty());
    }
}
