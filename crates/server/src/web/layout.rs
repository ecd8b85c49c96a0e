//! What every page shares: the navigation state, the error page, the stylesheet.

use crate::AppState;
use crate::auth::applicant::{ApplicantSession, current_applicant};
use crate::auth::{Session, current_session};
use crate::error::ApiError;
use askama::Template;
use axum::http::HeaderMap;
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};

/// Header navigation: who is logged in, in which role (officials get 工作台, applicants 我的申请),
/// and the session's CSRF token for the logout form.
#[derive(Debug, Clone, Default)]
pub struct Nav {
    pub user: Option<String>,
    pub csrf: String,
    /// The session is an applicant's (an organization or a person using online services).
    pub applicant: bool,
}

impl Nav {
    pub fn anonymous() -> Self {
        Self::default()
    }
    pub fn from_session(s: &Option<Session>) -> Self {
        match s {
            Some(s) => Self {
                user: Some(s.official.display_name.clone()),
                csrf: s.csrf.clone(),
                applicant: false,
            },
            None => Self::default(),
        }
    }
    pub fn from_applicant(a: &ApplicantSession) -> Self {
        Self {
            user: Some(a.applicant.display_name.clone()),
            csrf: a.csrf.clone(),
            applicant: true,
        }
    }
    /// A page anyone may see: the official `session` if there is one, else the applicant's.
    pub async fn public(
        state: &AppState,
        headers: &HeaderMap,
        session: &Option<Session>,
    ) -> Result<Self, ApiError> {
        if session.is_some() {
            return Ok(Self::from_session(session));
        }
        Ok(current_applicant(state, headers)
            .await?
            .map(|a| Self::from_applicant(&a))
            .unwrap_or_default())
    }
    /// Whoever the request's session belongs to.
    pub async fn of(state: &AppState, headers: &HeaderMap) -> Result<Self, ApiError> {
        let s = current_session(state, headers).await?;
        Self::public(state, headers, &s).await
    }
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub title: String,
    pub code: String,
    pub message: String,
    pub nav: Nav,
    /// Where the visitor came from on this site (a way back that is not the home page).
    pub back: Option<String>,
}

/// Renders a template into a response (a render failure is a logged 500).
pub fn render<T: Template>(t: &T) -> Response {
    match t.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => crate::error::ApiError::internal(e).into_response(),
    }
}

pub async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../static/style.css"),
    )
}

/// A `<select>` option.
#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}
