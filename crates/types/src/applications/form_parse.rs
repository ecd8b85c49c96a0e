//! Parsing a submitted form of a service into its typed value: the checks every field has
//! (required, length — `common::form_reader`), then one function per service for its own rules. Every problem is
//! reported with its field; nothing is returned unless the whole form is valid.

use super::forms::{
    AnnualReportForm, CHANGEABLE, EstablishForm, FieldError, ServiceForm, fields, minimum_capital,
};
use super::procedure::ServiceKind;
use crate::common::form_reader::FormReader;
use crate::{DivisionCode, EvalGrade, Fen, OrgKind};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// Parses a submitted form of `kind`. `today` bounds the report year.
pub fn parse(
    kind: ServiceKind,
    raw: &BTreeMap<String, String>,
    today: NaiveDate,
) -> Result<ServiceForm, Vec<FieldError>> {
    let mut r = FormReader::new(raw, fields(kind));
    let form = match kind {
        ServiceKind::Establish => establish(&mut r),
        ServiceKind::Change => change(&mut r),
        ServiceKind::Deregister => Some(ServiceForm::Deregister {
            reason: r.get("reason"),
            liquidation: r.get("liquidation"),
        }),
        ServiceKind::AnnualReport => annual_report(&mut r, today),
        ServiceKind::Evaluation => {
            r.parsed("grade", "申请评估等级", EvalGrade::parse)
                .map(|grade| ServiceForm::Evaluation {
                    grade,
                    self_assessment: r.get("self_assessment"),
                })
        }
        ServiceKind::Fundraising => Some(ServiceForm::Fundraising {
            purpose: r.get("purpose"),
            governance: r.get("governance"),
        }),
        ServiceKind::CreditRemoval => r
            .parsed("entry_id", "名录记录编号", |s| {
                s.parse::<i64>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or("应为信用信息中列出的记录编号（正整数）")
            })
            .map(|entry_id| ServiceForm::CreditRemoval {
                entry_id,
                statement: r.get("statement"),
            }),
    };
    r.finish(form)
}

/// 成立登记: type, registrar division, name length, the legal minimum of registered money.
fn establish(r: &mut FormReader) -> Option<ServiceForm> {
    let kind = r.parsed("org_kind", "社会组织类型", OrgKind::parse);
    let division = r.parsed("division", "登记管理机关行政区划代码", |s| {
        DivisionCode::parse(s)
            .map_err(|e| e.to_string())
            .and_then(|d| {
                if d.has_registrar() {
                    Ok(d)
                } else {
                    Err(format!("{}没有内地社会组织登记管理机关", d.full_name()))
                }
            })
    });
    let capital = r.money("capital");
    let name = r.get("name");
    if !name.is_empty() && !(2..=100).contains(&name.chars().count()) {
        r.error("name", "拟定名称应为2至100个字符".into());
    }
    let (kind, division, capital) = (kind?, division?, capital?);
    let min = minimum_capital(kind, division);
    if capital < min {
        let msg = format!(
            "{}不得少于{}（{}）",
            kind.capital_label(),
            min.display_cn(),
            kind.label()
        );
        r.error("capital", msg);
    }
    Some(ServiceForm::Establish(EstablishForm {
        name,
        kind,
        division,
        address: r.get("address"),
        scope: r.get("scope"),
        supervisor: Some(r.get("supervisor")).filter(|s| !s.is_empty()),
        legal_rep: r.get("legal_rep"),
        capital,
        phone: r.get("phone"),
    }))
}

/// 变更登记: a field that may change online, and a valid amount when it is the capital.
fn change(r: &mut FormReader) -> Option<ServiceForm> {
    let wanted = r.get("field");
    let field = CHANGEABLE
        .iter()
        .find(|(c, _)| *c == wanted)
        .map(|(c, _)| *c);
    if field.is_none() && r.present("field") {
        r.error(
            "field",
            format!("变更事项“{wanted}”不是可在线变更的登记事项"),
        );
    }
    if field == Some("capital")
        && r.present("new_value")
        && let Err(e) = Fen::parse_yuan(&r.get("new_value"))
    {
        r.error("new_value", format!("变更后内容：{e}"));
    }
    field.map(|field| ServiceForm::Change {
        field,
        new_value: r.get("new_value"),
        reason: r.get("reason"),
    })
}

/// 年度报告: a year already ended, amounts, headcounts; income and expenditure not negative.
fn annual_report(r: &mut FormReader, today: NaiveDate) -> Option<ServiceForm> {
    let year = r.number("year");
    if let Some(y) = year
        && !(2000..today.year()).contains(&y)
    {
        let msg = format!("报告年度应为已结束的年度（2000至{}）", today.year() - 1);
        r.error("year", msg);
    }
    let income = r.money("income");
    let expenditure = r.money("expenditure");
    let net_assets = r.money("net_assets");
    let staff = r.number("staff");
    let members = r.number("members");
    for (name, v) in [("income", income), ("expenditure", expenditure)] {
        if v.is_some_and(|f| f.0 < 0) {
            let msg = format!("{}不能为负数", r.label(name));
            r.error(name, msg);
        }
    }
    Some(ServiceForm::AnnualReport(AnnualReportForm {
        year: year?,
        income: income?,
        expenditure: expenditure?,
        net_assets: net_assets?,
        staff: staff?,
        members,
        activities: r.get("activities"),
    }))
}
