//! What an approval (准予) writes into the registry, per service:
//! - 成立登记: a new organization with its new code ([`super::new_org`]);
//! - 变更登记: the record with the field changed (a 变更记录 row shows before/after);
//! - 注销登记: status 已注销;
//! - 年度报告: the report, which the credit rules (民政部令第60号 第七条) read, and the
//!   年检/年报 result (合格 unless the official picks 基本合格 or 不合格);
//! - 评估: the grade awarded (the one applied for unless the official names another), valid
//!   5 years (社会组织评估管理办法 第二十八条);
//! - 公开募捐资格: the flag, only when the one-year rule still holds on the day of approval.

use crate::AppState;
use crate::error::ApiError;
use chrono::{Datelike, NaiveDate};
use gongyi_store::applications::{ApplicationRow, RegistryEffect};
use gongyi_types::ErrorCode;
use gongyi_types::applications::forms::{self as service_forms, ServiceForm, fundraising_eligible};
use gongyi_types::common::form::FieldError;
use gongyi_types::{
    AnnualReport, EvalGrade, Evaluation, Inspection, InspectionResult, Organization, RegStatus,
    applications::ServiceKind,
};

fn unprocessable(code: ErrorCode, msg: impl Into<String>) -> ApiError {
    ApiError::new(code, msg)
}

async fn org_of(state: &AppState, app: &ApplicationRow) -> Result<Organization, ApiError> {
    let uscc = app.uscc.clone().unwrap_or_default();
    state
        .store
        .org(&uscc)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::OrgNotFound, format!("登记信息中没有 {uscc}")))
}

/// The registry write of approving `app` today. `choice` is the official's pick where the
/// decision has one: an evaluation's grade (default: the one applied for), an annual report's
/// 年检结论 (`qualified` by default, `basically_qualified`, `unqualified`).
pub async fn for_approval(
    state: &AppState,
    app: &ApplicationRow,
    choice: Option<&str>,
    today: NaiveDate,
) -> Result<RegistryEffect, ApiError> {
    let choice = choice.map(str::trim).filter(|c| !c.is_empty());
    let raw = super::form_of(app)?;
    // A form stored as valid may fail the year rule later (the year moved on): parse it
    // against the day it was made, which the stored row keeps.
    let made = NaiveDate::parse_from_str(app.created_at.get(..10).unwrap_or(""), "%Y-%m-%d")
        .unwrap_or(today);
    let form = service_forms::parse(app.kind, &raw, made).map_err(|errs| {
        unprocessable(
            ErrorCode::ApplicationInvalid,
            errs.iter()
                .map(|e| e.message.clone())
                .collect::<Vec<_>>()
                .join("；"),
        )
    })?;
    Ok(match form {
        ServiceForm::Establish(f) => RegistryEffect::Create(Box::new(
            super::new_org::build(state, app.id, &f, today).await?,
        )),
        ServiceForm::Change {
            field, new_value, ..
        } => {
            // The same parsing and checks as an official's edit of the field (every error).
            let old = org_of(state, app).await?;
            let form = std::collections::BTreeMap::from([(field.to_string(), new_value)]);
            let o = crate::registry::apply_form(&old, &form).map_err(|errs| {
                unprocessable(ErrorCode::RegistryRecordInvalid, FieldError::join(&errs))
            })?;
            RegistryEffect::Update(Box::new(o))
        }
        ServiceForm::Deregister { .. } => {
            let mut o = org_of(state, app).await?;
            o.status = RegStatus::Deregistered;
            RegistryEffect::Update(Box::new(o))
        }
        ServiceForm::AnnualReport(f) => RegistryEffect::AnnualReport {
            uscc: app.uscc.clone().unwrap_or_default(),
            inspection: Inspection {
                year: f.year,
                result: match choice {
                    None => InspectionResult::Qualified,
                    Some(c) => match InspectionResult::parse(c) {
                        Ok(InspectionResult::NotFiled) | Err(_) => {
                            return Err(unprocessable(
                                ErrorCode::InspectionResultInvalid,
                                format!("年检结论“{c}”无效，应为合格、基本合格或不合格"),
                            ));
                        }
                        Ok(r) => r,
                    },
                },
                decided_on: Some(today),
            },
            report: AnnualReport {
                year: f.year,
                filed_on: today,
                income: f.income,
                expenditure: f.expenditure,
                net_assets: f.net_assets,
                staff: f.staff,
                members: f.members,
                summary: f.activities,
            },
        },
        ServiceForm::Evaluation { grade: applied, .. } => {
            let grade = match choice {
                Some(g) => EvalGrade::parse(g)
                    .map_err(|e| unprocessable(ErrorCode::GradeInvalid, e.to_string()))?,
                None => applied,
            };
            let o = org_of(state, app).await?;
            RegistryEffect::Evaluation {
                uscc: o.uscc.to_string(),
                evaluation: Evaluation {
                    grade,
                    awarded_on: today,
                    valid_until: today
                        .with_year(today.year() + EvalGrade::VALID_YEARS)
                        .unwrap_or(today + chrono::Duration::days(5 * 365)),
                    authority: o.authority.clone(),
                },
            }
        }
        ServiceForm::CreditRemoval { entry_id, .. } => {
            let o = org_of(state, app).await?;
            let change = crate::credit::removal::approved(state, &o, entry_id, today).await?;
            RegistryEffect::CreditRemoval(change)
        }
        ServiceForm::Fundraising { .. } => {
            let mut o = org_of(state, app).await?;
            fundraising_eligible(
                o.founded,
                o.flags.charity,
                o.flags.public_fundraising,
                today,
            )
            .map_err(|e| unprocessable(e.code(), e.to_string()))?;
            o.flags.public_fundraising = true;
            RegistryEffect::Update(Box::new(o))
        }
    })
}

/// Whether approving this kind changes the organization's record (search index, lookup table).
pub fn touches_record(kind: ServiceKind) -> bool {
    !matches!(kind, ServiceKind::AnnualReport | ServiceKind::Evaluation)
}
