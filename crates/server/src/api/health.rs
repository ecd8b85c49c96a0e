//! `GET /healthz` and `GET /metrics`.

use crate::AppState;
use crate::api::model::Health;
use crate::error::ApiError;
use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;

#[utoipa::path(get, path = "/healthz", tag = "operations", summary = "健康检查", responses((status = 200, body = Health)))]
pub async fn healthz(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    state.store.org_count().await?;
    Ok(Json(Health {
        status: "ok".into(),
        orgs_indexed: state.search.num_docs(),
    }))
}

#[utoipa::path(get, path = "/metrics", tag = "operations", summary = "Prometheus 指标", responses((status = 200, content_type = "text/plain", body = String)))]
pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        format!(
            "{}# HELP gongyi_search_runs_total Searches run on the index (those the result cache did not answer).\n# TYPE gongyi_search_runs_total counter\ngongyi_search_runs_total {}\n",
            state.metrics.render(),
            state.search.searches_run()
        ),
    )
}
