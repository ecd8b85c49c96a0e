//! The pages of credit: officials' credit page (with the supervision documents), the public
//! objection form, and the credit section of a profile.

pub mod admin;
pub mod objection;
pub mod profile_section;
pub mod supervision;
