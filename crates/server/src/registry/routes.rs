//! The registry's routes: the public query (portal and API) and officials' edits.

use super::{api, pages};
use crate::AppState;
use axum::Router;
use axum::routing::get;

pub fn router() -> Router<AppState> {
    use pages::{admin_edit, home, import_templates, profile, results};
    Router::new()
        .route("/", get(home::handler))
        .route("/orgs", get(results::handler))
        .route("/orgs/{uscc}", get(profile::handler))
        .route("/admin/orgs", get(admin_edit::find))
        .route(
            "/admin/orgs/{uscc}/edit",
            get(admin_edit::form).post(admin_edit::submit),
        )
        .route("/admin/templates/{file}", get(import_templates::handler))
        .route("/api/v1/orgs", get(api::orgs_search::search_orgs))
        .route("/api/v1/orgs/{uscc}", get(api::org_get::get_org))
}
