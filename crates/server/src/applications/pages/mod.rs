//! The pages of the online services: guides, applicants' applications, officials' queue,
//! and the application view both share.

pub mod admin;
pub mod guide;
pub mod mine;
pub mod view;
