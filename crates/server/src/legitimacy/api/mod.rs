//! The JSON API of legitimacy: the list, the lookup, the screening.

pub mod illegal_orgs;
pub mod lookup;
pub mod screen;
