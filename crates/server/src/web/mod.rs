//! Web plumbing shared by every domain's pages and API: the page layout and navigation, and
//! the JSON API's write checks (session, CSRF header, JSON body).

pub mod extract;
pub mod form;
pub mod layout;
pub mod write_auth;
