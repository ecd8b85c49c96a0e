//! What every page shares: the navigation state, the error page, the stylesheet.

use crate::auth::Session;
use askama::Template;
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};

/// Header navigation: who is logged in (and their CSRF token for the logout form).
#[derive(Debug, Clone, Default)]
pub struct Nav {
    pub user: Option<String>,
    pub csrf: String,
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
            },
            None => Self::default(),
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub title: String,
    pub code: String,
    pub message: String,
    pub nav: Nav,
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
