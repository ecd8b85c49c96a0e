//! Steps of the procedure (state machine in `gongyi_types::services`): who may take each,
//! the time limit it starts (working days, `gongyi_types::working_days`), and — on approval —
//! the registry write, all in one transaction with the event and audit rows
//! (`Store::application_step`). After the commit the search index and the lookup table see the
//! registry change, as after an official's edit (`registry::edit_org`).

use crate::AppState;
use crate::auth::Official;
use crate::auth::applicant::Applicant;
use crate::auth::jurisdiction::Subject;
use crate::error::ApiError;
use crate::registry::projections::org_changed;
use gongyi_store::applications::{ApplicationRow, RegistryEffect, Step};
use gongyi_types::DivisionCode;
use gongyi_types::ErrorCode;
use gongyi_types::applications::{
    Actor, AppAction, ApplicationState as S, ServiceKind, TransitionError, deadline_days,
    transition,
};
use gongyi_types::working_days::add_working_days;

impl From<TransitionError> for ApiError {
    fn from(e: TransitionError) -> Self {
        ApiError::new(e.code(), e.to_string())
    }
}

fn deadline_after(
    app: &ApplicationRow,
    to: S,
    today: chrono::NaiveDate,
) -> Option<chrono::NaiveDate> {
    match deadline_days(app.kind, to) {
        Some(n) => Some(add_working_days(today, n)),
        // Review runs on the time limit 受理 started.
        None if to == S::UnderReview => app.deadline,
        None => None,
    }
}

/// Materials the 办事指南 marks as required and not yet uploaded, and for an annual report
/// the 年度工作报告 as a PDF.
async fn missing_materials(
    state: &AppState,
    app: &ApplicationRow,
) -> Result<Vec<String>, ApiError> {
    let have = state.store.application_attachments(app.id).await?;
    let mut missing = vec![];
    for m in app.kind.materials() {
        if !m.required {
            continue;
        }
        let m = &m.name;
        let pdf_needed = app.kind == ServiceKind::AnnualReport && *m == "年度工作报告";
        let ok = have
            .iter()
            .any(|a| a.material == *m && (!pdf_needed || a.meta.media_type == "application/pdf"));
        if !ok {
            missing.push(if pdf_needed {
                format!("{m}（PDF）")
            } else {
                (*m).to_string()
            });
        }
    }
    Ok(missing)
}

/// An applicant's step (提交, 提交补正材料) on their own application.
pub async fn applicant_step(
    state: &AppState,
    who: &Applicant,
    app: &ApplicationRow,
    action: AppAction,
    note: &str,
) -> Result<ApplicationRow, ApiError> {
    if app.account_id != who.id {
        return Err(super::materials::not_yours());
    }
    let to = transition(app.state, action, Actor::Applicant, note)?;
    let missing = missing_materials(state, app).await?;
    if !missing.is_empty() {
        return Err(ApiError::new(
            ErrorCode::MaterialsMissing,
            format!("请先上传必需的申请材料：{}", missing.join("、")),
        ));
    }
    let today = state.clock.today();
    let step = Step {
        from: app.state,
        to,
        action: action.code().to_string(),
        actor: who.actor(),
        actor_label: who.label(),
        reason: note.trim().to_string(),
        deadline: deadline_after(app, to, today),
        at: state.now_str(),
        today,
    };
    state
        .store
        .application_step(app.id, &step, None)
        .await
        .map_err(step_conflict)
}

/// A step someone else took first (the store's guarded update changed nothing): 409
/// `state_changed`, the code the JSON API documents, for pages and API alike.
fn step_conflict(e: gongyi_store::StoreError) -> ApiError {
    match e {
        gongyi_store::StoreError::Conflict(m) => ApiError::new(ErrorCode::StateChanged, m),
        e => e.into(),
    }
}

/// The jurisdiction rule for an application routed to `app.division`.
pub fn may_act(who: &Official, app: &ApplicationRow) -> Result<(), ApiError> {
    let d = DivisionCode::parse(&app.division).map_err(ApiError::internal)?;
    who.may_act_in(d, Subject::Application)
}

/// Whether an official may see an application (any role, within the jurisdiction; never a
/// draft, which is the applicant's alone).
pub fn may_see(who: &Official, app: &ApplicationRow) -> Result<(), ApiError> {
    let d = DivisionCode::parse(&app.division).map_err(ApiError::internal)?;
    who.may_read_in(d, Subject::Application)?;
    if app.state == S::Draft {
        return Err(ApiError::new(
            ErrorCode::OutsideJurisdiction,
            format!("该申请由{}受理，尚未提交", d.full_name()),
        ));
    }
    Ok(())
}

/// An official's step, with the registry write on 准予 (`choice`: see `effects::for_approval`).
pub async fn official_step(
    state: &AppState,
    who: &Official,
    app: &ApplicationRow,
    action: AppAction,
    reason: &str,
    choice: Option<&str>,
) -> Result<ApplicationRow, ApiError> {
    may_act(who, app)?;
    let to = transition(app.state, action, Actor::Official, reason)?;
    let today = state.clock.today();
    let annual = app.kind == ServiceKind::AnnualReport;
    let choice = choice.map(str::trim).filter(|c| !c.is_empty());
    // 年检: 准予 is 合格 or 基本合格, 不予 is 不合格 — and both record the 年检结论 (the
    // credit rules read it); the conclusion also heads the reason the applicant reads.
    if annual && to == S::Approved && choice == Some("unqualified") {
        return Err(ApiError::new(
            ErrorCode::InspectionResultInvalid,
            "年检不合格请选择“年检不合格”并写明理由；“年检合格”的结论为合格或基本合格",
        ));
    }
    let effect = if to == S::Approved {
        Some(super::effects::for_approval(state, app, choice, today).await?)
    } else if annual && to == S::Denied {
        Some(super::effects::for_approval(state, app, Some("unqualified"), today).await?)
    } else {
        None
    };
    let reason = match &effect {
        Some(RegistryEffect::AnnualReport { inspection, .. }) => {
            format!("年检结论：{}。{}", inspection.result.label(), reason.trim())
        }
        _ => reason.trim().to_string(),
    };
    let before = match &effect {
        Some(RegistryEffect::Update(o)) => state.store.org(o.uscc.as_str()).await?,
        _ => None,
    };
    let step = Step {
        from: app.state,
        to,
        action: action.code().to_string(),
        actor: who.actor(),
        actor_label: format!("{}（{}）", who.display_name, who.division.full_name()),
        reason,
        deadline: deadline_after(app, to, today),
        at: state.now_str(),
        today,
    };
    let after = state
        .store
        .application_step(app.id, &step, effect.as_ref())
        .await
        .map_err(step_conflict)?;
    match &effect {
        Some(RegistryEffect::Create(o)) => org_changed(state, None, o).await?,
        Some(RegistryEffect::Update(o)) => org_changed(state, before.as_ref(), o).await?,
        Some(RegistryEffect::CreditRemoval(c)) => {
            crate::registry::projections::credit_changed(state, std::slice::from_ref(c))?
        }
        _ => {}
    }
    Ok(after)
}

/// The target of a batch as a client names it: `accepted` (已受理) or `approved` (准予).
pub fn batch_target(raw: &str) -> Result<S, ApiError> {
    match raw.trim() {
        "accepted" => Ok(S::Accepted),
        "approved" => Ok(S::Approved),
        other => Err(ApiError::new(
            ErrorCode::InvalidTarget,
            format!("批量操作“{other}”无效，应为 accepted 或 approved"),
        )),
    }
}

/// A batch of annual reports taken to `target` (已受理 or 准予) with one reason: each moves
/// through the steps it needs (受理 → 开始审查 → 准予), each step its own transaction and
/// event; returns (number, error) of those that could not move.
pub async fn batch_annual_reports(
    state: &AppState,
    who: &Official,
    ids: &[i64],
    target: S,
    reason: &str,
) -> Result<Vec<(String, String)>, ApiError> {
    if ids.is_empty() {
        return Err(ApiError::new(
            ErrorCode::NothingSelected,
            "请至少选择一项年度报告",
        ));
    }
    if reason.trim().is_empty() {
        return Err(TransitionError::ReasonRequired(AppAction::Approve).into());
    }
    let mut failed = vec![];
    for id in ids {
        let mut app = super::load(state, *id).await?;
        if app.kind != ServiceKind::AnnualReport {
            failed.push((app.number.clone(), "不是年度报告".to_string()));
            continue;
        }
        loop {
            let action = match (app.state, target) {
                (s, t) if s == t => break,
                (S::Submitted | S::Corrected, _) => AppAction::Accept,
                (S::Accepted, S::Approved) => AppAction::StartReview,
                (S::UnderReview, S::Approved) => AppAction::Approve,
                (s, _) => {
                    failed.push((app.number.clone(), format!("状态为“{}”", s.label())));
                    break;
                }
            };
            match official_step(state, who, &app, action, reason, None).await {
                Ok(a) => app = a,
                Err(e) if e.status.is_client_error() => {
                    failed.push((app.number.clone(), e.message));
                    break;
                }
                Err(e) => return Err(e),
            }
        }
    }
    Ok(failed)
}
