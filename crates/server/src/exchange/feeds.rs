//! Atom feeds (RFC 4287) a person, a portal or a new-media account subscribes to (推送):
//! `GET /feeds/registrations.atom` — the newest registrations (成立登记), and
//! `GET /feeds/illegal-orgs.atom` — the newest names on the illegal-organization list, and
//! `GET /feeds/credit.atom` — the newest listings on and removals from 活动异常名录 and
//! 严重违法失信名单; `?division=` narrows any of them to a province, city or county (the
//! registrar's division, or the publishing authority's), and the credit feed takes `?org=`
//! (one organization's listings: a donor or a partner follows the organizations it works with).
//!
//! Entry ids are tag URIs (RFC 4151) that never change for the same organization or listing,
//! so a reader shows each once; times are Beijing time with their offset.

use crate::AppState;
use crate::error::{ApiError, PageError};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use gongyi_search::{SearchQuery, Sort};
use gongyi_types::{DivisionCode, ErrorCode};
use serde::Deserialize;

/// Entries per feed.
const ENTRIES: usize = 50;
/// The tag URIs' authority and date (RFC 4151): fixed, so ids stay the same on every node
/// name and host.
const TAG: &str = "tag:gongyi.local,2026";

#[derive(Debug, Default, Deserialize)]
pub struct FeedParams {
    division: Option<String>,
    org: Option<String>,
}

fn division(p: &FeedParams) -> Result<Option<DivisionCode>, ApiError> {
    match p
        .division
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => Ok(None),
        Some(d) => DivisionCode::parse(d).map(Some).map_err(|e| {
            ApiError::new(ErrorCode::InvalidDivision, format!("行政区划代码无效：{e}"))
        }),
    }
}

/// XML text (`&`, `<`, `>`, `"` escaped).
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The node's address as the client used it (for the feed's absolute links).
fn base(state: &AppState, headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".:-[]".contains(c))
        })
        .unwrap_or("localhost");
    let scheme = if state.config.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

/// A date as an Atom time: the start of that day in Beijing.
fn day(d: &str) -> String {
    format!("{d}T00:00:00+08:00")
}

struct Entry {
    id: String,
    title: String,
    updated: String,
    link: String,
    summary: String,
}

fn feed(title: &str, self_link: &str, alternate: &str, id: &str, entries: &[Entry]) -> Response {
    let updated = entries
        .iter()
        .map(|e| e.updated.as_str())
        .max()
        .map_or_else(|| day("2026-01-01"), str::to_string);
    let mut x = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n<title>{}</title>\n<id>{}</id>\n<updated>{updated}</updated>\n<author><name>社会组织信息平台</name></author>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        esc(title),
        esc(id),
        esc(self_link),
        esc(alternate)
    );
    for e in entries {
        x.push_str(&format!(
            "<entry>\n<id>{}</id>\n<title>{}</title>\n<updated>{}</updated>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<summary>{}</summary>\n</entry>\n",
            esc(&e.id),
            esc(&e.title),
            e.updated,
            esc(&e.link),
            esc(&e.summary)
        ));
    }
    x.push_str("</feed>\n");
    (
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        x,
    )
        .into_response()
}

fn narrowed(path: &str, d: Option<DivisionCode>) -> String {
    match d {
        Some(d) => format!("{path}?division={d}"),
        None => path.to_string(),
    }
}

/// `GET /feeds/registrations.atom[?division=]` — the newest 成立登记.
pub async fn registrations(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(p): Query<FeedParams>,
) -> Result<Response, PageError> {
    let d = division(&p)?;
    let q = SearchQuery {
        division: d,
        sort: Sort::Newest,
        per_page: ENTRIES as u32,
        ..SearchQuery::default()
    };
    let index = state.search.clone();
    let res = tokio::task::spawn_blocking(move || index.search(&q))
        .await
        .map_err(ApiError::internal)??;
    let b = base(&state, &headers);
    let entries: Vec<Entry> = res
        .hits
        .iter()
        .map(|h| Entry {
            id: format!("{TAG}:org/{}", h.uscc),
            title: h.name.clone(),
            updated: day(&h.founded.to_string()),
            link: format!("{b}/orgs/{}", h.uscc),
            summary: format!(
                "{}于{}准予成立登记（{}，统一社会信用代码 {}），登记状态：{}。",
                // The registrar by its real name (民政局 / 民政厅), as every public page says it.
                DivisionCode::parse(&h.division)
                    .ok()
                    .and_then(|d| d.authority_name())
                    .unwrap_or_else(|| h.authority.clone()),
                h.founded,
                h.kind.label(),
                h.uscc,
                h.status.label()
            ),
        })
        .collect();
    let place = d.map(|d| d.full_name()).unwrap_or_else(|| "全国".into());
    Ok(feed(
        &format!("新登记的社会组织（{place}）"),
        &format!("{b}{}", narrowed("/feeds/registrations.atom", d)),
        &format!("{b}{}", narrowed("/orgs", d)),
        &format!(
            "{TAG}:feed/registrations/{}",
            d.map_or("all".into(), |d| d.to_string())
        ),
        &entries,
    ))
}

/// `GET /feeds/illegal-orgs.atom[?division=]` — the newest names on the illegal list.
pub async fn illegal_orgs(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(p): Query<FeedParams>,
) -> Result<Response, PageError> {
    let d = division(&p)?;
    let list = state.legitimacy.illegal(&state.store).await?;
    let b = base(&state, &headers);
    let entries: Vec<Entry> = list
        .entries()
        .iter()
        .filter(|e| {
            d.is_none_or(|d| DivisionCode::parse(&e.division).is_ok_and(|ed| d.contains(ed)))
        })
        .take(ENTRIES)
        .map(|e| {
            let kind = gongyi_types::IllegalKind::parse(&e.kind)
                .map(|k| k.label().to_string())
                .unwrap_or_else(|_| e.kind.clone());
            Entry {
                id: format!("{TAG}:illegal/{}", e.id),
                title: format!("{}（{kind}）", e.name),
                updated: day(&e.published_on),
                link: format!(
                    "{b}/check?{}",
                    serde_urlencoded::to_string([("q", e.name.as_str())]).unwrap_or_default()
                ),
                summary: format!(
                    "{}于{}公布（{}）：“{}”列入{}名单，不是依法登记的社会组织。",
                    e.authority, e.published_on, e.batch_no, e.name, kind
                ),
            }
        })
        .collect();
    let place = d.map(|d| d.full_name()).unwrap_or_else(|| "全国".into());
    Ok(feed(
        &format!("非法社会组织名单（{place}）"),
        &format!("{b}{}", narrowed("/feeds/illegal-orgs.atom", d)),
        &format!("{b}/illegal-orgs"),
        &format!(
            "{TAG}:feed/illegal-orgs/{}",
            d.map_or("all".into(), |d| d.to_string())
        ),
        &entries,
    ))
}

/// `GET /feeds/credit.atom[?division=][&org=]` — listings and removals, newest first.
pub async fn credit_lists(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(p): Query<FeedParams>,
) -> Result<Response, PageError> {
    let d = division(&p)?;
    let org = match p.org.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(o) => Some(gongyi_types::Uscc::parse(o).map_err(|e| {
            ApiError::new(ErrorCode::InvalidUscc, format!("统一社会信用代码无效：{e}"))
        })?),
    };
    let rows = state
        .store
        .recent_list_entries(d, org.as_ref().map(|o| o.as_str()), ENTRIES as i64)
        .await?;
    let b = base(&state, &headers);
    // Each entry is one event when listed and another when removed.
    let mut entries: Vec<Entry> = Vec::new();
    for e in &rows {
        let list = e.list.label();
        let link = format!("{b}/orgs/{}", e.uscc);
        if let Some(on) = e.removed_on {
            entries.push(Entry {
                id: format!("{TAG}:credit/{}/removed", e.id),
                title: format!("{} 移出{list}", e.name),
                updated: day(&on.to_string()),
                link: link.clone(),
                summary: format!(
                    "{}（统一社会信用代码 {}）于{on}移出{list}。{}",
                    e.name,
                    e.uscc,
                    e.removed_reason.clone().unwrap_or_default()
                ),
            });
        }
        entries.push(Entry {
            id: format!("{TAG}:credit/{}/listed", e.id),
            title: format!("{} 列入{list}", e.name),
            updated: day(&e.listed_on.to_string()),
            link,
            summary: format!(
                "{}（统一社会信用代码 {}）于{}列入{list}。列入事由：{}",
                e.name, e.uscc, e.listed_on, e.listed_reason
            ),
        });
    }
    entries.sort_by(|a, b| b.updated.cmp(&a.updated));
    entries.truncate(ENTRIES);
    let place = match (&org, d) {
        (Some(_), _) => rows
            .first()
            .map(|r| r.name.clone())
            .or_else(|| org.as_ref().map(|o| o.to_string()))
            .unwrap_or_default(),
        (None, Some(d)) => d.full_name(),
        (None, None) => "全国".into(),
    };
    let mut query: Vec<(&str, String)> = Vec::new();
    if let Some(d) = d {
        query.push(("division", d.to_string()));
    }
    if let Some(o) = &org {
        query.push(("org", o.to_string()));
    }
    let qs = serde_urlencoded::to_string(&query).unwrap_or_default();
    let self_path = if qs.is_empty() {
        "/feeds/credit.atom".to_string()
    } else {
        format!("/feeds/credit.atom?{qs}")
    };
    Ok(feed(
        &format!("信用名录列入与移出（{place}）"),
        &format!("{b}{self_path}"),
        &match &org {
            Some(o) => format!("{b}/orgs/{o}"),
            None => format!("{b}{}", narrowed("/orgs", d)),
        },
        &format!(
            "{TAG}:feed/credit/{}/{}",
            d.map_or("all".into(), |d| d.to_string()),
            org.as_ref().map_or("all".into(), |o| o.to_string())
        ),
        &entries,
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn text_is_escaped() {
        assert_eq!(super::esc("a<b>&\"c\""), "a&lt;b&gt;&amp;&quot;c&quot;");
    }
}
