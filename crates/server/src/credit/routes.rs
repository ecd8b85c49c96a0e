//! Credit's routes: officials' credit actions and objection decisions, the public objection
//! form, and the credit records in the API.

use super::{api, pages};
use crate::AppState;
use axum::Router;
use axum::routing::{get, post};

pub fn router() -> Router<AppState> {
    use pages::{admin, objection};
    Router::new()
        .route(
            "/orgs/{uscc}/objection",
            get(objection::form).post(objection::submit),
        )
        .route("/admin/orgs/{uscc}/credit", get(admin::page))
        .route("/admin/orgs/{uscc}/credit/penalty", post(admin::penalty))
        .route("/admin/orgs/{uscc}/credit/list", post(admin::list))
        .route("/admin/orgs/{uscc}/credit/remove", post(admin::remove))
        .route(
            "/admin/orgs/{uscc}/credit/objections/{id}",
            post(admin::decide),
        )
        .route(
            "/api/v1/orgs/{uscc}/credit",
            get(api::org_credit::get_org_credit),
        )
        .route(
            "/api/v1/orgs/{uscc}/objections",
            post(api::org_credit::objection_handler),
        )
}
