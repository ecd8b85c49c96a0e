//! A step of a case by an official: the procedure (`case_rules::check_step`), the
//! jurisdiction and the role, then one transaction for the step, its event and audit row and,
//! at 处罚决定, the penalty in the credit records; the list rules (民政部令第60号: 异常 and 严重
//! grounds) then run for the organization at once, as after a penalty entered by hand, since
//! information must enter within 5 working days (the 办法; article number unverified).

use crate::AppState;
use crate::auth::Official;
use crate::credit::run_for;
use crate::enforcement::may_act;
use crate::error::ApiError;
use gongyi_store::StoreError;
use gongyi_store::credit::NewPenalty;
use gongyi_store::enforcement::cases::CaseRow;
use gongyi_types::DivisionCode;
use gongyi_types::ErrorCode;
use gongyi_types::enforcement::case_rules::{CaseState, check_step};

/// The division a stored case is routed to.
pub fn case_division(case: &CaseRow) -> Result<DivisionCode, ApiError> {
    DivisionCode::parse(&case.division).map_err(ApiError::internal)
}

/// Takes the step; returns a message for the official.
pub async fn step(
    state: &AppState,
    official: &Official,
    case: &CaseRow,
    to: CaseState,
    reason: &str,
    penalty: Option<&NewPenalty>,
) -> Result<String, ApiError> {
    may_act(official, case_division(case)?)?;
    let reason =
        check_step(case.state, to, reason).map_err(|e| ApiError::new(e.code(), e.to_string()))?;
    if to == CaseState::Penalty && penalty.is_none() {
        return Err(ApiError::new(
            ErrorCode::PenaltyRequired,
            "作出处罚决定时须填写处罚决定书文号、事由、依据、结果和日期",
        ));
    }
    if to == CaseState::Penalty && case.uscc.is_none() {
        return Err(ApiError::new(
            ErrorCode::CaseOrgUnknown,
            "该案件未关联已登记的社会组织，不能录入行政处罚（非法社会组织应依法取缔）",
        ));
    }
    let penalty = penalty.filter(|_| to == CaseState::Penalty);
    let reason = match penalty {
        Some(p) => format!("{reason}（行政处罚决定书 {}：{}）", p.doc_no, p.result),
        None => reason,
    };
    let (actor, at) = (official.actor(), state.now_str());
    state
        .store
        .case_step(case, to, &reason, penalty, &actor, &at)
        .await
        .map_err(|e| match e {
            StoreError::Conflict(m) => ApiError::new(ErrorCode::CaseStateChanged, m),
            e => e.into(),
        })?;
    let mut msg = format!("案件 {} 已转为“{}”。", case.case_no, to.label());
    if let (Some(_), Some(uscc)) = (penalty, &case.uscc) {
        let actions = run_for(
            &state.store,
            crate::credit::Views::of(state),
            &state.config.credit_policy,
            uscc,
            state.clock.today(),
            &actor,
            &at,
        )
        .await?;
        let listed = actions
            .iter()
            .filter(|a| matches!(a, gongyi_types::credit::CreditAction::List { .. }))
            .count();
        msg.push_str("行政处罚已记入信用信息。");
        if listed > 0 {
            msg.push_str(&format!("依民政部令第60号列入名录 {listed} 条。"));
        }
    }
    Ok(msg)
}
