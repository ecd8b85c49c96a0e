//! `/check` — the citizen's legitimacy check (《"互联网+社会组织"行动方案》: tell legal from
//! illegal organizations): type a name or a 统一社会信用代码, get 已登记 (with status, credit and
//! the profile), 列入非法社会组织名单 (with the batch), or 未找到, with the closest registered
//! names either way. The same answer as `POST /api/v1/lookup`, with the same budget per
//! address; a read, so a GET form without a token.

use crate::AppState;
use crate::error::PageError;
use crate::legitimacy::api::lookup::{LookupRequest, LookupResult, admit, check};
use crate::platform::client_ip::ClientIp;
use crate::web::layout::{Nav, render};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use gongyi_types::{CreditStatus, RegStatus};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct CheckQuery {
    q: Option<String>,
}

/// A registered organization as the page shows it.
struct Found {
    name: String,
    uscc: String,
    status: String,
    credit: String,
    /// On a credit list: the page says so beside 已登记.
    listed: bool,
}

#[derive(Template)]
#[template(path = "legitimacy/check.html")]
struct CheckPage {
    nav: Nav,
    q: String,
    /// `registered`, `illegal`, `unknown`, `invalid`; empty before a query.
    status: String,
    reason: Option<String>,
    found: Option<Found>,
    illegal: Option<crate::legitimacy::api::illegal_orgs::IllegalEntry>,
    similar: Vec<(String, String)>,
}

fn found(r: &LookupResult) -> Option<Found> {
    let o = r.org.as_ref()?;
    let credit = CreditStatus::parse(&o.credit).unwrap_or(CreditStatus::Normal);
    Some(Found {
        name: o.name.clone(),
        uscc: o.uscc.clone(),
        status: RegStatus::parse(&o.status)
            .map(|s| s.label().to_string())
            .unwrap_or_else(|_| o.status.clone()),
        credit: credit.label().to_string(),
        listed: credit != CreditStatus::Normal,
    })
}

pub async fn page(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Query(p): Query<CheckQuery>,
) -> Result<Response, PageError> {
    let q =
        p.q.unwrap_or_default()
            .trim()
            .chars()
            .take(200)
            .collect::<String>();
    let mut page = CheckPage {
        nav: Nav::of(&state, &headers).await?,
        q: q.clone(),
        status: String::new(),
        reason: None,
        found: None,
        illegal: None,
        similar: vec![],
    };
    if !q.is_empty() {
        if let Err(limited) = admit(&state, &headers, ip).await {
            return Ok(limited);
        }
        // 18 letters and digits: a code; anything else: a name.
        let is_code = q.chars().count() == 18 && q.chars().all(|c| c.is_ascii_alphanumeric());
        let req = if is_code {
            LookupRequest {
                names: vec![],
                codes: vec![q.clone()],
            }
        } else {
            LookupRequest {
                names: vec![q.clone()],
                codes: vec![],
            }
        };
        if let Some(r) = check(&state, req).await?.results.into_iter().next() {
            page.status = r.status.clone();
            page.reason = r.reason.clone();
            page.found = found(&r);
            page.similar = r
                .similar
                .unwrap_or_default()
                .into_iter()
                .map(|s| (s.uscc, s.name))
                .collect();
            page.illegal = r.illegal_entry;
        }
    }
    Ok(render(&page))
}
