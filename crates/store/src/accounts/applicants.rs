//! Applicants' accounts for the online services (一网通办): an organization's account, named by
//! its 统一社会信用代码, or a person's account (for 成立登记), named by a phone number. Passwords
//! are argon2id hashes made by the server; sessions keep only SHA-256 of the cookie's token.

use crate::audit::{self, NewAudit};
use crate::rows::{get_i64, get_opt_text, get_text};
use crate::{Store, StoreError};

/// `org` or `person`.
pub const KIND_ORG: &str = "org";
pub const KIND_PERSON: &str = "person";

/// A new account.
#[derive(Debug, Clone)]
pub struct NewApplicant {
    pub kind: &'static str,
    /// The 统一社会信用代码 (organization) or the phone number (person).
    pub login: String,
    pub uscc: Option<String>,
    /// The organization's name, or the person's.
    pub display_name: String,
    /// The responsible person (经办人).
    pub contact_name: String,
    pub phone: String,
    pub password_hash: String,
}

/// A stored account.
#[derive(Clone)]
pub struct ApplicantRow {
    pub id: i64,
    pub kind: String,
    pub login: String,
    pub uscc: Option<String>,
    pub display_name: String,
    pub contact_name: String,
    pub phone: String,
    pub password_hash: String,
    pub disabled: bool,
}

impl std::fmt::Debug for ApplicantRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ApplicantRow({}, {})", self.id, self.login)
    }
}

const COLS: &str =
    "id, kind, login, uscc, display_name, contact_name, phone, password_hash, disabled";

fn from_row(r: &sqlx::any::AnyRow) -> Result<ApplicantRow, StoreError> {
    const T: &str = "applicant_accounts";
    Ok(ApplicantRow {
        id: get_i64(r, T, "id")?,
        kind: get_text(r, T, "kind")?,
        login: get_text(r, T, "login")?,
        uscc: get_opt_text(r, T, "uscc")?,
        display_name: get_text(r, T, "display_name")?,
        contact_name: get_text(r, T, "contact_name")?,
        phone: get_text(r, T, "phone")?,
        password_hash: get_text(r, T, "password_hash")?,
        disabled: get_i64(r, T, "disabled")? != 0,
    })
}

/// Inserts an account in the caller's transaction; returns its id.
pub(crate) async fn insert_account(
    conn: &mut sqlx::AnyConnection,
    a: &NewApplicant,
    at: &str,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("INSERT INTO applicant_accounts (kind, login, uscc, display_name, contact_name, phone, password_hash, created_at, disabled) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0) RETURNING id")
        .bind(a.kind.to_string())
        .bind(a.login.clone())
        .bind(a.uscc.clone())
        .bind(a.display_name.clone())
        .bind(a.contact_name.clone())
        .bind(a.phone.clone())
        .bind(a.password_hash.clone())
        .bind(at.to_string())
        .fetch_one(&mut *conn)
        .await?)
}

impl Store {
    /// Creates an account with its audit row; a login already taken is a conflict.
    pub async fn create_applicant(
        &self,
        a: &NewApplicant,
        actor: &str,
        at: &str,
    ) -> Result<i64, StoreError> {
        let mut tx = self.begin_write().await?;
        let id = insert_account(&mut tx, a, at).await.map_err(|e| {
            if e.is_unique_violation() {
                StoreError::Conflict("该账号已注册".to_string())
            } else {
                e
            }
        })?;
        audit::append(
            &mut tx,
            at,
            vec![NewAudit {
                actor: actor.to_string(),
                action: "applicant.create".into(),
                entity_kind: gongyi_types::EntityKind::Applicant,
                entity_id: a.login.clone(),
                before_digest: None,
                after_digest: None,
                detail: a.kind.to_string(),
            }],
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn applicant_by_login(
        &self,
        login: &str,
    ) -> Result<Option<ApplicantRow>, StoreError> {
        let sql = format!("SELECT {COLS} FROM applicant_accounts WHERE login = $1");
        let row = sqlx::query(&sql)
            .bind(login.to_string())
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(from_row).transpose()
    }

    pub async fn applicant_by_id(&self, id: i64) -> Result<Option<ApplicantRow>, StoreError> {
        let sql = format!("SELECT {COLS} FROM applicant_accounts WHERE id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(from_row).transpose()
    }

    pub async fn create_applicant_session(
        &self,
        token_hash: &str,
        account_id: i64,
        csrf: &str,
        at: &str,
        expires_at: &str,
    ) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO applicant_sessions (token_hash, account_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(token_hash.to_string())
            .bind(account_id)
            .bind(csrf.to_string())
            .bind(at.to_string())
            .bind(expires_at.to_string())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// (account id, CSRF token) of a session that has not expired at `now`.
    pub async fn applicant_session(
        &self,
        token_hash: &str,
        now: &str,
    ) -> Result<Option<(i64, String)>, StoreError> {
        let row = sqlx::query("SELECT account_id, csrf_token FROM applicant_sessions WHERE token_hash = $1 AND expires_at > $2")
            .bind(token_hash.to_string())
            .bind(now.to_string())
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            Ok((
                get_i64(&r, "applicant_sessions", "account_id")?,
                get_text(&r, "applicant_sessions", "csrf_token")?,
            ))
        })
        .transpose()
    }

    pub async fn delete_applicant_session(&self, token_hash: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM applicant_sessions WHERE token_hash = $1")
            .bind(token_hash.to_string())
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
