//! Online administrative services (一网通办): the services and the state machine of an
//! application (`procedure`), each service's 办事指南 with its materials (`guide`), each
//! service's form (`forms`), and what an edit of a submitted form changed (`changes`).

pub mod changes;
mod form_parse;
pub mod forms;
pub mod guide;
pub mod procedure;

pub use procedure::*;
