//! The published illegal-organization list, batch by batch.

pub mod illegal_orgs;
