//! Applicants of the online services: an organization's account or a person's, in a cookie of
//! their own (`gongyi_applicant`, HttpOnly, SameSite=Lax, Secure per config) so an official's
//! session and an applicant's never mix. The store keeps only SHA-256 of the token; every form
//! carries the session's CSRF token (OWASP synchronizer-token pattern, as for officials).

use crate::AppState;
use crate::auth::session::{cookie, token_hash};
use crate::error::ApiError;
use axum::http::HeaderMap;

pub const COOKIE: &str = "gongyi_applicant";
/// Double-submit cookie of the login and registration forms (before a session exists).
pub const FORM_CSRF_COOKIE: &str = "gongyi_applicant_csrf";

/// A logged-in applicant.
#[derive(Debug, Clone)]
pub struct Applicant {
    pub id: i64,
    /// `org` or `person`.
    pub kind: String,
    pub login: String,
    /// The organization's code (organization accounts).
    pub uscc: Option<String>,
    pub display_name: String,
    pub contact_name: String,
}

impl Applicant {
    /// The audit-trail actor string.
    pub fn actor(&self) -> String {
        format!("applicant:{}", self.login)
    }
    /// Shown in an application's steps.
    pub fn label(&self) -> String {
        format!(
            "申请人 {}（经办人 {}）",
            self.display_name, self.contact_name
        )
    }
    pub fn is_org(&self) -> bool {
        self.kind == gongyi_store::accounts::applicants::KIND_ORG
    }
}

/// A valid applicant session.
#[derive(Debug, Clone)]
pub struct ApplicantSession {
    pub applicant: Applicant,
    pub csrf: String,
    pub token_hash: String,
}

/// The applicant's session, if the cookie names a live one of an enabled account.
pub async fn current_applicant(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<ApplicantSession>, ApiError> {
    let Some(token) = cookie(headers, COOKIE).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let th = token_hash(&token);
    let Some((account_id, csrf)) = state.store.applicant_session(&th, &state.now_str()).await?
    else {
        return Ok(None);
    };
    let Some(a) = state.store.applicant_by_id(account_id).await? else {
        return Ok(None);
    };
    if a.disabled {
        return Ok(None);
    }
    Ok(Some(ApplicantSession {
        applicant: Applicant {
            id: a.id,
            kind: a.kind,
            login: a.login,
            uscc: a.uscc,
            display_name: a.display_name,
            contact_name: a.contact_name,
        },
        csrf,
        token_hash: th,
    }))
}
