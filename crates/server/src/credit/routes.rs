//! Credit's routes: officials' credit actions and objection decisions, the public objection
//! form, and the credit records in the API.

use super::{api, pages};
use crate::AppState;
use axum::routing::{get, post};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Pages, and the API routes with their OpenAPI entries (`routes!` registers both at once).
pub fn router() -> OpenApiRouter<AppState> {
    use pages::{admin, objection, supervision};
    OpenApiRouter::new()
        .route(
            "/orgs/{uscc}/objection",
            get(objection::form).post(objection::submit),
        )
        .route("/admin/orgs/{uscc}/credit", get(admin::page))
        .route("/admin/orgs/{uscc}/credit/penalty", post(admin::penalty))
        .route("/admin/orgs/{uscc}/credit/list", post(admin::list))
        .route("/admin/orgs/{uscc}/credit/remove", post(admin::remove))
        .route(
            "/admin/orgs/{uscc}/credit/rectifications",
            post(supervision::order),
        )
        .route(
            "/admin/orgs/{uscc}/credit/rectifications/{id}/done",
            post(supervision::complete),
        )
        .route(
            "/admin/orgs/{uscc}/credit/letters",
            post(supervision::letter),
        )
        .route(
            "/admin/orgs/{uscc}/credit/objections/{id}",
            post(admin::decide),
        )
        .routes(routes!(api::org_credit::get_org_credit))
        .routes(routes!(api::org_credit::objection_handler))
}
