//! `GET /healthz` and `GET /metrics`.

use crate::AppState;
use crate::error::ApiError;
use crate::registry::api::model::Health;
use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use gongyi_types::ErrorCode;

/// 健康检查：进程能应答，且一条极简查询（SELECT 1）能到达数据库；
/// 数据库无应答时返回 503 database_unavailable。
/// 此探测开销很小（以前统计全部组织数，负载均衡器每次探测都要扫描 100 万行）。
#[utoipa::path(get, path = "/healthz", tag = "operations", summary = "健康检查（进程与数据库可用）", responses((status = 200, description = "进程与数据库均可用", body = Health), (status = 503, description = "数据库不可用（database_unavailable）", body = crate::error::ErrorBody)))]
pub async fn healthz(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    state.store.ping().await.map_err(|e| {
        tracing::warn!(error = %e, "health check: database unavailable");
        ApiError::new(ErrorCode::DatabaseUnavailable, "数据库暂不可用")
    })?;
    Ok(Json(Health {
        status: "ok".into(),
        orgs_indexed: state.search.num_docs(),
    }))
}

#[utoipa::path(get, path = "/metrics", tag = "operations", summary = "Prometheus 指标", responses((status = 200, description = "Prometheus 文本格式的指标", content_type = "text/plain", body = String)))]
pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    // How far this server's views are behind the database's change log (registry/follow.rs).
    let applied = state.search.applied().unwrap_or(0);
    let follow = match state.store.last_change_id().await {
        Ok(last) => format!(
            "# HELP gongyi_changes_applied_id The last change-log (audit) id this server's search index holds.\n# TYPE gongyi_changes_applied_id gauge\ngongyi_changes_applied_id {applied}\n# HELP gongyi_changes_lag Changes committed to the database that this server's views do not show yet.\n# TYPE gongyi_changes_lag gauge\ngongyi_changes_lag {}\n",
            (last - applied).max(0)
        ),
        Err(_) => String::new(),
    };
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        format!(
            "{}# HELP gongyi_search_runs_total Searches run on the index (those the result cache did not answer).\n# TYPE gongyi_search_runs_total counter\ngongyi_search_runs_total {}\n{follow}",
            state.metrics.render(),
            state.search.searches_run()
        ),
    )
}
