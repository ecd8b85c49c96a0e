//! Filed annual reports (年报信息, 第七条 of 民政部令第60号): written with their audit row, from
//! an official or an accepted 年度报告 in the online services ([`record_annual_report_in`], in
//! the application's transaction); the next run of the list rules (异常 item (一)) sees them.

use crate::audit::{self, NewAudit, digest};
use crate::{Store, StoreError};

impl Store {
    /// Records a filed annual report (年报信息, 第七条) with its audit row — what the online
    /// services will call when a report is accepted; the next run of the rules sees it.
    pub async fn record_annual_report(
        &self,
        uscc: &str,
        r: &gongyi_types::AnnualReport,
        actor: &str,
        at: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        record_annual_report_in(&mut tx, uscc, r, actor, at).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// [`Store::record_annual_report`] inside a caller's transaction (an accepted 年度报告).
pub(crate) async fn record_annual_report_in(
    tx: &mut sqlx::AnyConnection,
    uscc: &str,
    r: &gongyi_types::AnnualReport,
    actor: &str,
    at: &str,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO org_annual_reports (uscc, year, filed_on, income_fen, expenditure_fen, net_assets_fen, staff, members, summary) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
            .bind(uscc.to_string())
            .bind(i64::from(r.year))
            .bind(r.filed_on.to_string())
            .bind(r.income.0)
            .bind(r.expenditure.0)
            .bind(r.net_assets.0)
            .bind(i64::from(r.staff))
            .bind(r.members.map(i64::from))
            .bind(r.summary.clone())
            .execute(&mut *tx)
            .await?;
    audit::append(
        &mut *tx,
        at,
        vec![NewAudit {
            actor: actor.to_string(),
            action: "org.annual_report".into(),
            entity_kind: gongyi_types::EntityKind::Org,
            entity_id: uscc.to_string(),
            before_digest: None,
            after_digest: Some(digest(r)),
            detail: format!("{}年度工作报告", r.year),
        }],
    )
    .await?;
    Ok(())
}
