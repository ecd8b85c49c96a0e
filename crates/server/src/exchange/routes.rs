//! Exchange's routes: the change feed, the Atom feeds and the data dictionary.

use super::{api, feeds, schema};
use crate::AppState;
use axum::routing::get;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The feeds, and the API routes with their OpenAPI entries.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .route("/feeds/registrations.atom", get(feeds::registrations))
        .route("/feeds/illegal-orgs.atom", get(feeds::illegal_orgs))
        .routes(routes!(api::changes::list_changes))
        .routes(routes!(schema::get_schema))
}
