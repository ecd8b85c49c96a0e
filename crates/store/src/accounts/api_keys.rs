//! Partners' API keys for the legitimacy lookup (search engines, platforms): a name, a rate per
//! minute, and only the SHA-256 of the key, so a leaked table does not leak keys.

use crate::audit::{self, NewAudit};
use crate::rows::{get_i64, get_text};
use crate::{Store, StoreError};

/// A stored key (without the key itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKeyRow {
    pub id: i64,
    pub name: String,
    pub rate_per_minute: i64,
    /// Comma-separated `ApiScope` codes.
    pub scopes: String,
    /// GB/T 2260 code of the area whose organizations the key's feed shows.
    pub division: String,
}

impl Store {
    /// Stores a key by its hash; an existing name is a [`StoreError::Conflict`].
    pub async fn create_api_key(
        &self,
        name: &str,
        key_hash: &str,
        rate_per_minute: i64,
        actor: &str,
        at: &str,
    ) -> Result<i64, StoreError> {
        let mut tx = self.begin_write().await?;
        let res = sqlx::query("INSERT INTO api_keys (name, key_hash, rate_per_minute, created_at, disabled) VALUES ($1, $2, $3, $4, 0)")
            .bind(name.to_string())
            .bind(key_hash.to_string())
            .bind(rate_per_minute)
            .bind(at.to_string())
            .execute(&mut *tx)
            .await;
        if let Err(e) = res {
            let e = StoreError::from(e);
            return Err(if e.is_unique_violation() {
                StoreError::Conflict(format!("API 密钥名称“{name}”已存在"))
            } else {
                e
            });
        }
        let id: i64 = sqlx::query_scalar("SELECT id FROM api_keys WHERE name = $1")
            .bind(name.to_string())
            .fetch_one(&mut *tx)
            .await?;
        audit::append(
            &mut tx,
            at,
            vec![NewAudit {
                actor: actor.to_string(),
                action: "api_key.create".to_string(),
                entity_kind: gongyi_types::EntityKind::ApiKey,
                entity_id: name.to_string(),
                before_digest: None,
                after_digest: None,
                detail: format!("rate_per_minute={rate_per_minute}"),
            }],
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Sets what the key `name` opens and the area of its feed (audited).
    pub async fn set_api_key_scopes(
        &self,
        name: &str,
        scopes: &str,
        division: &str,
        actor: &str,
        at: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let n = sqlx::query("UPDATE api_keys SET scopes = $2, division = $3 WHERE name = $1")
            .bind(name.to_string())
            .bind(scopes.to_string())
            .bind(division.to_string())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if n != 1 {
            return Err(StoreError::NotFound(format!("没有名为“{name}”的 API 密钥")));
        }
        audit::append(
            &mut tx,
            at,
            vec![NewAudit {
                actor: actor.to_string(),
                action: "api_key.scopes".to_string(),
                entity_kind: gongyi_types::EntityKind::ApiKey,
                entity_id: name.to_string(),
                before_digest: None,
                after_digest: None,
                detail: format!("scopes={scopes} division={division}"),
            }],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The enabled key with this hash.
    pub async fn api_key_by_hash(&self, key_hash: &str) -> Result<Option<ApiKeyRow>, StoreError> {
        let row = sqlx::query(
            "SELECT id, name, rate_per_minute, scopes, division FROM api_keys WHERE key_hash = $1 AND disabled = 0",
        )
        .bind(key_hash.to_string())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(ApiKeyRow {
                id: get_i64(&r, "api_keys", "id")?,
                name: get_text(&r, "api_keys", "name")?,
                rate_per_minute: get_i64(&r, "api_keys", "rate_per_minute")?,
                scopes: get_text(&r, "api_keys", "scopes")?,
                division: get_text(&r, "api_keys", "division")?,
            })
        })
        .transpose()
    }
}
