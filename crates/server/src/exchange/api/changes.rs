//! `GET /api/v1/changes?after=CURSOR&limit=N` — every public change of this node in order:
//! registrations, changes and imports of organizations (with the record's public fields as
//! they are now) and illegal-organization batches, each with its place in the transparency
//! log. A client keeps `next` and asks again with `after=next`; nothing is skipped or
//! repeated.
//!
//! A partner may send its API key (`X-Api-Key`, made with `gongyi admin create-api-key
//! --scopes changes:registry,changes:credit --division 330000`): the page then holds only the
//! kinds of change its scopes name, of organizations registered in its area (illegal-list
//! batches, national, go to every key with `changes:illegal`), counted against the key's rate.
//! `next` still moves past what was left out, so a filtered page may be short or empty while
//! more follows. Without a key the feed is the whole public feed.
//!
//! The feed is the audit log read up to the mark the server's follower has reached
//! (`registry::follow`): on PostgreSQL a transaction may commit a lower id after a higher one
//! is visible, and the mark only passes an id once it has appeared (or was rolled back), so a
//! cursor never jumps over a change that shows up later.

use crate::AppState;
use crate::error::{ApiError, ErrorBody};
use crate::registry::api::model::OrgProfile;
use axum::Json;
use axum::extract::{Query, State};
use base64::Engine;
use gongyi_types::accounts::api_scope::ApiScope;
use gongyi_types::{DivisionCode, EntityKind, ErrorCode, Sections};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};

/// Items per page by default, and at most.
const DEFAULT_LIMIT: i64 = 100;
const MAX_LIMIT: i64 = 1000;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChangesParams {
    /// 上次响应中的 next（不透明游标）；不填则从头开始。
    pub after: Option<String>,
    /// 每页条数，1–1000，默认 100。
    #[param(value_type = Option<u32>, minimum = 1, maximum = 1000)]
    pub limit: Option<String>,
}

/// 一项公开变更。
#[derive(Debug, Serialize, ToSchema)]
pub struct ChangeItem {
    /// 这一项的游标：以 after=该值 请求，从下一项开始。
    pub cursor: String,
    /// 对象类型：org（社会组织）或 illegal_batch（非法社会组织名单批次）。
    pub kind: String,
    /// 对象标识：社会组织为统一社会信用代码，名单批次为其编号。
    pub id: String,
    /// 操作：create、update、import、publish 等（取自 action 的后半部分）。
    pub op: String,
    /// 完整的操作名，如 org.update。
    pub action: String,
    /// 时间（RFC 3339，北京时间 +08:00）。
    #[serde(serialize_with = "crate::web::time::beijing")]
    pub at: String,
    /// 该变更在公开账本中的序号（尚未记入账本时为空）。
    pub ledger_index: Option<i64>,
    /// 社会组织当前的公开登记信息（不含档案各节）；对象已不存在或非社会组织时为空。
    pub record: Option<serde_json::Value>,
}

/// 一页变更。
#[derive(Debug, Serialize, ToSchema)]
pub struct ChangePage {
    pub items: Vec<ChangeItem>,
    /// 下次请求用的游标（没有新变更时与本次相同）。
    pub next: String,
}

const CURSOR_PREFIX: &str = "c1:";

/// The opaque cursor of audit id `id`.
fn cursor(id: i64) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{CURSOR_PREFIX}{id}"))
}

/// The audit id a cursor stands for (`None`: not a cursor of this feed). A higher node's sync
/// checks it against the log's leaf of the change.
pub(crate) fn audit_id_of(raw: &str) -> Option<i64> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(raw.trim())
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|s| s.strip_prefix(CURSOR_PREFIX)?.parse::<i64>().ok())
        .filter(|id| *id >= 0)
}

/// The audit id of a cursor (`None`: the beginning).
fn parse_cursor(raw: Option<&str>) -> Result<i64, ApiError> {
    let Some(raw) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(0);
    };
    audit_id_of(raw).ok_or_else(|| {
        ApiError::new(
            ErrorCode::InvalidCursor,
            "游标无效：请使用上一次响应中 next 的值，或不带 after 从头读取",
        )
    })
}

/// A partner's scopes and area, from its `X-Api-Key` (`None`: no key, the public feed). An
/// unknown key is a 401, a key without a `changes:` scope a 403, a key over its rate a 429.
async fn partner_view(
    state: &AppState,
    headers: &axum::http::HeaderMap,
) -> Result<Option<(Vec<ApiScope>, DivisionCode)>, ApiError> {
    let Some(key) = headers.get("x-api-key") else {
        return Ok(None);
    };
    let hash = hex::encode(Sha256::digest(key.to_str().unwrap_or("").trim().as_bytes()));
    let row = state
        .store
        .api_key_by_hash(&hash)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::InvalidApiKey, "API 密钥无效或已停用"))?;
    let scopes: Vec<ApiScope> = row
        .scopes
        .split(',')
        .filter_map(ApiScope::parse)
        .filter(|s| *s != ApiScope::Lookup)
        .collect();
    if scopes.is_empty() {
        return Err(ApiError::new(
            ErrorCode::ApiKeyScope,
            "该 API 密钥未开通变更流（changes:registry、changes:credit 或 changes:illegal）",
        ));
    }
    let area = DivisionCode::parse(&row.division)
        .map_err(|e| ApiError::internal(format!("API 密钥的行政区划无效：{e}")))?;
    let rate = u32::try_from(row.rate_per_minute).unwrap_or(u32::MAX);
    if let Err(limited) = state.lookup_limiter.take(&format!("key:{}", row.id), rate) {
        return Err(ApiError::new(
            ErrorCode::RateLimited,
            format!(
                "超出该密钥每分钟 {rate} 次的频率，请 {} 秒后再试",
                limited.retry_after_secs
            ),
        ));
    }
    Ok(Some((scopes, area)))
}

fn parse_limit(raw: Option<&str>) -> Result<i64, ApiError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(DEFAULT_LIMIT),
        Some(s) => s
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=MAX_LIMIT).contains(n))
            .ok_or_else(|| {
                ApiError::new(
                    ErrorCode::InvalidLimit,
                    format!("limit 应为 1 到 {MAX_LIMIT} 之间的整数"),
                )
            }),
    }
}

#[utoipa::path(
    get,
    path = "/api/v1/changes",
    tag = "exchange",
    summary = "公开变更流（按顺序的全部公开变更，带游标）",
    params(ChangesParams, ("X-Api-Key" = Option<String>, Header, description = "合作方 API 密钥（可选）：只返回其权限范围与辖区内的变更")),
    responses(
        (status = 200, description = "一页变更与下次请求用的游标", body = ChangePage),
        (status = 400, description = "游标或条数无效（invalid_cursor、invalid_limit）", body = ErrorBody),
        (status = 401, description = "API 密钥无效（invalid_api_key）", body = ErrorBody),
        (status = 403, description = "API 密钥未开通变更流（api_key_scope）", body = ErrorBody),
        (status = 429, description = "超出该密钥的频率（rate_limited）", body = ErrorBody)
    )
)]
pub async fn list_changes(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    Query(p): Query<ChangesParams>,
) -> Result<Json<ChangePage>, ApiError> {
    let after = parse_cursor(p.after.as_deref())?;
    let limit = parse_limit(p.limit.as_deref())?;
    let partner = partner_view(&state, &headers).await?;
    // Up to what this server has followed (see the module doc); a server whose index knows
    // no mark yet serves what is committed.
    let upto = match state.search.applied() {
        Some(mark) => mark,
        None => state.store.last_change_id().await?,
    };
    let rows = state.store.public_changes(after, upto, limit).await?;
    let codes: Vec<String> = rows
        .iter()
        .filter(|r| r.entity_kind == EntityKind::Org.code())
        .map(|r| r.entity_id.clone())
        .collect();
    let orgs: HashMap<String, serde_json::Value> = state
        .store
        .orgs_by_codes(&codes)
        .await?
        .iter()
        .filter_map(|o| {
            let mut v = serde_json::to_value(OrgProfile::new(o, Sections::default())).ok()?;
            if let Some(m) = v.as_object_mut() {
                m.remove("sections");
            }
            Some((o.uscc.to_string(), v))
        })
        .collect();
    let next = rows.last().map_or_else(|| cursor(after), |r| cursor(r.id));
    let items = rows
        .into_iter()
        .filter(|r| {
            partner.as_ref().is_none_or(|(scopes, area)| {
                ApiScope::of_change(&r.entity_kind, &r.action).is_some_and(|s| scopes.contains(&s))
                    && (r.entity_kind != EntityKind::Org.code()
                        || orgs
                            .get(&r.entity_id)
                            .and_then(|v| v["division"].as_str())
                            .and_then(|d| DivisionCode::parse(d).ok())
                            .is_some_and(|d| area.contains(d)))
            })
        })
        .map(|r| ChangeItem {
            cursor: cursor(r.id),
            op: r
                .action
                .split_once('.')
                .map_or(r.action.as_str(), |(_, op)| op)
                .to_string(),
            record: orgs.get(&r.entity_id).cloned(),
            kind: r.entity_kind,
            id: r.entity_id,
            action: r.action,
            at: r.at,
            ledger_index: r.ledger_index,
        })
        .collect();
    Ok(Json(ChangePage { items, next }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_refused() {
        assert_eq!(parse_cursor(Some(&cursor(42))).unwrap(), 42);
        assert_eq!(parse_cursor(None).unwrap(), 0);
        assert_eq!(parse_cursor(Some("")).unwrap(), 0);
        for bad in ["42", "!!", &cursor(-1)] {
            let e = parse_cursor(Some(bad)).unwrap_err();
            assert_eq!(e.code, ErrorCode::InvalidCursor, "{bad}");
        }
        assert_eq!(parse_limit(Some("1000")).unwrap(), 1000);
        assert!(parse_limit(Some("0")).is_err() && parse_limit(Some("x")).is_err());
    }
}
