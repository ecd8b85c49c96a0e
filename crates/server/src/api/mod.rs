//! The JSON API under `/api/v1`, one file per endpoint, described by [`openapi::ApiDoc`].

pub mod admin_application_steps;
pub mod admin_applications;
pub mod complaints;
pub mod health;
pub mod illegal_orgs;
pub mod lookup;
pub mod model;
pub mod my_application_forms;
pub mod my_application_materials;
pub mod my_application_steps;
pub mod my_applications;
pub mod openapi;
pub mod org_credit;
pub mod org_get;
pub mod orgs_search;
pub mod rate_limit;
pub mod screen;
pub mod search_params;
pub mod services_catalog;
pub mod services_model;
pub mod services_write_model;
pub mod sessions;
pub mod write_auth;

use crate::AppState;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post, put};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/orgs", get(orgs_search::search_orgs))
        .route("/api/v1/orgs/{uscc}", get(org_get::get_org))
        .route(
            "/api/v1/orgs/{uscc}/credit",
            get(org_credit::get_org_credit),
        )
        .route(
            "/api/v1/orgs/{uscc}/objections",
            axum::routing::post(org_credit::objection_handler),
        )
        .route("/api/openapi.json", get(openapi::openapi_document))
        .route("/api/v1/services", get(services_catalog::list_services))
        .route("/api/v1/my/session", get(sessions::applicant))
        .route(
            "/api/v1/my/applications",
            get(my_applications::list).post(my_application_forms::create_handler),
        )
        .route(
            "/api/v1/my/applications/{id}",
            get(my_applications::get_one),
        )
        .route(
            "/api/v1/my/applications/{id}/form",
            put(my_application_forms::edit_handler),
        )
        .route(
            "/api/v1/my/applications/{id}/materials",
            post(my_application_materials::add_material).layer(DefaultBodyLimit::max(
                my_application_materials::MAX_BODY_BYTES,
            )),
        )
        .route(
            "/api/v1/my/applications/{id}/submit",
            post(my_application_steps::submit),
        )
        .route(
            "/api/v1/my/applications/{id}/resubmit",
            post(my_application_steps::resubmit),
        )
        .route("/api/v1/admin/session", get(sessions::official))
        .route(
            "/api/v1/admin/applications",
            get(admin_applications::list_application_queue),
        )
        .route(
            "/api/v1/admin/applications/batch",
            post(admin_application_steps::batch),
        )
        .route(
            "/api/v1/admin/applications/{id}/steps",
            post(admin_application_steps::step),
        )
        .route("/api/v1/illegal-orgs", get(illegal_orgs::list_illegal_orgs))
        .route("/api/v1/lookup", post(lookup::lookup_names))
        .route(
            "/api/v1/complaints",
            post(complaints::create).layer(DefaultBodyLimit::max(complaints::MAX_BODY_BYTES)),
        )
        .route("/api/v1/complaints/{tracking_no}", get(complaints::status))
        .route(
            "/api/v1/screen",
            post(screen::screen_text).layer(DefaultBodyLimit::max(screen::MAX_BODY_BYTES)),
        )
}
