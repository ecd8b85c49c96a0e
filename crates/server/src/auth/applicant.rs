//! Applicants of the online services: the applicant role of an account (an organization or a
//! person), in the one session every account has (`auth::session`). Every form carries the
//! session's CSRF token (OWASP synchronizer-token pattern, as for officials).

use crate::AppState;
use crate::auth::session::live;
use crate::error::ApiError;
use axum::http::HeaderMap;

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

/// The applicant's session, if the cookie names a live one whose account holds an enabled
/// applicant role.
pub async fn current_applicant(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<ApplicantSession>, ApiError> {
    let Some(s) = live(state, headers).await? else {
        return Ok(None);
    };
    let Some(a) = state.store.applicant_by_account(s.account_id).await? else {
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
        csrf: s.csrf,
        token_hash: s.token_hash,
    }))
}
