//! "An organization changed": the one place that brings every in-memory view of the registry
//! up to date after a committed write — the search index (its document) and the lookup's name
//! table — and, for credit standings alone, the index's credit table and the name table
//! (through [`crate::credit::Views`], which the CLI's credit job uses without a server).
//!
//! Every write path calls one of these after its transaction commits: an official's edit,
//! an approved 成立/变更/注销 application, an objection decision, the credit job. Before,
//! four paths refreshed the views by hand and one (an upheld objection) forgot the name table,
//! so `POST /api/v1/lookup` kept the old credit standing until a restart.

use crate::AppState;
use crate::error::ApiError;
use gongyi_store::credit::OrgCreditChange;
use gongyi_types::Organization;

/// The record of an organization changed from `old` (`None`: it is new) to `new`.
pub async fn org_changed(
    state: &AppState,
    old: Option<&Organization>,
    new: &Organization,
) -> Result<(), ApiError> {
    state.legitimacy.org_changed(old.unwrap_or(new), new)?;
    let doc = gongyi_search::OrgDoc::from_org(new);
    let index = state.search.clone();
    tokio::task::spawn_blocking(move || index.upsert(&doc))
        .await
        .map_err(ApiError::internal)??;
    Ok(())
}

/// Credit standings changed (a list entry added or removed, by the job or an official).
pub fn credit_changed(state: &AppState, changes: &[OrgCreditChange]) -> Result<(), ApiError> {
    crate::credit::Views::of(state)
        .show(changes)
        .map_err(ApiError::internal)
}
