//! The work waiting in a jurisdiction, counted for an official's workbench: applications the
//! authority must act on (and those past their time limit, 《行政许可法》第四十二条), and
//! enforcement cases not closed (and clues not yet decided on). Two counting queries.

use crate::{Store, StoreError};
use chrono::NaiveDate;
use gongyi_types::DivisionCode;
use gongyi_types::applications::ApplicationState;
use gongyi_types::enforcement::case_rules::CaseState;

/// Counts of a jurisdiction's open work.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Workload {
    /// Applications waiting for the authority (已提交, 已补正, 已受理, 审查中).
    pub applications: i64,
    /// Of those, past their deadline.
    pub overdue: i64,
    /// Cases not closed (线索 to 处罚决定/撤案).
    pub cases: i64,
    /// Of those, clues not yet decided on (线索).
    pub clues: i64,
}

impl Store {
    /// The open work of the jurisdiction `division` on `today`.
    pub async fn workload(
        &self,
        division: DivisionCode,
        today: NaiveDate,
    ) -> Result<Workload, StoreError> {
        let like = crate::jurisdiction::like(division);
        let (applications, overdue): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN deadline IS NOT NULL AND deadline < $2 THEN 1 ELSE 0 END), 0) \
             FROM applications WHERE division LIKE $1 AND state IN ($3, $4, $5, $6)",
        )
        .bind(like.clone())
        .bind(today.to_string())
        .bind(ApplicationState::Submitted.code())
        .bind(ApplicationState::Corrected.code())
        .bind(ApplicationState::Accepted.code())
        .bind(ApplicationState::UnderReview.code())
        .fetch_one(&self.pool)
        .await?;
        let (cases, clues): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN state = $2 THEN 1 ELSE 0 END), 0) \
             FROM cases WHERE division LIKE $1 AND state NOT IN ($3, $4)",
        )
        .bind(like)
        .bind(CaseState::Clue.code())
        .bind(CaseState::Closed.code())
        .bind(CaseState::NotFiled.code())
        .fetch_one(&self.pool)
        .await?;
        Ok(Workload {
            applications,
            overdue,
            cases,
            clues,
        })
    }
}
