//! `GET /api/v1/illegal-orgs` — the published illegal-organization list (涉嫌非法社会组织 /
//! 已取缔非法社会组织), newest batch first, with batch, date, authority and the similarly named
//! legally registered organization ("合法登记的为……").

use crate::AppState;
use crate::error::{ApiError, ErrorBody};
use axum::Json;
use axum::extract::{Query, State};
use gongyi_store::IllegalEntryRow;
use gongyi_types::ErrorCode;
use gongyi_types::IllegalKind;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Part of the name (spaces and full-width forms are normalized).
    pub q: Option<String>,
    /// 1-based page.
    pub page: Option<String>,
    /// 1..=100, default 20.
    pub per_page: Option<String>,
}

/// The legally registered organization a listed name resembles.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LegalOrgRef {
    pub uscc: String,
    /// Its name when it is registered in this node.
    pub name: Option<String>,
}

/// One listed name with its batch.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IllegalEntry {
    pub name: String,
    /// `suspected`（涉嫌非法社会组织）or `banned`（已取缔非法社会组织）.
    pub kind: String,
    pub kind_label: String,
    /// 批次, e.g. `2026年第1批`.
    pub batch: String,
    /// Publication date (YYYY-MM-DD).
    pub date: String,
    /// Publishing authority and its division code.
    pub authority: String,
    pub authority_division: String,
    /// 合法登记的为…… (when the list names one).
    pub similar_legal_org: Option<LegalOrgRef>,
    pub notes: String,
}

impl IllegalEntry {
    pub fn new(e: &IllegalEntryRow) -> Self {
        Self {
            name: e.name.clone(),
            kind: e.kind.clone(),
            kind_label: IllegalKind::parse(&e.kind)
                .map(|k| k.label().to_string())
                .unwrap_or_else(|_| e.kind.clone()),
            batch: e.batch_no.clone(),
            date: e.published_on.clone(),
            authority: e.authority.clone(),
            authority_division: e.division.clone(),
            similar_legal_org: e.legal_uscc.as_ref().map(|u| LegalOrgRef {
                uscc: u.clone(),
                name: e.legal_name.clone(),
            }),
            notes: e.notes.clone(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IllegalList {
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
    pub items: Vec<IllegalEntry>,
}

/// Parses the paging parameters: a non-number or a value out of range is a 400.
pub fn paging(p: &ListParams) -> Result<(u32, u32), ApiError> {
    let num = |v: &Option<String>,
               name: &str,
               code: ErrorCode,
               default: u32,
               max: u32|
     -> Result<u32, ApiError> {
        match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(default),
            Some(s) => s
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=max).contains(n))
                .ok_or_else(|| ApiError::new(code, format!("{name} 应为 1 到 {max} 之间的整数"))),
        }
    };
    Ok((
        num(&p.page, "page", ErrorCode::InvalidPage, 1, 100_000)?,
        num(&p.per_page, "per_page", ErrorCode::InvalidPerPage, 20, 100)?,
    ))
}

/// The list page as the store gives it (shared with the `/illegal-orgs` page).
pub async fn fetch(state: &AppState, p: &ListParams) -> Result<IllegalList, ApiError> {
    let (page, per_page) = paging(p)?;
    let q =
        p.q.as_deref()
            .map(crate::registry::api::search_params::normalize_text)
            .filter(|s| !s.is_empty());
    if q.as_ref().is_some_and(|q| q.chars().count() > 100) {
        return Err(ApiError::new(
            ErrorCode::QueryTooLong,
            "查询内容不能超过100个字符",
        ));
    }
    let offset = i64::from(page - 1) * i64::from(per_page);
    let (total, rows) = state
        .store
        .illegal_entries_page(q.as_deref(), offset, i64::from(per_page))
        .await?;
    Ok(IllegalList {
        total,
        page,
        per_page,
        items: rows.iter().map(IllegalEntry::new).collect(),
    })
}

#[utoipa::path(
    get,
    path = "/api/v1/illegal-orgs",
    tag = "enforcement",
    summary = "非法社会组织名单",
    params(ListParams),
    responses(
        (status = 200, description = "已公布的涉嫌/已取缔非法社会组织名单，最新批次在前", body = IllegalList),
        (status = 400, description = "分页参数或查询内容无效", body = ErrorBody),
    )
)]
pub async fn list_illegal_orgs(
    State(state): State<AppState>,
    Query(p): Query<ListParams>,
) -> Result<Json<IllegalList>, ApiError> {
    Ok(Json(fetch(&state, &p).await?))
}
