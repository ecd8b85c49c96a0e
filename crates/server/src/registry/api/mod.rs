//! The JSON API of the registry (一网通查).

pub mod model;
pub mod org_get;
pub mod orgs_search;
pub mod search_params;
