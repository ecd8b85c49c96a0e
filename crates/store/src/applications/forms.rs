//! Editing the form of an application while it is the applicant's turn (草稿, 需补正): the new
//! form, its title and routing, with an audit row, in one transaction that re-checks the state
//! under the write lock — an application an official moved meanwhile is a conflict, not an edit
//! of a form someone is already deciding on.

use crate::applications::{
    ApplicationRow, COLS, audit_row, from_row, insert_event, load_locked, state_changed,
};
use crate::audit::{self, NewAudit, digest};
use crate::{Store, StoreError};
use gongyi_types::applications::ApplicationState;
use gongyi_types::applications::changes as form_changes;
use std::collections::BTreeMap;

/// The action of the event an edit of a submitted form leaves in the procedure's history.
pub const EDIT_FORM_ACTION: &str = "edit_form";

/// The new content of an application's form.
#[derive(Debug, Clone)]
pub struct FormEdit {
    /// The validated form as JSON (field name → value).
    pub form_json: String,
    pub title: String,
    /// The registrar division it is routed to.
    pub division: String,
    /// Who edits, as the procedure's history names them.
    pub actor_label: String,
}

impl Store {
    /// Replaces the form of application `id` while it is in one of `states`; returns the
    /// application after the edit.
    pub async fn edit_application_form(
        &self,
        id: i64,
        states: &[ApplicationState],
        edit: &FormEdit,
        actor: &str,
        at: &str,
    ) -> Result<ApplicationRow, StoreError> {
        let mut tx = self.begin_write().await?;
        let app = load_locked(&mut tx, id).await?;
        if !states.contains(&app.state) {
            return Err(StoreError::Conflict(format!(
                "申请处于“{}”状态，不能修改申请表",
                app.state.label()
            )));
        }
        let done = sqlx::query("UPDATE applications SET form_json = $1, title = $2, division = $3 WHERE id = $4 AND state = $5")
            .bind(edit.form_json.clone())
            .bind(edit.title.clone())
            .bind(edit.division.clone())
            .bind(id)
            .bind(app.state.code().to_string())
            .execute(&mut *tx)
            .await?;
        crate::tx::guarded(done, || state_changed(&app.number))?;
        // After submission (需补正) an edit is a step of the procedure: the official deciding
        // on the application sees what changed, compared with the form as stored under this
        // transaction's row lock (not as the caller read it earlier).
        if app.state != ApplicationState::Draft
            && let Some(note) = changes(&app, &edit.form_json)
        {
            insert_event(
                &mut tx,
                id,
                Some(app.state),
                app.state,
                EDIT_FORM_ACTION,
                actor,
                &edit.actor_label,
                at,
                &note,
            )
            .await?;
        }
        audit::append(
            &mut tx,
            at,
            vec![NewAudit {
                before_digest: Some(digest(&app.form_json)),
                after_digest: Some(digest(&edit.form_json)),
                ..audit_row(
                    actor,
                    "application.edit_form",
                    &app.number,
                    format!("{}：{}", app.kind.label(), edit.title),
                )
            }],
        )
        .await?;
        let sql = format!("SELECT {COLS} FROM applications WHERE id = $1");
        let row = sqlx::query(&sql).bind(id).fetch_one(&mut *tx).await?;
        let after = from_row(&row)?;
        tx.commit().await?;
        Ok(after)
    }
}

/// The changed fields between the stored form and `new_json`, as one line
/// ([`form_changes::summary`]); `None` when nothing changed or a form is not a JSON object of
/// strings (the caller validated the new one; the stored one was validated when stored).
fn changes(app: &ApplicationRow, new_json: &str) -> Option<String> {
    let old: BTreeMap<String, String> = serde_json::from_str(&app.form_json).ok()?;
    let new: BTreeMap<String, String> = serde_json::from_str(new_json).ok()?;
    form_changes::summary(app.kind, &old, &new)
}
