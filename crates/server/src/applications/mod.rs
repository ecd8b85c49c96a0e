//! Online administrative services (一网通办, 最多跑一次): applying ([`apply`]), the steps of the
//! procedure with their registry effects on approval ([`steps`], [`effects`]), the code of a
//! newly registered organization ([`new_org`]) and the attachments ([`materials`]).
//!
//! Routing: an application goes to the registrar of its organization (its `division`), or for
//! 成立登记 to the division named in the form; officials act only where their jurisdiction
//! contains that division (`Official::may_edit`, 403 `outside_jurisdiction`).

pub(crate) mod api;
pub mod apply;
pub mod effects;
pub mod materials;
pub mod new_org;
pub(crate) mod pages;
mod routes;
pub mod steps;

pub use routes::router;

use crate::AppState;
use crate::error::ApiError;
use gongyi_store::applications::ApplicationRow;
use gongyi_types::ErrorCode;
use std::collections::BTreeMap;

/// The application, or a 404.
pub async fn load(state: &AppState, id: i64) -> Result<ApplicationRow, ApiError> {
    state.store.application(id).await?.ok_or_else(|| {
        ApiError::new(
            ErrorCode::ApplicationNotFound,
            format!("未找到编号为 {id} 的申请"),
        )
    })
}

/// The stored form of an application (field → value).
pub fn form_of(app: &ApplicationRow) -> Result<BTreeMap<String, String>, ApiError> {
    serde_json::from_str(&app.form_json).map_err(ApiError::internal)
}

/// The applicant's own application, or a 404 (never a 403: the existence of someone else's
/// application is not disclosed).
pub async fn own(
    state: &AppState,
    who: &crate::auth::applicant::Applicant,
    id: i64,
) -> Result<ApplicationRow, ApiError> {
    match state.store.application(id).await? {
        Some(a) if a.account_id == who.id => Ok(a),
        _ => Err(materials::not_yours()),
    }
}
