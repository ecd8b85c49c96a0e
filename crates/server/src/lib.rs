//! The HTTP face of gongyi: a JSON API described by an OpenAPI 3.1 document (`api/`), Chinese
//! server-rendered pages that work without JavaScript (`pages/`), officials' accounts and
//! jurisdiction checks (`auth/`), and the registry's write path (`registry`).
//!
//! `router::router` shows every route. Handlers parse input into `gongyi_types`, call the
//! store and the search index, and never hold SQL.

pub mod api;
pub mod archive;
pub mod auth;
pub mod client_ip;
pub mod clock;
pub mod config;
pub mod credit;
pub mod enforcement;
pub mod error;
pub mod illegal_publish;
pub mod ledger;
pub mod legitimacy;
pub mod metrics;
pub mod pages;
pub mod registry;
pub mod router;
pub mod services;
pub mod state;

pub use clock::{Clock, FixedClock, SystemClock};
pub use config::Config;
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
