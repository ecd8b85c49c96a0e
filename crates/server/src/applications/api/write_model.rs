//! Wire types of the online-services write API (申请、修改、上传材料、提交、办理): requests, the
//! field-error body of a rejected form, batch results and the session answers.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// `POST /api/v1/my/applications`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewApplicationRequest {
    /// The service kind (`establish`, `change`, `deregister`, `annual_report`, `evaluation`,
    /// `fundraising`); the fields of each are in `GET /api/v1/services`.
    pub service: String,
    /// Field name → value (strings; numbers are accepted and read as their decimal text).
    #[schema(value_type = Object)]
    pub form: BTreeMap<String, serde_json::Value>,
}

/// `PUT /api/v1/my/applications/{id}/form`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct FormRequest {
    #[schema(value_type = Object)]
    pub form: BTreeMap<String, serde_json::Value>,
}

/// `POST …/submit` and `…/resubmit`: an optional note (e.g. what was corrected).
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct NoteRequest {
    #[serde(default)]
    pub note: String,
}

/// `POST /api/v1/admin/applications/{id}/steps`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct StepRequest {
    /// The state to move to: `accepted`, `not_accepted`, `needs_correction`, `under_review`,
    /// `approved`, `denied`.
    pub to: String,
    /// Why (required; the applicant sees it).
    #[serde(default)]
    pub reason: String,
    /// The state the client saw: if the application is no longer in it, 409 `state_changed`
    /// and nothing moves (optimistic concurrency).
    #[serde(default)]
    pub from: Option<String>,
    /// On 准予: an evaluation's grade (default: the one applied for) or an annual report's
    /// 年检结论 (`qualified` by default, `basically_qualified`, `unqualified`).
    #[serde(default)]
    pub choice: Option<String>,
}

/// `POST /api/v1/admin/applications/batch` (annual reports only).
#[derive(Debug, Deserialize, ToSchema)]
pub struct BatchRequest {
    pub ids: Vec<i64>,
    /// `accepted` or `approved`.
    pub target: String,
    pub reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BatchFailure {
    pub number: String,
    pub error: String,
}

/// What a batch did.
#[derive(Debug, Serialize, ToSchema)]
pub struct BatchResult {
    pub done: usize,
    pub failed: Vec<BatchFailure>,
}

/// One rejected field.
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// A rejected form: every field error, each naming its field.
#[derive(Debug, Serialize, ToSchema)]
pub struct FormErrorBody {
    pub error: FormErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FormErrorDetail {
    /// `application_invalid`.
    #[schema(value_type = String, example = "application_invalid")]
    pub code: gongyi_types::ErrorCode,
    pub message: String,
    /// Each field's error (for `application_invalid`; absent for a body that is not JSON).
    #[serde(default)]
    #[schema(required = false)]
    pub fields: Vec<FieldError>,
}

/// The logged-in applicant and the CSRF token for the `X-CSRF-Token` header.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicantSessionInfo {
    pub login: String,
    /// `org` or `person`.
    pub kind: String,
    pub display_name: String,
    pub uscc: Option<String>,
    pub csrf_token: String,
}

/// The logged-in official and the CSRF token for the `X-CSRF-Token` header.
#[derive(Debug, Serialize, ToSchema)]
pub struct OfficialSessionInfo {
    pub username: String,
    pub display_name: String,
    /// The jurisdiction (GB/T 2260 code).
    pub division: String,
    pub csrf_token: String,
}
