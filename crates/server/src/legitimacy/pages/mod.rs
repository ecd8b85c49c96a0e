//! The pages of legitimacy: the public list and officials' publishing form.

pub mod illegal_orgs;
