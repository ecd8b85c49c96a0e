//! `GET /api/v1/my/applications[/{id}]` — an applicant's applications and the progress of one
//! (every step with who, when and why), for the logged-in applicant (`gongyi_session`
//! cookie). Someone else's application is a 404, as on the pages.

use crate::AppState;
use crate::applications::api::model::{
    ApplicationDetail, ApplicationSummary, AttachmentInfo, StepInfo,
};
use crate::auth::applicant::current_applicant;
use crate::error::{ApiError, ErrorBody};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use gongyi_store::applications::ApplicationRow;

async fn applicant_id(state: &AppState, headers: &HeaderMap) -> Result<i64, ApiError> {
    current_applicant(state, headers)
        .await?
        .map(|s| s.applicant.id)
        .ok_or_else(ApiError::unauthorized)
}

#[utoipa::path(
    get,
    operation_id = "list_my_applications",
    path = "/api/v1/my/applications",
    tag = "services",
    summary = "我的申请（办事账号登录后）",
    responses(
        (status = 200, description = "本账号的申请，新的在前", body = [ApplicationSummary]),
        (status = 401, description = "未登录办事账号", body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<Vec<ApplicationSummary>>, ApiError> {
    let id = applicant_id(&state, &headers).await?;
    let today = state.clock.today();
    Ok(Json(
        state
            .store
            .applications_of(id)
            .await?
            .iter()
            .map(|a| ApplicationSummary::new(a, today))
            .collect(),
    ))
}

/// The detail of an application the caller may see.
pub async fn detail(state: &AppState, a: &ApplicationRow) -> Result<ApplicationDetail, ApiError> {
    let steps = state
        .store
        .application_events(a.id)
        .await?
        .into_iter()
        .map(|e| StepInfo {
            at: e.at,
            action: e.action,
            from_state: e.from_state.map(|s| s.code().to_string()),
            to_state: e.to_state.code().to_string(),
            actor: e.actor_label,
            reason: e.reason,
        })
        .collect();
    let attachments = state
        .store
        .application_attachments(a.id)
        .await?
        .into_iter()
        .map(|t| AttachmentInfo {
            material: t.material,
            file_name: t.file_name,
            sha256: t.meta.sha256,
            size: t.meta.size,
            media_type: t.meta.media_type,
        })
        .collect();
    Ok(ApplicationDetail {
        summary: ApplicationSummary::new(a, state.clock.today()),
        form: crate::applications::form_of(a)?,
        steps,
        attachments,
    })
}

#[utoipa::path(
    get,
    operation_id = "get_my_application",
    path = "/api/v1/my/applications/{id}",
    tag = "services",
    summary = "申请的办理进度",
    params(("id" = i64, Path, description = "申请的内部编号")),
    responses(
        (status = 400, description = "编号不是有效的整数（invalid_request）", body = ErrorBody),
        (status = 200, description = "申请内容、每一步的办理人、时间和理由、申请材料", body = ApplicationDetail),
        (status = 401, description = "未登录办事账号", body = ErrorBody),
        (status = 404, description = "没有这个申请，或不是本账号的申请", body = ErrorBody),
    )
)]
pub async fn get_one(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Json<ApplicationDetail>, ApiError> {
    let who = applicant_id(&state, &headers).await?;
    match state.store.application(id).await? {
        Some(a) if a.account_id == who => Ok(Json(detail(&state, &a).await?)),
        _ => Err(crate::applications::materials::not_yours()),
    }
}
