//! The JSON API of the online services.

pub mod admin_queue;
pub mod admin_steps;
pub mod catalog;
pub mod mine;
pub mod model;
pub mod my_forms;
pub mod my_materials;
pub mod my_steps;
pub mod write_model;
