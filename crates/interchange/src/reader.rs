//! [`OrgReader`]: one streaming iterator over the rows of a CSV, XLSX or JSONL file.

use crate::Format;
use crate::csv_read::CsvSource;
use crate::error::{InterchangeError, file_name};
use crate::jsonl::JsonlSource;
use crate::row::RowOutcome;
use crate::seen::Seen;
use crate::xlsx_read::XlsxSource;
use std::path::Path;

enum Source {
    Csv(Box<CsvSource>),
    Xlsx(Box<XlsxSource>),
    Jsonl(Box<JsonlSource>),
}

/// Reads organizations from a file, one [`RowOutcome`] per non-blank data row, in file order.
///
/// Memory stays constant for CSV and JSONL apart from the set of codes seen (for
/// `duplicate_in_file`: ~17 bytes a row, ~50 MB peak for a million rows). XLSX is streamed
/// from a reader thread (calamine keeps the shared-string table in memory). A read error in
/// the middle of a file (disk, broken XLSX) is reported as a last `Bad` row with code
/// `read_failed`, after which the iterator ends.
pub struct OrgReader {
    source: Source,
    seen: Seen,
    warnings: Vec<String>,
}

impl OrgReader {
    /// Opens a file by its extension (see [`Format::from_path`]) and reads its header.
    pub fn open(path: &Path) -> Result<Self, InterchangeError> {
        Self::open_as(path, Format::from_path(path)?)
    }

    /// Opens a file in the given format, whatever its extension.
    pub fn open_as(path: &Path, format: Format) -> Result<Self, InterchangeError> {
        let file = file_name(path);
        let mut warnings = Vec::new();
        let source = match format {
            Format::Csv => Source::Csv(Box::new(CsvSource::open(path, &file, &mut warnings)?)),
            Format::Xlsx => Source::Xlsx(Box::new(XlsxSource::open(path, &file, &mut warnings)?)),
            Format::Jsonl => Source::Jsonl(Box::new(JsonlSource::open(path)?)),
        };
        Ok(Self {
            source,
            seen: Seen::default(),
            warnings,
        })
    }

    /// File-level notes for the user: ignored columns or keys, a GBK file, a skipped title row.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Progress so far: bytes of the file (for XLSX: rows of the sheet).
    pub fn bytes_read(&self) -> u64 {
        match &self.source {
            Source::Csv(s) => s.bytes_read(),
            Source::Xlsx(s) => s.rows_read(),
            Source::Jsonl(s) => s.bytes_read(),
        }
    }

    /// Size of the file in bytes (for XLSX: rows the sheet declares).
    pub fn total_bytes(&self) -> u64 {
        match &self.source {
            Source::Csv(s) => s.total_bytes(),
            Source::Xlsx(s) => s.rows_total(),
            Source::Jsonl(s) => s.total_bytes(),
        }
    }
}

impl Iterator for OrgReader {
    type Item = RowOutcome;

    fn next(&mut self) -> Option<RowOutcome> {
        match &mut self.source {
            Source::Csv(s) => s.next(&mut self.seen),
            Source::Xlsx(s) => s.next(&mut self.seen),
            Source::Jsonl(s) => s.next(&mut self.seen, &mut self.warnings),
        }
    }
}
