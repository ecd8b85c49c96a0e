//! The pages of accounts: officials' login and workbench, applicants' accounts, and the
//! organization account page of an authority.

pub mod applicant;
pub mod login;
pub mod org_account;
pub mod workbench;
