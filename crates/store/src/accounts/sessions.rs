//! Login sessions. The cookie carries a random token; only its SHA-256 is stored.

use crate::rows::{get_i64, get_text};
use crate::{Store, StoreError};

#[derive(Debug, Clone)]
pub struct SessionRow {
    pub user_id: i64,
    pub csrf_token: String,
    pub expires_at: String,
}

impl Store {
    pub async fn create_session(
        &self,
        token_hash: &str,
        user_id: i64,
        csrf: &str,
        at: &str,
        expires_at: &str,
    ) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(token_hash.to_string())
            .bind(user_id)
            .bind(csrf.to_string())
            .bind(at.to_string())
            .bind(expires_at.to_string())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The session for a token hash if it has not expired at `now` (RFC 3339 strings compare
    /// in time order because the store writes them all in UTC with the same precision).
    pub async fn session(
        &self,
        token_hash: &str,
        now: &str,
    ) -> Result<Option<SessionRow>, StoreError> {
        let row = sqlx::query("SELECT user_id, csrf_token, expires_at FROM sessions WHERE token_hash = $1 AND expires_at > $2")
            .bind(token_hash.to_string())
            .bind(now.to_string())
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            Ok(SessionRow {
                user_id: get_i64(&r, "sessions", "user_id")?,
                csrf_token: get_text(&r, "sessions", "csrf_token")?,
                expires_at: get_text(&r, "sessions", "expires_at")?,
            })
        })
        .transpose()
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash.to_string())
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
