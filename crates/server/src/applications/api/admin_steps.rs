//! `POST /api/v1/admin/applications/{id}/steps` — an official's step named by the state it
//! leads to, and `POST /api/v1/admin/applications/batch` — 受理 or 准予 of several annual
//! reports with one reason. Both go through `services::steps` as the pages do (jurisdiction,
//! state machine, registry write on 准予 in the step's transaction).
//!
//! A client names the target state rather than the action because that is what a partner's
//! portal shows; the action is the one step of the state machine from the current state to it.
//! Sending the state it saw in `from` makes a concurrent change a 409 `state_changed` instead of
//! a step taken on a state the client never looked at.

use crate::AppState;
use crate::applications::api::mine::detail;
use crate::applications::api::model::ApplicationDetail;
use crate::applications::api::write_model::{BatchFailure, BatchRequest, BatchResult, StepRequest};
use crate::applications::steps::{batch_annual_reports, batch_target, may_see, official_step};
use crate::error::{ApiError, ErrorBody};
use crate::web::write_auth::{JsonBody, OfficialWrite};
use axum::Json;
use axum::extract::{Path, State};
use gongyi_types::ErrorCode;
use gongyi_types::applications::{
    Actor, AppAction, ApplicationState as S, official_actions, transition,
};

fn state_changed(msg: String) -> ApiError {
    ApiError::new(ErrorCode::StateChanged, msg)
}

/// The official's step from `from` to `to`, if the state machine has one.
fn action_to(from: S, to: S) -> Option<AppAction> {
    official_actions(from)
        .into_iter()
        .find(|a| transition(from, *a, Actor::Official, "x") == Ok(to))
}

#[utoipa::path(
    post,
    operation_id = "take_application_step",
    path = "/api/v1/admin/applications/{id}/steps",
    tag = "services",
    summary = "办理一步（受理、不予受理、告知补正、开始审查、准予、不予）",
    description = "以工作人员会话 Cookie gongyi_session 调用，请求头 X-CSRF-Token 携带会话的 CSRF 令牌（GET /api/v1/admin/session）。to 为目标状态，每一步须说明理由（申请人可见）；from 为客户端看到的状态，不一致时 409 state_changed。准予时写入法人库。",
    params(("id" = i64, Path, description = "申请的内部编号")),
    request_body = StepRequest,
    responses(
        (status = 200, description = "办理后的申请", body = ApplicationDetail),
        (status = 400, description = "请求体或状态代码无效（invalid_json、invalid_state）", body = ErrorBody),
        (status = 401, description = "未登录", body = ErrorBody),
        (status = 403, description = "缺少或错误的 CSRF 令牌（csrf_header_missing、csrf_failed）、不在管辖范围（outside_jurisdiction）或只读账号（role_forbidden）", body = ErrorBody),
        (status = 404, description = "没有这个申请", body = ErrorBody),
        (status = 409, description = "状态已变（state_changed），或当前状态不能到达目标状态（transition_not_allowed）", body = ErrorBody),
        (status = 422, description = "未说明理由（reason_required），或准予时不再符合条件（如 fundraising_too_early、grade_invalid）", body = ErrorBody),
    )
)]
pub async fn step(
    State(state): State<AppState>,
    OfficialWrite(s): OfficialWrite,
    Path(id): Path<i64>,
    JsonBody(req): JsonBody<StepRequest>,
) -> Result<Json<ApplicationDetail>, ApiError> {
    let parse = |v: &str| {
        S::parse(v.trim()).map_err(|e| ApiError::new(ErrorCode::InvalidState, e.to_string()))
    };
    let to = parse(&req.to)?;
    let expected = req.from.as_deref().map(parse).transpose()?;
    let app = crate::applications::load(&state, id).await?;
    // The jurisdiction first: outside it, nothing about the state is disclosed.
    may_see(&s.official, &app)?;
    if let Some(f) = expected.filter(|f| *f != app.state) {
        return Err(state_changed(format!(
            "申请 {} 的状态已由“{}”变为“{}”，请刷新后重试",
            app.number,
            f.label(),
            app.state.label()
        )));
    }
    let Some(action) = action_to(app.state, to) else {
        return Err(ApiError::new(
            ErrorCode::TransitionNotAllowed,
            format!(
                "申请处于“{}”状态，不能办理为“{}”",
                app.state.label(),
                to.label()
            ),
        ));
    };
    let after = official_step(
        &state,
        &s.official,
        &app,
        action,
        &req.reason,
        req.choice.as_deref(),
    )
    .await?;
    Ok(Json(detail(&state, &after).await?))
}

#[utoipa::path(
    post,
    operation_id = "batch_application_steps",
    path = "/api/v1/admin/applications/batch",
    tag = "services",
    summary = "年度报告批量受理或准予",
    description = "会话 Cookie gongyi_session 与请求头 X-CSRF-Token。target 为 accepted 或 approved；每件年度报告按需依次受理、开始审查、准予，每步单独成事务并留痕；不能办理的逐件列出。",
    request_body = BatchRequest,
    responses(
        (status = 200, description = "完成的件数与未能办理的申请及原因", body = BatchResult),
        (status = 400, description = "请求体无效（invalid_json）、目标无效（invalid_target）或未选择（nothing_selected）", body = ErrorBody),
        (status = 401, description = "未登录", body = ErrorBody),
        (status = 403, description = "缺少或错误的 CSRF 令牌", body = ErrorBody),
        (status = 404, description = "某个申请不存在", body = ErrorBody),
        (status = 422, description = "未说明理由（reason_required）", body = ErrorBody),
    )
)]
pub async fn batch(
    State(state): State<AppState>,
    OfficialWrite(s): OfficialWrite,
    JsonBody(req): JsonBody<BatchRequest>,
) -> Result<Json<BatchResult>, ApiError> {
    let target = batch_target(&req.target)?;
    let failed = batch_annual_reports(&state, &s.official, &req.ids, target, &req.reason).await?;
    Ok(Json(BatchResult {
        done: req.ids.len() - failed.len(),
        failed: failed
            .into_iter()
            .map(|(number, error)| BatchFailure { number, error })
            .collect(),
    }))
}

#[cfg(test)]
mod tests {
    use super::action_to;
    use gongyi_types::applications::{AppAction as A, ApplicationState as S};

    #[test]
    fn a_target_state_names_the_one_official_step_to_it() {
        assert_eq!(action_to(S::Submitted, S::Accepted), Some(A::Accept));
        assert_eq!(
            action_to(S::Corrected, S::NotAccepted),
            Some(A::RefuseIntake)
        );
        assert_eq!(
            action_to(S::UnderReview, S::NeedsCorrection),
            Some(A::RequestCorrection)
        );
        assert_eq!(action_to(S::UnderReview, S::Approved), Some(A::Approve));
        // Not in one step, not an official's step, not from a final state.
        assert_eq!(action_to(S::Submitted, S::Approved), None);
        assert_eq!(action_to(S::NeedsCorrection, S::Corrected), None);
        assert_eq!(action_to(S::Approved, S::Denied), None);
    }
}
