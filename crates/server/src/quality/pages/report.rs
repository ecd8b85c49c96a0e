//! `GET /admin/quality?division=&rule=` — the quality report of a division in the official's
//! jurisdiction (default: their own): counts per dimension and rule, the child divisions to
//! drill down into, the first problem records; `GET /admin/quality.csv` — every problem of the
//! same selection as a CSV Excel opens (UTF-8 with a byte-order mark).

use crate::AppState;
use crate::auth::Session;
use crate::auth::jurisdiction::Subject;
use crate::error::{ApiError, PageError};
use crate::quality::model::{ProblemRow, Tally};
use crate::quality::{ReportCache, write_csv};
use crate::web::extract::OfficialPage;
use crate::web::layout::{Nav, render};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use gongyi_types::quality::{Dimension, Rule};
use gongyi_types::{DivisionCode, ErrorCode};
use serde::Deserialize;

/// Problem records listed on the page (the CSV has them all).
const SHOWN: usize = 200;

#[derive(Deserialize)]
pub struct ReportQuery {
    division: Option<String>,
    rule: Option<String>,
}

/// The division and rule asked for, checked against the official's jurisdiction.
fn selection(s: &Session, q: &ReportQuery) -> Result<(DivisionCode, Option<Rule>), ApiError> {
    let d = match q
        .division
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
    {
        None => s.official.division,
        Some(v) => DivisionCode::parse(v)
            .map_err(|e| ApiError::new(ErrorCode::InvalidDivision, e.to_string()))?,
    };
    s.official.may_read_in(d, Subject::Org).map_err(|_| {
        ApiError::new(
            ErrorCode::OutsideJurisdiction,
            format!(
                "{}不在您的管辖范围（{}）内",
                d.full_name(),
                s.official.division.full_name()
            ),
        )
    })?;
    let rule = match q.rule.as_deref().filter(|v| !v.is_empty()) {
        None => None,
        Some(v) => Some(Rule::parse(v).ok_or_else(|| {
            ApiError::new(
                ErrorCode::InvalidRequest,
                format!("没有代码为“{v}”的质量规则"),
            )
        })?),
    };
    Ok((d, rule))
}

struct RuleLine {
    code: &'static str,
    title: &'static str,
    severity: &'static str,
    count: u64,
}

struct DimensionLine {
    label: &'static str,
    count: u64,
    rules: Vec<RuleLine>,
}

struct DivisionLine {
    code: String,
    name: String,
    orgs: u64,
    with_problems: u64,
    problems: u64,
    /// (label, problems) per dimension with rules, in [`Dimension::ALL`] order.
    by_dimension: Vec<(&'static str, u64)>,
    /// Whether the division has children to drill down into.
    drill: bool,
}

struct RecordLine {
    uscc: String,
    name: String,
    division: String,
    rule: &'static str,
    field: &'static str,
    message: String,
}

#[derive(Template)]
#[template(path = "quality/report.html")]
struct ReportPage {
    nav: Nav,
    division: String,
    division_name: String,
    /// (code, name) from the official's division down to the parent of this one.
    trail: Vec<(String, String)>,
    today: String,
    computed_at: String,
    total: DivisionLine,
    dimension_labels: Vec<&'static str>,
    dimensions: Vec<DimensionLine>,
    own: Option<DivisionLine>,
    children: Vec<DivisionLine>,
    /// (code, title) of the rule the records are filtered by.
    rule: Option<(&'static str, &'static str)>,
    records: Vec<RecordLine>,
    records_total: usize,
    csv_href: String,
}

/// The dimensions that have rules (及时性 has none yet: see `Dimension::Timeliness`).
fn checked_dimensions() -> Vec<Dimension> {
    Dimension::ALL
        .into_iter()
        .filter(|d| d.rules().next().is_some())
        .collect()
}

fn division_line(d: DivisionCode, name: String, t: &Tally) -> DivisionLine {
    DivisionLine {
        code: d.to_string(),
        name,
        orgs: t.orgs,
        with_problems: t.with_problems,
        problems: t.problems(),
        by_dimension: checked_dimensions()
            .into_iter()
            .map(|x| (x.label(), t.in_dimension(x)))
            .collect(),
        drill: !d.children().is_empty(),
    }
}

fn record_line(r: &ProblemRow) -> RecordLine {
    RecordLine {
        uscc: r.uscc.to_string(),
        name: r.name.to_string(),
        division: r.division.full_name(),
        rule: r.rule.title(),
        field: r.field,
        message: r.message.to_string(),
    }
}

fn trail(official: DivisionCode, d: DivisionCode) -> Vec<(String, String)> {
    let mut v = vec![];
    if official == DivisionCode::NATIONAL && d != official {
        v.push((official.to_string(), "全国".to_string()));
    }
    for a in d.ancestors() {
        if a != d && official.contains(a) {
            v.push((a.to_string(), a.name().to_string()));
        }
    }
    v
}

fn query_string(d: DivisionCode, rule: Option<Rule>) -> String {
    let mut q = vec![("division", d.to_string())];
    if let Some(r) = rule {
        q.push(("rule", r.code().to_string()));
    }
    serde_urlencoded::to_string(q).unwrap_or_default()
}

pub async fn page(
    State(state): State<AppState>,
    OfficialPage(s): OfficialPage,
    Query(q): Query<ReportQuery>,
) -> Result<Response, PageError> {
    let (d, rule) = selection(&s, &q)?;
    let computed = ReportCache::today(&state).await?;
    let report = &computed.report;
    let view = report.view(d);
    let dimensions = checked_dimensions()
        .into_iter()
        .map(|x| DimensionLine {
            label: x.label(),
            count: view.total.in_dimension(x),
            rules: x
                .rules()
                .map(|r| RuleLine {
                    code: r.code(),
                    title: r.title(),
                    severity: r.severity().label(),
                    count: view.total.count(r),
                })
                .collect(),
        })
        .collect();
    let records_total = report.rows_in(d, rule).count();
    let records = report
        .rows_in(d, rule)
        .take(SHOWN)
        .map(record_line)
        .collect();
    let own = (!view.children.is_empty() && view.own.orgs > 0)
        .then(|| division_line(d, format!("{}（本级）", d.name()), &view.own));
    Ok(render(&ReportPage {
        nav: Nav::from_session(&Some(s.clone())),
        division: d.to_string(),
        division_name: d.full_name(),
        trail: trail(s.official.division, d),
        today: report.today.to_string(),
        computed_at: crate::web::time::cn(&computed.at),
        total: division_line(d, d.full_name(), &view.total),
        dimension_labels: checked_dimensions().iter().map(|x| x.label()).collect(),
        dimensions,
        own,
        children: view
            .children
            .iter()
            .map(|(c, t)| division_line(*c, c.name().to_string(), t))
            .collect(),
        rule: rule.map(|r| (r.code(), r.title())),
        records,
        records_total,
        csv_href: format!("/admin/quality.csv?{}", query_string(d, rule)),
    }))
}

pub async fn csv(
    State(state): State<AppState>,
    OfficialPage(s): OfficialPage,
    Query(q): Query<ReportQuery>,
) -> Result<Response, PageError> {
    let (d, rule) = selection(&s, &q)?;
    let computed = ReportCache::today(&state).await?;
    let report = &computed.report;
    let mut body = Vec::new();
    write_csv(&mut body, report.rows_in(d, rule), true).map_err(ApiError::internal)?;
    let file = format!("quality-{d}-{}.csv", report.today);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
        ],
        body,
    )
        .into_response())
}
