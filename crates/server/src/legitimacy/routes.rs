//! Legitimacy's routes: the published illegal-organization list (page and API), officials'
//! publishing form, the lookup and the text screening.

use super::{api, pages};
use crate::AppState;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

/// Pages, and the API routes with their OpenAPI entries (`routes!` registers both at once).
pub fn router() -> OpenApiRouter<AppState> {
    use pages::{check, illegal_orgs};
    OpenApiRouter::new()
        .route("/check", get(check::page))
        .route("/illegal-orgs", get(illegal_orgs::list))
        .route(
            "/admin/illegal-orgs",
            get(illegal_orgs::publish_form).post(illegal_orgs::publish_submit),
        )
        .routes(routes!(api::illegal_orgs::list_illegal_orgs))
        .routes(routes!(api::lookup::lookup_names))
        .routes(
            routes!(api::screen::screen_text)
                .layer(DefaultBodyLimit::max(api::screen::MAX_BODY_BYTES)),
        )
}
