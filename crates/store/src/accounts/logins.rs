//! Logins: the one credential of an account — its login name, argon2id hash (made by the
//! server) and whether it is disabled — that every role of the account points to: `users` for an
//! official, `applicant_accounts` for an applicant, and the roles of the pillars to come. One
//! login, one session table, whatever the account may do.

use crate::accounts::applicants::ApplicantRow;
use crate::accounts::users::UserRow;
use crate::rows::{get_i64, get_text};
use crate::{Store, StoreError};

/// An account's login.
#[derive(Clone)]
pub struct LoginRow {
    pub id: i64,
    pub login: String,
    pub display_name: String,
    pub password_hash: String,
    pub disabled: bool,
}

impl std::fmt::Debug for LoginRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LoginRow({}, {})", self.id, self.login)
    }
}

/// The roles an account holds (each `None` when it does not hold it).
#[derive(Debug, Clone, Default)]
pub struct Roles {
    pub official: Option<UserRow>,
    pub applicant: Option<ApplicantRow>,
}

/// Inserts a login in the caller's transaction; returns the account id. A login name already
/// taken (by any role) is a unique violation.
pub(crate) async fn insert_login(
    conn: &mut sqlx::AnyConnection,
    login: &str,
    display_name: &str,
    password_hash: &str,
    at: &str,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("INSERT INTO accounts (login, display_name, password_hash, disabled, created_at) VALUES ($1, $2, $3, 0, $4) RETURNING id")
        .bind(login.to_string())
        .bind(display_name.to_string())
        .bind(password_hash.to_string())
        .bind(at.to_string())
        .fetch_one(&mut *conn)
        .await?)
}

/// A new password (and name) for an account, enabled again, every session ended — in the
/// caller's transaction (an organization taking its account back with an activation code).
pub(crate) async fn reset_in(
    conn: &mut sqlx::AnyConnection,
    account_id: i64,
    display_name: &str,
    password_hash: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE accounts SET password_hash = $1, display_name = $2, disabled = 0 WHERE id = $3",
    )
    .bind(password_hash.to_string())
    .bind(display_name.to_string())
    .bind(account_id)
    .execute(&mut *conn)
    .await?;
    crate::accounts::sessions::end_all_in(conn, account_id).await
}

impl Store {
    /// The login named `login`, of any role.
    pub async fn login_by_name(&self, login: &str) -> Result<Option<LoginRow>, StoreError> {
        let row = sqlx::query(
            "SELECT id, login, display_name, password_hash, disabled FROM accounts WHERE login = $1",
        )
        .bind(login.to_string())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            const T: &str = "accounts";
            Ok(LoginRow {
                id: get_i64(&r, T, "id")?,
                login: get_text(&r, T, "login")?,
                display_name: get_text(&r, T, "display_name")?,
                password_hash: get_text(&r, T, "password_hash")?,
                disabled: get_i64(&r, T, "disabled")? != 0,
            })
        })
        .transpose()
    }

    /// Every role account `account_id` holds.
    pub async fn roles(&self, account_id: i64) -> Result<Roles, StoreError> {
        Ok(Roles {
            official: self.user_by_account(account_id).await?,
            applicant: self.applicant_by_account(account_id).await?,
        })
    }
}
