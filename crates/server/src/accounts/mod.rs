//! Accounts: one login and one session per account (`login`, `sessions`), with roles — an
//! official (workbench, jurisdiction), an applicant (organizations by the activation code their
//! authority issues, persons for 成立登记) — and the session endpoints of the JSON API. The plumbing every account kind shares (sessions, CSRF, throttled login
//! attempts, jurisdiction) is in `crate::auth`.

pub(crate) mod api;
pub mod login;
pub(crate) mod pages;
pub mod register;
pub mod sessions;

use crate::AppState;
use axum::routing::{get, post};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Pages, and the API routes with their OpenAPI entries (`routes!` registers both at once).
pub fn router() -> OpenApiRouter<AppState> {
    use pages::{applicant, login, org_account, workbench};
    OpenApiRouter::new()
        .route("/login", get(login::form).post(login::submit))
        .route("/logout", post(login::logout))
        .route("/admin", get(workbench::handler))
        .route(
            "/admin/orgs/{uscc}/account",
            get(org_account::form).post(org_account::issue),
        )
        .route(
            "/account/login",
            get(applicant::login_form).post(applicant::login_submit),
        )
        .route(
            "/account/register",
            get(applicant::register_form).post(applicant::register_submit),
        )
        .route("/account/logout", post(applicant::logout))
        .routes(routes!(api::sessions::applicant))
        .routes(routes!(api::sessions::official))
}
