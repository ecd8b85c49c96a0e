//! The pages of the registry: the portal (home, results, profiles) and officials' edits.

pub mod admin_edit;
pub mod home;
pub mod import_templates;
pub mod profile;
pub mod results;
pub mod search_form;
