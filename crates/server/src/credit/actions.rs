//! An official's credit actions on one organization of their jurisdiction (民政部令第60号):
//! record an administrative penalty — the rules then run for the organization at once, since
//! information enters the lists within 5 working days (the 办法; article unverified) — or list / remove it by hand
//! with a reason. Each write carries its audit row; every view follows the new standing.

use crate::AppState;
use crate::auth::Session;
use crate::credit::{Views, apply, change_for, run_for};
use crate::error::ApiError;
use gongyi_store::credit::NewPenalty;
use gongyi_types::ErrorCode;
use gongyi_types::credit::{CreditAction, Trigger};
use gongyi_types::{ListKind, Uscc};

/// Records a penalty and runs the rules; returns how many list entries it caused.
pub async fn record_penalty(
    state: &AppState,
    s: &Session,
    uscc: &Uscc,
    p: &NewPenalty,
) -> Result<usize, ApiError> {
    let (actor, at, today) = (s.official.actor(), state.now_str(), state.clock.today());
    state
        .store
        .record_penalty(uscc.as_str(), p, &actor, &at)
        .await?;
    let actions = run_for(
        &state.store,
        Views::of(state),
        &state.config.credit_policy,
        uscc.as_str(),
        today,
        &actor,
        &at,
    )
    .await?;
    Ok(actions
        .iter()
        .filter(|a| matches!(a, CreditAction::List { .. }))
        .count())
}

/// Lists the organization by hand: the grounds the platform has no facts for (异常 (二) 党组织,
/// (三) 整改, (四) 公募, (六) 住所, (七) other; 严重 (八) other), with the reason. 严重 (六)
/// 失信被执行人 is imported (`gongyi credit import-dishonest`) and listed by the rules.
pub async fn list(
    state: &AppState,
    s: &Session,
    uscc: &Uscc,
    list: ListKind,
    reason: String,
) -> Result<(), ApiError> {
    let on = state.clock.today();
    let action = CreditAction::List {
        list,
        trigger: Trigger::Manual,
        on,
        reason,
    };
    change(state, s, uscc, action).await
}

/// Removes a list entry by hand, with the reason.
pub async fn remove(
    state: &AppState,
    s: &Session,
    uscc: &Uscc,
    entry_id: i64,
    reason: String,
) -> Result<(), ApiError> {
    let on = state.clock.today();
    let action = CreditAction::Remove {
        entry_id,
        on,
        reason,
    };
    change(state, s, uscc, action).await
}

/// One manual action with the standing it leaves, written with its audit row.
async fn change(
    state: &AppState,
    s: &Session,
    uscc: &Uscc,
    action: CreditAction,
) -> Result<(), ApiError> {
    let Some(f) = state.store.credit_facts(uscc.as_str()).await? else {
        return Err(ApiError::new(ErrorCode::OrgNotFound, "未找到该组织"));
    };
    if let Some(c) = change_for(&f, vec![action]) {
        apply(
            &state.store,
            Views::of(state),
            &[c],
            &s.official.actor(),
            &state.now_str(),
        )
        .await?;
    }
    Ok(())
}
