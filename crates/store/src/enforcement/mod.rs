//! Complaints (with their files and the case each opens) and enforcement cases with their steps.

pub mod cases;
pub mod complaints;
