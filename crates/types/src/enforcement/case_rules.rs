//! Enforcement cases (执法监察) as a pure state machine: a clue (线索) from a complaint or an
//! inspection is either filed (立案) or not (不予立案); a filed case is investigated (调查)
//! and ends in a penalty decision (处罚决定) or is withdrawn (撤案); both are then closed
//! (结案). Every step carries a reason, because 《行政处罚法》(2021) 第五十四条 to 第六十五条
//! ask that filing, investigation and decision be recorded, and the reporter is told the outcome.
//!
//! A step is checked here before any write: the store applies only the steps [`check_step`]
//! allows, so no case skips from a clue to a penalty.

use serde::{Deserialize, Serialize};

/// Where a case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseState {
    /// 线索: received (a complaint, an inspection finding), not yet decided on.
    Clue,
    /// 立案: the authority opened proceedings.
    Filed,
    /// 不予立案: no proceedings (final; the reason is told to the reporter).
    NotFiled,
    /// 调查: investigation and evidence.
    Investigating,
    /// 处罚决定: a penalty decision was made (it enters the credit records).
    Penalty,
    /// 撤案: proceedings dropped (no violation, or transferred elsewhere).
    Withdrawn,
    /// 结案: closed after a decision or a withdrawal.
    Closed,
}

/// Every state, in the order of the procedure.
pub const ALL_STATES: [CaseState; 7] = [
    CaseState::Clue,
    CaseState::Filed,
    CaseState::NotFiled,
    CaseState::Investigating,
    CaseState::Penalty,
    CaseState::Withdrawn,
    CaseState::Closed,
];

impl CaseState {
    pub fn code(self) -> &'static str {
        match self {
            Self::Clue => "clue",
            Self::Filed => "filed",
            Self::NotFiled => "not_filed",
            Self::Investigating => "investigating",
            Self::Penalty => "penalty",
            Self::Withdrawn => "withdrawn",
            Self::Closed => "closed",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Clue => "线索",
            Self::Filed => "立案",
            Self::NotFiled => "不予立案",
            Self::Investigating => "调查",
            Self::Penalty => "处罚决定",
            Self::Withdrawn => "撤案",
            Self::Closed => "结案",
        }
    }
    /// The state as the reporter reads it, in plain words rather than the procedure's terms
    /// (a citizen does not know what a 线索 is): 已收到并转交, 已立案调查, 已办结 ….
    pub fn public_label(self) -> &'static str {
        match self {
            Self::Clue => "已收到，已转交登记管理机关",
            Self::Filed | Self::Investigating => "已立案调查",
            Self::NotFiled => "已办结（不予立案）",
            Self::Penalty => "已作出处理决定",
            Self::Withdrawn => "已办结（撤销立案）",
            Self::Closed => "已办结",
        }
    }
    /// The label of the button that takes a case into this state.
    pub fn action_label(self) -> &'static str {
        match self {
            Self::Clue => "登记线索",
            Self::Filed => "立案",
            Self::NotFiled => "不予立案",
            Self::Investigating => "开始调查",
            Self::Penalty => "作出处罚决定",
            Self::Withdrawn => "撤案",
            Self::Closed => "结案",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        ALL_STATES.into_iter().find(|c| c.code() == s)
    }
    /// The states one step can lead to.
    pub fn next(self) -> &'static [CaseState] {
        use CaseState::*;
        match self {
            Clue => &[Filed, NotFiled],
            Filed => &[Investigating, Withdrawn],
            Investigating => &[Penalty, Withdrawn],
            Penalty | Withdrawn => &[Closed],
            NotFiled | Closed => &[],
        }
    }
    /// A final state: nothing follows; the case counts as closed.
    pub fn is_final(self) -> bool {
        self.next().is_empty()
    }
    /// A step whose reason is the outcome the reporter is told.
    pub fn is_outcome(self) -> bool {
        matches!(
            self,
            Self::NotFiled | Self::Penalty | Self::Withdrawn | Self::Closed
        )
    }
}

/// Why a step is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StepError {
    #[error("案件处于“{}”，不能转为“{}”", .from.label(), .to.label())]
    NotAllowed { from: CaseState, to: CaseState },
    #[error("请填写理由（2至2000个字符）")]
    Reason,
}

impl StepError {
    pub fn code(&self) -> crate::ErrorCode {
        match self {
            Self::NotAllowed { .. } => crate::ErrorCode::CaseStepNotAllowed,
            Self::Reason => crate::ErrorCode::CaseReasonRequired,
        }
    }
}

pub const MIN_REASON_CHARS: usize = 2;
pub const MAX_REASON_CHARS: usize = 2000;

/// Checks one step and returns the trimmed reason.
pub fn check_step(from: CaseState, to: CaseState, reason: &str) -> Result<String, StepError> {
    if !from.next().contains(&to) {
        return Err(StepError::NotAllowed { from, to });
    }
    let reason = reason.trim();
    let n = reason.chars().count();
    if !(MIN_REASON_CHARS..=MAX_REASON_CHARS).contains(&n) {
        return Err(StepError::Reason);
    }
    Ok(reason.to_string())
}

#[cfg(test)]
mod tests {
    use super::CaseState::*;
    use super::*;

    #[test]
    fn the_procedure_and_only_it() {
        assert!(check_step(Clue, Filed, "线索属实").is_ok());
        assert!(check_step(Clue, NotFiled, "不属于管辖范围").is_ok());
        assert!(check_step(Filed, Investigating, "调取账册").is_ok());
        assert!(check_step(Investigating, Penalty, "违法事实清楚").is_ok());
        assert!(check_step(Investigating, Withdrawn, "未发现违法").is_ok());
        assert!(check_step(Penalty, Closed, "处罚已执行").is_ok());
        assert!(check_step(Withdrawn, Closed, "撤案").is_ok());
        assert_eq!(
            check_step(Clue, Penalty, "跳过调查").unwrap_err().code(),
            "case_step_not_allowed"
        );
        assert_eq!(
            check_step(Closed, Clue, "重开").unwrap_err().code(),
            "case_step_not_allowed"
        );
        assert_eq!(
            check_step(Clue, Filed, "  ").unwrap_err().code(),
            "case_reason_required"
        );
        assert!(NotFiled.is_final() && Closed.is_final() && !Penalty.is_final());
    }

    #[test]
    fn codes_round_trip() {
        for s in ALL_STATES {
            assert_eq!(CaseState::parse(s.code()), Some(s));
        }
        assert_eq!(CaseState::parse("bogus"), None);
    }
}
