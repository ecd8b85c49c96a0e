//! Mapping between database rows and domain records. Rows are parsed back through the same
//! validating constructors as user input, so a corrupted row is an error, not a panic.

use crate::StoreError;
use chrono::NaiveDate;
use gongyi_types::{
    CreditStatus, DivisionCode, Fen, OrgFlags, OrgKind, Organization, RegStatus, Uscc,
};
use sqlx::Row;
use sqlx::any::AnyRow;

/// Columns of `orgs`, in the order [`org_values`] produces and [`org_from_row`] reads.
pub const ORG_COLUMNS: &[&str] = &[
    "uscc",
    "name",
    "kind",
    "status",
    "division",
    "authority",
    "supervisor",
    "legal_rep",
    "founded",
    "capital_fen",
    "address",
    "scope",
    "cert_no",
    "cert_valid_from",
    "cert_valid_to",
    "phone",
    "email",
    "website",
    "is_charity",
    "has_public_fundraising",
    "is_volunteer",
    "is_trade_association",
    "credit",
    "updated_at",
];

/// A value bound into a query.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Text(String),
    OptText(Option<String>),
    Int(i64),
    OptInt(Option<i64>),
}

pub fn date(d: NaiveDate) -> Val {
    Val::Text(d.to_string())
}
pub fn opt_date(d: Option<NaiveDate>) -> Val {
    Val::OptText(d.map(|d| d.to_string()))
}

pub fn org_values(o: &Organization, updated_at: &str) -> Vec<Val> {
    vec![
        Val::Text(o.uscc.to_string()),
        Val::Text(o.name.clone()),
        Val::Text(o.kind.code().into()),
        Val::Text(o.status.code().into()),
        Val::Text(o.division.to_string()),
        Val::Text(o.authority.clone()),
        Val::OptText(o.supervisor.clone()),
        Val::Text(o.legal_rep.clone()),
        date(o.founded),
        Val::Int(o.capital.0),
        Val::Text(o.address.clone()),
        Val::Text(o.scope.clone()),
        Val::Text(o.cert_no.clone()),
        opt_date(o.cert_valid_from),
        opt_date(o.cert_valid_to),
        Val::OptText(o.phone.clone()),
        Val::OptText(o.email.clone()),
        Val::OptText(o.website.clone()),
        Val::Int(i64::from(o.flags.charity)),
        Val::Int(i64::from(o.flags.public_fundraising)),
        Val::Int(i64::from(o.flags.volunteer)),
        Val::Int(i64::from(o.flags.trade_association)),
        Val::Text(o.credit.code().into()),
        Val::Text(updated_at.to_string()),
    ]
}

pub fn get_text(
    row: &AnyRow,
    table: &'static str,
    col: &'static str,
) -> Result<String, StoreError> {
    row.try_get::<String, _>(col)
        .map_err(|e| StoreError::corrupt(table, col, e))
}
pub fn get_opt_text(
    row: &AnyRow,
    table: &'static str,
    col: &'static str,
) -> Result<Option<String>, StoreError> {
    row.try_get::<Option<String>, _>(col)
        .map_err(|e| StoreError::corrupt(table, col, e))
}
pub fn get_i64(row: &AnyRow, table: &'static str, col: &'static str) -> Result<i64, StoreError> {
    row.try_get::<i64, _>(col)
        .map_err(|e| StoreError::corrupt(table, col, e))
}
pub fn get_opt_i64(
    row: &AnyRow,
    table: &'static str,
    col: &'static str,
) -> Result<Option<i64>, StoreError> {
    row.try_get::<Option<i64>, _>(col)
        .map_err(|e| StoreError::corrupt(table, col, e))
}
pub fn get_date(
    row: &AnyRow,
    table: &'static str,
    col: &'static str,
) -> Result<NaiveDate, StoreError> {
    let s = get_text(row, table, col)?;
    NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| StoreError::corrupt(table, col, e))
}
pub fn get_opt_date(
    row: &AnyRow,
    table: &'static str,
    col: &'static str,
) -> Result<Option<NaiveDate>, StoreError> {
    match get_opt_text(row, table, col)? {
        None => Ok(None),
        Some(s) => NaiveDate::parse_from_str(&s, "%Y-%m-%d")
            .map(Some)
            .map_err(|e| StoreError::corrupt(table, col, e)),
    }
}

pub fn org_from_row(row: &AnyRow) -> Result<Organization, StoreError> {
    const T: &str = "orgs";
    let c = |col: &'static str, e: &dyn std::fmt::Display| StoreError::corrupt(T, col, e);
    Ok(Organization {
        uscc: Uscc::parse(&get_text(row, T, "uscc")?).map_err(|e| c("uscc", &e))?,
        name: get_text(row, T, "name")?,
        kind: OrgKind::parse(&get_text(row, T, "kind")?).map_err(|e| c("kind", &e))?,
        status: RegStatus::parse(&get_text(row, T, "status")?).map_err(|e| c("status", &e))?,
        division: DivisionCode::parse(&get_text(row, T, "division")?)
            .map_err(|e| c("division", &e))?,
        authority: get_text(row, T, "authority")?,
        supervisor: get_opt_text(row, T, "supervisor")?,
        legal_rep: get_text(row, T, "legal_rep")?,
        founded: get_date(row, T, "founded")?,
        capital: Fen(get_i64(row, T, "capital_fen")?),
        address: get_text(row, T, "address")?,
        scope: get_text(row, T, "scope")?,
        cert_no: get_text(row, T, "cert_no")?,
        cert_valid_from: get_opt_date(row, T, "cert_valid_from")?,
        cert_valid_to: get_opt_date(row, T, "cert_valid_to")?,
        phone: get_opt_text(row, T, "phone")?,
        email: get_opt_text(row, T, "email")?,
        website: get_opt_text(row, T, "website")?,
        flags: OrgFlags {
            charity: get_i64(row, T, "is_charity")? != 0,
            public_fundraising: get_i64(row, T, "has_public_fundraising")? != 0,
            volunteer: get_i64(row, T, "is_volunteer")? != 0,
            trade_association: get_i64(row, T, "is_trade_association")? != 0,
        },
        credit: CreditStatus::parse(&get_text(row, T, "credit")?).map_err(|e| c("credit", &e))?,
    })
}
