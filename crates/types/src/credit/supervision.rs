//! 活动异常名录 grounds from the registration authority's own supervision (《社会组织信用信息管理
//! 办法》, 民政部令第60号; items as numbered in its list of the 异常 grounds, article unverified):
//! - (三) 未按期完成整改: an inspection (抽查和其他监督检查) found a problem and a 整改通知 set a
//!   deadline; not complied with by then, the organization is listed the day after. It leaves
//!   when the authority records the rectification completed (完成整改要求 — the authority
//!   checks it, 查实, and removes the entry; there is no 6-month removal, since something is
//!   to be rectified).
//! - (六) 住所无法联系: "通过邮寄专用信函向社会组织登记的住所两次邮寄无人签收的，视作通过登记的
//!   住所无法与社会组织取得联系" — two letters unsigned, mailed at an interval the draft puts at
//!   20 to 60 days ([`CreditPolicy::letter_interval_days`], unverified, configurable). It
//!   leaves when a later letter to the registered address is signed for (联系恢复).
//!
//! The organization is listed while the ground holds: a rectification completed late, but
//! before the listing was made, lists nothing (the obligation is fulfilled, a listing would be
//! removed the same day).

use super::{CreditAction, CreditFacts, CreditPolicy, EntryFact, Trigger, has_trigger};
use crate::ListKind;
use chrono::NaiveDate;

/// Item (三): each 整改通知 past its deadline and not completed.
pub(super) fn overdue_rectification(
    f: &CreditFacts,
    today: NaiveDate,
    registered: bool,
) -> Vec<CreditAction> {
    if !registered {
        return vec![];
    }
    f.rectifications
        .iter()
        .filter(|r| r.deadline < today && r.completed_on.is_none())
        .filter(|r| !has_trigger(f, &Trigger::Rectification(r.id)))
        .map(|r| CreditAction::List {
            list: ListKind::Abnormal,
            trigger: Trigger::Rectification(r.id),
            on: today,
            reason: format!(
                "未按期（{}前）完成整改通知{}要求的整改，依《社会组织信用信息管理办法》列入活动异常名录（第（三）项）",
                r.deadline, r.doc_no
            ),
        })
        .collect()
}

/// Item (六): the second of two unsigned letters mailed within the interval, unless an entry
/// for unreachability is open already. A letter signed for starts the count again; a letter
/// mailed later than the interval allows counts as a new first.
pub(super) fn unreachable(
    f: &CreditFacts,
    today: NaiveDate,
    registered: bool,
    policy: &CreditPolicy,
) -> Option<CreditAction> {
    let open = f
        .entries
        .iter()
        .any(|e| e.removed_on.is_none() && matches!(e.trigger, Trigger::Unreachable(_)));
    if !registered || open {
        return None;
    }
    let mut letters: Vec<_> = f.letters.iter().filter(|l| l.sent_on <= today).collect();
    letters.sort_by_key(|l| (l.sent_on, l.id));
    let (least, most) = policy.letter_interval_days;
    let mut first: Option<NaiveDate> = None;
    let mut due = None;
    for l in letters {
        if !l.returned {
            first = None;
            continue;
        }
        match first {
            Some(a) => {
                let days = (l.sent_on - a).num_days();
                if days > most {
                    first = Some(l.sent_on);
                } else if days >= least {
                    due = Some((a, l));
                    first = None;
                }
            }
            None => first = Some(l.sent_on),
        }
    }
    let (a, l) = due?;
    (!has_trigger(f, &Trigger::Unreachable(l.id))).then(|| CreditAction::List {
        list: ListKind::Abnormal,
        trigger: Trigger::Unreachable(l.id),
        on: today,
        reason: format!(
            "{a}、{}两次向登记的住所邮寄专用信函均无人签收，通过登记的住所无法与该组织取得联系，依《社会组织信用信息管理办法》列入活动异常名录（第（六）项）",
            l.sent_on
        ),
    })
}

/// Whether the obligation behind an item (三) or (六) entry is fulfilled on `today`, and how
/// (`None`: not such an entry).
pub(super) fn fulfilled(
    f: &CreditFacts,
    e: &EntryFact,
    today: NaiveDate,
) -> Option<Result<String, String>> {
    match e.trigger {
        Trigger::Rectification(id) => {
            let r = f.rectifications.iter().find(|r| r.id == id)?;
            Some(match r.completed_on {
                Some(c) if c <= today => Ok(format!("已于{c}完成整改通知{}要求的整改", r.doc_no)),
                _ => Err(format!("须先完成整改通知{}要求的整改", r.doc_no)),
            })
        }
        Trigger::Unreachable(id) => {
            let second = f.letters.iter().find(|l| l.id == id)?;
            let signed = f
                .letters
                .iter()
                .filter(|l| !l.returned && l.sent_on > second.sent_on && l.sent_on <= today)
                .map(|l| l.sent_on)
                .min();
            Some(match signed {
                Some(d) => Ok(format!(
                    "{d}寄往登记的住所的专用信函已签收，可通过登记的住所取得联系"
                )),
                None => Err("须能通过登记的住所取得联系（此后寄出的专用信函有人签收）".into()),
            })
        }
        _ => None,
    }
}

/// An open item (三) or (六) entry whose obligation is fulfilled leaves: the authority has
/// recorded the rectification completed, or a letter signed for.
pub(super) fn removal(f: &CreditFacts, e: &EntryFact, today: NaiveDate) -> Option<CreditAction> {
    match fulfilled(f, e, today)? {
        Ok(how) => Some(CreditAction::Remove {
            entry_id: e.id,
            on: today,
            reason: format!(
                "{how}，履行相关义务，经登记管理机关查实，依《社会组织信用信息管理办法》移出活动异常名录"
            ),
        }),
        Err(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::super::{LetterFact, RectificationFact};
    use super::*;
    use crate::RegStatus;

    fn order(id: i64, deadline: &str, completed: Option<&str>) -> RectificationFact {
        RectificationFact {
            id,
            doc_no: format!("民整字〔2026〕{id}号"),
            deadline: d(deadline),
            completed_on: completed.map(d),
        }
    }
    /// An organization with every report filed, so only these rules act.
    fn facts() -> CreditFacts {
        let mut f = super::super::fixtures::facts();
        f.reports_filed = (2018..=2030).collect();
        f
    }
    fn letter(id: i64, sent: &str, returned: bool) -> LetterFact {
        LetterFact {
            id,
            sent_on: d(sent),
            returned,
        }
    }

    #[test]
    fn an_order_not_complied_with_lists_the_day_after_its_deadline_and_leaves_when_completed() {
        let mut f = facts();
        f.rectifications.push(order(3, "2026-09-30", None));
        assert!(evaluate(&f, d("2026-09-30")).is_empty());
        let a = evaluate(&f, d("2026-10-01"));
        assert_eq!(
            lists(&a),
            vec![(ListKind::Abnormal, Trigger::Rectification(3))]
        );
        f.entries.push(entry(
            20,
            ListKind::Abnormal,
            Trigger::Rectification(3),
            "2026-10-01",
        ));
        // Listed once; no 6-month removal while the rectification is outstanding.
        assert!(evaluate(&f, d("2027-06-01")).is_empty());
        f.rectifications[0].completed_on = Some(d("2027-06-10"));
        assert_eq!(removes(&evaluate(&f, d("2027-06-10"))), vec![20]);
    }

    #[test]
    fn an_order_completed_in_time_or_before_the_listing_lists_nothing() {
        let mut f = facts();
        f.rectifications
            .push(order(3, "2026-09-30", Some("2026-09-20")));
        f.rectifications
            .push(order(4, "2026-09-30", Some("2026-10-01")));
        assert!(evaluate(&f, d("2026-10-01")).is_empty());
        f.status = RegStatus::Revoked;
        f.rectifications.push(order(5, "2026-09-30", None));
        assert!(lists(&evaluate(&f, d("2026-10-01"))).is_empty());
    }

    #[test]
    fn two_unsigned_letters_within_the_interval_list_the_organization() {
        let mut f = facts();
        f.letters.push(letter(1, "2026-03-01", true));
        assert!(evaluate(&f, d("2026-03-10")).is_empty());
        // 19 days later: too soon to count as the second mailing.
        f.letters.push(letter(2, "2026-03-20", true));
        assert!(evaluate(&f, d("2026-03-25")).is_empty());
        // 20 days after the first: the second mailing.
        f.letters.push(letter(3, "2026-03-21", true));
        let a = evaluate(&f, d("2026-04-10"));
        assert_eq!(
            lists(&a),
            vec![(ListKind::Abnormal, Trigger::Unreachable(3))]
        );
        let CreditAction::List { reason, .. } = &a[0] else {
            panic!()
        };
        assert!(reason.contains("2026-03-01、2026-03-21"), "{reason}");
        assert!(reason.contains("第（六）项"), "{reason}");
    }

    #[test]
    fn a_signed_letter_or_a_long_gap_starts_the_count_again() {
        let mut f = facts();
        f.letters.push(letter(1, "2026-03-01", true));
        f.letters.push(letter(2, "2026-03-25", false));
        f.letters.push(letter(3, "2026-04-20", true));
        assert!(evaluate(&f, d("2026-05-01")).is_empty());
        // 61 days after letter 3: too late to pair with it; it is a new first.
        f.letters.push(letter(4, "2026-06-20", true));
        assert!(evaluate(&f, d("2026-07-01")).is_empty());
        f.letters.push(letter(5, "2026-07-20", true));
        assert_eq!(
            lists(&evaluate(&f, d("2026-08-01"))),
            vec![(ListKind::Abnormal, Trigger::Unreachable(5))]
        );
        // A configured interval decides instead of the draft's.
        let p = CreditPolicy {
            letter_interval_days: (20, 25),
        };
        assert!(lists(&super::super::evaluate(&f, d("2026-08-01"), &p)).is_empty());
    }

    #[test]
    fn an_unreachable_entry_leaves_when_a_later_letter_is_signed_for() {
        let mut f = facts();
        f.letters.push(letter(1, "2026-03-01", true));
        f.letters.push(letter(2, "2026-04-01", true));
        f.entries.push(entry(
            9,
            ListKind::Abnormal,
            Trigger::Unreachable(2),
            "2026-04-20",
        ));
        // A third unsigned letter while listed lists nothing more; 6 months remove nothing.
        f.letters.push(letter(3, "2026-05-01", true));
        assert!(evaluate(&f, d("2026-12-01")).is_empty());
        f.letters.push(letter(4, "2026-12-05", false));
        assert_eq!(removes(&evaluate(&f, d("2026-12-06"))), vec![9]);
    }
}
