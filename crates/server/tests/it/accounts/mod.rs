//! Accounts: organizations' activation codes and officials' and applicants' logins.

mod activation;
mod logins;
mod roles;
