//! Applying: the form is parsed (every field error reported), the applicant's kind of account
//! checked, the application routed to its registrar, and a draft stored — or nothing at all.

use crate::AppState;
use crate::auth::applicant::Applicant;
use crate::error::ApiError;
use gongyi_store::applications::forms::FormEdit;
use gongyi_store::applications::{ApplicationRow, NewApplication};
use gongyi_types::ErrorCode;
use gongyi_types::applications::forms::{
    self as service_forms, FieldError, ServiceForm, fundraising_eligible,
};
use gongyi_types::applications::{ApplicationState, ServiceKind};
use gongyi_types::{Organization, RegStatus};
use std::collections::BTreeMap;

/// Why an application was not stored.
#[derive(Debug)]
pub enum ApplyError {
    /// Field errors (422 `application_invalid`), each naming its field.
    Form(Vec<FieldError>),
    Api(ApiError),
}

impl From<ApiError> for ApplyError {
    fn from(e: ApiError) -> Self {
        ApplyError::Api(e)
    }
}

impl From<ApplyError> for ApiError {
    fn from(e: ApplyError) -> Self {
        match e {
            ApplyError::Api(e) => e,
            ApplyError::Form(errs) => ApiError::new(
                ErrorCode::ApplicationInvalid,
                errs.iter()
                    .map(|e| e.message.clone())
                    .collect::<Vec<_>>()
                    .join("；"),
            ),
        }
    }
}

/// The organization an organization's account acts for, if it may still apply.
pub async fn own_org(state: &AppState, who: &Applicant) -> Result<Organization, ApiError> {
    let Some(uscc) = &who.uscc else {
        return Err(ApiError::new(
            ErrorCode::AccountKindMismatch,
            "该事项须以社会组织账号申请",
        ));
    };
    let org =
        state.store.org(uscc).await?.ok_or_else(|| {
            ApiError::new(ErrorCode::OrgNotFound, format!("登记信息中没有 {uscc}"))
        })?;
    if matches!(org.status, RegStatus::Deregistered | RegStatus::Revoked) {
        return Err(ApiError::new(
            ErrorCode::OrgNotActive,
            format!("该组织登记状态为“{}”，不能申请", org.status.label()),
        ));
    }
    Ok(org)
}

/// The checked application `who` would store from the submitted fields: account kind, every
/// field, the routing and the service's own rules (the one-year rule of 公开募捐资格). Used by
/// applying ([`create`]) and by editing a form ([`edit_form`]), so both check the same.
async fn prepare(
    state: &AppState,
    who: &Applicant,
    kind: ServiceKind,
    raw: &BTreeMap<String, String>,
) -> Result<NewApplication, ApplyError> {
    let today = state.clock.today();
    if kind.for_public() == who.is_org() {
        return Err(ApiError::new(
            ErrorCode::AccountKindMismatch,
            if kind.for_public() {
                "成立登记由拟设立组织的申请人以个人账号申请"
            } else {
                "该事项须以社会组织账号申请"
            },
        )
        .into());
    }
    let form = service_forms::parse(kind, raw, today).map_err(ApplyError::Form)?;
    let (uscc, division, title) = match &form {
        ServiceForm::Establish(f) => (None, f.division.to_string(), f.name.clone()),
        _ => {
            let org = own_org(state, who).await?;
            if let ServiceForm::CreditRemoval { entry_id, .. } = form {
                crate::credit::removal::may_apply(state, &org, entry_id, today).await?;
            }
            if let ServiceForm::Fundraising { .. } = form {
                fundraising_eligible(
                    org.founded,
                    org.flags.charity,
                    org.flags.public_fundraising,
                    today,
                )
                .map_err(|e| ApiError::new(e.code(), e.to_string()))?;
            }
            (
                Some(org.uscc.to_string()),
                org.division.to_string(),
                org.name.clone(),
            )
        }
    };
    // Keep only the form's own fields, trimmed.
    let kept: BTreeMap<String, String> = service_forms::fields(kind)
        .iter()
        .filter_map(|f| {
            raw.get(f.name)
                .map(|v| (f.name.to_string(), v.trim().to_string()))
        })
        .collect();
    Ok(NewApplication {
        kind,
        account_id: who.id,
        uscc,
        division,
        title,
        form_json: serde_json::to_string(&kept).map_err(ApiError::internal)?,
    })
}

/// Stores a draft of `kind` for `who` from the submitted fields; returns (id, number).
pub async fn create(
    state: &AppState,
    who: &Applicant,
    kind: ServiceKind,
    raw: &BTreeMap<String, String>,
) -> Result<(i64, String), ApplyError> {
    let today = state.clock.today();
    let new = prepare(state, who, kind, raw).await?;
    let r = state
        .store
        .create_application(&new, &who.actor(), &who.label(), &state.now_str(), today)
        .await
        .map_err(ApiError::from)?;
    Ok(r)
}

/// Replaces the form of `who`'s own application while it is their turn (草稿, or 需补正 to
/// correct it), checked exactly as when applying. After submission the application stays with
/// the registrar it was routed to: a 成立登记 under correction may not move to another
/// division (409 `division_change_not_allowed`) — apply anew instead.
pub async fn edit_form(
    state: &AppState,
    who: &Applicant,
    app: &ApplicationRow,
    raw: &BTreeMap<String, String>,
) -> Result<ApplicationRow, ApplyError> {
    if app.account_id != who.id {
        return Err(super::materials::not_yours().into());
    }
    if !super::materials::UPLOAD_STATES.contains(&app.state) {
        return Err(ApiError::new(
            ErrorCode::EditNotAllowed,
            format!("申请处于“{}”状态，不能修改申请表", app.state.label()),
        )
        .into());
    }
    let new = prepare(state, who, app.kind, raw).await?;
    if app.state != ApplicationState::Draft && new.division != app.division {
        return Err(ApiError::new(
            ErrorCode::DivisionChangeNotAllowed,
            "已提交的申请不能改由其他登记管理机关受理，请重新申请",
        )
        .into());
    }
    let edit = FormEdit {
        form_json: new.form_json,
        title: new.title,
        division: new.division,
        actor_label: who.label(),
    };
    Ok(state
        .store
        .edit_application_form(
            app.id,
            super::materials::UPLOAD_STATES,
            &edit,
            &who.actor(),
            &state.now_str(),
        )
        .await
        .map_err(ApiError::from)?)
}
