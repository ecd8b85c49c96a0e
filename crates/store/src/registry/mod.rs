//! The registry (法人库): organizations' records with their change records (`orgs`) and the
//! sections of their profiles (`sections`), and the change log a server follows (`changes`).

pub mod changes;
pub mod orgs;
pub mod sections;
