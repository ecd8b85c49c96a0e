//! Server-rendered Chinese pages (askama templates in `templates/`): they work without
//! JavaScript, have labels, headings and landmarks, and reflow on a phone.

pub mod account;
pub mod admin_applications;
pub mod admin_cases;
pub mod admin_credit;
pub mod admin_edit;
pub mod admin_home;
pub mod admin_org_account;
pub mod admin_templates;
pub mod api_docs;
pub mod application_view;
pub mod complaint;
pub mod home;
pub mod illegal_orgs;
pub mod layout;
pub mod login;
pub mod my_applications;
pub mod objection;
pub mod profile;
pub mod profile_credit;
pub mod results;
pub mod search_form;
pub mod service_guide;

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
        .route(
            "/admin/orgs/{uscc}/account",
            get(admin_org_account::form).post(admin_org_account::issue),
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
        .route("/admin/cases/{id}/org", post(admin_cases::link_org))
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
        .merge(services_router())
        .route("/api", get(api_docs::handler))
        .route("/static/style.css", get(layout::stylesheet))
}

/// The online services (一网通办): applicants' accounts and applications, officials' queue.
fn services_router() -> Router<AppState> {
    use axum::extract::DefaultBodyLimit;
    // An upload is one file of at most MAX_ATTACHMENT_BYTES plus the form's other fields; the
    // archive answers a larger file with its own 413.
    let upload_limit = crate::archive::MAX_ATTACHMENT_BYTES + 1024 * 1024;
    Router::new()
        .route("/services", get(service_guide::list))
        .route("/services/{kind}/guide", get(service_guide::guide))
        .route("/services/{kind}/guide.md", get(service_guide::guide_md))
        .route(
            "/services/{kind}/apply",
            get(my_applications::new_form).post(my_applications::create_submit),
        )
        .route(
            "/account/login",
            get(account::login_form).post(account::login_submit),
        )
        .route(
            "/account/register",
            get(account::register_form).post(account::register_submit),
        )
        .route("/account/logout", post(account::logout))
        .route("/my/applications", get(my_applications::list))
        .route("/my/applications/{id}", get(my_applications::show))
        .route(
            "/my/applications/{id}/form",
            get(my_applications::edit_form_page).post(my_applications::edit_form_submit),
        )
        .route(
            "/my/applications/{id}/attachments",
            post(my_applications::upload).layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route(
            "/my/applications/{id}/attachments/{sha}",
            get(my_applications::download),
        )
        .route(
            "/my/applications/{id}/submit",
            post(my_applications::submit),
        )
        .route(
            "/my/applications/{id}/correct",
            post(my_applications::correct),
        )
        .route("/admin/applications", get(admin_applications::queue))
        .route("/admin/applications/batch", post(admin_applications::batch))
        .route("/admin/applications/{id}", get(admin_applications::show))
        .route(
            "/admin/applications/{id}/step",
            post(admin_applications::step),
        )
        .route(
            "/admin/applications/{id}/attachments/{sha}",
            get(admin_applications::download),
        )
}
