//! The list rules of 《社会组织信用信息管理办法》 (民政部令第60号) as a pure function: an
//! organization's facts and `today` in, the list actions due today out. No I/O, no clock —
//! the daily job and the tests pass the date, so a test moves time by passing another one.
//!
//! The article numbers from 第八条 on could not be checked against the official final text
//! (the credit review read 第一条–第七条 only; the 2017 征求意见稿 numbers differ), so reasons
//! cite the 办法 and the item of its list, not an article. Items follow the final lists as
//! the 民政 departments of 天津, 临沂 and 武汉 quote them (`shared/reviews/credit-rules.md`).
//!
//! | rule | item | where | test |
//! |---|---|---|---|
//! | 异常: annual report not filed by its deadline (基金会 31 March, others 31 May; none owed for a year registered in after 30 June) | 异常 (一) | `abnormal::overdue_report` | `abnormal::tests::{overdue_report_lists_only_after_31_may, a_foundation_is_overdue_after_31_march, registered_in_the_second_half_owes_the_next_years_report_first}` |
//! | 异常: a warning or a fine under ¥50,000, by any department | 异常 (五) | `abnormal::minor_penalty` | `abnormal::tests::a_minor_penalty_is_acted_on_through_its_sixth_month_anniversary` |
//! | 异常: a 整改通知 not complied with by its deadline (listed the day after; leaves when the authority records it completed) | 异常 (三) | `supervision::{overdue_rectification, removal}` | `supervision::tests::{an_order_not_complied_with_lists_the_day_after_its_deadline_and_leaves_when_completed, an_order_completed_in_time_or_before_the_listing_lists_nothing}`; server `tests/it/credit/supervision.rs` |
//! | 异常: two 专用信函 to the registered address unsigned, mailed 20–60 days apart (draft; `CreditPolicy`, configurable); leaves when a later letter is signed for | 异常 (六) | `supervision::{unreachable, removal}` | `supervision::tests::{two_unsigned_letters_within_the_interval_list_the_organization, a_signed_letter_or_a_long_gap_starts_the_count_again, an_unreachable_entry_leaves_when_a_later_letter_is_signed_for}`; server `tests/it/credit/supervision.rs` |
//! | 异常 (二) 党组织, (四) 公募 (until the charity pillar records fundraising), (七) other | — | manual listing with a reason (server `credit::actions`) | server `tests/it/credit/lists.rs` |
//! | leaves 异常 when the report is filed | 异常 removal | `removals::abnormal_removal` | `removals::tests::filing_the_report_removes_the_entry` |
//! | leaves 异常 the day after 6 full months where nothing is to be rectified | 异常 removal | `removals::abnormal_removal` | `abnormal::tests::minor_penalty_lists_abnormal_and_leaves_the_day_after_six_months` |
//! | 严重: 2 full years on 异常 (moved the day after) | 严重 (一) | `serious::abnormal_two_years` | `serious::tests::two_years_on_abnormal_moves_to_serious` |
//! | 严重: 撤销变更登记 / 限期停止活动 / fine ≥ ¥50,000 / 吊销·撤销登记 (the registration authority's decision for (二) and (七)) | 严重 (二)(三)(四)(七) | `serious::serious_penalty` | `serious::tests::{large_fine_suspension_change_and_registration_revocation_list_serious, items_two_and_seven_need_the_registration_authority, a_revocation_is_listed_however_old_unless_deregistered}` |
//! | 严重: two or more minor penalties within 3 years | 严重 (五) | `serious::repeated_penalties` | `serious::tests::two_minor_penalties_within_three_years_list_serious` |
//! | 严重: on the courts' 失信被执行人 list (imported with `gongyi credit import-dishonest`) | 严重 (六) | `serious::court_dishonest` | `serious::tests::a_court_listing_as_dishonest_debtor_lists_serious_once`; CLI `tests/cli/court_dishonest.rs` |
//! | 严重 (八) other | — | manual listing with a reason | server `tests/it/credit/lists.rs` |
//! | leaves 严重 only on application after 2 full years without a new ground; a new ground restarts them (重新计算) | 严重 removal | `removals::serious_exit` (the job removes nothing) | `removals::tests::{serious_entries_leave_on_application_after_two_full_years, a_new_listing_ground_restarts_the_two_years_and_other_penalties_do_not}` |
//! | from 2 years on 异常: the obligation fulfilled first (report filed, rectification completed, reachable again) | 严重 removal | `removals::serious_exit` | `removals::tests::{two_years_on_the_abnormal_list_needs_the_obligation_first, two_years_for_an_order_or_letters_need_them_dealt_with_first}` |
//! | 吊销/撤销 listings leave after 注销登记, removed by the authority | 严重 removal | `removals::revocation_after_deregistration` | `removals::tests::revocation_entries_leave_only_after_deregistration` |
//!
//! Files: `facts.rs` (what the rules read and the actions they return), `abnormal.rs` (异常
//! triggers from reports and penalties), `supervision.rs` (异常 (三) and (六), from the
//! authority's 整改通知 and 专用信函), `serious.rs` (严重 triggers), `removals.rs` (leaving either list); [`evaluate`]
//! here runs them in the order their actions are to be applied.

mod abnormal;
mod facts;
#[cfg(test)]
mod fixtures;
pub mod forms;
mod removals;
mod serious;
mod supervision;

pub use abnormal::{FIRST_HALF_ENDS, first_report_year, report_deadline};
pub use facts::{
    CourtListingFact, CreditAction, CreditFacts, CreditPolicy, EntryFact, LARGE_FINE, LetterFact,
    PenaltyFact, PenaltyKind, RectificationFact, Trigger,
};
pub use removals::{SeriousExit, serious_exit};

use crate::{ListKind, RegStatus};
use chrono::{Months, NaiveDate};

fn plus_months(d: NaiveDate, m: u32) -> NaiveDate {
    d.checked_add_months(Months::new(m))
        .unwrap_or(NaiveDate::MAX)
}

/// Whether a period of `months` counted from `start` is complete on `today`. Under 《民法典》
/// 第二百零一条 and 第二百零二条 it starts the day after `start` and ends at the end of the day
/// of the same number `months` later: complete from the next day on.
fn complete(start: NaiveDate, months: u32, today: NaiveDate) -> bool {
    plus_months(start, months) < today
}

/// Whether a period of `months` from `start` still runs on `today` (its last day included).
fn in_force(start: NaiveDate, months: u32, today: NaiveDate) -> bool {
    !complete(start, months, today)
}

/// Whether an entry (open or closed) was ever listed for `t`: each trigger lists once.
fn has_trigger(f: &CreditFacts, t: &Trigger) -> bool {
    f.entries.iter().any(|e| &e.trigger == t)
}

/// The list actions due `today` for one organization, in the order they are to be applied;
/// `policy` holds the settings whose legal text is unverified.
pub fn evaluate(f: &CreditFacts, today: NaiveDate, policy: &CreditPolicy) -> Vec<CreditAction> {
    let mut out = vec![];
    let open: Vec<&EntryFact> = f
        .entries
        .iter()
        .filter(|e| e.removed_on.is_none())
        .collect();
    let registered = matches!(f.status, RegStatus::Active | RegStatus::Suspended);

    // 异常 removals (report filed; 6 months), else 2 full years → 严重 item (一).
    for e in open.iter().filter(|e| e.list == ListKind::Abnormal) {
        if let Some(removal) =
            removals::abnormal_removal(f, e, today).or_else(|| supervision::removal(f, e, today))
        {
            out.push(removal);
            continue;
        }
        out.extend(serious::abnormal_two_years(e, today).into_iter().flatten());
    }

    // 异常 item (一): the latest annual report whose deadline has passed; (三) a 整改通知 not
    // complied with by its deadline; (六) two unsigned letters to the registered address.
    out.extend(abnormal::overdue_report(f, today, registered));
    out.extend(supervision::overdue_rectification(f, today, registered));
    out.extend(supervision::unreachable(f, today, registered, policy));

    // Penalties: 异常 item (五); 严重 items (二)(三)(四)(七), then (五).
    for p in &f.penalties {
        if p.decided_on > today || has_trigger(f, &Trigger::Penalty(p.id)) {
            continue;
        }
        out.extend(
            serious::serious_penalty(p, f.status, today)
                .or_else(|| abnormal::minor_penalty(p, today, registered)),
        );
    }
    out.extend(serious::repeated_penalties(f, today));
    // 严重 item (六): the courts' 失信被执行人 list, as imported.
    if registered {
        out.extend(serious::court_dishonest(f, today));
    }

    // 严重: only the 吊销/撤销 entries leave by the authority's act, after 注销; the others on
    // the organization's application (`serious_exit`), never here.
    for e in open.iter().filter(|e| e.list == ListKind::Serious) {
        out.extend(removals::revocation_after_deregistration(f, e, today));
    }
    out
}
