//! The pages of legitimacy: the citizen's check, the public list and officials' publishing form.

pub mod check;
pub mod illegal_orgs;
