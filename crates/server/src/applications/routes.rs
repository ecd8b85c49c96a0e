//! The online services' routes: the catalogue and guides, applicants' applications (pages and
//! API), officials' queue and steps (pages and API).

use super::{api, pages};
use crate::AppState;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

/// Pages, and the API routes with their OpenAPI entries (`routes!` registers both at once).
pub fn router() -> OpenApiRouter<AppState> {
    use pages::{admin, guide, mine};
    // An upload is one file of at most MAX_ATTACHMENT_BYTES plus the form's other fields; the
    // archive answers a larger file with its own 413.
    let upload_limit = crate::platform::archive::MAX_ATTACHMENT_BYTES + 1024 * 1024;
    OpenApiRouter::new()
        .route("/services", get(guide::list))
        .route("/services/{kind}/guide", get(guide::guide))
        .route("/services/{kind}/guide.md", get(guide::guide_md))
        .route("/services/{kind}/guide.pdf", get(guide::guide_pdf))
        .route(
            "/services/{kind}/apply",
            get(mine::new_form).post(mine::create_submit),
        )
        .route("/my/applications", get(mine::list))
        .route("/my/applications/{id}", get(mine::show))
        .route(
            "/my/applications/{id}/form",
            get(mine::edit_form_page).post(mine::edit_form_submit),
        )
        .route(
            "/my/applications/{id}/attachments",
            post(mine::upload).layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route(
            "/my/applications/{id}/attachments/remove",
            post(mine::remove),
        )
        .route(
            "/my/applications/{id}/attachments/{sha}",
            get(mine::download),
        )
        .route("/my/applications/{id}/submit", post(mine::submit))
        .route("/my/applications/{id}/correct", post(mine::correct))
        .route("/admin/applications", get(admin::queue))
        .route("/admin/applications/batch", post(admin::batch))
        .route("/admin/applications/{id}", get(admin::show))
        .route("/admin/applications/{id}/step", post(admin::step))
        .route(
            "/admin/applications/{id}/attachments/{sha}",
            get(admin::download),
        )
        .merge(api_router())
}

fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::catalog::list_services))
        .routes(routes!(api::mine::list, api::my_forms::create_handler))
        .routes(routes!(api::mine::get_one))
        .routes(routes!(api::my_forms::edit_handler))
        .routes(
            routes!(api::my_materials::add_material)
                .layer(DefaultBodyLimit::max(api::my_materials::MAX_BODY_BYTES)),
        )
        .routes(routes!(api::my_steps::submit))
        .routes(routes!(api::my_steps::resubmit))
        .routes(routes!(api::admin_queue::list_application_queue))
        .routes(routes!(api::admin_steps::batch))
        .routes(routes!(api::admin_steps::step))
}
