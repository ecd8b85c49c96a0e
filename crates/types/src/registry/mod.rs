//! The registry (法人库): the legal-person record of a social organization with the sections
//! of its public profile (`record`), and the closed vocabularies of kinds, statuses, lists and
//! grades (`org`).

pub mod fields;
pub mod org;
pub mod record;
