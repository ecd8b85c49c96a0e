//! Exchange's pages: the open-data page is public (`data_files`); this folder holds the
//! officials' view of the lower nodes this node aggregates (`sync_sources`).

pub mod sync_sources;
