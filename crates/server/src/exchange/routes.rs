//! Exchange's routes: the change feed, the Atom feeds and the data dictionary.

use super::{api, data_files, feeds, pages, schema};
use crate::AppState;
use axum::routing::get;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The feeds, and the API routes with their OpenAPI entries.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .route("/feeds/registrations.atom", get(feeds::registrations))
        .route("/feeds/illegal-orgs.atom", get(feeds::illegal_orgs))
        .route("/feeds/credit.atom", get(feeds::credit_lists))
        .route("/admin/sync", get(pages::sync_sources::page))
        .route("/data", get(data_files::page))
        .route("/data/", get(data_files::page))
        .routes(routes!(data_files::manifest))
        .routes(routes!(data_files::file))
        .routes(routes!(api::changes::list_changes))
        .routes(routes!(schema::get_schema))
}
