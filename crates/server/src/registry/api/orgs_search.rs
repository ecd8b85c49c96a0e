//! `GET /api/v1/orgs` — search the registry (一网通查).

use crate::AppState;
use crate::error::{ApiError, ErrorBody};
use crate::registry::api::model::SearchResponse;
use crate::registry::api::search_params::RawSearch;
use axum::Json;
use axum::extract::{Query, State};

#[utoipa::path(
    get,
    path = "/api/v1/orgs",
    tag = "registry",
    summary = "查询社会组织",
    description = "按名称、统一社会信用代码、拼音或首字母检索，可按类型、状态、登记管理机关区划、信用状态、标识和成立日期筛选；返回总数、分页结果和分面计数。",
    params(RawSearch),
    responses(
        (status = 200, description = "检索结果", body = SearchResponse),
        (status = 400, description = "参数无效", body = ErrorBody),
    )
)]
pub async fn search_orgs(
    State(state): State<AppState>,
    Query(raw): Query<RawSearch>,
) -> Result<Json<SearchResponse>, ApiError> {
    let q = raw.parse()?;
    let index = state.search.clone();
    let results = tokio::task::spawn_blocking(move || index.search(&q))
        .await
        .map_err(ApiError::internal)??;
    Ok(Json(SearchResponse::from(&*results)))
}
