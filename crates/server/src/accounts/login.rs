//! Logging in — one path for every account, whatever its roles and whichever page the form is
//! on: the throttle (`auth::attempt`: per login and address, a growing delay per login), a
//! constant-time password check (a dummy argon2id hash for unknown logins, so the time does not
//! tell which logins exist), failures audited, and a session opened.

use crate::AppState;
use crate::accounts::sessions::{self, Opened};
use crate::auth::attempt::Attempt;
use crate::auth::password;
use crate::error::ApiError;
use gongyi_store::accounts::logins::Roles;
use std::net::IpAddr;

/// A login that opened a session.
pub struct LoggedIn {
    pub opened: Opened,
    /// Where the account goes when the form named no page: its role's home.
    pub home: &'static str,
}

/// A login refused: what the form says, and whether it was the throttle.
pub enum Refused {
    TooMany(String),
    Wrong,
}

/// The page an account lands on after logging in: the workbench for an official, the
/// applications for an applicant.
pub fn home(roles: &Roles) -> &'static str {
    if roles.official.is_some() {
        "/admin"
    } else if roles.applicant.is_some() {
        "/my/applications"
    } else {
        "/"
    }
}

/// Checks `password` for `login` (as typed, trimmed by the page) and opens a session.
pub async fn log_in(
    state: &AppState,
    ip: IpAddr,
    login: &str,
    password: String,
) -> Result<Result<LoggedIn, Refused>, ApiError> {
    let attempt = Attempt::new(state, format!("login:{login}"), ip);
    if let Err(too_many) = attempt.gate().await {
        return Ok(Err(Refused::TooMany(too_many.message())));
    }
    let account = state
        .store
        .login_by_name(login)
        .await?
        .filter(|a| !a.disabled);
    let ok =
        password::check_login(password, account.as_ref().map(|a| a.password_hash.clone())).await;
    let roles = match &account {
        Some(a) => state.store.roles(a.id).await?,
        None => Roles::default(),
    };
    let who = sessions::audit_name(&roles, login);
    let account = match account {
        Some(a) if ok => a,
        other => {
            attempt
                .failed(other.as_ref().map(|_| (who.0, who.1.as_str())))
                .await;
            return Ok(Err(Refused::Wrong));
        }
    };
    attempt.succeeded();
    let opened = sessions::open(state, account.id, &who, ip).await?;
    Ok(Ok(LoggedIn {
        opened,
        home: home(&roles),
    }))
}
