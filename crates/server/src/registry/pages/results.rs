//! `/orgs?q=…` — results with facets and paging: as cards or as a table (`view=table`), sorted
//! by relevance, founding date, status or name (`sort=`), with a box to jump to a page.

use crate::AppState;
use crate::auth::current_session;
use crate::error::{ApiError, PageError};
use crate::registry::api::model::{OrgSummary, SearchResponse};
use crate::registry::api::search_params::RawSearch;
use crate::registry::pages::search_form::{SearchForm, hidden_fields, href_with};
use crate::web::layout::{Nav, render};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use gongyi_search::Sort;
use gongyi_types::{CreditStatus, DivisionCode, OrgKind, RegStatus};

pub struct FacetLink {
    pub label: String,
    pub count: u64,
    pub href: String,
    pub active: bool,
}

pub struct FacetGroup {
    pub title: &'static str,
    pub items: Vec<FacetLink>,
}

pub struct PageLink {
    pub label: String,
    pub href: String,
    pub active: bool,
}

#[derive(Template)]
#[template(path = "registry/results.html")]
struct Results {
    nav: Nav,
    form: SearchForm,
    total: u64,
    page: u32,
    pages: u64,
    first_index: u64,
    items: Vec<OrgSummary>,
    facets: Vec<FacetGroup>,
    prev_href: Option<String>,
    next_href: Option<String>,
    page_links: Vec<PageLink>,
    /// The words searched are a name on the illegal-organization list: (its list, its batch).
    illegal: Option<(String, String, String)>,
    /// The orders to choose from (the current one active).
    sorts: Vec<PageLink>,
    /// Shown as a table (`view=table`) instead of cards.
    table: bool,
    /// The other view's link.
    other_view: String,
    /// The parameters the jump-to-page form carries along.
    keep: Vec<(String, String)>,
}

fn group(
    raw: &RawSearch,
    title: &'static str,
    key: &str,
    counts: &std::collections::BTreeMap<String, u64>,
    label: impl Fn(&str) -> String,
    cur: Option<&str>,
) -> FacetGroup {
    let mut items: Vec<FacetLink> = counts
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(code, n)| FacetLink {
            label: label(code),
            count: *n,
            href: href_with(raw, key, Some(code)),
            active: cur == Some(code.as_str()),
        })
        .collect();
    items.sort_by_key(|f| std::cmp::Reverse(f.count));
    FacetGroup { title, items }
}

pub async fn handler(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(raw): Query<RawSearch>,
) -> Result<Response, PageError> {
    let session = current_session(&state, &headers).await?;
    let q = raw.parse()?;
    let (q_sort, has_text) = (q.sort, q.q.is_some());
    // A name on the illegal-organization list is no registered organization: say so, whatever
    // the results (names compare as the lookup compares them).
    let illegal = match raw.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => {
            let key = gongyi_screen::normalize_name(t);
            let list = state.legitimacy.illegal(&state.store).await?;
            list.by_normalized(&key).map(|e| {
                let kind = gongyi_types::IllegalKind::parse(&e.kind)
                    .map(|k| k.label().to_string())
                    .unwrap_or_default();
                (e.name.clone(), kind, e.batch_no.clone())
            })
        }
        None => None,
    };
    let index = state.search.clone();
    let res = tokio::task::spawn_blocking(move || index.search(&q))
        .await
        .map_err(ApiError::internal)??;
    let resp = SearchResponse::from(&*res);
    let per = u64::from(res.per_page.max(1));
    let pages = res.total.div_ceil(per).min(10_000);
    let page = res.page;
    let cur = |s: &Option<String>| s.clone();
    let (ck, cs, cc) = (cur(&raw.kind), cur(&raw.status), cur(&raw.credit));
    let mut facets = vec![
        group(
            &raw,
            "类型",
            "kind",
            &resp.facets.kind,
            |c| {
                OrgKind::parse(c)
                    .map(|k| k.label().to_string())
                    .unwrap_or_else(|_| c.to_string())
            },
            ck.as_deref(),
        ),
        group(
            &raw,
            "登记状态",
            "status",
            &resp.facets.status,
            |c| {
                RegStatus::parse(c)
                    .map(|k| k.label().to_string())
                    .unwrap_or_else(|_| c.to_string())
            },
            cs.as_deref(),
        ),
        group(
            &raw,
            "信用状态",
            "credit",
            &resp.facets.credit,
            |c| {
                CreditStatus::parse(c)
                    .map(|k| k.label().to_string())
                    .unwrap_or_else(|_| c.to_string())
            },
            cc.as_deref(),
        ),
        group(
            &raw,
            "省份",
            "division",
            &resp.facets.province,
            |c| {
                DivisionCode::parse(c)
                    .map(|d| d.name().to_string())
                    .unwrap_or_else(|_| c.to_string())
            },
            raw.division.as_deref(),
        ),
    ];
    let flag_label =
        |c: &str| gongyi_types::Flag::parse(c).map_or("其他", gongyi_types::Flag::as_property);
    let mut flags = vec![];
    for (code, n) in &resp.facets.flags {
        if *n > 0 {
            flags.push(FacetLink {
                label: flag_label(code).to_string(),
                count: *n,
                href: href_with(&raw, code, Some("true")),
                active: false,
            });
        }
    }
    facets.push(FacetGroup {
        title: "标识",
        items: flags,
    });
    let current_sort = q_sort;
    let sorts = Sort::ALL
        .into_iter()
        .filter(|s| *s != Sort::Relevance || has_text)
        .map(|s| PageLink {
            label: s.label().to_string(),
            href: href_with(&raw, "sort", Some(s.code())),
            active: s == current_sort
                || (s == Sort::Newest && current_sort == Sort::Relevance && !has_text),
        })
        .collect();
    let table = raw.view.as_deref() == Some("table");
    let other_view = href_with(&raw, "view", if table { None } else { Some("table") });
    let link = |p: u64| href_with(&raw, "page", Some(&p.to_string()));
    let p = u64::from(page);
    let page_links = (p.saturating_sub(3).max(1)..=(p + 3).min(pages))
        .map(|i| PageLink {
            label: i.to_string(),
            href: link(i),
            active: i == p,
        })
        .collect();
    Ok(render(&Results {
        nav: Nav::public(&state, &headers, &session).await?,
        form: SearchForm::new(&raw),
        total: res.total,
        page,
        pages,
        first_index: (p - 1) * per + 1,
        items: resp.items,
        facets,
        prev_href: (p > 1).then(|| link(p - 1)),
        next_href: (p < pages).then(|| link(p + 1)),
        page_links,
        illegal,
        sorts,
        table,
        other_view,
        keep: hidden_fields(&raw, "page"),
    }))
}
