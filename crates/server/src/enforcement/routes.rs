//! Enforcement's routes: the public complaint form and its status, officials' cases, and the
//! complaint API.

use super::{api, pages};
use crate::AppState;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

/// Pages, and the API routes with their OpenAPI entries (`routes!` registers both at once).
pub fn router() -> OpenApiRouter<AppState> {
    use pages::{admin_cases, complaint};
    let limit = api::complaints::MAX_BODY_BYTES;
    OpenApiRouter::new()
        .route(
            "/admin/cases",
            get(admin_cases::queue).post(admin_cases::open),
        )
        .route("/admin/cases/{id}", get(admin_cases::page))
        .route("/admin/cases/{id}/step", post(admin_cases::take_step))
        .route("/admin/cases/{id}/org", post(admin_cases::link_org))
        .route("/admin/cases/{id}/files/{sha256}", get(admin_cases::file))
        .route(
            "/complaints/new",
            get(complaint::form)
                .post(complaint::submit_form)
                .layer(DefaultBodyLimit::max(limit)),
        )
        .route("/complaints/status", get(complaint::status))
        .routes(routes!(api::complaints::create).layer(DefaultBodyLimit::max(limit)))
        .routes(routes!(api::complaints::status))
}
