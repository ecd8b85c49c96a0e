//! Objections (异议) to an organization's credit information: anyone files one (with a contact
//! and a reason; budgeted per address, CSRF on the page); an official of the registering
//! authority decides it — upheld removes the entry it names with the decision's reason, in one
//! transaction with the decision, and every view follows (`registry::projections`).

use crate::AppState;
use crate::auth::Session;
use crate::credit::api::org_credit::NewObjection;
use crate::credit::change_for;
use crate::error::ApiError;
use gongyi_store::credit::ObjectionRow;
use gongyi_types::ErrorCode;
use gongyi_types::Uscc;
use gongyi_types::common::form::FieldError;
use gongyi_types::credit::CreditAction;

/// Every problem of an objection's fields, each naming its field (`credit::forms::OBJECTION`).
pub fn objection_errors(o: &NewObjection) -> Vec<(ErrorCode, FieldError)> {
    let mut errs = vec![];
    let contact = o.contact.trim();
    if contact.is_empty() || contact.chars().count() > 100 {
        errs.push((
            ErrorCode::InvalidContact,
            FieldError::new("contact", "联系方式不能为空，且不超过100个字符"),
        ));
    }
    let n = o.reason.trim().chars().count();
    if !(5..=2000).contains(&n) {
        errs.push((
            ErrorCode::InvalidReason,
            FieldError::new("reason", format!("异议理由应为5至2000个字符，实际为{n}个")),
        ));
    }
    errs
}

/// Checks an objection's fields; the error (the first problem) names the field.
pub fn check_objection(o: &NewObjection) -> Result<(String, String), ApiError> {
    match objection_errors(o).into_iter().next() {
        Some((code, e)) => Err(ApiError::new(code, e.message)),
        None => Ok((o.contact.trim().to_string(), o.reason.trim().to_string())),
    }
}

/// Files an objection after checking the organization and the entry exist.
pub async fn file(state: &AppState, uscc: &Uscc, o: &NewObjection) -> Result<i64, ApiError> {
    let (contact, reason) = check_objection(o)?;
    if state.store.org(uscc.as_str()).await?.is_none() {
        return Err(ApiError::new(
            ErrorCode::OrgNotFound,
            format!("未找到统一社会信用代码为 {uscc} 的社会组织"),
        ));
    }
    state
        .store
        .file_objection(
            uscc.as_str(),
            o.entry_id,
            &contact,
            &reason,
            &state.now_str(),
        )
        .await
        .map_err(|e| match e {
            gongyi_store::StoreError::NotFound(_) => ApiError::new(
                ErrorCode::EntryNotFound,
                "该组织没有这条名录记录，请检查 entry_id",
            ),
            e => e.into(),
        })
}

/// Decides an objection of `uscc` (already checked: the official's jurisdiction, the reason).
pub async fn decide(
    state: &AppState,
    s: &Session,
    uscc: &Uscc,
    o: &ObjectionRow,
    upheld: bool,
    reason: &str,
) -> Result<(), ApiError> {
    let (at, today) = (state.now_str(), state.clock.today());
    let mut change = None;
    if let (true, Some(entry_id)) = (upheld, o.entry_id)
        && let Some(f) = state.store.credit_facts(uscc.as_str()).await?
        && f.facts
            .entries
            .iter()
            .any(|e| e.id == entry_id && e.removed_on.is_none())
    {
        change = change_for(
            &f,
            vec![CreditAction::Remove {
                entry_id,
                on: today,
                reason: format!("异议成立：{reason}"),
            }],
        );
    }
    let actor = format!("objection:{}", s.official.actor());
    state
        .store
        .decide_objection(o.id, upheld, reason, change.as_ref(), &actor, &at)
        .await?;
    if let Some(c) = &change {
        crate::registry::projections::credit_changed(state, std::slice::from_ref(c))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_is_named_with_its_field_and_the_form_has_the_same_limits() {
        let o = NewObjection {
            entry_id: None,
            contact: " ".into(),
            reason: "短".into(),
        };
        let fields: Vec<&str> = objection_errors(&o).iter().map(|(_, e)| e.field).collect();
        assert_eq!(fields, ["contact", "reason"]);
        let spec = gongyi_types::credit::forms::OBJECTION;
        assert_eq!((spec[0].max_chars, spec[1].max_chars), (100, 2000));
    }
}
