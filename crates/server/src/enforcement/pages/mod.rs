//! The pages of enforcement: the public complaint form and status, officials' cases.

pub mod admin_cases;
pub mod complaint;
