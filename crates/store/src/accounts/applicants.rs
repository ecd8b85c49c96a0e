//! The applicant role of an account, for the online services (一网通办): an organization, whose
//! login is its 统一社会信用代码, or a person (for 成立登记), whose login is a phone number. The
//! login and password are the account's (`logins`; argon2id hashes made by the server).

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

/// A stored applicant role, with its login's password hash.
#[derive(Clone)]
pub struct ApplicantRow {
    pub id: i64,
    /// The account (login) this role belongs to.
    pub account_id: i64,
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

/// The role joined with its login (the password and the login's own switch live there).
const SELECT: &str = "SELECT p.id, p.account_id, p.kind, p.login, p.uscc, p.display_name, p.contact_name, p.phone, a.password_hash, p.disabled + a.disabled AS disabled FROM applicant_accounts p JOIN accounts a ON a.id = p.account_id";

fn from_row(r: &sqlx::any::AnyRow) -> Result<ApplicantRow, StoreError> {
    const T: &str = "applicant_accounts";
    Ok(ApplicantRow {
        id: get_i64(r, T, "id")?,
        account_id: get_i64(r, T, "account_id")?,
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

/// Inserts a login with the applicant role in the caller's transaction; returns the role's id.
/// A login name already taken (by any role) is a unique violation.
pub(crate) async fn insert_account(
    conn: &mut sqlx::AnyConnection,
    a: &NewApplicant,
    at: &str,
) -> Result<i64, StoreError> {
    let account = crate::accounts::logins::insert_login(
        conn,
        &a.login,
        &a.display_name,
        &a.password_hash,
        at,
    )
    .await?;
    Ok(sqlx::query_scalar("INSERT INTO applicant_accounts (kind, login, uscc, display_name, contact_name, phone, password_hash, created_at, disabled, account_id) VALUES ($1, $2, $3, $4, $5, $6, '', $7, 0, $8) RETURNING id")
        .bind(a.kind.to_string())
        .bind(a.login.clone())
        .bind(a.uscc.clone())
        .bind(a.display_name.clone())
        .bind(a.contact_name.clone())
        .bind(a.phone.clone())
        .bind(at.to_string())
        .bind(account)
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
        let sql = format!("{SELECT} WHERE p.login = $1");
        let row = sqlx::query(&sql)
            .bind(login.to_string())
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(from_row).transpose()
    }

    pub async fn applicant_by_id(&self, id: i64) -> Result<Option<ApplicantRow>, StoreError> {
        let sql = format!("{SELECT} WHERE p.id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(from_row).transpose()
    }

    /// The applicant role of account `account_id`, if it holds one.
    pub async fn applicant_by_account(
        &self,
        account_id: i64,
    ) -> Result<Option<ApplicantRow>, StoreError> {
        let sql = format!("{SELECT} WHERE p.account_id = $1");
        let row = sqlx::query(&sql)
            .bind(account_id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(from_row).transpose()
    }
}
