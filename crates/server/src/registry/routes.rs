//! The registry's routes: the public query (portal and API) and officials' edits.

use super::{api, pages};
use crate::AppState;
use axum::routing::get;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Pages, and the API routes with their OpenAPI entries (`routes!` registers both at once).
pub fn router() -> OpenApiRouter<AppState> {
    use pages::{admin_edit, home, import_templates, profile, results};
    OpenApiRouter::new()
        .route("/", get(home::handler))
        .route("/orgs", get(results::handler))
        .route("/orgs/{uscc}", get(profile::handler))
        .route("/admin/orgs", get(admin_edit::find))
        .route(
            "/admin/orgs/{uscc}/edit",
            get(admin_edit::form).post(admin_edit::submit),
        )
        .route("/admin/templates/{file}", get(import_templates::handler))
        .routes(routes!(api::orgs_search::search_orgs))
        .routes(routes!(api::org_get::get_org))
}
