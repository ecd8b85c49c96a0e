//! Exchange's routes: the change feed.

use super::api;
use crate::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The API routes with their OpenAPI entries.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(api::changes::list_changes))
}
