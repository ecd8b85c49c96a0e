//! 数据质量管理: the rules of `gongyi_types::quality` run over the registry, counted per
//! division with drill-down to the records, for the officials' page `/admin/quality` (and its
//! CSV) and for `gongyi quality report`.
//!
//! [`report`] is the use case: one pass over every record in code order (`scan.rs`), the
//! problems kept as compact rows and counted per registrar division (`model.rs`). The page
//! does not run it per view — a pass over 1,000,000 records takes seconds, not milliseconds —
//! but asks [`ReportCache`]: the national report is computed once a day (on the first view
//! of the day, in a task of its own that finishes even if that request is abandoned) and each
//! official sees their division's part of it. An edit made today shows in tomorrow's report;
//! `gongyi quality report` always computes afresh.

mod csv;
pub mod model;
mod pages;
mod scan;

pub use csv::{CSV_HEADER, write_csv};
pub use model::{ProblemRow, QualityReport, ReportView, Tally};

use crate::AppState;
use crate::error::ApiError;
use axum::routing::get;
use chrono::NaiveDate;
use gongyi_store::{Store, StoreError};
use gongyi_types::DivisionCode;
use std::sync::Arc;
use utoipa_axum::router::OpenApiRouter;

/// Why a report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum QualityError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("数据质量检查任务失败：{0}")]
    Task(#[from] tokio::task::JoinError),
}

impl From<QualityError> for ApiError {
    fn from(e: QualityError) -> Self {
        match e {
            QualityError::Store(e) => e.into(),
            QualityError::Task(e) => ApiError::internal(e),
        }
    }
}

/// The quality report of the records registered in `division` (all when `None`) on `today`:
/// every rule on every record, the duplicate names, counts per registrar division and the
/// problem rows. `progress` is told how many records were read so far.
pub async fn report(
    store: &Store,
    today: NaiveDate,
    division: Option<DivisionCode>,
    progress: &(dyn Fn(u64) + Send + Sync),
) -> Result<QualityReport, QualityError> {
    let scope = division.unwrap_or(DivisionCode::NATIONAL);
    let found = scan::pass(store, today, scope, progress).await?;
    Ok(QualityReport::new(today, scope, found.orgs, found.rows))
}

/// The day's national report, computed once (see the module's doc).
#[derive(Debug, Default)]
pub struct ReportCache {
    day: tokio::sync::Mutex<Option<Computed>>,
}

/// A report and when it was computed (the store's timestamp format).
#[derive(Debug, Clone)]
pub struct Computed {
    pub report: Arc<QualityReport>,
    pub at: String,
}

impl ReportCache {
    /// Today's report: the one computed earlier today, or a new one (concurrent callers wait
    /// for the same computation).
    pub async fn today(state: &AppState) -> Result<Computed, QualityError> {
        let today = state.clock.today();
        let s = state.clone();
        tokio::spawn(async move {
            let mut day = s.quality.day.lock().await;
            if let Some(c) = day.as_ref().filter(|c| c.report.today == today) {
                return Ok(c.clone());
            }
            let r = report(&s.store, today, None, &|_| {}).await?;
            let c = Computed {
                report: Arc::new(r),
                at: s.now_str(),
            };
            *day = Some(c.clone());
            Ok(c)
        })
        .await?
    }
}

/// `/admin/quality` and `/admin/quality.csv`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .route("/admin/quality", get(pages::report::page))
        .route("/admin/quality.csv", get(pages::report::csv))
}
