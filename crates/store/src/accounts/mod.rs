//! Accounts: officials (`users`) and their sessions, applicants (organizations and persons)
//! with their sessions, organizations' activation codes, and partners' API keys.

pub mod activation;
pub mod api_keys;
pub mod applicants;
pub mod sessions;
pub mod users;
