//! `/admin/orgs/{uscc}/account` — an organization's online-services account, for the officials
//! of its registration authority: whether it exists (and its contact), the activation codes
//! issued, and the button that issues a new one. The code is shown once, to be handed to the
//! organization (at the service window, or by post to its registered address); using it
//! creates the account or, if one exists, resets it — how an organization takes back an
//! account someone else holds.

use crate::AppState;
use crate::auth::Session;
use crate::auth::activation;
use crate::error::{ApiError, PageError};
use crate::registry::api::org_get::parse_uscc;
use crate::web::extract::{OfficialForm, OfficialPage, TokenOnly};
use crate::web::layout::{Nav, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use gongyi_store::accounts::activation::ActivationRow;
use gongyi_types::ErrorCode;

#[derive(Template)]
#[template(path = "accounts/org_account.html")]
struct AccountPage {
    nav: Nav,
    uscc: String,
    name: String,
    csrf: String,
    /// (contact, phone) of the existing account.
    account: Option<(String, String)>,
    codes: Vec<ActivationRow>,
    /// A code just issued, and until when it is valid.
    issued: Option<(String, String)>,
}

async fn page(state: &AppState, s: Session, raw: &str, issue: bool) -> Result<Response, PageError> {
    let uscc = parse_uscc(raw)?;
    let Some(org) = state.store.org(uscc.as_str()).await? else {
        return Err(ApiError::new(
            ErrorCode::OrgNotFound,
            format!("未找到统一社会信用代码为 {uscc} 的社会组织"),
        )
        .into());
    };
    s.official.may_edit(org.division)?;
    let mut issued = None;
    if issue {
        issued = Some(activation::issue(state, &s.official, &org).await?);
    }
    let account = state
        .store
        .applicant_by_login(uscc.as_str())
        .await?
        .map(|a| (a.contact_name, a.phone));
    let codes = state.store.activation_codes(uscc.as_str()).await?;
    let mut res = render(&AccountPage {
        nav: Nav::from_session(&Some(s.clone())),
        uscc: uscc.to_string(),
        name: org.name,
        csrf: s.csrf.clone(),
        account,
        codes,
        issued,
    });
    res.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(res)
}

pub async fn form(
    State(state): State<AppState>,
    OfficialPage(s): OfficialPage,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    page(&state, s, &raw, false).await
}

pub async fn issue(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    OfficialForm(s, TokenOnly { .. }): OfficialForm<TokenOnly>,
) -> Result<Response, PageError> {
    page(&state, s, &raw, true).await
}
