//! What the applicant's and the official's page of one application show: the form with its
//! labels, every step with who, when and why, the materials, the time limit.

use crate::AppState;
use crate::error::ApiError;
use gongyi_store::applications::ApplicationRow;
use gongyi_store::applications::forms::EDIT_FORM_ACTION;
use gongyi_types::DivisionCode;
use gongyi_types::applications::AppAction;

pub struct EventView {
    pub at: String,
    pub action: String,
    pub to: String,
    pub actor: String,
    pub reason: String,
    /// An edit of the form after submission (its reason lists the changed fields).
    pub edit: bool,
}

pub struct AttachmentView {
    pub material: String,
    pub file_name: String,
    pub sha256: String,
    pub size: i64,
    pub media_type: String,
}

pub struct AppView {
    pub number: String,
    pub kind: String,
    pub state: String,
    pub state_code: String,
    pub title: String,
    pub uscc: Option<String>,
    pub result_uscc: Option<String>,
    pub authority: String,
    pub deadline: String,
    pub overdue: bool,
    pub fields: Vec<(String, String)>,
    pub events: Vec<EventView>,
    pub attachments: Vec<AttachmentView>,
    /// The last reason given by an official (the decision the applicant must see).
    pub last_reason: Option<String>,
}

fn action_label(code: &str, kind: gongyi_types::applications::procedure::ServiceKind) -> String {
    if code == "create" {
        return "创建草稿".to_string();
    }
    if code == EDIT_FORM_ACTION {
        return "修改申请表".to_string();
    }
    AppAction::parse(code)
        .map(|a| a.label_in(kind).to_string())
        .unwrap_or_else(|_| code.to_string())
}

/// "2026-12-04", plus whether it has passed.
pub fn deadline_of(app: &ApplicationRow, today: chrono::NaiveDate) -> (String, bool) {
    match app.deadline {
        Some(d) => (d.to_string(), d < today && app.state.authority_pending()),
        None => ("—".to_string(), false),
    }
}

pub fn division_name(code: &str) -> String {
    DivisionCode::parse(code)
        .map(crate::applications::new_org::authority)
        .unwrap_or_else(|_| code.to_string())
}

pub async fn build(state: &AppState, app: &ApplicationRow) -> Result<AppView, ApiError> {
    let form = crate::applications::form_of(app)?;
    let fields = gongyi_types::applications::forms::fields(app.kind)
        .iter()
        .filter_map(|f| {
            let v = form.get(f.name)?;
            let shown = match f.input {
                gongyi_types::applications::forms::Input::Select(opts) => opts
                    .iter()
                    .find(|(c, _)| c == v)
                    .map(|(_, l)| l.to_string())
                    .unwrap_or_else(|| v.clone()),
                _ => v.clone(),
            };
            Some((f.label.to_string(), shown))
        })
        .collect();
    let events: Vec<EventView> = state
        .store
        .application_events(app.id)
        .await?
        .into_iter()
        .map(|e| EventView {
            at: e.at,
            action: action_label(&e.action, app.kind),
            to: e.to_state.label_in(app.kind).to_string(),
            actor: e.actor_label,
            reason: e.reason,
            edit: e.action == EDIT_FORM_ACTION,
        })
        .collect();
    let attachments = state
        .store
        .application_attachments(app.id)
        .await?
        .into_iter()
        .map(|a| AttachmentView {
            material: a.material,
            file_name: a.file_name,
            sha256: a.meta.sha256,
            size: a.meta.size,
            media_type: a.meta.media_type,
        })
        .collect();
    let (deadline, overdue) = deadline_of(app, state.clock.today());
    // The latest word of the procedure: an official's reason or the applicant's note, not the
    // list of fields an edit changed (shown in the history).
    let last_reason = events
        .iter()
        .rev()
        .find(|e| !e.reason.is_empty() && !e.edit)
        .map(|e| e.reason.clone());
    Ok(AppView {
        number: app.number.clone(),
        kind: app.kind.label().to_string(),
        state: app.state.label_in(app.kind).to_string(),
        state_code: app.state.code().to_string(),
        title: app.title.clone(),
        uscc: app.uscc.clone(),
        result_uscc: app.result_uscc.clone(),
        authority: division_name(&app.division),
        deadline,
        overdue,
        fields,
        events,
        attachments,
        last_reason,
    })
}
