//! `GET /api/openapi.json` — the OpenAPI 3.1 document of every endpoint (utoipa).

use axum::Json;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(title = "gongyi 社会组织信息平台 API", description = "社会组织法人库、一网通查。错误统一为 {\"error\": {\"code\", \"message\"}}。"),
    paths(
        crate::api::orgs_search::handler,
        crate::api::org_get::handler,
        crate::api::health::healthz,
        crate::api::health::metrics,
    ),
    tags(
        (name = "registry", description = "社会组织法人库"),
        (name = "operations", description = "运维"),
    )
)]
pub struct ApiDoc;

pub async fn handler() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
