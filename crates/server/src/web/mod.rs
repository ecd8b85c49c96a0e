//! Web plumbing shared by every domain's pages and API: the page layout and navigation, and
//! the JSON API's write checks (session, CSRF header, JSON body), times in Beijing time, the 省/市/县 selector, PDF documents (`pdf`).

pub mod extract;
pub mod form;
pub mod layout;
pub mod pdf;
pub mod region;
pub mod time;
pub mod write_auth;
