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
//!
//! Files: `facts.rs` (what the rules read and the actions they return), `abnormal.rs` (第十条
//! triggers), `serious.rs` (第十四条 triggers), `removals.rs` (第十三条 and 第十六条); [`evaluate`]
//! here runs them in the order their actions are to be applied.

mod abnormal;
mod facts;
#[cfg(test)]
mod fixtures;
mod removals;
mod serious;

pub use abnormal::report_deadline;
pub use facts::{
    CreditAction, CreditFacts, EntryFact, LARGE_FINE, PenaltyFact, PenaltyKind, Trigger,
};

use crate::{ListKind, RegStatus};
use chrono::{Months, NaiveDate};

fn plus_months(d: NaiveDate, m: u32) -> NaiveDate {
    d.checked_add_months(Months::new(m))
        .unwrap_or(NaiveDate::MAX)
}

/// Whether an entry (open or closed) was ever listed for `t`: each trigger lists once.
fn has_trigger(f: &CreditFacts, t: &Trigger) -> bool {
    f.entries.iter().any(|e| &e.trigger == t)
}

/// The list actions due `today` for one organization, in the order they are to be applied.
pub fn evaluate(f: &CreditFacts, today: NaiveDate) -> Vec<CreditAction> {
    let mut out = vec![];
    let open: Vec<&EntryFact> = f
        .entries
        .iter()
        .filter(|e| e.removed_on.is_none())
        .collect();
    let registered = matches!(f.status, RegStatus::Active | RegStatus::Suspended);

    // 第十三条: rectification and the 6-month removal; 第十四条第（一）项: 2 years → serious.
    for e in open.iter().filter(|e| e.list == ListKind::Abnormal) {
        if let Some(removal) = removals::abnormal_removal(f, e, today) {
            out.push(removal);
            continue;
        }
        out.extend(serious::abnormal_two_years(e, today).into_iter().flatten());
    }

    // 第十条第（一）项: the latest annual report whose deadline has passed.
    out.extend(abnormal::overdue_report(f, today, registered));

    // Penalties: 第十条第（五）项 and 第十四条第（三）（四）（五）（七）项. Only decisions recent
    // enough that the listing would still be in force today are acted on.
    for p in &f.penalties {
        if p.decided_on > today || has_trigger(f, &Trigger::Penalty(p.id)) {
            continue;
        }
        out.extend(
            serious::serious_penalty(p, today)
                .or_else(|| abnormal::minor_penalty(p, today, registered)),
        );
    }
    out.extend(serious::repeated_penalties(f, today));

    // 第十六条: 2 years on 严重违法失信名单 without a new trigger since.
    let listing_today = out.iter().any(|a| matches!(a, CreditAction::List { .. }));
    if !listing_today {
        for e in open.iter().filter(|e| e.list == ListKind::Serious) {
            out.extend(removals::serious_removal(f, e, today));
        }
    }
    out
}
