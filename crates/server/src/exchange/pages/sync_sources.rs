//! `/admin/sync` — the lower nodes this node pulls from (逐级汇总), as the issue asks a higher
//! node to show them: per source its division, last sync and last change received (the lag),
//! the checkpoint of its log verified last, counts accepted / refused / unverified, the last
//! error (a rewritten log, an unreachable node) and the latest refusals with their reasons.
//! An official sees the sources whose division lies in their jurisdiction.

use crate::AppState;
use crate::error::PageError;
use crate::web::extract::OfficialPage;
use crate::web::layout::{Nav, render};
use crate::web::time::cn;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use gongyi_store::exchange::{SyncRefusal, SyncSource};
use gongyi_types::DivisionCode;

struct SourceView {
    source: SyncSource,
    division_name: String,
    last_sync: String,
    last_change: String,
    refusals: Vec<SyncRefusal>,
}

#[derive(Template)]
#[template(path = "exchange/sync.html")]
struct SyncPage {
    nav: Nav,
    sources: Vec<SourceView>,
}

pub async fn page(
    State(state): State<AppState>,
    OfficialPage(s): OfficialPage,
) -> Result<Response, PageError> {
    let mut sources = Vec::new();
    for source in state.store.sync_sources().await? {
        let Ok(d) = DivisionCode::parse(&source.division) else {
            continue;
        };
        if !s.official.division.contains(d) {
            continue;
        }
        let refusals = state.store.sync_refusals(&source.url, 20).await?;
        sources.push(SourceView {
            division_name: d.full_name(),
            last_sync: source.last_sync_at.as_deref().map(cn).unwrap_or_default(),
            last_change: source.last_change_at.as_deref().map(cn).unwrap_or_default(),
            refusals: refusals
                .into_iter()
                .map(|r| SyncRefusal { at: cn(&r.at), ..r })
                .collect(),
            source,
        });
    }
    Ok(render(&SyncPage {
        nav: Nav::from_session(&Some(s)),
        sources,
    }))
}
