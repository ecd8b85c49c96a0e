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
    /// 名称中的部分文字（空格和全角字符会先规范化）。
    pub q: Option<String>,
    /// 页码，从 1 开始。
    pub page: Option<String>,
    /// 每页条数，1–100，默认 20。
    pub per_page: Option<String>,
}

/// 与名单所列名称相近的合法登记社会组织。
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LegalOrgRef {
    pub uscc: String,
    /// 该组织在本节点登记时的名称。
    pub name: Option<String>,
}

/// 名单上的一个名称及其公布批次。
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IllegalEntry {
    pub name: String,
    /// 类别：suspected（涉嫌非法社会组织）或 banned（已取缔非法社会组织）。
    pub kind: String,
    pub kind_label: String,
    /// 批次，例如 2026年第1批。
    pub batch: String,
    /// 公布日期（YYYY-MM-DD）。
    pub date: String,
    /// 公布机关（其区划代码见 authority_division）。
    pub authority: String,
    pub authority_division: String,
    /// 名单注明的“合法登记的为……”（名单注明时才有）。
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
