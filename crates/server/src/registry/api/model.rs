//! Wire types of the API: what clients see, separate from domain records and database rows.

use gongyi_search::{Hit, SearchResults};
use gongyi_types::{Organization, Sections};
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// 一条检索结果。
#[derive(Debug, Serialize, ToSchema)]
pub struct OrgSummary {
    /// 统一社会信用代码。
    pub uscc: String,
    pub name: String,
    /// 类型：social_group | social_service | foundation。
    pub kind: String,
    pub kind_label: String,
    /// 登记状态：active | suspended | deregistered | revoked。
    pub status: String,
    pub status_label: String,
    /// 信用状态：normal | abnormal | serious。
    pub credit: String,
    pub credit_label: String,
    /// 登记管理机关所在行政区划代码（GB/T 2260）。
    pub division: String,
    pub division_name: String,
    pub authority: String,
    pub legal_rep: String,
    /// 成立登记日期（YYYY-MM-DD）。
    pub founded: String,
    /// 按简称匹配（检索词的字依次出现在名称中，如“青基会”对“中国青少年发展基金会”），
    /// 排在全部完全匹配之后。
    pub by_abbreviation: bool,
}

impl From<&Hit> for OrgSummary {
    fn from(h: &Hit) -> Self {
        let division_name = gongyi_types::DivisionCode::parse(&h.division)
            .map(|d| d.full_name())
            .unwrap_or_default();
        Self {
            uscc: h.uscc.clone(),
            name: h.name.clone(),
            kind: h.kind.code().into(),
            kind_label: h.kind.label().into(),
            status: h.status.code().into(),
            status_label: h.status.label().into(),
            credit: h.credit.code().into(),
            credit_label: h.credit.label().into(),
            division: h.division.clone(),
            division_name,
            authority: h.authority.clone(),
            legal_rep: h.legal_rep.clone(),
            founded: h.founded.to_string(),
            by_abbreviation: h.by_abbreviation,
        }
    }
}

/// 分面计数：统计符合查询和筛选条件的全部结果。
#[derive(Debug, Serialize, ToSchema)]
pub struct FacetCounts {
    pub kind: BTreeMap<String, u64>,
    pub status: BTreeMap<String, u64>,
    pub credit: BTreeMap<String, u64>,
    /// 省级区划代码 → 数量。
    pub province: BTreeMap<String, u64>,
    /// 标识（charity | public_fundraising | volunteer | trade_association）→ 数量。
    pub flags: BTreeMap<String, u64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResponse {
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
    pub items: Vec<OrgSummary>,
    pub facets: FacetCounts,
}

impl From<&SearchResults> for SearchResponse {
    fn from(r: &SearchResults) -> Self {
        Self {
            total: r.total,
            page: r.page,
            per_page: r.per_page,
            items: r.hits.iter().map(OrgSummary::from).collect(),
            facets: FacetCounts {
                kind: r.facets.kind.clone(),
                status: r.facets.status.clone(),
                credit: r.facets.credit.clone(),
                province: r.facets.province.clone(),
                flags: r.facets.flags.clone(),
            },
        }
    }
}

/// 统一社会信用代码本身所含的信息（按 GB 32100-2015 各位含义解析）。
#[derive(Debug, Serialize, ToSchema)]
pub struct UsccDecoded {
    pub department: String,
    pub department_name: String,
    pub category: String,
    pub registrar_division: String,
    pub registrar_division_name: Option<String>,
    pub org_code: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrgFlagsView {
    pub charity: bool,
    pub public_fundraising: bool,
    pub volunteer: bool,
    pub trade_association: bool,
}

/// 社会组织的完整公开信息。
#[derive(Debug, Serialize, ToSchema)]
pub struct OrgProfile {
    pub uscc: String,
    pub uscc_decoded: UsccDecoded,
    pub name: String,
    pub kind: String,
    pub kind_label: String,
    pub status: String,
    pub status_label: String,
    pub credit: String,
    pub credit_label: String,
    pub division: String,
    pub division_name: String,
    /// 登记管理机关。
    pub authority: String,
    /// 业务主管单位。
    pub supervisor: Option<String>,
    /// 法定代表人。
    pub legal_rep: String,
    /// 成立登记日期。
    pub founded: String,
    /// 注册资金 / 开办资金 / 原始基金，单位为分。
    pub capital_fen: i64,
    /// 该金额是上述三者中的哪一种。
    pub capital_label: String,
    /// 住所。
    pub address: String,
    /// 业务范围。
    pub scope: String,
    /// 登记证号。
    pub cert_no: String,
    pub cert_valid_from: Option<String>,
    pub cert_valid_to: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub flags: OrgFlagsView,
    pub sections: Sections,
}

impl OrgProfile {
    pub fn new(o: &Organization, sections: Sections) -> Self {
        let reg_div = o.uscc.division().to_string();
        Self {
            uscc: o.uscc.to_string(),
            uscc_decoded: UsccDecoded {
                department: o.uscc.department().to_string(),
                department_name: o.uscc.department_name().to_string(),
                category: o.uscc.category().to_string(),
                registrar_division_name: gongyi_types::DivisionCode::parse(&reg_div)
                    .ok()
                    .map(|d| d.full_name()),
                registrar_division: reg_div,
                org_code: o.uscc.org_code().to_string(),
            },
            name: o.name.clone(),
            kind: o.kind.code().into(),
            kind_label: o.kind.label().into(),
            status: o.status.code().into(),
            status_label: o.status.label().into(),
            credit: o.credit.code().into(),
            credit_label: o.credit.label().into(),
            division: o.division.to_string(),
            division_name: o.division.full_name(),
            authority: o.authority.clone(),
            supervisor: o.supervisor.clone(),
            legal_rep: o.legal_rep.clone(),
            founded: o.founded.to_string(),
            capital_fen: o.capital.0,
            capital_label: o.kind.capital_label().into(),
            address: o.address.clone(),
            scope: o.scope.clone(),
            cert_no: o.cert_no.clone(),
            cert_valid_from: o.cert_valid_from.map(|d| d.to_string()),
            cert_valid_to: o.cert_valid_to.map(|d| d.to_string()),
            phone: o.phone.clone(),
            email: o.email.clone(),
            website: o.website.clone(),
            flags: OrgFlagsView {
                charity: o.flags.charity,
                public_fundraising: o.flags.public_fundraising,
                volunteer: o.flags.volunteer,
                trade_association: o.flags.trade_association,
            },
            sections,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    pub status: String,
    pub orgs_indexed: u64,
}
