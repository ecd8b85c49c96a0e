//! The official role of an account: rank and division. The login and password are the account's
//! (`logins`); passwords arrive already hashed (argon2id, in the server's auth module).

use crate::rows::{get_i64, get_text};
use crate::{Store, StoreError};
use serde::Serialize;

#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub password_hash: String,
    pub role: String,
    pub division: String,
}

#[derive(Clone, Serialize)]
pub struct UserRow {
    pub id: i64,
    /// The account (login) this role belongs to.
    pub account_id: i64,
    pub username: String,
    pub display_name: String,
    #[serde(skip)]
    pub password_hash: String,
    pub role: String,
    pub division: String,
    /// The role or the whole login disabled.
    pub disabled: bool,
}

impl std::fmt::Debug for UserRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserRow")
            .field("id", &self.id)
            .field("username", &self.username)
            .field("role", &self.role)
            .field("division", &self.division)
            .finish_non_exhaustive()
    }
}

/// The role joined with its login (the password and the login's own switch live there).
const SELECT: &str = "SELECT u.id, u.account_id, u.username, u.display_name, a.password_hash, u.role, u.division, u.disabled + a.disabled AS disabled FROM users u JOIN accounts a ON a.id = u.account_id";

fn from_row(r: &sqlx::any::AnyRow) -> Result<UserRow, StoreError> {
    const T: &str = "users";
    Ok(UserRow {
        id: get_i64(r, T, "id")?,
        account_id: get_i64(r, T, "account_id")?,
        username: get_text(r, T, "username")?,
        display_name: get_text(r, T, "display_name")?,
        password_hash: get_text(r, T, "password_hash")?,
        role: get_text(r, T, "role")?,
        division: get_text(r, T, "division")?,
        disabled: get_i64(r, T, "disabled")? != 0,
    })
}

impl Store {
    /// Creates an account; an existing username is a [`StoreError::Conflict`].
    pub async fn create_user(&self, u: &NewUser, actor: &str, at: &str) -> Result<i64, StoreError> {
        let mut tx = self.begin_write().await?;
        let account = crate::accounts::logins::insert_login(
            &mut tx,
            &u.username,
            &u.display_name,
            &u.password_hash,
            at,
        )
        .await
        .map_err(|e| {
            if e.is_unique_violation() {
                StoreError::Conflict(format!("用户名“{}”已存在", u.username))
            } else {
                e
            }
        })?;
        let id: i64 = sqlx::query_scalar("INSERT INTO users (username, display_name, password_hash, role, division, disabled, created_at, account_id) VALUES ($1, $2, '', $3, $4, 0, $5, $6) RETURNING id")
            .bind(u.username.clone())
            .bind(u.display_name.clone())
            .bind(u.role.clone())
            .bind(u.division.clone())
            .bind(at.to_string())
            .bind(account)
            .fetch_one(&mut *tx)
            .await?;
        crate::audit::append(
            &mut tx,
            at,
            vec![crate::NewAudit {
                actor: actor.to_string(),
                action: "user.create".to_string(),
                entity_kind: gongyi_types::EntityKind::User,
                entity_id: u.username.clone(),
                before_digest: None,
                after_digest: None,
                detail: format!("role={} division={}", u.role, u.division),
            }],
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn user_by_name(&self, username: &str) -> Result<Option<UserRow>, StoreError> {
        let row = sqlx::query(&format!("{SELECT} WHERE u.username = $1"))
            .bind(username.to_string())
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(from_row).transpose()
    }

    pub async fn user_by_id(&self, id: i64) -> Result<Option<UserRow>, StoreError> {
        let row = sqlx::query(&format!("{SELECT} WHERE u.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(from_row).transpose()
    }

    /// The official role of account `account_id`, if it holds one.
    pub async fn user_by_account(&self, account_id: i64) -> Result<Option<UserRow>, StoreError> {
        let row = sqlx::query(&format!("{SELECT} WHERE u.account_id = $1"))
            .bind(account_id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(from_row).transpose()
    }

    pub async fn user_count(&self) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(&self.pool)
            .await?)
    }
}
