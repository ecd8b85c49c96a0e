//! Registering an applicant's account: an organization with the activation code its
//! registration authority issued (creating the account, or resetting an existing one), a
//! person with a phone number (a number registered before answers like a new one).

use crate::AppState;
use crate::auth::activation;
use crate::auth::attempt::Attempt;
use crate::error::PageError;
use axum::http::StatusCode;
use gongyi_store::accounts::applicants::NewApplicant;

/// A refusal the form shows: the message and the status.
pub type Refusal = (String, StatusCode);

/// An organization's account from its activation code (throttled per code like a login).
pub async fn org(
    state: &AppState,
    ip: std::net::IpAddr,
    new: &mut NewApplicant,
    code: &str,
) -> Result<Result<(), Refusal>, PageError> {
    let attempt = Attempt::new(state, format!("reg:{}", new.login), ip);
    if let Err(too_many) = attempt.gate().await {
        return Ok(Err((too_many.message(), StatusCode::TOO_MANY_REQUESTS)));
    }
    let refused = || {
        (
            "统一社会信用代码或激活码不正确，或激活码已使用、已过期。激活码由登记管理机关发放"
                .to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
    };
    let Some(org) = state.store.org(&new.login).await? else {
        attempt.failed(None).await;
        return Ok(Err(refused()));
    };
    new.display_name = org.name.clone();
    match state
        .store
        .activate_org_account(new, &activation::digest(code), &state.now_str())
        .await
    {
        Ok(_) => {
            attempt.succeeded();
            Ok(Ok(()))
        }
        Err(gongyi_store::StoreError::NotFound(_)) => {
            attempt.failed(None).await;
            Ok(Err(refused()))
        }
        Err(e) => Err(e.into()),
    }
}

/// A person's account. A number registered before answers like a new one: nothing is
/// created, and the login page says to use the existing password.
pub async fn person(
    state: &AppState,
    new: &NewApplicant,
) -> Result<Result<(), Refusal>, PageError> {
    let actor = format!("applicant:{}", new.login);
    match state
        .store
        .create_applicant(new, &actor, &state.now_str())
        .await
    {
        Ok(_) => Ok(Ok(())),
        Err(e) if e.is_unique_violation() => Ok(Ok(())),
        Err(e) => Err(e.into()),
    }
}
