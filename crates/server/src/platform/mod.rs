//! What every domain runs on: configuration, the clock, the electronic archive, client
//! addresses behind proxies, request budgets, metrics, health, the OpenAPI document and its
//! page.

pub mod api_docs;
pub mod archive;
pub mod client_ip;
pub mod clock;
pub mod config;
pub mod health;
pub mod metrics;
pub mod openapi;
pub mod rate_limit;

use crate::AppState;
use axum::Router;
use axum::routing::get;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/metrics", get(health::metrics))
        .route("/api/openapi.json", get(openapi::openapi_document))
        .route("/api", get(api_docs::handler))
        .route("/static/style.css", get(crate::web::layout::stylesheet))
}
