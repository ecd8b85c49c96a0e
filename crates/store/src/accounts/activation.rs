//! Activation codes for organizations' online-services accounts: the registration authority
//! issues one (an official of its jurisdiction), the organization uses it once to create its
//! account — or to take its account back: using a code on an existing account resets it (new
//! password and contact, every session ended). Before, the code and the 法定代表人's name were
//! enough, and both are public on the profile: anyone could claim an organization's account
//! and the organization could not recover it.
//!
//! Only the SHA-256 of a code is stored; issuing a new code retires the unused ones.

use crate::accounts::applicants::{KIND_ORG, NewApplicant};
use crate::audit::{self, NewAudit};
use crate::rows::{get_i64, get_opt_text, get_text};
use crate::{Store, StoreError};

/// The audit trail's entity kind for account administration (not in the public log).
const KIND: gongyi_types::EntityKind = gongyi_types::EntityKind::OrgAccount;

/// An issued code, as officials see it (never the code itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivationRow {
    pub id: i64,
    pub issued_by: String,
    pub issued_at: String,
    pub expires_at: String,
    pub used_at: Option<String>,
}

/// What using a code did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Activated {
    /// A new account.
    Created(i64),
    /// The organization's existing account, reset.
    Reset(i64),
}

impl Store {
    /// Records a new code for `uscc` (its SHA-256), retiring unused earlier ones.
    pub async fn issue_activation_code(
        &self,
        uscc: &str,
        code_hash: &str,
        actor: &str,
        at: &str,
        expires_at: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE org_activation_codes SET expires_at = $1 WHERE uscc = $2 AND used_at IS NULL AND expires_at > $1")
            .bind(at.to_string())
            .bind(uscc.to_string())
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO org_activation_codes (uscc, code_hash, issued_by, issued_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(uscc.to_string())
            .bind(code_hash.to_string())
            .bind(actor.to_string())
            .bind(at.to_string())
            .bind(expires_at.to_string())
            .execute(&mut *tx)
            .await?;
        audit::append(
            &mut tx,
            at,
            vec![NewAudit {
                actor: actor.to_string(),
                action: "org_account.issue_code".into(),
                entity_kind: KIND,
                entity_id: uscc.to_string(),
                before_digest: None,
                after_digest: None,
                detail: format!("激活码有效期至 {expires_at}"),
            }],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The codes issued for `uscc`, newest first.
    pub async fn activation_codes(&self, uscc: &str) -> Result<Vec<ActivationRow>, StoreError> {
        const T: &str = "org_activation_codes";
        let rows = sqlx::query("SELECT id, issued_by, issued_at, expires_at, used_at FROM org_activation_codes WHERE uscc = $1 ORDER BY id DESC")
            .bind(uscc.to_string())
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(ActivationRow {
                    id: get_i64(r, T, "id")?,
                    issued_by: get_text(r, T, "issued_by")?,
                    issued_at: get_text(r, T, "issued_at")?,
                    expires_at: get_text(r, T, "expires_at")?,
                    used_at: get_opt_text(r, T, "used_at")?,
                })
            })
            .collect()
    }

    /// Uses a code: `a` becomes the organization's account (created, or the existing one reset
    /// with `a`'s password and contact and its sessions ended) — in one transaction with the
    /// code marked used. A code unknown, used, expired or for another organization is
    /// `NotFound` (one answer for all, so a guess learns nothing).
    pub async fn activate_org_account(
        &self,
        a: &NewApplicant,
        code_hash: &str,
        at: &str,
    ) -> Result<Activated, StoreError> {
        let uscc = a.uscc.clone().unwrap_or_default();
        let mut tx = self.begin_write().await?;
        let used = sqlx::query("UPDATE org_activation_codes SET used_at = $1 WHERE uscc = $2 AND code_hash = $3 AND used_at IS NULL AND expires_at > $1")
            .bind(at.to_string())
            .bind(uscc.clone())
            .bind(code_hash.to_string())
            .execute(&mut *tx)
            .await?;
        crate::tx::guarded(used, || "激活码无效".to_string())
            .map_err(|_| StoreError::NotFound("激活码".to_string()))?;
        let existing: Option<(i64, i64)> =
            sqlx::query_as("SELECT id, account_id FROM applicant_accounts WHERE login = $1")
                .bind(a.login.clone())
                .fetch_optional(&mut *tx)
                .await?;
        let (done, action) = match existing {
            Some((id, account)) => {
                sqlx::query("UPDATE applicant_accounts SET contact_name = $1, phone = $2, display_name = $3, disabled = 0 WHERE id = $4")
                    .bind(a.contact_name.clone())
                    .bind(a.phone.clone())
                    .bind(a.display_name.clone())
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                crate::accounts::logins::reset_in(
                    &mut tx,
                    account,
                    &a.display_name,
                    &a.password_hash,
                )
                .await?;
                (Activated::Reset(id), "applicant.reset")
            }
            None => {
                let new = NewApplicant {
                    kind: KIND_ORG,
                    ..a.clone()
                };
                let id = crate::accounts::applicants::insert_account(&mut tx, &new, at).await?;
                (Activated::Created(id), "applicant.create")
            }
        };
        audit::append(
            &mut tx,
            at,
            vec![NewAudit {
                actor: format!("applicant:{}", a.login),
                action: action.into(),
                entity_kind: gongyi_types::EntityKind::Applicant,
                entity_id: a.login.clone(),
                before_digest: None,
                after_digest: None,
                detail: "以登记管理机关发放的激活码开通".into(),
            }],
        )
        .await?;
        tx.commit().await?;
        Ok(done)
    }
}
