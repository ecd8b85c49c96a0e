//! `POST /api/v1/my/applications/{id}/submit` and `…/resubmit` — the applicant's steps 提交申请
//! and 提交补正材料 through `services::steps::applicant_step`, as on the pages (required
//! materials checked first; the state machine says when).

use crate::AppState;
use crate::applications::api::mine::detail;
use crate::applications::api::model::ApplicationDetail;
use crate::applications::api::write_model::NoteRequest;
use crate::applications::steps::applicant_step;
use crate::auth::applicant::ApplicantSession;
use crate::error::{ApiError, ErrorBody};
use crate::web::write_auth::{ApplicantWrite, OptionalJsonBody};
use axum::Json;
use axum::extract::{Path, State};
use gongyi_types::applications::AppAction;

/// The body is optional: an empty one, or `null`, is no note.
async fn step(
    state: &AppState,
    s: ApplicantSession,
    id: i64,
    req: NoteRequest,
    action: AppAction,
) -> Result<Json<ApplicationDetail>, ApiError> {
    let app = crate::applications::own(state, &s.applicant, id).await?;
    let after = applicant_step(state, &s.applicant, &app, action, &req.note).await?;
    Ok(Json(detail(state, &after).await?))
}

#[utoipa::path(
    post,
    operation_id = "submit_application",
    path = "/api/v1/my/applications/{id}/submit",
    tag = "services",
    summary = "提交申请（草稿 → 已提交）",
    description = "会话 Cookie gongyi_session 与请求头 X-CSRF-Token。请求体可省略。",
    params(("id" = i64, Path, description = "申请的内部编号")),
    request_body(content = Option<NoteRequest>),
    responses(
        (status = 400, description = "编号不是有效的整数（invalid_request）", body = ErrorBody),
        (status = 200, description = "提交后的申请（办理时限开始计算）", body = ApplicationDetail),
        (status = 401, description = "未登录办事账号", body = ErrorBody),
        (status = 403, description = "缺少或错误的 CSRF 令牌", body = ErrorBody),
        (status = 404, description = "没有这个申请，或不是本账号的申请", body = ErrorBody),
        (status = 409, description = "当前状态不能提交（transition_not_allowed），或状态已变（conflict）", body = ErrorBody),
        (status = 422, description = "缺少必需的申请材料（materials_missing）", body = ErrorBody),
    )
)]
pub async fn submit(
    State(state): State<AppState>,
    ApplicantWrite(s): ApplicantWrite,
    Path(id): Path<i64>,
    OptionalJsonBody(req): OptionalJsonBody<NoteRequest>,
) -> Result<Json<ApplicationDetail>, ApiError> {
    step(&state, s, id, req, AppAction::Submit).await
}

#[utoipa::path(
    post,
    operation_id = "resubmit_application",
    path = "/api/v1/my/applications/{id}/resubmit",
    tag = "services",
    summary = "提交补正材料（需补正 → 已补正）",
    description = "会话 Cookie gongyi_session 与请求头 X-CSRF-Token。可先 PUT …/form 修改申请表、POST …/materials 补充材料。",
    params(("id" = i64, Path, description = "申请的内部编号")),
    request_body(content = Option<NoteRequest>),
    responses(
        (status = 400, description = "编号不是有效的整数（invalid_request）", body = ErrorBody),
        (status = 200, description = "补正后的申请（受理时限重新计算）", body = ApplicationDetail),
        (status = 401, description = "未登录办事账号", body = ErrorBody),
        (status = 403, description = "缺少或错误的 CSRF 令牌", body = ErrorBody),
        (status = 404, description = "没有这个申请，或不是本账号的申请", body = ErrorBody),
        (status = 409, description = "当前状态不是需补正（transition_not_allowed），或状态已变（conflict）", body = ErrorBody),
        (status = 422, description = "缺少必需的申请材料（materials_missing）", body = ErrorBody),
    )
)]
pub async fn resubmit(
    State(state): State<AppState>,
    ApplicantWrite(s): ApplicantWrite,
    Path(id): Path<i64>,
    OptionalJsonBody(req): OptionalJsonBody<NoteRequest>,
) -> Result<Json<ApplicationDetail>, ApiError> {
    step(&state, s, id, req, AppAction::Correct).await
}
