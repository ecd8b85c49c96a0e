//! Online administrative services (一网通办): the six services, the states of an application
//! and the state machine that says who may move it where, and the statutory time limits.
//!
//! The states follow the procedure of 《行政许可法》第三十二条 (受理, 不予受理, 一次告知补正) and
//! 第三十四条–第三十八条 (审查, 准予 / 不予, with reasons): 草稿 → 已提交 → 已受理 / 不予受理
//! (→ 需补正 → 已补正 →) → 审查中 → 准予 / 不予.

use crate::org::{UnknownCode, code_enum};
use serde::{Deserialize, Serialize};

code_enum!(
    /// 办理事项.
    ServiceKind, "办理事项" {
        Establish = "establish", "成立登记";
        Change = "change", "变更登记";
        Deregister = "deregister", "注销登记";
        AnnualReport = "annual_report", "年度报告";
        Evaluation = "evaluation", "评估申请";
        Fundraising = "fundraising", "公开募捐资格申请";
        CreditRemoval = "credit_removal", "移出严重违法失信名单申请";
    }
);

impl ServiceKind {
    /// Whether the public (a person's account) applies; every other service is applied for by
    /// a registered organization's account.
    pub fn for_public(self) -> bool {
        self == ServiceKind::Establish
    }

    /// The time limit for the decision, in working days from 受理 (《行政许可法》第八十二条
    /// counts licence time limits in working days):
    /// - 成立登记 60: 《社会团体登记管理条例》第十二条 (decide within 60 days of receiving all
    ///   valid documents; the same for 社会服务机构 and 基金会 under their regulations);
    /// - 变更登记 30, 注销登记 30: the same 条例 (第二十条, 第二十一条) and its counterparts;
    /// - 公开募捐资格 20: 《慈善组织公开募捐管理办法》第七条 (20 days of 受理);
    /// - 年度报告 20 and 评估 60: no single statutory number; plausible values chosen here
    ///   (年检 practice is a review within a month, 评估 runs through an 评估委员会);
    /// - 移出严重违法失信名单 20: the 办法 says the organization may apply ("方可申请移出") but
    ///   no time limit for the decision was found in the texts read (the draft gave 5 working
    ///   days of 查实 for the 异常 list); 20 working days is chosen here, not a statutory figure.
    pub fn decision_days(self) -> u32 {
        match self {
            ServiceKind::Establish => 60,
            ServiceKind::Change | ServiceKind::Deregister => 30,
            ServiceKind::AnnualReport | ServiceKind::Fundraising | ServiceKind::CreditRemoval => 20,
            ServiceKind::Evaluation => 60,
        }
    }
}

/// 受理 or not within 5 working days of receiving an application (《行政许可法》第三十二条).
pub const ACCEPT_DAYS: u32 = 5;

code_enum!(
    /// The state of an application.
    ApplicationState, "办理状态" {
        Draft = "draft", "草稿";
        Submitted = "submitted", "已提交";
        Accepted = "accepted", "已受理";
        NotAccepted = "not_accepted", "不予受理";
        NeedsCorrection = "needs_correction", "需补正";
        Corrected = "corrected", "已补正";
        UnderReview = "under_review", "审查中";
        Approved = "approved", "准予";
        Denied = "denied", "不予";
    }
);

impl ServiceKind {
    /// What 准予 and 不予 mean for this service, as the applicant reads the outcome: a 年度报告
    /// is 年检合格 / 年检不合格 (《社会团体登记管理条例》第二十八条: the registrar's annual
    /// inspection), a registration 准予登记 / 不予登记 — never a bare 准予.
    pub fn outcome_labels(self) -> (&'static str, &'static str) {
        match self {
            ServiceKind::Establish => ("准予成立登记", "不予成立登记"),
            ServiceKind::Change => ("准予变更登记", "不予变更登记"),
            ServiceKind::Deregister => ("准予注销登记", "不予注销登记"),
            ServiceKind::AnnualReport => ("年检合格", "年检不合格"),
            ServiceKind::Evaluation => ("评定等级", "不予评定等级"),
            ServiceKind::Fundraising => ("准予公开募捐资格", "不予公开募捐资格"),
            ServiceKind::CreditRemoval => ("准予移出", "不予移出"),
        }
    }
}

impl ApplicationState {
    /// The state's label for an application of `kind` (the outcomes in that service's words).
    pub fn label_in(self, kind: ServiceKind) -> &'static str {
        match self {
            ApplicationState::Approved => kind.outcome_labels().0,
            ApplicationState::Denied => kind.outcome_labels().1,
            s => s.label(),
        }
    }
    /// A final state: nothing moves it any more.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            ApplicationState::NotAccepted | ApplicationState::Approved | ApplicationState::Denied
        )
    }
    /// Whether the authority's clock runs (the applicant's turn stops it: 补正 time is not
    /// counted, 《行政许可法》第四十五条).
    pub fn authority_pending(self) -> bool {
        matches!(
            self,
            ApplicationState::Submitted
                | ApplicationState::Corrected
                | ApplicationState::Accepted
                | ApplicationState::UnderReview
        )
    }
}

code_enum!(
    /// A step someone takes on an application.
    AppAction, "办理操作" {
        Submit = "submit", "提交申请";
        Accept = "accept", "受理";
        RefuseIntake = "refuse_intake", "不予受理";
        RequestCorrection = "request_correction", "一次性告知补正";
        Correct = "correct", "提交补正材料";
        StartReview = "start_review", "开始审查";
        Approve = "approve", "准予";
        Deny = "deny", "不予";
    }
);

impl AppAction {
    /// The step's label for an application of `kind` (the decisions in that service's words).
    pub fn label_in(self, kind: ServiceKind) -> &'static str {
        match self {
            AppAction::Approve => kind.outcome_labels().0,
            AppAction::Deny => kind.outcome_labels().1,
            a => a.label(),
        }
    }
}

/// Who takes a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Applicant,
    Official,
}

/// Why a step is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("当前状态“{from}”下不能执行“{action}”")]
    NotAllowed {
        from: ApplicationState,
        action: AppAction,
    },
    #[error("“{action}”只能由{who}执行")]
    WrongActor {
        action: AppAction,
        who: &'static str,
    },
    #[error("“{0}”须说明理由")]
    ReasonRequired(AppAction),
}

impl TransitionError {
    pub fn code(&self) -> crate::ErrorCode {
        match self {
            TransitionError::NotAllowed { .. } => crate::ErrorCode::TransitionNotAllowed,
            TransitionError::WrongActor { .. } => crate::ErrorCode::ActorNotAllowed,
            TransitionError::ReasonRequired(_) => crate::ErrorCode::ReasonRequired,
        }
    }
}

impl AppAction {
    /// Who may take this step.
    pub fn actor(self) -> Actor {
        match self {
            AppAction::Submit | AppAction::Correct => Actor::Applicant,
            _ => Actor::Official,
        }
    }
    /// Whether the step must give a reason: every official's decision is reasoned
    /// (《行政许可法》第三十二条, 第三十八条 require written reasons for refusals; the platform
    /// asks for one for every official step so the applicant always sees why).
    pub fn needs_reason(self) -> bool {
        self.actor() == Actor::Official
    }
}

/// The state machine: where `action` by `who` takes an application in state `from`.
pub fn transition(
    from: ApplicationState,
    action: AppAction,
    who: Actor,
    reason: &str,
) -> Result<ApplicationState, TransitionError> {
    use AppAction as A;
    use ApplicationState as S;
    if action.actor() != who {
        return Err(TransitionError::WrongActor {
            action,
            who: match action.actor() {
                Actor::Applicant => "申请人",
                Actor::Official => "登记管理机关工作人员",
            },
        });
    }
    let to = match (from, action) {
        (S::Draft, A::Submit) => S::Submitted,
        (S::Submitted | S::Corrected, A::Accept) => S::Accepted,
        (S::Submitted | S::Corrected, A::RefuseIntake) => S::NotAccepted,
        (S::Submitted | S::Corrected | S::UnderReview, A::RequestCorrection) => S::NeedsCorrection,
        (S::NeedsCorrection, A::Correct) => S::Corrected,
        (S::Accepted, A::StartReview) => S::UnderReview,
        (S::UnderReview, A::Approve) => S::Approved,
        (S::UnderReview, A::Deny) => S::Denied,
        _ => return Err(TransitionError::NotAllowed { from, action }),
    };
    if action.needs_reason() && reason.trim().is_empty() {
        return Err(TransitionError::ReasonRequired(action));
    }
    Ok(to)
}

/// The steps an official may take from `from` (for the decision buttons).
pub fn official_actions(from: ApplicationState) -> Vec<AppAction> {
    AppAction::ALL
        .iter()
        .copied()
        .filter(|a| transition(from, *a, Actor::Official, "x").is_ok())
        .collect()
}

/// The time limit a state starts, in working days from the day it is entered: 5 to decide on
/// 受理 (from 已提交 or 已补正), the service's decision limit from 已受理; none while the
/// applicant has the turn or when the matter is closed.
pub fn deadline_days(kind: ServiceKind, state: ApplicationState) -> Option<u32> {
    match state {
        ApplicationState::Submitted | ApplicationState::Corrected => Some(ACCEPT_DAYS),
        ApplicationState::Accepted => Some(kind.decision_days()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use AppAction as A;
    use ApplicationState as S;

    #[test]
    fn the_happy_path_and_the_correction_loop() {
        let o = Actor::Official;
        let mut s = transition(S::Draft, A::Submit, Actor::Applicant, "").unwrap_or(S::Draft);
        assert_eq!(s, S::Submitted);
        s = transition(s, A::RequestCorrection, o, "缺章程").unwrap_or(s);
        assert_eq!(s, S::NeedsCorrection);
        s = transition(s, A::Correct, Actor::Applicant, "").unwrap_or(s);
        assert_eq!(s, S::Corrected);
        s = transition(s, A::Accept, o, "材料齐全").unwrap_or(s);
        assert_eq!(s, S::Accepted);
        s = transition(s, A::StartReview, o, "开始审查").unwrap_or(s);
        assert_eq!(s, S::UnderReview);
        s = transition(s, A::Approve, o, "符合条件").unwrap_or(s);
        assert_eq!(s, S::Approved);
        assert!(s.is_final());
    }

    #[test]
    fn wrong_actor_wrong_state_and_missing_reason_are_refused() {
        let e = |r: Result<ApplicationState, TransitionError>| r.err().map(|e| e.code().as_str());
        assert_eq!(
            e(transition(S::Submitted, A::Accept, Actor::Applicant, "x")),
            Some("actor_not_allowed")
        );
        assert_eq!(
            e(transition(S::Draft, A::Submit, Actor::Official, "x")),
            Some("actor_not_allowed")
        );
        assert_eq!(
            e(transition(S::Draft, A::Approve, Actor::Official, "x")),
            Some("transition_not_allowed")
        );
        assert_eq!(
            e(transition(S::Approved, A::Deny, Actor::Official, "x")),
            Some("transition_not_allowed")
        );
        assert_eq!(
            e(transition(
                S::Submitted,
                A::RefuseIntake,
                Actor::Official,
                "  "
            )),
            Some("reason_required")
        );
        assert_eq!(
            official_actions(S::Submitted),
            vec![A::Accept, A::RefuseIntake, A::RequestCorrection]
        );
        assert!(official_actions(S::Approved).is_empty());
    }

    #[test]
    fn time_limits() {
        assert_eq!(
            deadline_days(ServiceKind::Establish, S::Submitted),
            Some(ACCEPT_DAYS)
        );
        assert_eq!(deadline_days(ServiceKind::Establish, S::Accepted), Some(60));
        assert_eq!(
            deadline_days(ServiceKind::Fundraising, S::Accepted),
            Some(20)
        );
        assert_eq!(deadline_days(ServiceKind::Change, S::NeedsCorrection), None);
        assert!(ServiceKind::Establish.for_public());
        assert!(!ServiceKind::AnnualReport.for_public());
    }
}
