//! One step of an application: the new state (guarded: a conflict when someone moved it
//! first), its event and audit rows and, on approval, the registry effect — one transaction.

use super::{
    ApplicationRow, COLS, RegistryEffect, Step, audit_row, from_row, insert_event, load_locked,
    state_changed,
};
use crate::audit::{self, NewAudit, digest};
use crate::{Store, StoreError};
use gongyi_types::Sections;
use gongyi_types::applications::ApplicationState;

impl Store {
    /// Takes one step: the state moves from `step.from` (a conflict if someone moved it
    /// meanwhile), the event and audit rows are written and, on approval, the registry effect —
    /// all in one transaction. Returns the application after the step.
    pub async fn application_step(
        &self,
        id: i64,
        step: &Step,
        effect: Option<&RegistryEffect>,
    ) -> Result<ApplicationRow, StoreError> {
        let mut tx = self.begin_write().await?;
        let app = load_locked(&mut tx, id).await?;
        if app.state != step.from {
            return Err(StoreError::Conflict(format!(
                "申请 {} 的状态已变为“{}”，请刷新后重试",
                app.number,
                app.state.label()
            )));
        }
        let result_uscc = match effect {
            Some(RegistryEffect::Create(o)) => Some(o.uscc.to_string()),
            _ => app.result_uscc.clone(),
        };
        let submitted = step.to == ApplicationState::Submitted && app.submitted_at.is_none();
        let decided = step.to.is_final();
        let now = &step.at;
        let done = sqlx::query("UPDATE applications SET state = $1, deadline = $2, submitted_at = CASE WHEN $3 = 1 THEN $4 ELSE submitted_at END, decided_at = CASE WHEN $5 = 1 THEN $4 ELSE decided_at END, result_uscc = $6 WHERE id = $7 AND state = $8")
            .bind(step.to.code().to_string())
            .bind(step.deadline.map(|d| d.to_string()))
            .bind(i64::from(submitted))
            .bind(now.clone())
            .bind(i64::from(decided))
            .bind(result_uscc.clone())
            .bind(id)
            .bind(step.from.code().to_string())
            .execute(&mut *tx)
            .await?;
        crate::tx::guarded(done, || state_changed(&app.number))?;
        insert_event(
            &mut tx,
            id,
            Some(step.from),
            step.to,
            &step.action,
            &step.actor,
            &step.actor_label,
            now,
            &step.reason,
        )
        .await?;
        audit::append(
            &mut tx,
            now,
            vec![NewAudit {
                before_digest: Some(digest(&(app.number.as_str(), step.from.code()))),
                after_digest: Some(digest(&(app.number.as_str(), step.to.code()))),
                ..audit_row(
                    &step.actor,
                    &format!("application.{}", step.action),
                    &app.number,
                    format!(
                        "{} → {}：{}",
                        step.from.label(),
                        step.to.label(),
                        step.reason
                    ),
                )
            }],
        )
        .await?;
        let action = format!("service.{}", app.kind.code());
        match effect {
            None => {}
            Some(RegistryEffect::Create(o)) => {
                crate::registry::orgs::create_orgs_in(
                    &mut tx,
                    &[((**o).clone(), Sections::default())],
                    &step.actor,
                    now,
                )
                .await?;
            }
            Some(RegistryEffect::Update(o)) => {
                crate::registry::orgs::update_org_in(
                    &mut tx,
                    o,
                    &step.actor,
                    &action,
                    now,
                    step.today,
                )
                .await?;
            }
            Some(RegistryEffect::AnnualReport {
                uscc,
                report,
                inspection,
            }) => {
                crate::credit::record_annual_report_in(&mut tx, uscc, report, &step.actor, now)
                    .await?;
                let s = Sections {
                    inspections: vec![inspection.clone()],
                    ..Sections::default()
                };
                crate::registry::sections::insert_sections(&mut tx, &[(uscc.as_str(), &s)]).await?;
                audit::append(
                    &mut tx,
                    now,
                    vec![NewAudit {
                        actor: step.actor.clone(),
                        action: "org.inspection".into(),
                        entity_kind: gongyi_types::EntityKind::Org,
                        entity_id: uscc.clone(),
                        before_digest: None,
                        after_digest: Some(digest(inspection)),
                        detail: format!(
                            "{}年度年检/年报结论：{}",
                            inspection.year,
                            inspection.result.label()
                        ),
                    }],
                )
                .await?;
            }
            Some(RegistryEffect::CreditRemoval(change)) => {
                crate::credit::lists::write_changes_as(
                    &mut tx,
                    std::slice::from_ref(change),
                    &step.actor,
                    now,
                    "application",
                )
                .await?;
            }
            Some(RegistryEffect::Evaluation { uscc, evaluation }) => {
                let s = Sections {
                    evaluations: vec![evaluation.clone()],
                    ..Sections::default()
                };
                crate::registry::sections::insert_sections(&mut tx, &[(uscc.as_str(), &s)]).await?;
                audit::append(
                    &mut tx,
                    now,
                    vec![NewAudit {
                        actor: step.actor.clone(),
                        action: "org.evaluation".into(),
                        entity_kind: gongyi_types::EntityKind::Org,
                        entity_id: uscc.clone(),
                        before_digest: None,
                        after_digest: Some(digest(evaluation)),
                        detail: format!(
                            "评估等级 {}，有效期至 {}",
                            evaluation.grade.label(),
                            evaluation.valid_until
                        ),
                    }],
                )
                .await?;
            }
        }
        let sql = format!("SELECT {COLS} FROM applications WHERE id = $1");
        let row = sqlx::query(&sql).bind(id).fetch_one(&mut *tx).await?;
        let after = from_row(&row)?;
        tx.commit().await?;
        Ok(after)
    }
}
