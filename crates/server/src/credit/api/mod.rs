//! The JSON API of credit records and objections.

pub mod org_credit;
