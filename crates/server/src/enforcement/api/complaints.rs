//! `POST /api/v1/complaints` — a complaint or report (投诉举报) about a social organization:
//! anonymous allowed, contact optional, evidence files as base64; it opens an enforcement case
//! routed to the authority with jurisdiction and answers with a tracking number.
//! `GET /api/v1/complaints/{tracking_no}` — its status and outcome (never the reporter's data).
//! Abuse is limited per client address (`Config::complaints_per_hour`), not by a captcha.

use crate::AppState;
use crate::enforcement::intake::{ComplaintInput, Receipt, submit};
use crate::enforcement::status::{ComplaintStatus, load, parse_tracking_no};
use crate::error::{ApiError, ErrorBody};
use crate::platform::client_ip::ClientIp;
use crate::platform::rate_limit::{ANONYMOUS_PER_MINUTE, Limited};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use gongyi_types::ErrorCode;
use serde::{Deserialize, Serialize};
use std::net::IpAddr;
use utoipa::ToSchema;

/// Largest request body: the evidence files' limit in base64 plus the text.
pub const MAX_BODY_BYTES: usize = 28 * 1024 * 1024;

/// 证据文件（PDF、JPEG 或 PNG，以文件内容判断类型）。
#[derive(Debug, Deserialize, ToSchema)]
pub struct AttachmentUpload {
    pub file_name: String,
    /// 文件内容，标准 base64 编码。
    pub content_base64: String,
}

/// 投诉举报。以 reported_uscc 或 reported_name 指明被举报的组织；
/// 被举报对象不是已登记的社会组织时，须给出 division（活动所在地的 GB/T 2260 区划代码，最好到县级）。
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct NewComplaintRequest {
    pub reported_uscc: Option<String>,
    pub reported_name: Option<String>,
    pub division: Option<String>,
    /// 举报内容：发生了什么、在何处、何时，10–5000 个字符。
    pub content: String,
    /// 举报人姓名（可选）；匿名举报时与 contact 一同省略。
    pub reporter_name: Option<String>,
    /// 联系电话或电子邮箱（可选），仅承办案件的工作人员可见。
    pub contact: Option<String>,
    /// 为 true 时匿名举报（此时不得提供姓名或联系方式）。
    #[serde(default)]
    pub anonymous: bool,
    /// 举报类型（可选）：illegal_org 非法社会组织、fees 违规收费摊派、awards 违规评比达标表彰、funds
    /// 违规募捐或侵占挪用财产、beyond_scope 超出宗旨和业务范围、governance 内部治理、other 其他。
    #[schema(pattern = "^(illegal_org|fees|awards|funds|beyond_scope|governance|other)$")]
    pub category: Option<String>,
    /// 证据文件，最多 5 个，合计不超过 20 MiB。
    #[serde(default)]
    pub attachments: Vec<AttachmentUpload>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ComplaintReceipt {
    /// 查询码，请妥善保存：凭它查询办理状态和结果。
    pub tracking_no: String,
    pub case_no: String,
    /// 承办的登记管理机关所在行政区划代码。
    pub division: String,
    pub division_name: String,
    pub status_url: String,
}

impl From<Receipt> for ComplaintReceipt {
    fn from(r: Receipt) -> Self {
        Self {
            status_url: format!("/api/v1/complaints/{}", r.tracking_no),
            tracking_no: r.tracking_no,
            case_no: r.case_no,
            division: r.division.to_string(),
            division_name: r.division.full_name(),
        }
    }
}

/// The 429 of the complaint budget, with `Retry-After`.
pub fn limited(l: Limited) -> Response {
    let mut res = ApiError::new(
        ErrorCode::RateLimited,
        format!(
            "提交过于频繁：同一网络每小时最多提交若干件投诉举报，请 {} 分钟后再试",
            l.retry_after_secs.div_ceil(60)
        ),
    )
    .into_response();
    if let Ok(v) = HeaderValue::from_str(&l.retry_after_secs.to_string()) {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
    res
}

/// Takes one complaint from the address's hourly budget.
pub fn admit(state: &AppState, ip: IpAddr) -> Result<(), Limited> {
    state
        .complaint_limiter
        .take_hourly(&ip.to_string(), state.config.complaints_per_hour)
}

#[utoipa::path(
    post,
    operation_id = "file_complaint",
    path = "/api/v1/complaints",
    tag = "enforcement",
    summary = "投诉举报（可匿名），自动登记为执法案件线索",
    request_body = NewComplaintRequest,
    responses(
        (status = 201, description = "已受理：查询码、案件编号、承办机关区划", body = ComplaintReceipt),
        (status = 400, description = "内容、代码、区划、附件编码不符合要求，或无法确定管辖（complaint_unroutable）；不保存任何内容", body = ErrorBody),
        (status = 413, description = "附件过大", body = ErrorBody),
        (status = 415, description = "附件不是 PDF、JPEG 或 PNG", body = ErrorBody),
        (status = 429, description = "同一地址提交过于频繁（rate_limited，见 Retry-After）", body = ErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    crate::web::write_auth::JsonBody(req): crate::web::write_auth::JsonBody<NewComplaintRequest>,
) -> Result<Response, Response> {
    admit(&state, ip).map_err(limited)?;
    let mut files = Vec::with_capacity(req.attachments.len());
    for (i, a) in req.attachments.iter().enumerate() {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(a.content_base64.trim())
            .map_err(|e| {
                ApiError::new(
                    ErrorCode::AttachmentBase64Invalid,
                    format!("第{}个附件的 content_base64 不是有效的 base64：{e}", i + 1),
                )
                .into_response()
            })?;
        files.push((a.file_name.clone(), bytes));
    }
    let input = ComplaintInput {
        reported_uscc: req.reported_uscc,
        reported_name: req.reported_name,
        division: req.division,
        content: req.content,
        reporter_name: req.reporter_name,
        contact: req.contact,
        anonymous: req.anonymous,
        category: req.category,
        files,
    };
    let receipt = submit(&state, input).await.map_err(|e| e.into_response())?;
    Ok((StatusCode::CREATED, Json(ComplaintReceipt::from(receipt))).into_response())
}

#[utoipa::path(
    get,
    operation_id = "get_complaint_status",
    path = "/api/v1/complaints/{tracking_no}",
    tag = "enforcement",
    summary = "按查询码查看投诉举报的办理状态和结果",
    params(("tracking_no" = String, Path, description = "受理时给出的查询码")),
    responses(
        (status = 200, description = "案件状态、各环节日期、处理结果（不含举报人信息）", body = ComplaintStatus),
        (status = 400, description = "查询码格式不正确", body = ErrorBody),
        (status = 404, description = "没有这个查询码", body = ErrorBody),
        (status = 429, description = "查询过于频繁", body = ErrorBody),
    )
)]
pub async fn status(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Path(raw): Path<String>,
) -> Result<Json<ComplaintStatus>, Response> {
    // Numbers are unguessable; the budget keeps anyone from trying many.
    state
        .lookup_limiter
        .take(&format!("complaint:{ip}"), ANONYMOUS_PER_MINUTE)
        .map_err(IntoResponse::into_response)?;
    let no = parse_tracking_no(&raw).map_err(IntoResponse::into_response)?;
    Ok(Json(
        load(&state, &no)
            .await
            .map_err(IntoResponse::into_response)?,
    ))
}
