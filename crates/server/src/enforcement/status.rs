//! What a reporter sees with the tracking number: the case's state, the dates of its steps and
//! the outcome (the reason of 不予立案, 撤案 or 处罚决定, written by the official for the
//! reporter) — never the reporter's name or contact, the complaint text, the files, or who
//! handled it, so a leaked number reveals nothing about the person who reported.

use crate::AppState;
use crate::error::ApiError;
use gongyi_types::DivisionCode;
use gongyi_types::ErrorCode;
use gongyi_types::enforcement::case_rules::CaseState;
use gongyi_types::enforcement::tracking_no::TrackingNo;
use serde::Serialize;
use utoipa::ToSchema;

/// 举报人看到的一个办理环节。
#[derive(Debug, Serialize, ToSchema)]
pub struct StatusStep {
    /// 环节状态：clue、filed、not_filed、investigating、penalty、withdrawn、closed。
    pub state: String,
    pub state_label: String,
    /// 时间（RFC 3339，北京时间 +08:00）。
    #[serde(serialize_with = "crate::web::time::beijing")]
    pub at: String,
}

/// 投诉举报的公开办理状态。
#[derive(Debug, Serialize, ToSchema)]
pub struct ComplaintStatus {
    pub tracking_no: String,
    /// 提交时间（RFC 3339，北京时间 +08:00）。
    #[serde(serialize_with = "crate::web::time::beijing")]
    pub submitted_at: String,
    /// 被举报组织的名称（已登记的为登记名称，否则为举报时填写的名称）。
    pub reported_name: String,
    pub case_no: String,
    /// 承办案件的登记管理机关所在行政区划代码。
    pub division: String,
    pub division_name: String,
    /// 承办的登记管理机关名称（例如 北京市朝阳区民政局）。
    pub authority: String,
    pub state: String,
    pub state_label: String,
    /// 案件是否已办结（不予立案或结案）。
    pub finished: bool,
    pub steps: Vec<StatusStep>,
    /// 处理决定及理由（作出决定后才有）。
    pub outcome: Option<String>,
}

/// The tracking number as typed, or 400 `invalid_tracking_no`.
pub fn parse_tracking_no(raw: &str) -> Result<TrackingNo, ApiError> {
    TrackingNo::parse(raw).ok_or_else(|| {
        ApiError::new(
            ErrorCode::InvalidTrackingNo,
            "查询码格式不正确：应为 TS 加 8 位日期和 10 位字母数字，例如 TS20261127ABCD234567",
        )
    })
}

/// The status of the complaint with this number, or 404 `complaint_not_found`.
pub async fn load(state: &AppState, no: &TrackingNo) -> Result<ComplaintStatus, ApiError> {
    let not_found = || ApiError::new(ErrorCode::ComplaintNotFound, "没有这个查询码的投诉举报");
    let c = state
        .store
        .complaint_by_tracking_no(no.as_str())
        .await?
        .ok_or_else(not_found)?;
    let case = state
        .store
        .case_of_complaint(c.id)
        .await?
        .ok_or_else(|| ApiError::internal(format!("complaint {} has no case", c.id)))?;
    let events = state.store.case_events(case.id).await?;
    let outcome = events
        .iter()
        .rev()
        .find(|e| {
            matches!(
                e.to,
                CaseState::NotFiled | CaseState::Penalty | CaseState::Withdrawn
            )
        })
        .map(|e| format!("{}：{}", e.to.label(), e.reason));
    let division = DivisionCode::parse(&case.division).ok();
    let division_name = division.map(|d| d.full_name()).unwrap_or_default();
    let authority = division
        .and_then(|d| d.authority_name())
        .unwrap_or_else(|| format!("{division_name}民政部门"));
    Ok(ComplaintStatus {
        tracking_no: c.tracking_no,
        submitted_at: c.submitted_at,
        reported_name: case.subject_name.clone(),
        case_no: case.case_no.clone(),
        division: case.division.clone(),
        division_name,
        authority,
        state: case.state.code().into(),
        state_label: case.state.public_label().into(),
        finished: case.state.is_final(),
        steps: events
            .iter()
            .map(|e| StatusStep {
                state: e.to.code().into(),
                state_label: e.to.public_label().into(),
                at: e.at.clone(),
            })
            .collect(),
        outcome,
    })
}
