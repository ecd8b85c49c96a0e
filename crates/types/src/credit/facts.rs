//! What the list rules of 民政部令第60号 read and write: an organization's facts — registration,
//! filed annual reports (第七条: 年报信息), list entries with their [`Trigger`], penalties
//! (第七条: 行政处罚信息) with the kind that decides their list consequence (第十条第（五）项,
//! 第十四条第（三）（四）（五）（七）项) — and the [`CreditAction`]s the rules return.

use crate::{Fen, ListKind, RegStatus};
use chrono::NaiveDate;
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
    pub(super) fn is_minor(&self) -> bool {
        match self.kind {
            PenaltyKind::Warning => true,
            PenaltyKind::Fine => self.fine.unwrap_or(Fen(0)) < LARGE_FINE,
            _ => false,
        }
    }
    /// 限期停止活动, a fine ≥ ¥50,000, 撤销/吊销: 第十四条第（三）（四）（七）项.
    pub(super) fn is_serious(&self) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

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
