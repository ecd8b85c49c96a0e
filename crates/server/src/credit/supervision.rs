//! An official's supervision documents on one organization of their jurisdiction: a 整改通知
//! with its deadline and, later, its completion; a 专用信函 to the registered address with its
//! fate. Each is written with its audit row and the list rules run for the organization at
//! once, so a second returned letter or a completed rectification shows the same day (the
//! daily job lists an order the day after its deadline).

use crate::AppState;
use crate::auth::Session;
use crate::credit::{Views, run_for};
use crate::error::ApiError;
use chrono::NaiveDate;
use gongyi_store::credit::{NewLetter, NewRectification};
use gongyi_types::Uscc;
use gongyi_types::credit::CreditAction;

/// What the rules did after a document was recorded: (listings, removals).
pub type Effect = (usize, usize);

async fn rules(state: &AppState, s: &Session, uscc: &Uscc) -> Result<Effect, ApiError> {
    let actions = run_for(
        &state.store,
        Views::of(state),
        &state.config.credit_policy,
        uscc.as_str(),
        state.clock.today(),
        &s.official.actor(),
        &state.now_str(),
    )
    .await?;
    let listed = actions
        .iter()
        .filter(|a| matches!(a, CreditAction::List { .. }))
        .count();
    Ok((listed, actions.len() - listed))
}

/// Records a 整改通知.
pub async fn issue_order(
    state: &AppState,
    s: &Session,
    uscc: &Uscc,
    r: &NewRectification,
) -> Result<Effect, ApiError> {
    state
        .store
        .record_rectification(uscc.as_str(), r, &s.official.actor(), &state.now_str())
        .await?;
    rules(state, s, uscc).await
}

/// Records 整改通知 `id` completed on `on` (checked by the authority); a second record of it is
/// a conflict.
pub async fn complete_order(
    state: &AppState,
    s: &Session,
    uscc: &Uscc,
    id: i64,
    on: NaiveDate,
    note: &str,
) -> Result<Effect, ApiError> {
    state
        .store
        .complete_rectification(
            uscc.as_str(),
            id,
            on,
            note,
            &s.official.actor(),
            &state.now_str(),
        )
        .await?;
    rules(state, s, uscc).await
}

/// Records a 专用信函 and its fate.
pub async fn record_letter(
    state: &AppState,
    s: &Session,
    uscc: &Uscc,
    l: &NewLetter,
) -> Result<Effect, ApiError> {
    state
        .store
        .record_letter(uscc.as_str(), l, &s.official.actor(), &state.now_str())
        .await?;
    rules(state, s, uscc).await
}
