//! Server-rendered Chinese pages (askama templates in `templates/`): they work without
//! JavaScript, have labels, headings and landmarks, and reflow on a phone.

pub mod admin_cases;
pub mod admin_credit;
pub mod admin_edit;
pub mod admin_home;
pub mod admin_templates;
pub mod api_docs;
pub mod complaint;
pub mod home;
pub mod illegal_orgs;
pub mod layout;
pub mod login;
pub mod objection;
pub mod profile;
pub mod profile_credit;
pub mod results;
pub mod search_form;

use crate::AppState;
use axum::Router;
use axum::routing::{get, post};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home::handler))
        .route("/orgs", get(results::handler))
        .route("/orgs/{uscc}", get(profile::handler))
        .route(
            "/orgs/{uscc}/objection",
            get(objection::form).post(objection::submit),
        )
        .route("/login", get(login::form).post(login::submit))
        .route("/logout", post(login::logout))
        .route("/admin", get(admin_home::handler))
        .route("/admin/orgs", get(admin_edit::find))
        .route(
            "/admin/orgs/{uscc}/edit",
            get(admin_edit::form).post(admin_edit::submit),
        )
        .route("/admin/orgs/{uscc}/credit", get(admin_credit::page))
        .route(
            "/admin/orgs/{uscc}/credit/{action}",
            post(admin_credit::post),
        )
        .route(
            "/admin/orgs/{uscc}/credit/objections/{id}",
            post(admin_credit::decide),
        )
        .route("/admin/templates/{file}", get(admin_templates::handler))
        .route(
            "/admin/cases",
            get(admin_cases::queue).post(admin_cases::open),
        )
        .route("/admin/cases/{id}", get(admin_cases::page))
        .route("/admin/cases/{id}/step", post(admin_cases::take_step))
        .route("/admin/cases/{id}/files/{sha256}", get(admin_cases::file))
        .route(
            "/complaints/new",
            get(complaint::form).post(complaint::submit_form).layer(
                axum::extract::DefaultBodyLimit::max(crate::api::complaints::MAX_BODY_BYTES),
            ),
        )
        .route("/complaints/status", get(complaint::status))
        .route("/illegal-orgs", get(illegal_orgs::list))
        .route(
            "/admin/illegal-orgs",
            get(illegal_orgs::publish_form).post(illegal_orgs::publish_submit),
        )
        .route("/api", get(api_docs::handler))
        .route("/static/style.css", get(layout::stylesheet))
}
