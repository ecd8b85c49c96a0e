//! `POST /api/v1/lookup` — the legitimacy check for search engines and platforms (《"互联网+社会
//! 组织"行动方案》: mark legal organizations, flag illegal ones): up to 1,000 names and codes per
//! request, each answered as registered (with code, status, credit), illegal (with the batch
//! of the list), unknown, or invalid (a malformed code, with the reason), and for illegal or
//! unknown names the closest registered names.
//!
//! Names compare by `gongyi_screen::normalize_name` (spacing, punctuation, width,
//! traditional/simplified and case do not matter) against tables held in memory
//! (`legitimacy`), so a request costs no database query per name.

use crate::AppState;
use crate::error::{ApiError, ErrorBody};
use crate::legitimacy::api::illegal_orgs::IllegalEntry;
use crate::legitimacy::{NameMap, OrgBrief};
use crate::platform::client_ip::ClientIp;
use crate::platform::rate_limit::ANONYMOUS_PER_MINUTE;
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use gongyi_screen::{NameProfile, normalize_name};
use gongyi_search::SearchIndex;
use gongyi_types::ErrorCode;
use gongyi_types::Uscc;
use gongyi_types::accounts::api_scope::ApiScope;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::net::IpAddr;
use utoipa::ToSchema;

/// Names and codes per request, together.
pub const MAX_ITEMS: usize = 1_000;
/// Closest registered names returned for an illegal or unknown name.
const MAX_SIMILAR: usize = 5;
/// Candidates taken from the index (best BM25 on shared bigrams) before re-ranking.
const SIMILAR_CANDIDATES: usize = 8;
/// Below this similarity a registered name is not offered.
const MIN_SIMILARITY: f64 = 0.3;

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct LookupRequest {
    /// 要查询的组织名称，按任何地方的写法均可（空格、全角/半角、繁体字不影响）。
    #[serde(default)]
    pub names: Vec<String>,
    /// 要查询的统一社会信用代码（18位）。
    #[serde(default)]
    pub codes: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LookupResponse {
    /// 每个查询项一条结果，先名称后代码，顺序与请求相同。
    pub results: Vec<LookupResult>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LookupResult {
    pub query: String,
    /// 查询项类型：name（名称）或 code（代码）。
    pub query_type: String,
    /// 结果：registered（已登记）、illegal（列入非法社会组织名单）、unknown（未找到）或
    /// invalid（代码格式错误或名称为空，reason 说明原因；请求中的其余各项照常回答）。
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org: Option<LookupOrg>,
    /// 名称列入非法社会组织名单时，对应的名单条目（含批次）。
    #[serde(skip_serializing_if = "Option::is_none")]
    pub illegal_entry: Option<IllegalEntry>,
    /// 最接近的已登记名称（用于 illegal 和 unknown 的名称），最接近的在前。
    #[serde(skip_serializing_if = "Option::is_none")]
    pub similar: Option<Vec<SimilarOrg>>,
}

/// 合法性查询结果中的已登记社会组织；名录记录详见 GET /api/v1/orgs/{uscc}。
#[derive(Debug, Serialize, ToSchema)]
pub struct LookupOrg {
    pub uscc: String,
    pub name: String,
    pub kind: String,
    pub status: String,
    pub division: String,
    /// 信用状态：normal（正常）、abnormal（活动异常名录）或 serious（严重违法失信名单）。
    pub credit: String,
    pub profile: String,
}

impl LookupOrg {
    fn new(b: &OrgBrief) -> Self {
        Self {
            uscc: b.uscc.clone(),
            name: b.name.clone(),
            kind: b.kind.code().to_string(),
            status: b.status.code().to_string(),
            division: b.division.clone(),
            credit: b.credit.code().to_string(),
            profile: format!("/api/v1/orgs/{}", b.uscc),
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SimilarOrg {
    pub uscc: String,
    pub name: String,
    /// 相似度：规范化名称的字符二元组 Dice 系数，0–1。
    pub score: f64,
}

/// The client's budget: its API key's rate, or the anonymous rate per address — shared by the
/// lookup and the text screening (`/api/v1/screen`, which had none: 1 MiB of listed names
/// gave a 4.8 MB answer, unlimited).
pub(crate) async fn admit(
    state: &AppState,
    headers: &HeaderMap,
    ip: IpAddr,
) -> Result<(), Response> {
    if let Some(key) = headers.get("x-api-key") {
        let key = key.to_str().unwrap_or("").trim();
        let hash = hex::encode(Sha256::digest(key.as_bytes()));
        let row = state
            .store
            .api_key_by_hash(&hash)
            .await
            .map_err(|e| ApiError::from(e).into_response())?;
        let Some(row) = row else {
            return Err(
                ApiError::new(ErrorCode::InvalidApiKey, "API 密钥无效或已停用").into_response(),
            );
        };
        if !row
            .scopes
            .split(',')
            .any(|s| ApiScope::parse(s) == Some(ApiScope::Lookup))
        {
            return Err(ApiError::new(
                ErrorCode::ApiKeyScope,
                "该 API 密钥未开通合法性查询（lookup），请联系平台管理员",
            )
            .into_response());
        }
        let rate = u32::try_from(row.rate_per_minute).unwrap_or(u32::MAX);
        return state
            .lookup_limiter
            .take(&format!("key:{}", row.id), rate)
            .map_err(IntoResponse::into_response);
    }
    state
        .lookup_limiter
        .take(&format!("ip:{ip}"), ANONYMOUS_PER_MINUTE)
        .map_err(IntoResponse::into_response)
}

/// Reads the body: malformed JSON is a 400 `invalid_json`, too many items a 413.
fn parse(body: Result<Json<LookupRequest>, JsonRejection>) -> Result<LookupRequest, ApiError> {
    let Json(req) = body.map_err(|e| match e {
        JsonRejection::BytesRejection(_) => ApiError::new(ErrorCode::BodyTooLarge, "请求体过大"),
        e => ApiError::new(
            ErrorCode::InvalidJson,
            format!("请求体应为 {{\"names\": [...], \"codes\": [...]}}：{e}"),
        ),
    })?;
    let n = req.names.len() + req.codes.len();
    if n == 0 {
        return Err(ApiError::new(
            ErrorCode::EmptyLookup,
            "names 和 codes 至少提供一项",
        ));
    }
    if n > MAX_ITEMS {
        return Err(ApiError::new(
            ErrorCode::TooManyItems,
            format!("一次最多查询 {MAX_ITEMS} 个名称和代码，本次 {n} 个"),
        ));
    }
    if let Some(long) = req.names.iter().find(|s| s.chars().count() > 200) {
        return Err(ApiError::new(
            ErrorCode::NameTooLong,
            format!(
                "名称不能超过200个字符：{}…",
                long.chars().take(20).collect::<String>()
            ),
        ));
    }
    Ok(req)
}

#[utoipa::path(
    post,
    path = "/api/v1/lookup",
    tag = "enforcement",
    summary = "合法性查询（批量）",
    description = "一次最多 1,000 个名称和统一社会信用代码。名称去掉空格、标点，统一全角/半角、繁简和大小写后比较。结果：registered（已登记，含代码、状态、信用）、illegal（在非法社会组织名单上，含批次）、unknown（未找到）、invalid（代码格式或校验位错误，reason 说明原因；其余各项照常回答）；illegal 和 unknown 的名称附最接近的已登记名称（similar）。匿名访问每个地址每分钟 30 次；合作方在 X-Api-Key 中提供密钥获得更高频率。超出频率返回 429 rate_limited 和 Retry-After。",
    request_body = LookupRequest,
    params(("X-Api-Key" = Option<String>, Header, description = "合作方 API 密钥（可选）")),
    responses(
        (status = 200, description = "每一项的结果，顺序同请求（先名称后代码）", body = LookupResponse),
        (status = 400, description = "请求体无效（invalid_json）、为空（empty_lookup）或名称过长（name_too_long）", body = ErrorBody),
        (status = 401, description = "API 密钥无效（invalid_api_key）", body = ErrorBody),
        (status = 413, description = "超过 1,000 项（too_many_items）", body = ErrorBody),
        (status = 429, description = "超出频率（rate_limited），见 Retry-After", body = ErrorBody),
    )
)]
pub async fn lookup_names(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    body: Result<Json<LookupRequest>, JsonRejection>,
) -> Response {
    if let Err(r) = admit(&state, &headers, ip).await {
        return r;
    }
    match answer(&state, body).await {
        Ok(r) => Json(r).into_response(),
        Err(e) => e.into_response(),
    }
}

async fn answer(
    state: &AppState,
    body: Result<Json<LookupRequest>, JsonRejection>,
) -> Result<LookupResponse, ApiError> {
    check(state, parse(body)?).await
}

/// Answers a lookup (the API's and the citizen's check page's).
pub(crate) async fn check(
    state: &AppState,
    req: LookupRequest,
) -> Result<LookupResponse, ApiError> {
    let names = state.legitimacy.names(&state.store).await?;
    let illegal = state.legitimacy.illegal(&state.store).await?;
    let index = state.search.clone();
    tokio::task::spawn_blocking(move || {
        let names = names.read().map_err(ApiError::internal)?;
        let mut results = Vec::with_capacity(req.names.len() + req.codes.len());
        for q in req.names {
            let key = normalize_name(&q);
            let mut r = LookupResult {
                query: q,
                query_type: "name".into(),
                status: "unknown".into(),
                reason: None,
                org: None,
                illegal_entry: None,
                similar: None,
            };
            if key.is_empty() {
                r.status = "invalid".into();
                r.reason = Some("名称为空".into());
                results.push(r);
                continue;
            }
            r.illegal_entry = illegal.by_normalized(&key).map(IllegalEntry::new);
            if let Some(org) = names.by_normalized(&key).first() {
                r.status = "registered".into();
                r.org = Some(LookupOrg::new(org));
            } else {
                if r.illegal_entry.is_some() {
                    r.status = "illegal".into();
                }
                // The list's own "合法登记的为……" comes first when it is registered here.
                let named = illegal
                    .by_normalized(&key)
                    .and_then(|e| e.legal_uscc.as_deref())
                    .and_then(|u| names.by_code(u));
                r.similar = Some(similar(&index, &names, &key, named.as_ref())?);
            }
            results.push(r);
        }
        for q in req.codes {
            let code = crate::registry::api::search_params::normalize_text(&q).to_uppercase();
            let mut r = LookupResult {
                query: q,
                query_type: "code".into(),
                status: "unknown".into(),
                reason: None,
                org: None,
                illegal_entry: None,
                similar: None,
            };
            match Uscc::parse(&code) {
                Err(e) => {
                    r.status = "invalid".into();
                    r.reason = Some(format!("统一社会信用代码无效：{e}"));
                }
                Ok(u) => {
                    if let Some(org) = names.by_code(u.as_str()) {
                        r.status = "registered".into();
                        r.org = Some(LookupOrg::new(&org));
                    }
                }
            }
            results.push(r);
        }
        Ok::<_, ApiError>(LookupResponse { results })
    })
    .await
    .map_err(ApiError::internal)?
}

/// Registered names closest to the normalized name `key`: candidates from the search index
/// (words, bigrams; searched by the normalized key, so traditional characters and inserted
/// punctuation do not hide them) and the list's named legal organization, re-ranked by
/// `gongyi_screen::similarity`.
fn similar(
    index: &SearchIndex,
    names: &NameMap,
    key: &str,
    named: Option<&OrgBrief>,
) -> Result<Vec<SimilarOrg>, ApiError> {
    let candidates = index.similar_names(key, SIMILAR_CANDIDATES)?;
    let me = NameProfile::new(key);
    let score = |name: &str| (me.similarity(&NameProfile::new(name)) * 1000.0).round() / 1000.0;
    let mut out: Vec<SimilarOrg> = named
        .map(|b| SimilarOrg {
            uscc: b.uscc.clone(),
            name: b.name.clone(),
            score: score(&b.name),
        })
        .into_iter()
        .collect();
    out.extend(
        candidates
            .into_iter()
            .filter(|uscc| named.is_none_or(|b| b.uscc != *uscc))
            .filter_map(|uscc| names.by_code(&uscc))
            .map(|b| SimilarOrg {
                score: score(&b.name),
                uscc: b.uscc,
                name: b.name,
            })
            .filter(|s| s.score >= MIN_SIMILARITY),
    );
    let pinned = usize::from(named.is_some());
    if let Some(rest) = out.get_mut(pinned..) {
        rest.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.uscc.cmp(&b.uscc)));
    }
    out.truncate(MAX_SIMILAR);
    Ok(out)
}
