//! Leaving 严重违法失信名单 on the organization's application (the online service
//! `credit_removal`): the conditions of 《社会组织信用信息管理办法》 checked when it applies and
//! again when an official approves — the entry is the organization's and still open, 2 full
//! years have passed without a new listing ground (a new ground restarts them), an entry from 2
//! years on 活动异常名录 has its obligation fulfilled, and an entry for 吊销/撤销 is not one to
//! apply for (it leaves after 注销登记). The rule is `gongyi_types::credit::serious_exit`; a
//! refusal says which condition is not met and from when the organization may apply.

use crate::AppState;
use crate::error::ApiError;
use chrono::NaiveDate;
use gongyi_store::credit::OrgCreditChange;
use gongyi_types::credit::{CreditAction, SeriousExit, serious_exit};
use gongyi_types::{ErrorCode, ListKind, Organization};

/// An open serious entry as the application form shows it: number, listing, and how it may
/// leave (the organization picks the number from here).
pub struct OpenSerious {
    pub id: i64,
    pub listed_on: String,
    pub reason: String,
    pub exit: String,
}

/// The organization's entries still on 严重违法失信名单, with their exits today.
pub async fn open_serious(
    state: &AppState,
    uscc: &str,
    today: NaiveDate,
) -> Result<Vec<OpenSerious>, ApiError> {
    let Some(facts) = state.store.credit_facts(uscc).await? else {
        return Ok(vec![]);
    };
    let entries = state.store.credit_entries(uscc).await?;
    Ok(entries
        .into_iter()
        .filter(|e| e.list == ListKind::Serious && e.removed_on.is_none())
        .filter_map(|e| {
            let fact = facts.facts.entries.iter().find(|f| f.id == e.id)?;
            Some(OpenSerious {
                id: e.id,
                listed_on: e.listed_on.to_string(),
                reason: e.listed_reason,
                exit: serious_exit(&facts.facts, fact, today).describe(),
            })
        })
        .collect())
}

/// Checks that `org` may apply today to leave the list for entry `entry_id`.
pub async fn may_apply(
    state: &AppState,
    org: &Organization,
    entry_id: i64,
    today: NaiveDate,
) -> Result<(), ApiError> {
    check(state, org, entry_id, today).await.map(|_| ())
}

/// The change an approval makes: the entry removed (reason: on application), and the
/// standing it leaves.
pub async fn approved(
    state: &AppState,
    org: &Organization,
    entry_id: i64,
    today: NaiveDate,
) -> Result<OrgCreditChange, ApiError> {
    let (facts, since) = check(state, org, entry_id, today).await?;
    let remove = CreditAction::Remove {
        entry_id,
        on: today,
        reason: format!(
            "经申请，列入满2年（自{since}起可申请移出）且期间未再出现应当列入的情形，登记管理机关依《社会组织信用信息管理办法》决定移出严重违法失信名单"
        ),
    };
    crate::credit::change_for(&facts, vec![remove])
        .ok_or_else(|| ApiError::internal(format!("removal of entry {entry_id} changed nothing")))
}

async fn check(
    state: &AppState,
    org: &Organization,
    entry_id: i64,
    today: NaiveDate,
) -> Result<(gongyi_store::credit::OrgCreditFacts, NaiveDate), ApiError> {
    let refused = |m: String| ApiError::new(ErrorCode::CreditRemovalNotAllowed, m);
    let Some(facts) = state.store.credit_facts(org.uscc.as_str()).await? else {
        return Err(ApiError::new(
            ErrorCode::OrgNotFound,
            format!("登记信息中没有 {}", org.uscc),
        ));
    };
    let Some(entry) = facts.facts.entries.iter().find(|e| e.id == entry_id) else {
        return Err(refused(format!(
            "本组织的信用信息中没有编号为 {entry_id} 的名录记录"
        )));
    };
    if entry.list != ListKind::Serious || entry.removed_on.is_some() {
        return Err(refused(format!(
            "编号 {entry_id} 的记录不是在列的严重违法失信名单记录"
        )));
    }
    match serious_exit(&facts.facts, entry, today) {
        SeriousExit::MayApply { since, .. } => Ok((facts, since)),
        other => Err(refused(format!("暂不能申请移出：{}", other.describe()))),
    }
}
