//! Opening and closing sessions — the writes of a login and a logout, the same for every
//! account whatever its roles. The cookie holds a random token; the store keeps its SHA-256 and
//! the session's CSRF token. Logins and logouts are audited with the client address (not public:
//! the audit kinds of accounts never enter the ledger).

use crate::AppState;
use crate::auth::csrf;
use crate::auth::session::{Live, token_hash};
use crate::error::ApiError;
use gongyi_store::NewAudit;
use gongyi_store::accounts::logins::Roles;
use gongyi_types::EntityKind;
use std::net::IpAddr;

/// A new session: the cookie's token and how long it lives, in minutes.
pub struct Opened {
    pub token: String,
    pub minutes: i64,
}

/// How the audit trail names an account: as an official (`user:<username>`) if it holds that
/// role, else as an applicant.
pub fn audit_name(roles: &Roles, login: &str) -> (EntityKind, String) {
    match (&roles.official, &roles.applicant) {
        (Some(u), _) => (EntityKind::User, u.username.clone()),
        (None, Some(a)) => (EntityKind::Applicant, a.login.clone()),
        (None, None) => (EntityKind::Applicant, login.to_string()),
    }
}

fn audit_row(who: &(EntityKind, String), action: &str, detail: String) -> NewAudit {
    NewAudit {
        actor: format!("{}:{}", who.0, who.1),
        action: action.into(),
        entity_kind: who.0,
        entity_id: who.1.clone(),
        before_digest: None,
        after_digest: None,
        detail,
    }
}

/// Account `account_id` (named `who` in the audit trail) logged in from `ip`.
pub async fn open(
    state: &AppState,
    account_id: i64,
    who: &(EntityKind, String),
    ip: IpAddr,
) -> Result<Opened, ApiError> {
    let minutes = state.config.session_minutes;
    let expires = gongyi_store::timestamp(state.clock.now() + chrono::Duration::minutes(minutes));
    let opened = Opened {
        token: csrf::token(),
        minutes,
    };
    let at = state.now_str();
    state
        .store
        .create_session(
            &token_hash(&opened.token),
            account_id,
            &csrf::token(),
            &at,
            &expires,
        )
        .await?;
    let row = audit_row(who, "session.login", format!("from {ip}"));
    state.store.audit(&at, vec![row]).await?;
    Ok(opened)
}

/// A session ended by its account's logout.
pub async fn close(state: &AppState, s: &Live) -> Result<(), ApiError> {
    state.store.delete_session(&s.token_hash).await?;
    let roles = state.store.roles(s.account_id).await?;
    let who = audit_name(&roles, "");
    let row = audit_row(&who, "session.logout", String::new());
    state.store.audit(&state.now_str(), vec![row]).await?;
    Ok(())
}
