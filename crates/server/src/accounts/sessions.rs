//! Opening and closing sessions — the writes of a login and a logout, for every account kind.
//! The cookie holds a random token; the store keeps its SHA-256 and the session's CSRF token.
//! Officials' logins and logouts are audited (with the client address: not public, the audit
//! kind `user` never enters the ledger).

use crate::AppState;
use crate::auth::applicant::ApplicantSession;
use crate::auth::session::token_hash;
use crate::auth::{Session, csrf};
use crate::error::ApiError;
use gongyi_store::{NewAudit, UserRow};
use gongyi_types::EntityKind;
use std::net::IpAddr;

/// A new session: the cookie's token and how long it lives, in minutes.
pub struct Opened {
    pub token: String,
    pub minutes: i64,
}

fn new_session(state: &AppState) -> (Opened, String, String) {
    let minutes = state.config.session_minutes;
    let expires = gongyi_store::timestamp(state.clock.now() + chrono::Duration::minutes(minutes));
    (
        Opened {
            token: csrf::token(),
            minutes,
        },
        csrf::token(),
        expires,
    )
}

fn session_audit(actor: String, action: &str, username: &str, detail: String) -> NewAudit {
    NewAudit {
        actor,
        action: action.into(),
        entity_kind: EntityKind::User,
        entity_id: username.to_string(),
        before_digest: None,
        after_digest: None,
        detail,
    }
}

/// An official logged in from `ip`.
pub async fn open_official(
    state: &AppState,
    user: &UserRow,
    ip: IpAddr,
) -> Result<Opened, ApiError> {
    let (opened, csrf_token, expires) = new_session(state);
    let at = state.now_str();
    state
        .store
        .create_session(
            &token_hash(&opened.token),
            user.id,
            &csrf_token,
            &at,
            &expires,
        )
        .await?;
    let row = session_audit(
        format!("user:{}", user.username),
        "session.login",
        &user.username,
        format!("from {ip}"),
    );
    state.store.audit(&at, vec![row]).await?;
    Ok(opened)
}

/// An official logged out.
pub async fn close_official(state: &AppState, s: &Session) -> Result<(), ApiError> {
    state.store.delete_session(&s.token_hash).await?;
    let row = session_audit(
        s.official.actor(),
        "session.logout",
        &s.official.username,
        String::new(),
    );
    state.store.audit(&state.now_str(), vec![row]).await?;
    Ok(())
}

/// An applicant logged in.
pub async fn open_applicant(state: &AppState, account_id: i64) -> Result<Opened, ApiError> {
    let (opened, csrf_token, expires) = new_session(state);
    state
        .store
        .create_applicant_session(
            &token_hash(&opened.token),
            account_id,
            &csrf_token,
            &state.now_str(),
            &expires,
        )
        .await?;
    Ok(opened)
}

/// An applicant logged out.
pub async fn close_applicant(state: &AppState, s: &ApplicantSession) -> Result<(), ApiError> {
    state.store.delete_applicant_session(&s.token_hash).await?;
    Ok(())
}
