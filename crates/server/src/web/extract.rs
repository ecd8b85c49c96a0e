//! Who is asking, as axum extractors — written once for every domain's handlers (kanidm's
//! `VerifiedClientInformation`, axum-login's extractors):
//! - pages: [`OfficialPage`] / [`ApplicantPage`] — without a session, a redirect to the login
//!   with `next` (the page itself for a GET, the page the form was on for a POST);
//! - JSON API: [`OfficialApi`] / [`ApplicantApi`] — 401 `login_required` without a session;
//!   writes add the session's CSRF token in `X-CSRF-Token` (`web::write_auth`);
//! - forms: [`OfficialForm<T>`] / [`ApplicantForm<T>`] — the session, and a typed form whose
//!   `csrf` field must equal the session's token (403 `csrf_failed` otherwise).

use crate::AppState;
use crate::auth::applicant::{ApplicantSession, current_applicant};
use crate::auth::{Session, csrf, current_session};
use crate::error::{ApiError, PageError};
use axum::extract::{Form, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{Method, header};
use axum::response::{IntoResponse, Redirect, Response};
use gongyi_types::ErrorCode;
use serde::de::DeserializeOwned;

/// An official's session, for a page.
pub struct OfficialPage(pub Session);
/// An applicant's session, for a page.
pub struct ApplicantPage(pub ApplicantSession);
/// An official's session, for the JSON API.
pub struct OfficialApi(pub Session);
/// An applicant's session, for the JSON API.
pub struct ApplicantApi(pub ApplicantSession);

/// Where to come back to after logging in.
fn here(parts: &Parts) -> Option<String> {
    if parts.method == Method::GET {
        return parts.uri.path_and_query().map(|p| p.as_str().to_string());
    }
    // A form post: the page the form was on, if the browser says so and it is ours.
    let referer = parts.headers.get(header::REFERER)?.to_str().ok()?;
    let path = match referer.find("://") {
        Some(i) => {
            let rest = &referer[i + 3..];
            let host = parts.headers.get(header::HOST)?.to_str().ok()?;
            rest.strip_prefix(host)?
        }
        None => referer,
    };
    Some(path.to_string())
}

fn to_login(login: &str, home: &str, parts: &Parts) -> Response {
    let next = crate::auth::safe_next(here(parts).as_deref(), home);
    let q = serde_urlencoded::to_string([("next", next.as_str())]).unwrap_or_default();
    Redirect::to(&format!("{login}?{q}")).into_response()
}

impl FromRequestParts<AppState> for OfficialPage {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        match current_session(state, &parts.headers).await {
            Ok(Some(s)) => Ok(Self(s)),
            Ok(None) => Err(to_login("/login", "/admin", parts)),
            Err(e) => Err(PageError(e).into_response()),
        }
    }
}

impl FromRequestParts<AppState> for ApplicantPage {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        match current_applicant(state, &parts.headers).await {
            Ok(Some(s)) => Ok(Self(s)),
            Ok(None) => Err(to_login("/account/login", "/my/applications", parts)),
            Err(e) => Err(PageError(e).into_response()),
        }
    }
}

impl FromRequestParts<AppState> for OfficialApi {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        current_session(state, &parts.headers)
            .await?
            .map(Self)
            .ok_or_else(ApiError::unauthorized)
    }
}

impl FromRequestParts<AppState> for ApplicantApi {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        current_applicant(state, &parts.headers)
            .await?
            .map(Self)
            .ok_or_else(ApiError::unauthorized)
    }
}

/// A form that names its CSRF token.
pub trait WithCsrf {
    /// The token the form carried.
    fn csrf(&self) -> &str;
}

/// An official's form post: the session and the typed form, its token checked.
pub struct OfficialForm<T>(pub Session, pub T);
/// An applicant's form post: the session and the typed form, its token checked.
pub struct ApplicantForm<T>(pub ApplicantSession, pub T);

/// The form of a request, a malformed one as a 400 page.
async fn form<T: DeserializeOwned>(req: Request, state: &AppState) -> Result<T, Response> {
    Form::<T>::from_request(req, state)
        .await
        .map(|Form(f)| f)
        .map_err(|e| {
            PageError(ApiError::new(
                ErrorCode::InvalidForm,
                format!("表单内容无效：{e}"),
            ))
            .into_response()
        })
}

impl<T: DeserializeOwned + WithCsrf + Send> FromRequest<AppState> for OfficialForm<T> {
    type Rejection = Response;
    async fn from_request(req: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = req.into_parts();
        let OfficialPage(s) = OfficialPage::from_request_parts(&mut parts, state).await?;
        let f: T = form(Request::from_parts(parts, body), state).await?;
        csrf::check(&s.csrf, f.csrf()).map_err(|e| PageError(e).into_response())?;
        Ok(Self(s, f))
    }
}

impl<T: DeserializeOwned + WithCsrf + Send> FromRequest<AppState> for ApplicantForm<T> {
    type Rejection = Response;
    async fn from_request(req: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = req.into_parts();
        let ApplicantPage(s) = ApplicantPage::from_request_parts(&mut parts, state).await?;
        let f: T = form(Request::from_parts(parts, body), state).await?;
        csrf::check(&s.csrf, f.csrf()).map_err(|e| PageError(e).into_response())?;
        Ok(Self(s, f))
    }
}

/// A form whose fields are not fixed (the per-service forms, the registry edit): every field
/// as text, with the token.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(transparent)]
pub struct AnyForm(pub std::collections::BTreeMap<String, String>);

impl WithCsrf for AnyForm {
    fn csrf(&self) -> &str {
        self.0.get("csrf").map(String::as_str).unwrap_or("")
    }
}

/// A form with only the token (a button: log out, issue a code, submit).
#[derive(Debug, Clone, serde::Deserialize)]
pub struct TokenOnly {
    pub csrf: String,
}

impl WithCsrf for TokenOnly {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}
