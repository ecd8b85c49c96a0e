//! `GET /api/v1/orgs/{uscc}/credit` — an organization's credit information as 民政部令第60号
//! 第六条 groups it (基础 / 年报 / 行政检查 / 行政处罚 / 其他), its list entries with listing and
//! removal dates and reasons, its penalties and the status of objections (异议);
//! `POST /api/v1/orgs/{uscc}/objections` — an objection (异议) to it. Until organizations have
//! accounts, anyone may file one with a contact; it stays pending until an official decides.

use crate::AppState;
use crate::credit::objections::{check_objection, file};
use crate::enforcement::api::complaints::limited;
use crate::error::{ApiError, ErrorBody};
use crate::platform::client_ip::ClientIp;
use crate::platform::rate_limit::Limited;
use crate::registry::api::org_get::parse_uscc;
use crate::web::write_auth::JsonBody;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use gongyi_store::credit::RectificationRow;
use gongyi_types::ErrorCode;
use gongyi_types::ListKind;
use gongyi_types::credit::serious_exit;
use gongyi_types::{Organization, Penalty, Sections, Uscc};
use serde::{Deserialize, Serialize};
use std::net::IpAddr;
use utoipa::ToSchema;

/// 一条信用信息。
#[derive(Debug, Serialize, ToSchema)]
pub struct CreditRecord {
    /// 信用信息类别（第六条）：basic 基础信息、annual_report 年报信息、inspection 行政检查信息、
    /// penalty 行政处罚信息、other 其他信息。
    pub category: &'static str,
    pub category_label: &'static str,
    pub date: Option<String>,
    pub title: String,
    pub detail: String,
}

/// 一条名录记录，含列入和移出情况。
#[derive(Debug, Serialize, ToSchema)]
pub struct CreditListEntry {
    pub id: i64,
    /// 名录：abnormal 活动异常名录 / serious 严重违法失信名单。
    pub list: String,
    pub list_label: String,
    pub listed_on: String,
    pub listed_reason: String,
    pub listed_by: String,
    pub removed_on: Option<String>,
    pub removed_reason: Option<String>,
    /// 移出方式：auto（每日任务自动移出）、manual（工作人员移出）、objection（异议成立后移出）。
    pub removal_kind: Option<String>,
    /// 仍在严重违法失信名单上的记录的移出途径：满2年未再出现列入情形的，由社会组织申请移出（注明自何时起可申请）；
    /// 或在履行相关义务后移出；或仅在注销登记后移出（规则见 gongyi_types::credit::serious_exit）。
    pub exit: Option<String>,
}

/// 异议的公开处理状态（不显示联系方式）。
#[derive(Debug, Serialize, ToSchema)]
pub struct ObjectionStatus {
    pub id: i64,
    pub entry_id: Option<i64>,
    /// 提出时间（RFC 3339，北京时间 +08:00）。
    #[serde(serialize_with = "crate::web::time::beijing")]
    pub filed_at: String,
    /// 处理状态：pending 待处理、upheld 异议成立（已更正）、rejected 异议不成立。
    pub status: String,
    /// 处理时间（RFC 3339，北京时间 +08:00）。
    #[serde(serialize_with = "crate::web::time::beijing_opt")]
    pub decided_at: Option<String>,
    pub decision_reason: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrgCredit {
    pub uscc: String,
    pub name: String,
    /// 信用状态：normal / abnormal / serious。
    pub credit: String,
    pub credit_label: String,
    pub records: Vec<CreditRecord>,
    pub list_entries: Vec<CreditListEntry>,
    pub penalties: Vec<Penalty>,
    pub objections: Vec<ObjectionStatus>,
}

/// The credit records of 第六条, from the registry record and its profile sections.
pub fn records(o: &Organization, s: &Sections, orders: &[RectificationRow]) -> Vec<CreditRecord> {
    let rec = |category, category_label, date: Option<String>, title: String, detail: String| {
        CreditRecord {
            category,
            category_label,
            date,
            title,
            detail,
        }
    };
    let mut v = vec![rec(
        "basic",
        "基础信息",
        Some(o.founded.to_string()),
        "成立登记".into(),
        format!(
            "{}；登记管理机关：{}；登记证号：{}；登记状态：{}",
            o.kind.label(),
            o.authority,
            o.cert_no,
            o.status.label()
        ),
    )];
    for c in &s.changes {
        v.push(rec(
            "basic",
            "基础信息",
            Some(c.changed_on.to_string()),
            format!("变更登记：{}", c.field),
            format!("{} → {}", c.before, c.after),
        ));
    }
    for a in &s.annual_reports {
        v.push(rec(
            "annual_report",
            "年报信息",
            Some(a.filed_on.to_string()),
            format!("{}年度工作报告", a.year),
            format!(
                "收入 {} 元，支出 {} 元，净资产 {} 元，专职工作人员 {} 人",
                a.income.yuan_plain(),
                a.expenditure.yuan_plain(),
                a.net_assets.yuan_plain(),
                a.staff
            ),
        ));
    }
    for i in &s.inspections {
        v.push(rec(
            "inspection",
            "行政检查信息",
            i.decided_on.map(|d| d.to_string()),
            format!("{}年度年检", i.year),
            format!("年检结论：{}", i.result.label()),
        ));
    }
    for r in orders {
        let done = match r.completed_on {
            Some(d) => format!("已于{d}完成整改"),
            None => "尚未完成整改".into(),
        };
        v.push(rec(
            "inspection",
            "行政检查信息",
            Some(r.issued_on.to_string()),
            format!("整改通知 {}", r.doc_no),
            format!(
                "整改要求：{}；整改期限：{}；{done}",
                r.requirement, r.deadline
            ),
        ));
    }
    for p in &s.penalties {
        v.push(rec(
            "penalty",
            "行政处罚信息",
            Some(p.decided_on.to_string()),
            format!("行政处罚决定书 {}", p.doc_no),
            format!(
                "事由：{}；依据：{}；结果：{}；处罚机关：{}",
                p.reason, p.basis, p.result, p.authority
            ),
        ));
    }
    for e in &s.evaluations {
        v.push(rec(
            "other",
            "其他信息",
            Some(e.awarded_on.to_string()),
            format!("评估等级 {}", e.grade.label()),
            format!("有效期至 {}；评估机关：{}", e.valid_until, e.authority),
        ));
    }
    for h in &s.honors {
        v.push(rec(
            "other",
            "其他信息",
            Some(h.awarded_on.to_string()),
            format!("表彰：{}", h.title),
            format!("授予单位：{}", h.issuer),
        ));
    }
    v
}

/// Everything the credit endpoint and the profile's credit section show.
pub async fn load(state: &AppState, uscc: &Uscc) -> Result<OrgCredit, ApiError> {
    let Some((org, sections)) = state.store.profile(uscc.as_str()).await? else {
        return Err(ApiError::new(
            ErrorCode::OrgNotFound,
            format!("未找到统一社会信用代码为 {uscc} 的社会组织"),
        ));
    };
    let entries = state.store.credit_entries(uscc.as_str()).await?;
    // The rules' facts (a page read) only when there is an exit to describe: most
    // organizations have no open serious entry, and this endpoint is public.
    let serious_open = entries
        .iter()
        .any(|e| e.list == ListKind::Serious && e.removed_on.is_none());
    let facts = if serious_open {
        state.store.credit_facts(uscc.as_str()).await?
    } else {
        None
    };
    let today = state.clock.today();
    let exit = |id: i64| {
        let f = &facts.as_ref()?.facts;
        let e = f
            .entries
            .iter()
            .find(|e| e.id == id && e.list == ListKind::Serious && e.removed_on.is_none())?;
        Some(serious_exit(f, e, today).describe())
    };
    let objections = state.store.objections(uscc.as_str()).await?;
    let orders = state.store.rectifications(uscc.as_str()).await?;
    Ok(OrgCredit {
        uscc: uscc.to_string(),
        name: org.name.clone(),
        credit: org.credit.code().into(),
        credit_label: org.credit.label().into(),
        records: records(&org, &sections, &orders),
        list_entries: entries
            .into_iter()
            .map(|e| CreditListEntry {
                id: e.id,
                list: e.list.code().into(),
                list_label: e.list.label().into(),
                listed_on: e.listed_on.to_string(),
                listed_reason: e.listed_reason,
                listed_by: e.listed_by,
                removed_on: e.removed_on.map(|d| d.to_string()),
                removed_reason: e.removed_reason,
                removal_kind: e.removal_kind,
                exit: exit(e.id),
            })
            .collect(),
        penalties: sections.penalties,
        objections: objections
            .into_iter()
            .map(|o| ObjectionStatus {
                id: o.id,
                entry_id: o.entry_id,
                filed_at: o.filed_at,
                status: o.status,
                decided_at: o.decided_at,
                decision_reason: o.decision_reason,
            })
            .collect(),
    })
}

#[utoipa::path(
    get,
    path = "/api/v1/orgs/{uscc}/credit",
    tag = "credit",
    summary = "社会组织信用信息",
    params(("uscc" = String, Path, description = "统一社会信用代码（18位，GB 32100-2015；大小写均可）", min_length = 18, max_length = 18, pattern = "^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}$")),
    responses(
        (status = 200, description = "信用信息（基础、年报、行政检查、行政处罚、其他）、名录记录、行政处罚、异议处理状态", body = OrgCredit),
        (status = 400, description = "代码格式或校验位错误", body = ErrorBody),
        (status = 404, description = "未找到该组织", body = ErrorBody),
    )
)]
pub async fn get_org_credit(
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Json<OrgCredit>, ApiError> {
    let uscc = parse_uscc(&raw)?;
    Ok(Json(load(&state, &uscc).await?))
}

/// 对社会组织信用信息提出的异议。
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewObjection {
    /// 所异议的名录记录编号（对信用信息整体提出异议时省略）。
    pub entry_id: Option<i64>,
    /// 登记管理机关联系异议人的方式（电话或电子邮箱），1–100 个字符。
    pub contact: String,
    /// 信息有误的理由，5–2000 个字符。
    pub reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ObjectionFiled {
    pub id: i64,
    pub status: String,
}

#[utoipa::path(
    post,
    operation_id = "file_objection",
    path = "/api/v1/orgs/{uscc}/objections",
    tag = "credit",
    summary = "对信用信息提出异议",
    params(("uscc" = String, Path, description = "统一社会信用代码（18位，GB 32100-2015；大小写均可）", min_length = 18, max_length = 18, pattern = "^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}$")),
    request_body = NewObjection,
    responses(
        (status = 201, description = "异议已登记，待登记管理机关处理", body = ObjectionFiled),
        (status = 400, description = "代码无效、联系方式或理由不符合要求", body = ErrorBody),
        (status = 404, description = "未找到该组织或名录记录", body = ErrorBody),
        (status = 415, description = "请求体不是 application/json（unsupported_media_type）", body = ErrorBody),
        (status = 429, description = "同一地址提交过于频繁（rate_limited，见 Retry-After）", body = ErrorBody),
    )
)]
pub async fn objection_handler(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Path(raw): Path<String>,
    JsonBody(body): JsonBody<NewObjection>,
) -> Result<(StatusCode, Json<ObjectionFiled>), Response> {
    let uscc = parse_uscc(&raw).map_err(IntoResponse::into_response)?;
    check_objection(&body).map_err(IntoResponse::into_response)?;
    admit_objection(&state, ip).map_err(limited)?;
    let id = file(&state, &uscc, &body)
        .await
        .map_err(IntoResponse::into_response)?;
    Ok((
        StatusCode::CREATED,
        Json(ObjectionFiled {
            id,
            status: "pending".into(),
        }),
    ))
}

/// Takes one objection from the address's hourly budget (checked after the objection itself,
/// so a refused one costs nothing).
pub fn admit_objection(state: &AppState, ip: IpAddr) -> Result<(), Limited> {
    state
        .complaint_limiter
        .take_hourly(&format!("objection:{ip}"), state.config.objections_per_hour)
}
