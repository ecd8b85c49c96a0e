//! Legitimacy's routes: the published illegal-organization list (page and API), officials'
//! publishing form, the lookup and the text screening.

use super::{api, pages};
use crate::AppState;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

pub fn router() -> Router<AppState> {
    use pages::illegal_orgs;
    Router::new()
        .route("/illegal-orgs", get(illegal_orgs::list))
        .route(
            "/admin/illegal-orgs",
            get(illegal_orgs::publish_form).post(illegal_orgs::publish_submit),
        )
        .route(
            "/api/v1/illegal-orgs",
            get(api::illegal_orgs::list_illegal_orgs),
        )
        .route("/api/v1/lookup", post(api::lookup::lookup_names))
        .route(
            "/api/v1/screen",
            post(api::screen::screen_text)
                .layer(DefaultBodyLimit::max(api::screen::MAX_BODY_BYTES)),
        )
}
