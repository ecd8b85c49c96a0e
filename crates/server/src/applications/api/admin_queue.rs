//! `GET /api/v1/admin/applications` — an official's work queue as JSON (session cookie):
//! the jurisdiction's applications, earliest deadline (so overdue) first, filtered by
//! `kind` and `state` (`open` = waiting for the authority).

use crate::AppState;
use crate::applications::api::model::ApplicationSummary;
use crate::applications::steps::may_see;
use crate::auth::current_session;
use crate::error::{ApiError, ErrorBody};
use axum::Json;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use gongyi_store::applications::QueueFilter;
use gongyi_types::ErrorCode;
use gongyi_types::applications::{ApplicationState as S, ServiceKind};
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueParams {
    /// 事项类型，例如 annual_report。
    pub kind: Option<String>,
    /// 办理状态，例如 submitted；open 表示等待登记管理机关办理的全部办件。
    pub state: Option<String>,
}

#[utoipa::path(
    get,
    path = "/api/v1/admin/applications",
    tag = "services",
    summary = "办件工作台（工作人员登录后）",
    params(QueueParams),
    responses(
        (status = 200, description = "本辖区的办件，办理期限早的（超期的）在前", body = [ApplicationSummary]),
        (status = 400, description = "事项或状态无效", body = ErrorBody),
        (status = 401, description = "未登录", body = ErrorBody),
    )
)]
pub async fn list_application_queue(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(p): Query<QueueParams>,
) -> Result<Json<Vec<ApplicationSummary>>, ApiError> {
    let s = current_session(&state, &headers)
        .await?
        .ok_or_else(ApiError::unauthorized)?;
    let kind = p
        .kind
        .as_deref()
        .filter(|k| !k.is_empty())
        .map(ServiceKind::parse)
        .transpose()
        .map_err(|e| ApiError::new(ErrorCode::InvalidKind, e.to_string()))?;
    let st = p.state.as_deref().unwrap_or("");
    let filter = QueueFilter {
        kind,
        state: Some(st)
            .filter(|x| !x.is_empty() && *x != "open")
            .map(S::parse)
            .transpose()
            .map_err(|e| ApiError::new(ErrorCode::InvalidState, e.to_string()))?,
        open_only: st == "open",
    };
    let today = state.clock.today();
    let rows = state
        .store
        .application_queue(s.official.division, &filter, 500)
        .await?;
    Ok(Json(
        rows.iter()
            .filter(|a| may_see(&s.official, a).is_ok())
            .map(|a| ApplicationSummary::new(a, today))
            .collect(),
    ))
}
