//! Wire types of the online-services API (一网通办): never the database rows themselves.

use serde::Serialize;
use utoipa::ToSchema;

/// One service of the catalogue, as its 办事指南 states it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceInfo {
    /// `establish`, `change`, `deregister`, `annual_report`, `evaluation`, `fundraising`.
    pub kind: String,
    pub label: String,
    /// Whether a person's account applies (成立登记); otherwise an organization's account.
    pub for_public: bool,
    /// Working days to decide on 受理.
    pub accept_working_days: u32,
    /// Working days to decide after 受理.
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

/// An application as its applicant or an official sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationSummary {
    pub id: i64,
    /// Public number, e.g. `SQ2026112700001`.
    pub number: String,
    pub kind: String,
    pub kind_label: String,
    pub state: String,
    pub state_label: String,
    pub title: String,
    pub uscc: Option<String>,
    /// The registrar division it is routed to.
    pub division: String,
    pub submitted_at: Option<String>,
    /// Last day of the running time limit (none: the applicant's turn, or closed).
    pub deadline: Option<String>,
    pub overdue: bool,
    /// The organization created by an approved 成立登记.
    pub result_uscc: Option<String>,
}

/// One step with who, when and why.
#[derive(Debug, Serialize, ToSchema)]
pub struct StepInfo {
    pub at: String,
    /// The action (`submit`, `accept`, `request_correction`, `approve` …; `create` for the
    /// draft; `edit_form` for an edit of the form after 需补正, whose `reason` lists the
    /// changed fields).
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

/// An application with its form, steps and materials.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationDetail {
    #[serde(flatten)]
    pub summary: ApplicationSummary,
    /// The form as submitted (field name → value).
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
