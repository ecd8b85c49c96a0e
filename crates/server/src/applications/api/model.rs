//! Wire types of the online-services API (一网通办): never the database rows themselves.

use serde::Serialize;
use utoipa::ToSchema;

/// 事项目录中的一个事项，内容与其办事指南一致。
#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceInfo {
    /// 事项类型：establish、change、deregister、annual_report、evaluation、fundraising。
    pub kind: String,
    pub label: String,
    /// 是否由个人账号申请（成立登记）；否则由社会组织账号申请。
    pub for_public: bool,
    /// 作出是否受理决定的时限（工作日）。
    pub accept_working_days: u32,
    /// 受理后作出决定的时限（工作日）。
    pub decision_working_days: u32,
    pub materials: Vec<MaterialInfo>,
    pub fields: Vec<FieldInfo>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MaterialInfo {
    pub name: String,
    pub required: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FieldInfo {
    pub name: String,
    pub label: String,
    pub required: bool,
}

/// 申请人或工作人员看到的一件申请。
#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationSummary {
    pub id: i64,
    /// 申请编号，例如 SQ2026112700001。
    pub number: String,
    pub kind: String,
    pub kind_label: String,
    pub state: String,
    pub state_label: String,
    pub title: String,
    pub uscc: Option<String>,
    /// 受理该申请的登记管理机关所在行政区划。
    pub division: String,
    /// 提交时间（RFC 3339，北京时间 +08:00）。
    #[serde(serialize_with = "crate::web::time::beijing_opt")]
    pub submitted_at: Option<String>,
    /// 当前办理时限的最后一天（为空：轮到申请人办理，或已办结）。
    pub deadline: Option<String>,
    pub overdue: bool,
    /// 准予成立登记后新设立的社会组织的统一社会信用代码。
    pub result_uscc: Option<String>,
}

/// 办理过程中的一步：由谁、何时、因何办理。
#[derive(Debug, Serialize, ToSchema)]
pub struct StepInfo {
    /// 办理时间（RFC 3339，北京时间 +08:00）。
    #[serde(serialize_with = "crate::web::time::beijing")]
    pub at: String,
    /// 操作（submit、accept、request_correction、approve 等；create 为创建草稿；
    /// edit_form 为需补正后修改申请表，其 reason 列出改动的字段）。
    pub action: String,
    pub from_state: Option<String>,
    pub to_state: String,
    pub actor: String,
    pub reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AttachmentInfo {
    pub material: String,
    pub file_name: String,
    pub sha256: String,
    pub size: i64,
    pub media_type: String,
}

/// 一件申请及其申请表、办理过程和申请材料。
#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationDetail {
    #[serde(flatten)]
    pub summary: ApplicationSummary,
    /// 提交的申请表（字段名 → 值）。
    pub form: std::collections::BTreeMap<String, String>,
    pub steps: Vec<StepInfo>,
    pub attachments: Vec<AttachmentInfo>,
}

impl ApplicationSummary {
    pub fn new(a: &gongyi_store::applications::ApplicationRow, today: chrono::NaiveDate) -> Self {
        Self {
            id: a.id,
            number: a.number.clone(),
            kind: a.kind.code().into(),
            kind_label: a.kind.label().into(),
            state: a.state.code().into(),
            state_label: a.state.label_in(a.kind).into(),
            title: a.title.clone(),
            uscc: a.uscc.clone(),
            division: a.division.clone(),
            submitted_at: a.submitted_at.clone(),
            deadline: a.deadline.map(|d| d.to_string()),
            overdue: a
                .deadline
                .is_some_and(|d| d < today && a.state.authority_pending()),
            result_uscc: a.result_uscc.clone(),
        }
    }
}
