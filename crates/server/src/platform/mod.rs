//! What every domain runs on: configuration, the clock, daily jobs run once across replicas, the electronic archive, client
//! addresses behind proxies, request budgets, metrics, health, the OpenAPI document and its
//! page.

pub mod api_docs;
pub mod archive;
pub mod client_ip;
pub mod clock;
pub mod config;
pub mod daily;
pub mod health;
pub mod metrics;
pub mod openapi;
pub mod rate_limit;

use crate::AppState;
use axum::routing::get;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Operations (documented), the API documentation and the stylesheet.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(health::healthz))
        .routes(routes!(health::metrics))
        .route("/api/openapi.json", get(openapi::openapi_document))
        .route("/api", get(api_docs::handler))
        .route("/static/style.css", get(crate::web::layout::stylesheet))
}
