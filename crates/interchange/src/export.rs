//! Export: [`OrgWriter`] writes organizations one at a time in the same columns, headers and
//! value forms that import reads, so export → import gives back equal records.
//!
//! CSV: UTF-8 with BOM (so Excel shows the Chinese), dates ISO, money `yuan_plain`, flags
//! 是/否, enums as Chinese labels. XLSX: the same, with real date cells and numeric money
//! cells. JSONL: see [`crate::jsonl`].

use crate::Format;
use crate::columns::Column;
use crate::error::{InterchangeError, file_name};
use crate::jsonl::JsonOrg;
use gongyi_types::Organization;
use rust_xlsxwriter::{ExcelDateTime, Workbook, Worksheet, XlsxError};
use std::borrow::Cow;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

/// UTF-8 byte-order mark: Excel needs it to open a UTF-8 CSV without garbling Chinese.
pub(crate) const BOM: &[u8] = b"\xef\xbb\xbf";

/// Data rows an XLSX sheet can hold below its header (Excel's limit is 1,048,576 rows).
const XLSX_MAX_ROWS: u32 = 1_048_575;

/// Amounts below this many fen (10^13 yuan) are written to XLSX as numbers: up to 15
/// significant digits survive the round trip through a double exactly.
const EXACT_FEN: i64 = 1_000_000_000_000_000;

fn opt(s: &Option<String>) -> Cow<'_, str> {
    Cow::Borrowed(s.as_deref().unwrap_or(""))
}

fn yes_no(b: bool) -> Cow<'static, str> {
    Cow::Borrowed(if b { "是" } else { "否" })
}

/// A field as text, as CSV export writes it and import reads it.
pub(crate) fn text_value(o: &Organization, col: Column) -> Cow<'_, str> {
    let date =
        |d: Option<chrono::NaiveDate>| d.map_or(Cow::Borrowed(""), |d| Cow::Owned(d.to_string()));
    match col {
        Column::Uscc => Cow::Borrowed(o.uscc.as_str()),
        Column::Name => Cow::Borrowed(&o.name),
        Column::Kind => Cow::Borrowed(o.kind.label()),
        Column::Status => Cow::Borrowed(o.status.label()),
        Column::Division => Cow::Owned(o.division.to_string()),
        Column::Authority => Cow::Borrowed(&o.authority),
        Column::Supervisor => opt(&o.supervisor),
        Column::LegalRep => Cow::Borrowed(&o.legal_rep),
        Column::Founded => date(Some(o.founded)),
        Column::Capital => Cow::Owned(o.capital.yuan_plain()),
        Column::Address => Cow::Borrowed(&o.address),
        Column::Scope => Cow::Borrowed(&o.scope),
        Column::CertNo => Cow::Borrowed(&o.cert_no),
        Column::CertValidFrom => date(o.cert_valid_from),
        Column::CertValidTo => date(o.cert_valid_to),
        Column::Phone => opt(&o.phone),
        Column::Email => opt(&o.email),
        Column::Website => opt(&o.website),
        Column::Charity => yes_no(o.flags.charity),
        Column::PublicFundraising => yes_no(o.flags.public_fundraising),
        Column::Volunteer => yes_no(o.flags.volunteer),
        Column::TradeAssociation => yes_no(o.flags.trade_association),
        Column::Credit => Cow::Borrowed(o.credit.label()),
    }
}

/// Writes the header record.
pub(crate) fn csv_header<W: Write>(w: &mut csv::Writer<W>) -> csv::Result<()> {
    w.write_record(Column::ALL.iter().map(|c| c.header()))
}

/// Writes one organization as a CSV record.
pub(crate) fn csv_row<W: Write>(w: &mut csv::Writer<W>, o: &Organization) -> csv::Result<()> {
    for c in Column::ALL {
        w.write_field(crate::cell::csv_safe(&text_value(o, c)).as_bytes())?;
    }
    w.write_record(std::iter::empty::<&[u8]>())
}

/// Cell formats of the data sheet.
pub(crate) struct SheetFormats {
    header: rust_xlsxwriter::Format,
    required: rust_xlsxwriter::Format,
    date: rust_xlsxwriter::Format,
    money: rust_xlsxwriter::Format,
    text: rust_xlsxwriter::Format,
}

impl SheetFormats {
    pub(crate) fn new() -> Self {
        use rust_xlsxwriter::{Color, Format, FormatBorder};
        let header = Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xDDEBF7))
            .set_border(FormatBorder::Thin);
        Self {
            required: header.clone().set_font_color(Color::RGB(0xC00000)),
            header,
            date: Format::new().set_num_format("yyyy-mm-dd"),
            money: Format::new().set_num_format("0.00"),
            text: Format::new().set_num_format("@"),
        }
    }
}

fn column_width(col: Column) -> f64 {
    match col {
        Column::Uscc => 22.0,
        Column::Name | Column::Address | Column::Authority | Column::Supervisor => 28.0,
        Column::Scope => 40.0,
        Column::Division => 20.0,
        Column::Email | Column::Website => 24.0,
        _ => 14.0,
    }
}

/// The data sheet with its header row: widths, text-formatted code columns (so Excel keeps
/// leading zeros), header frozen; required headers in red.
pub(crate) fn data_sheet(f: &SheetFormats, mut ws: Worksheet) -> Result<Worksheet, XlsxError> {
    ws.set_name("社会组织")?;
    for (i, c) in Column::ALL.into_iter().enumerate() {
        let i = i as u16;
        ws.set_column_width(i, column_width(c))?;
        if matches!(
            c,
            Column::Uscc | Column::Division | Column::CertNo | Column::Phone
        ) {
            ws.set_column_format(i, &f.text)?;
        }
        ws.write_string_with_format(
            0,
            i,
            c.header(),
            if c.required() { &f.required } else { &f.header },
        )?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(ws)
}

/// Writes one organization on row `row` (0-based) of the data sheet.
pub(crate) fn xlsx_row(
    ws: &mut Worksheet,
    row: u32,
    o: &Organization,
    f: &SheetFormats,
) -> Result<(), XlsxError> {
    for (i, c) in Column::ALL.into_iter().enumerate() {
        let i = i as u16;
        let date = match c {
            Column::Founded => Some(o.founded),
            Column::CertValidFrom => o.cert_valid_from,
            Column::CertValidTo => o.cert_valid_to,
            _ => None,
        };
        if let Some(d) = date.and_then(|d| excel_date(d).ok()) {
            ws.write_date_with_format(row, i, &d, &f.date)?;
            continue;
        }
        if c == Column::Capital && o.capital.0.abs() < EXACT_FEN {
            ws.write_number_with_format(row, i, o.capital.0 as f64 / 100.0, &f.money)?;
            continue;
        }
        let v = text_value(o, c);
        if !v.is_empty() {
            ws.write_string(row, i, v)?;
        }
    }
    Ok(())
}

fn excel_date(d: chrono::NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    use chrono::Datelike;
    let year = u16::try_from(d.year()).map_err(|_| XlsxError::DateTimeRangeError(d.to_string()))?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8)
}

enum Sink {
    Csv(Box<csv::Writer<BufWriter<File>>>),
    Jsonl(BufWriter<File>),
    Xlsx {
        file: File,
        workbook: Box<Workbook>,
        sheet: Box<Worksheet>,
        formats: Box<SheetFormats>,
    },
}

/// Writes organizations to a file one at a time (the CLI pages through the database).
/// Nothing is complete until [`OrgWriter::finish`]. CSV and JSONL stream in constant memory.
/// XLSX rows stream to a temporary file (rust_xlsxwriter's constant-memory mode) and the
/// workbook is assembled at `finish` (at most 1,048,575 organizations, Excel's limit).
pub struct OrgWriter {
    sink: Sink,
    file: String,
    written: u64,
}

impl OrgWriter {
    /// Creates (or truncates) `path` and writes the header.
    pub fn create(path: &Path, format: Format) -> Result<Self, InterchangeError> {
        let file = file_name(path);
        let out = File::create(path).map_err(|e| InterchangeError::io(path, e))?;
        let sink = match format {
            Format::Csv => {
                let mut w = BufWriter::with_capacity(64 * 1024, out);
                w.write_all(BOM)
                    .map_err(|e| InterchangeError::io(path, e))?;
                let mut w = csv::Writer::from_writer(w);
                csv_header(&mut w).map_err(|e| csv_err(&file, e))?;
                Sink::Csv(Box::new(w))
            }
            Format::Jsonl => Sink::Jsonl(BufWriter::with_capacity(64 * 1024, out)),
            Format::Xlsx => {
                let formats = SheetFormats::new();
                // Constant-memory mode: rows go to a temporary file as they are written, so a
                // million-row export does not hold the workbook in memory.
                let mut workbook = Workbook::new();
                let ws = workbook
                    .new_worksheet_with_constant_memory()
                    .map_err(|e| xlsx_err(&file, e))?;
                let sheet = data_sheet(&formats, ws).map_err(|e| xlsx_err(&file, e))?;
                Sink::Xlsx {
                    file: out,
                    workbook: Box::new(workbook),
                    sheet: Box::new(sheet),
                    formats: Box::new(formats),
                }
            }
        };
        Ok(Self {
            sink,
            file,
            written: 0,
        })
    }

    /// Appends one organization.
    pub fn write(&mut self, org: &Organization) -> Result<(), InterchangeError> {
        let file = &self.file;
        match &mut self.sink {
            Sink::Csv(w) => csv_row(w, org).map_err(|e| csv_err(file, e))?,
            Sink::Jsonl(w) => {
                serde_json::to_writer(&mut *w, &JsonOrg::from(org)).map_err(|e| {
                    InterchangeError::Io {
                        file: file.clone(),
                        source: e.into(),
                    }
                })?;
                w.write_all(b"\n").map_err(|e| InterchangeError::Io {
                    file: file.clone(),
                    source: e,
                })?;
            }
            Sink::Xlsx { sheet, formats, .. } => {
                if self.written >= u64::from(XLSX_MAX_ROWS) {
                    return Err(InterchangeError::TooManyRows {
                        file: file.clone(),
                        max: XLSX_MAX_ROWS + 1,
                    });
                }
                xlsx_row(sheet, self.written as u32 + 1, org, formats)
                    .map_err(|e| xlsx_err(file, e))?;
            }
        }
        self.written += 1;
        Ok(())
    }

    /// Organizations written so far.
    pub fn written(&self) -> u64 {
        self.written
    }

    /// Flushes everything to disk; returns the number of organizations written.
    pub fn finish(self) -> Result<u64, InterchangeError> {
        let file = self.file;
        let io = |source| InterchangeError::Io {
            file: file.clone(),
            source,
        };
        match self.sink {
            Sink::Csv(w) => {
                let inner = w.into_inner().map_err(|e| io(e.into_error()))?;
                inner
                    .into_inner()
                    .map_err(|e| io(e.into_error()))?
                    .sync_all()
                    .map_err(io)?;
            }
            Sink::Jsonl(w) => w
                .into_inner()
                .map_err(|e| io(e.into_error()))?
                .sync_all()
                .map_err(io)?,
            Sink::Xlsx {
                file: out,
                mut workbook,
                sheet,
                ..
            } => {
                workbook.push_worksheet(*sheet);
                let mut buffered = BufWriter::with_capacity(64 * 1024, &out);
                workbook
                    .save_to_writer(&mut buffered)
                    .map_err(|e| xlsx_err(&file, e))?;
                buffered.flush().map_err(io)?;
                drop(buffered);
                out.sync_all().map_err(io)?;
            }
        }
        Ok(self.written)
    }
}

/// The CSV of [`OrgWriter`] written to any writer: the open-data extract compresses and hashes
/// it on the way to its file (BOM, the import's headers and value forms, so it round-trips).
pub struct CsvOrgs<W: Write>(csv::Writer<W>);

impl<W: Write> CsvOrgs<W> {
    /// Writes the BOM and the header.
    pub fn new(mut out: W) -> csv::Result<Self> {
        out.write_all(BOM)?;
        let mut w = csv::Writer::from_writer(out);
        csv_header(&mut w)?;
        Ok(Self(w))
    }

    /// Appends one organization.
    pub fn write(&mut self, org: &Organization) -> csv::Result<()> {
        csv_row(&mut self.0, org)
    }

    /// Flushes and gives the writer back.
    pub fn into_inner(self) -> std::io::Result<W> {
        self.0.into_inner().map_err(|e| e.into_error())
    }
}

/// Writes all of `orgs` to `out`; returns how many were written.
pub fn export(
    orgs: impl IntoIterator<Item = Organization>,
    format: Format,
    out: &Path,
) -> Result<u64, InterchangeError> {
    let mut w = OrgWriter::create(out, format)?;
    for o in orgs {
        w.write(&o)?;
    }
    w.finish()
}

fn csv_err(file: &str, e: csv::Error) -> InterchangeError {
    let source = match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    };
    InterchangeError::Io {
        file: file.to_string(),
        source,
    }
}

pub(crate) fn xlsx_err(file: &str, e: XlsxError) -> InterchangeError {
    match e {
        XlsxError::IoError(source) => InterchangeError::Io {
            file: file.to_string(),
            source,
        },
        e => InterchangeError::Xlsx {
            file: file.to_string(),
            message: e.to_string(),
        },
    }
}
