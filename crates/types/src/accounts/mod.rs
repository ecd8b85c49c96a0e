//! Accounts: the applicants' registration form (`forms`). Logins, sessions and roles live in
//! the store and the server; what a form asks and how it is checked lives here.

pub mod api_scope;
pub mod forms;
