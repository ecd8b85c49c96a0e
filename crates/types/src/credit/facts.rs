//! What the list rules of 民政部令第60号 read and write: an organization's facts — kind and
//! registration, filed annual reports (第七条: 年报信息), list entries with their [`Trigger`],
//! penalties (第七条: 行政处罚信息) with the kind that decides their list consequence (异常 item
//! (五); 严重 items (二)(三)(四)(五)(七)) — and the [`CreditAction`]s the rules return.

use crate::{Fen, ListKind, OrgKind, RegStatus};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A fine from this amount up is a serious-list trigger (严重 item (四), "5万元以上": 以上
/// includes the amount itself, 《民法典》第一千二百五十九条): ¥50,000.
pub const LARGE_FINE: Fen = Fen(5_000_000);

/// 行政处罚的种类（按列入名录规则所需区分）。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PenaltyKind {
    /// 警告。
    Warning,
    /// 罚款（金额见 [`PenaltyFact::fine`]）。
    Fine,
    /// 限期停止活动。
    Suspension,
    /// 吊销登记证书 / 撤销成（设）立登记（由登记管理机关作出时，适用严重违法失信名单第（七）项）。
    Revocation,
    /// 撤销变更登记：以欺诈手段取得的变更登记被撤销（严重违法失信名单第（二）项）。与第（七）项不同，
    /// 该组织的登记仍然有效，移出名单的方式与其他情形相同（依申请）。
    ChangeRevoked,
    /// 其他处罚（没收违法所得等）：予以记录，本身不导致列入名录。
    Other,
}

impl PenaltyKind {
    /// Infers the kind from a decision's 结果 text and fine (rows recorded before kinds were
    /// stored, and imported decisions): the heaviest sanction named wins. Only the revocation of
    /// the registration itself is item (七) — "吊销登记证书", "撤销成立登记", "撤销设立登记",
    /// "撤销登记" — not any "撤销": 撤销变更登记 is item (二), and 撤销 or 吊销 of anything else (a
    /// 评估等级, a 办学许可证 by another department) has no list consequence of its own.
    pub fn infer(result: &str, fine: Option<Fen>) -> Self {
        let t: String = result.chars().filter(|c| !c.is_whitespace()).collect();
        if t.contains("撤销变更登记") {
            Self::ChangeRevoked
        } else if t.contains("吊销登记证")
            || t.contains("撤销成立登记")
            || t.contains("撤销设立登记")
            || t.contains("撤销成（设）立登记")
            || t.contains("撤销成(设)立登记")
            || t.contains("撤销登记")
            || t.contains("撤销其登记")
        {
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
    /// Decided by a civil-affairs registration authority (the organization's own, or any
    /// 民政 department): items (二) and (七) name decisions only the registration authority makes.
    pub by_registrar: bool,
}

impl PenaltyFact {
    /// A warning or a fine under ¥50,000 ("不满5万元": the amount itself excluded), by any
    /// department: 异常 item (五), and counted by 严重 item (五).
    pub(super) fn is_minor(&self) -> bool {
        match self.kind {
            PenaltyKind::Warning => true,
            PenaltyKind::Fine => self.fine.unwrap_or(Fen(0)) < LARGE_FINE,
            _ => false,
        }
    }
    /// 撤销变更登记, 限期停止活动, a fine ≥ ¥50,000, 吊销/撤销登记: 严重 items (二)(三)(四)(七).
    pub(super) fn is_serious(&self) -> bool {
        match self.kind {
            PenaltyKind::Suspension => true,
            PenaltyKind::Revocation | PenaltyKind::ChangeRevoked => self.by_registrar,
            PenaltyKind::Fine => self.fine.unwrap_or(Fen(0)) >= LARGE_FINE,
            _ => false,
        }
    }
}

/// Why an entry was listed; stored as [`Trigger::code`] so the job recognizes its own entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trigger {
    /// The annual report of this year was not filed by its deadline (异常 item (一)).
    AnnualReport(i32),
    /// A penalty (by id) that lists by itself (异常 item (五); 严重 items (二)(三)(四)(七)).
    Penalty(i64),
    /// The second (or later) minor penalty within 3 years, by the id of the latest (严重 item (五)).
    RepeatedPenalties(i64),
    /// 2 years on 活动异常名录, by the id of that entry (严重 item (一)).
    AbnormalTwoYears(i64),
    /// On the courts' 失信被执行人 list, by the id of that court listing (严重 item (六)).
    CourtDishonest(i64),
    /// A 整改通知 (by id) not complied with by its deadline (异常 item (三)).
    Rectification(i64),
    /// Two 专用信函 to the registered address came back unsigned, by the id of the second
    /// (异常 item (六): 通过登记的住所无法与社会组织取得联系).
    Unreachable(i64),
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
            Self::CourtDishonest(id) => format!("court_dishonest:{id}"),
            Self::Rectification(id) => format!("rectification:{id}"),
            Self::Unreachable(id) => format!("unreachable:{id}"),
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
            ("court_dishonest", Some(id)) => Self::CourtDishonest(id),
            ("rectification", Some(id)) => Self::Rectification(id),
            ("unreachable", Some(id)) => Self::Unreachable(id),
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

/// One 失信被执行人 listing by a court, as imported (严重 item (六)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourtListingFact {
    pub id: i64,
    /// 执行案号.
    pub case_no: String,
    /// 执行法院.
    pub court: String,
    pub published_on: NaiveDate,
    /// The court removed it before the rules listed the organization.
    pub removed_on: Option<NaiveDate>,
}

/// A 整改通知: the registration authority found a problem in an inspection (抽查和其他监督检查)
/// and ordered it put right by a deadline (限期整改) — the fact of 异常 item (三).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RectificationFact {
    pub id: i64,
    /// 整改通知书文号.
    pub doc_no: String,
    /// The last day to complete it.
    pub deadline: NaiveDate,
    /// The day the authority recorded it completed (查实), if it has.
    pub completed_on: Option<NaiveDate>,
}

/// A 专用信函 mailed to the registered address, with what became of it — the fact of 异常
/// item (六): two letters unsigned (无人签收) mean the organization cannot be reached there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterFact {
    pub id: i64,
    pub sent_on: NaiveDate,
    /// Came back unsigned (true) or was signed for (false).
    pub returned: bool,
}

/// Settings of the list rules whose legal text is not verified: each is configurable (`serve`
/// and `jobs run` take `--letter-interval-days`), with the value of the text that was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CreditPolicy {
    /// The days (least, most) between the two mailings of 异常 item (六): "两次邮寄间隔时间不少于20
    /// 日，不超过60日" in the 2017 draft of the 办法 (`shared/reviews/credit-rules.md`); the
    /// final text was not seen.
    pub letter_interval_days: (i64, i64),
}

impl Default for CreditPolicy {
    fn default() -> Self {
        Self {
            letter_interval_days: (20, 60),
        }
    }
}

impl CreditPolicy {
    /// Parses `MIN-MAX` days (`20-60`).
    pub fn parse_interval(s: &str) -> Result<(i64, i64), String> {
        let bad = || format!("“{s}”应为两个天数，如 20-60（最少-最多，最少不大于最多）");
        let (a, b) = s.split_once('-').ok_or_else(bad)?;
        let (a, b) = (
            a.trim().parse::<i64>().map_err(|_| bad())?,
            b.trim().parse::<i64>().map_err(|_| bad())?,
        );
        if a < 1 || a > b {
            return Err(bad());
        }
        Ok((a, b))
    }
}

/// Everything the rules read about one organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditFacts {
    /// Decides the annual-report deadline (foundations 31 March, others 31 May).
    pub kind: OrgKind,
    pub status: RegStatus,
    pub founded: NaiveDate,
    /// Years whose annual report has been filed.
    pub reports_filed: Vec<i32>,
    pub entries: Vec<EntryFact>,
    pub penalties: Vec<PenaltyFact>,
    /// The courts' 失信被执行人 listings of the organization.
    pub court_listings: Vec<CourtListingFact>,
    /// 整改通知 issued to it.
    pub rectifications: Vec<RectificationFact>,
    /// 专用信函 mailed to its registered address.
    pub letters: Vec<LetterFact>,
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
            Trigger::CourtDishonest(6),
            Trigger::Rectification(7),
            Trigger::Unreachable(8),
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
        for t in [
            "撤销登记",
            "吊销登记证书",
            "撤销成（设）立登记",
            "决定撤销其登记",
        ] {
            assert_eq!(PenaltyKind::infer(t, None), PenaltyKind::Revocation, "{t}");
        }
        // 撤销变更登记 is item (二), not (七); other 撤销/吊销 have no list consequence.
        assert_eq!(
            PenaltyKind::infer("撤销变更登记", None),
            PenaltyKind::ChangeRevoked
        );
        for t in ["撤销其3A级评估等级", "吊销办学许可证"] {
            assert_eq!(PenaltyKind::infer(t, None), PenaltyKind::Other, "{t}");
        }
    }
}
