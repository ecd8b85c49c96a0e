//! Wire types of the online-services write API (申请、修改、上传材料、提交、办理): requests, the
//! field-error body of a rejected form, batch results and the session answers.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// 新建申请的请求体（POST /api/v1/my/applications）。
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewApplicationRequest {
    /// 事项类型（establish、change、deregister、annual_report、evaluation、fundraising）；
    /// 各事项的表单字段见 GET /api/v1/services。
    pub service: String,
    /// 字段名 → 值（字符串；也接受数字，按其十进制文本读取）。
    #[schema(value_type = Object)]
    pub form: BTreeMap<String, serde_json::Value>,
}

/// 修改申请表的请求体（PUT /api/v1/my/applications/{id}/form）。
#[derive(Debug, Deserialize, ToSchema)]
pub struct FormRequest {
    #[schema(value_type = Object)]
    pub form: BTreeMap<String, serde_json::Value>,
}

/// 提交（POST …/submit）和重新提交（POST …/resubmit）的请求体：可选的说明（例如更正了哪些内容）。
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct NoteRequest {
    #[serde(default)]
    pub note: String,
}

/// 办理一步的请求体（POST /api/v1/admin/applications/{id}/steps）。
#[derive(Debug, Deserialize, ToSchema)]
pub struct StepRequest {
    /// 目标状态：accepted、not_accepted、needs_correction、under_review、approved、denied。
    pub to: String,
    /// 理由（必填，申请人可见）。
    #[serde(default)]
    pub reason: String,
    /// 客户端看到的当前状态：申请已不在该状态时返回 409 state_changed，不作任何变更（乐观并发控制）。
    #[serde(default)]
    pub from: Option<String>,
    /// 准予时的结论：评估申请为评估等级（默认为申请的等级），
    /// 年度报告为年检结论（默认 qualified，或 basically_qualified、unqualified）。
    #[serde(default)]
    pub choice: Option<String>,
}

/// 批量办理的请求体（POST /api/v1/admin/applications/batch，仅限年度报告）。
#[derive(Debug, Deserialize, ToSchema)]
pub struct BatchRequest {
    pub ids: Vec<i64>,
    /// 目标状态：accepted 或 approved。
    pub target: String,
    pub reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BatchFailure {
    pub number: String,
    pub error: String,
}

/// 批量办理的结果。
#[derive(Debug, Serialize, ToSchema)]
pub struct BatchResult {
    pub done: usize,
    pub failed: Vec<BatchFailure>,
}

/// 一个未通过校验的字段。
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// 未通过校验的申请表：列出每个字段的错误，各自注明字段名。
#[derive(Debug, Serialize, ToSchema)]
pub struct FormErrorBody {
    pub error: FormErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FormErrorDetail {
    /// 错误代码：application_invalid。
    #[schema(value_type = String, example = "application_invalid")]
    pub code: gongyi_types::ErrorCode,
    pub message: String,
    /// 各字段的错误（用于 application_invalid；请求体不是 JSON 时不出现）。
    #[serde(default)]
    #[schema(required = false)]
    pub fields: Vec<FieldError>,
}

/// 当前登录的办事账号，以及用于请求头 X-CSRF-Token 的 CSRF 令牌。
#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicantSessionInfo {
    pub login: String,
    /// 账号类型：org（社会组织）或 person（个人）。
    pub kind: String,
    pub display_name: String,
    pub uscc: Option<String>,
    pub csrf_token: String,
}

/// 当前登录的工作人员，以及用于请求头 X-CSRF-Token 的 CSRF 令牌。
#[derive(Debug, Serialize, ToSchema)]
pub struct OfficialSessionInfo {
    pub username: String,
    pub display_name: String,
    /// 管辖区划（GB/T 2260 代码）。
    pub division: String,
    pub csrf_token: String,
}
