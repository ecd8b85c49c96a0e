//! One login attempt, the same for every account kind (officials, applicants, and the roles to
//! come): the throttle's verdict first ([`super::throttle`]), the password checked against the
//! account's hash or a dummy one (same time either way), and a failure logged and — for an
//! account that exists — audited (等保 2.0 asks for login failures in the audit trail; before,
//! failures and lockouts left no trace).

use crate::AppState;
use crate::auth::throttle::{Limits, Verdict};
use gongyi_store::NewAudit;
use std::net::IpAddr;

/// The account a login tries: its throttle key and, when it exists, how it is audited.
pub struct Attempt<'a> {
    pub state: &'a AppState,
    /// Namespaced throttle key: `u:name` (officials), `a:login` (applicants), `reg:code`.
    pub key: String,
    pub ip: IpAddr,
}

/// The attempt was refused before any check (too many failures).
#[derive(Debug)]
pub struct TooMany {
    pub minutes: i64,
}

impl TooMany {
    pub fn message(&self) -> String {
        format!("登录失败次数过多，请{}分钟后再试", self.minutes)
    }
}

impl<'a> Attempt<'a> {
    pub fn new(state: &'a AppState, key: String, ip: IpAddr) -> Self {
        Self { state, key, ip }
    }

    fn limits(&self) -> Limits {
        Limits {
            max: self.state.config.max_failed_logins,
            window: chrono::Duration::minutes(self.state.config.throttle_minutes),
        }
    }

    /// Waits as long as the throttle says, or refuses.
    pub async fn gate(&self) -> Result<(), TooMany> {
        let now = self.state.clock.now();
        match self
            .state
            .throttle
            .check(&self.key, self.ip, now, self.limits())
        {
            Verdict::Blocked => {
                tracing::warn!(account = %short(&self.key), ip = %self.ip, "login refused: too many failures");
                Err(TooMany {
                    minutes: self.state.config.throttle_minutes,
                })
            }
            Verdict::Allowed(d) if !d.is_zero() => {
                tokio::time::sleep(d).await;
                Ok(())
            }
            Verdict::Allowed(_) => Ok(()),
        }
    }

    /// Records a failure; `audit` names the existing account's (entity kind, id), if any.
    pub async fn failed(&self, audit: Option<(gongyi_types::EntityKind, &str)>) {
        let now = self.state.clock.now();
        self.state
            .throttle
            .failed(&self.key, self.ip, now, self.limits());
        tracing::warn!(account = %short(&self.key), ip = %self.ip, "login failed");
        if let Some((kind, id)) = audit {
            let row = NewAudit {
                actor: format!("{kind}:{id}"),
                action: "session.login_failed".into(),
                entity_kind: kind,
                entity_id: id.into(),
                before_digest: None,
                after_digest: None,
                detail: format!("from {}", self.ip),
            };
            if let Err(e) = self
                .state
                .store
                .audit(&self.state.now_str(), vec![row])
                .await
            {
                tracing::error!(error = %e, "could not audit a failed login");
            }
        }
    }

    pub fn succeeded(&self) {
        self.state.throttle.succeeded(&self.key, self.ip);
    }
}

/// A key as it may be logged: at most 64 characters of what a client typed.
fn short(key: &str) -> String {
    key.chars().take(64).collect()
}
