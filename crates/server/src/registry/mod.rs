//! The registry's write path for officials: parse an edit form into a record, check the
//! jurisdiction, store it with its 变更记录 and audit row, refresh the search index.

use crate::AppState;
use crate::auth::Official;
use crate::error::ApiError;
use chrono::NaiveDate;
use gongyi_types::common::form::FieldError;
use gongyi_types::{DivisionCode, Fen, FieldDiff, Organization, RegStatus};
use std::collections::BTreeMap;

pub(crate) mod api;
pub mod follow;
pub(crate) mod pages;
pub mod projections;
mod routes;

pub use routes::router;

pub use gongyi_types::registry::fields::EDITABLE;

/// The form's current values for a record.
pub fn form_values(o: &Organization) -> BTreeMap<String, String> {
    let d = |x: Option<NaiveDate>| x.map(|d| d.to_string()).unwrap_or_default();
    let b = |x: bool| if x { "true" } else { "false" }.to_string();
    BTreeMap::from([
        ("name".into(), o.name.clone()),
        ("status".into(), o.status.code().into()),
        ("division".into(), o.division.to_string()),
        ("authority".into(), o.authority.clone()),
        (
            "supervisor".into(),
            o.supervisor.clone().unwrap_or_default(),
        ),
        ("legal_rep".into(), o.legal_rep.clone()),
        ("founded".into(), o.founded.to_string()),
        ("capital".into(), o.capital.yuan_plain()),
        ("address".into(), o.address.clone()),
        ("scope".into(), o.scope.clone()),
        ("cert_no".into(), o.cert_no.clone()),
        ("cert_valid_from".into(), d(o.cert_valid_from)),
        ("cert_valid_to".into(), d(o.cert_valid_to)),
        ("phone".into(), o.phone.clone().unwrap_or_default()),
        ("email".into(), o.email.clone().unwrap_or_default()),
        ("website".into(), o.website.clone().unwrap_or_default()),
        ("charity".into(), b(o.flags.charity)),
        ("public_fundraising".into(), b(o.flags.public_fundraising)),
        ("volunteer".into(), b(o.flags.volunteer)),
        ("trade_association".into(), b(o.flags.trade_association)),
    ])
}

/// Applies a submitted form to the current record. Every problem is reported with its field.
pub fn apply_form(
    old: &Organization,
    form: &BTreeMap<String, String>,
) -> Result<Organization, Vec<FieldError>> {
    let mut errs = vec![];
    let mut o = old.clone();
    let get = |k: &str| form.get(k).map(|s| s.trim().to_string());
    let text = |k: &str| get(k).unwrap_or_default();
    let opt = |k: &str| get(k).filter(|s| !s.is_empty());
    let date = |k: &'static str, label: &str, errs: &mut Vec<FieldError>| -> Option<NaiveDate> {
        let v = get(k).filter(|s| !s.is_empty())?;
        match NaiveDate::parse_from_str(&v, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                errs.push(FieldError::new(
                    k,
                    format!("{label}：“{v}”不是有效日期，应为 YYYY-MM-DD"),
                ));
                None
            }
        }
    };
    if form.contains_key("name") {
        o.name = text("name");
    }
    if let Some(s) = get("status") {
        match RegStatus::parse(&s) {
            Ok(s) => o.status = s,
            Err(e) => errs.push(FieldError::new("status", format!("登记状态：{e}"))),
        }
    }
    if let Some(d) = get("division") {
        match DivisionCode::parse(&d) {
            Ok(d) => o.division = d,
            Err(e) => errs.push(FieldError::new(
                "division",
                format!("登记管理机关区划代码：{e}"),
            )),
        }
    }
    if form.contains_key("authority") {
        o.authority = text("authority");
    }
    if form.contains_key("supervisor") {
        o.supervisor = opt("supervisor");
    }
    if form.contains_key("legal_rep") {
        o.legal_rep = text("legal_rep");
    }
    if form.contains_key("founded") {
        match date("founded", "成立登记日期", &mut errs) {
            Some(d) => o.founded = d,
            None if text("founded").is_empty() => {
                errs.push(FieldError::new("founded", "成立登记日期不能为空"))
            }
            None => {}
        }
    }
    if let Some(c) = get("capital") {
        match Fen::parse_yuan(&c) {
            Ok(f) => o.capital = f,
            Err(e) => errs.push(FieldError::new(
                "capital",
                format!("{}：{e}", o.kind.capital_label()),
            )),
        }
    }
    for (k, slot) in [
        ("address", &mut o.address),
        ("scope", &mut o.scope),
        ("cert_no", &mut o.cert_no),
    ] {
        if form.contains_key(k) {
            *slot = text(k);
        }
    }
    if form.contains_key("cert_valid_from") {
        o.cert_valid_from = date("cert_valid_from", "登记证有效期起", &mut errs);
    }
    if form.contains_key("cert_valid_to") {
        o.cert_valid_to = date("cert_valid_to", "登记证有效期至", &mut errs);
    }
    for (k, slot) in [
        ("phone", &mut o.phone),
        ("email", &mut o.email),
        ("website", &mut o.website),
    ] {
        if form.contains_key(k) {
            *slot = opt(k);
        }
    }
    if o.email.as_deref().is_some_and(|e| !e.contains('@')) {
        errs.push(FieldError::new("email", "电子邮箱格式无效"));
    }
    let flag = |k: &str, cur: bool| get(k).map(|v| v == "true").unwrap_or(cur);
    o.flags.charity = flag("charity", o.flags.charity);
    o.flags.public_fundraising = flag("public_fundraising", o.flags.public_fundraising);
    o.flags.volunteer = flag("volunteer", o.flags.volunteer);
    o.flags.trade_association = flag("trade_association", o.flags.trade_association);
    errs.extend(o.check().into_iter().map(|e| {
        FieldError::new(
            gongyi_types::registry::fields::name_of_label(e.field),
            format!("{}：{}", e.field, e.message),
        )
    }));
    if errs.is_empty() { Ok(o) } else { Err(errs) }
}

/// Stores an official's edit after the jurisdiction check (the organization's current and
/// new registrar must both lie in the official's division) and refreshes the index.
pub async fn edit_org(
    state: &AppState,
    who: &Official,
    old: &Organization,
    new: Organization,
) -> Result<Vec<FieldDiff>, ApiError> {
    who.may_edit(old.division)?;
    who.may_edit(new.division)?;
    let at = state.now_str();
    let diff = state
        .store
        .update_org(&new, &who.actor(), &at, state.clock.today())
        .await?;
    if !diff.is_empty() {
        projections::org_changed(state, Some(old), &new).await?;
    }
    Ok(diff)
}
