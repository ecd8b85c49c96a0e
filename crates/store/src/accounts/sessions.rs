//! Sessions of every account, whatever its roles. The cookie carries a random token; only its
//! SHA-256 is stored, with the CSRF token the session's forms must carry.

use crate::rows::{get_i64, get_text};
use crate::{Store, StoreError};

#[derive(Debug, Clone)]
pub struct SessionRow {
    pub account_id: i64,
    pub csrf_token: String,
    pub expires_at: String,
}

/// Ends every session of an account, in the caller's transaction.
pub(crate) async fn end_all_in(
    conn: &mut sqlx::AnyConnection,
    account_id: i64,
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM account_sessions WHERE account_id = $1")
        .bind(account_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

impl Store {
    pub async fn create_session(
        &self,
        token_hash: &str,
        account_id: i64,
        csrf: &str,
        at: &str,
        expires_at: &str,
    ) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO account_sessions (token_hash, account_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(token_hash.to_string())
            .bind(account_id)
            .bind(csrf.to_string())
            .bind(at.to_string())
            .bind(expires_at.to_string())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The session for a token hash if it has not expired at `now` (RFC 3339 strings compare
    /// in time order because the store writes them all in UTC with the same precision) and
    /// its account is enabled.
    pub async fn session(
        &self,
        token_hash: &str,
        now: &str,
    ) -> Result<Option<SessionRow>, StoreError> {
        let row = sqlx::query("SELECT s.account_id, s.csrf_token, s.expires_at FROM account_sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = $1 AND s.expires_at > $2 AND a.disabled = 0")
            .bind(token_hash.to_string())
            .bind(now.to_string())
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            Ok(SessionRow {
                account_id: get_i64(&r, "account_sessions", "account_id")?,
                csrf_token: get_text(&r, "account_sessions", "csrf_token")?,
                expires_at: get_text(&r, "account_sessions", "expires_at")?,
            })
        })
        .transpose()
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM account_sessions WHERE token_hash = $1")
            .bind(token_hash.to_string())
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
