//! Accounts: one login per person or organization (`logins`) and one kind of session, with the
//! roles an account holds — an official (`users`), an applicant (`applicant_accounts`:
//! organizations and persons) — organizations' activation codes, and partners' API keys.

pub mod activation;
pub mod api_keys;
pub mod applicants;
pub mod logins;
pub mod sessions;
pub mod users;
