//! The HTTP face of gongyi: one folder per domain — `registry` (一网通查 and edits), `accounts`,
//! `applications` (一网通办), `credit`, `enforcement`, `legitimacy`, `ledger` — each with its
//! `router()`, its use cases, `api/` (JSON, OpenAPI) and `pages/` (Chinese server-rendered
//! pages that work without JavaScript); shared plumbing in `auth` (sessions, CSRF, login
//! attempts, jurisdiction), `web` (layout, API write checks) and `platform` (config, clock,
//! archive, metrics, health, the OpenAPI document).
//!
//! `router::router` merges the domains' routers. Handlers parse input into `gongyi_types`,
//! call a domain function, and never hold SQL.

pub mod accounts;
pub mod applications;
pub mod auth;
pub mod credit;
pub mod enforcement;
pub mod error;
pub mod exchange;
pub mod insight;
pub mod ledger;
pub mod legitimacy;
pub mod platform;
pub mod quality;
pub mod registry;
pub mod router;
pub mod state;
pub mod web;

pub use platform::clock::{Clock, FixedClock, SystemClock};
pub use platform::config::Config;
pub use router::router;
pub use state::AppState;

/// Binds `listen` and serves until ctrl-c.
pub async fn serve(state: AppState, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    let app = router(state);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}
