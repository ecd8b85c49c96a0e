//! Exchange's routes: the change feed and the Atom feeds.

use super::{api, feeds};
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
}
