//! The registry (法人库): organizations' records with their change records (`orgs`) and the
//! sections of their profiles (`sections`).

pub mod orgs;
pub mod sections;
