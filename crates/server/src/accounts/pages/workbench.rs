//! `/admin` — the official's workbench: the work waiting in the jurisdiction (applications,
//! overdue ones, open cases and undecided clues, each linked to its queue), the jurisdiction
//! at a glance (`insight`: counts by type, status, credit and year), lookup, and the recent
//! audit trail of the official's jurisdiction (only).

use crate::AppState;
use crate::error::PageError;
use crate::web::extract::OfficialPage;
use crate::web::layout::{Nav, render};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use gongyi_store::AuditEntry;

#[derive(Template)]
#[template(path = "accounts/workbench.html")]
struct AdminHome {
    nav: Nav,
    display_name: String,
    role_label: &'static str,
    jurisdiction: String,
    division: String,
    audit: Vec<AuditEntry>,
    work: gongyi_store::workload::Workload,
    o: crate::insight::Overview,
}

/// How far back the workbench looks for its jurisdiction's writes (the node's last writes).
const AUDIT_WINDOW: i64 = 20_000;

pub async fn handler(
    State(state): State<AppState>,
    OfficialPage(s): OfficialPage,
) -> Result<Response, PageError> {
    let audit = state
        .store
        .audit_recent_in(s.official.division, 30, AUDIT_WINDOW)
        .await?;
    let today = state.clock.today();
    let work = state.store.workload(s.official.division, today).await?;
    let scope = Some(s.official.division).filter(|d| *d != gongyi_types::DivisionCode::NATIONAL);
    let index = state.search.clone();
    let o = tokio::task::spawn_blocking(move || crate::insight::overview(&index, scope, today))
        .await
        .map_err(crate::error::ApiError::internal)??;
    Ok(render(&AdminHome {
        nav: Nav::from_session(&Some(s.clone())),
        display_name: s.official.display_name.clone(),
        role_label: s.official.role.label(),
        jurisdiction: s.official.division.full_name(),
        division: s.official.division.to_string(),
        audit,
        work,
        o,
    }))
}
