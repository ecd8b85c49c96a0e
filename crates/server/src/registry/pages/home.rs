//! `/` — the search portal.

use crate::AppState;
use crate::auth::current_session;
use crate::error::PageError;
use crate::registry::api::search_params::RawSearch;
use crate::registry::pages::search_form::SearchForm;
use crate::web::layout::{Nav, render};
use askama::Template;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;

#[derive(Template)]
#[template(path = "registry/home.html")]
struct Home {
    nav: Nav,
    form: SearchForm,
    o: crate::insight::Overview,
}

pub async fn handler(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let session = current_session(&state, &headers).await?;
    Ok(render(&Home {
        nav: Nav::public(&state, &headers, &session).await?,
        form: SearchForm::new(&RawSearch::default()),
        o: {
            let index = state.search.clone();
            let today = state.clock.today();
            tokio::task::spawn_blocking(move || crate::insight::overview(&index, None, today))
                .await
                .map_err(crate::error::ApiError::internal)??
        },
    }))
}
