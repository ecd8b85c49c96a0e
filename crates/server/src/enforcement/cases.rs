//! Cases an official opens and completes by hand: a case from an inspection (监督检查发现的线索),
//! in the official's jurisdiction, and linking a case opened without a registered organization
//! (a complaint about an unregistered name) to one of the jurisdiction, so its penalty reaches
//! that organization's credit records.

use crate::AppState;
use crate::auth::Official;
use crate::enforcement::may_act;
use crate::error::ApiError;
use chrono::Datelike;
use gongyi_store::enforcement::cases::{CaseRow, NewCase};
use gongyi_types::ErrorCode;
use gongyi_types::{DivisionCode, Organization};

/// Opens a case in `division` (checked against the official's jurisdiction and role); returns
/// its id.
pub async fn open(
    state: &AppState,
    who: &Official,
    uscc: Option<String>,
    subject_name: String,
    division: DivisionCode,
    summary: String,
) -> Result<i64, ApiError> {
    may_act(who, division)?;
    let case = NewCase {
        uscc,
        subject_name,
        division: division.to_string(),
        source: "inspection".into(),
        summary,
    };
    let (id, _) = state
        .store
        .open_case(
            &case,
            state.clock.today().year(),
            &who.actor(),
            &state.now_str(),
        )
        .await?;
    Ok(id)
}

/// Links `case` to the registered organization `org` (both in the official's jurisdiction);
/// a case already linked or closed meanwhile is a 409 `case_state_changed`.
pub async fn link_org(
    state: &AppState,
    who: &Official,
    case: &CaseRow,
    org: &Organization,
) -> Result<(), ApiError> {
    may_act(who, super::steps::case_division(case)?)?;
    may_act(who, org.division)?;
    match state
        .store
        .link_case_org(
            case,
            org.uscc.as_str(),
            &org.name,
            &who.actor(),
            &state.now_str(),
        )
        .await
    {
        Ok(()) => Ok(()),
        Err(gongyi_store::StoreError::Conflict(m)) => {
            Err(ApiError::new(ErrorCode::CaseStateChanged, m))
        }
        Err(e) => Err(e.into()),
    }
}
