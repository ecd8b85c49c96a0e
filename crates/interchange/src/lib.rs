//! The registrar's spreadsheet formats: import and export of the 法人库 (the registry of
//! social organizations) as CSV, XLSX and JSONL, and the blank template for registrars.
//!
//! - [`OrgReader`] streams a file into [`Organization`]s, one [`RowOutcome`] per row, each bad
//!   row with all of its problems ([`RowError`], with line, column and a stable code).
//! - [`OrgWriter`] writes organizations incrementally; [`export`] writes an iterator.
//! - [`template_csv`] / [`template_xlsx`] give the blank form with one example row.
//!
//! Export and import agree exactly: what [`OrgWriter`] writes, [`OrgReader`] reads back equal.
//!
//! [`Organization`]: gongyi_types::Organization

mod cell;
pub mod columns;
mod csv_read;
mod encoding;
mod error;
mod export;
mod jsonl;
mod reader;
mod row;
mod seen;
mod template;
mod xlsx_read;

pub use cell::csv_safe;
pub use columns::Column;
pub use error::{InterchangeError, RowError};
pub use export::{CsvOrgs, OrgWriter, export};
pub use reader::OrgReader;
pub use row::{ParsedRow, RowOutcome};
pub use template::{template_csv, template_xlsx};

use std::path::Path;

/// A file format, known by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Csv,
    Xlsx,
    Jsonl,
}

impl Format {
    /// `.csv`, `.xlsx` or `.jsonl` (any case); anything else is
    /// [`InterchangeError::UnknownFormat`].
    pub fn from_path(path: &Path) -> Result<Self, InterchangeError> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("csv") => Ok(Self::Csv),
            Some("xlsx") => Ok(Self::Xlsx),
            Some("jsonl") => Ok(Self::Jsonl),
            _ => Err(InterchangeError::UnknownFormat {
                file: error::file_name(path),
            }),
        }
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
            Self::Jsonl => "jsonl",
        }
    }

    /// The MIME type for downloads.
    pub fn mime(self) -> &'static str {
        match self {
            Self::Csv => "text/csv; charset=utf-8",
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Self::Jsonl => "application/x-ndjson",
        }
    }
}
