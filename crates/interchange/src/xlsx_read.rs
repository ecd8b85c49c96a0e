//! XLSX import: the first worksheet, streamed cell by cell by a reader thread (calamine's
//! cell reader borrows the workbook, so the thread owns both) and handed over row by row.

use crate::cell::Cell;
use crate::columns::{Column, HeaderMap};
use crate::csv_read::HEADER_SEARCH_ROWS;
use crate::error::{InterchangeError, RowError};
use crate::row::{RowOutcome, parse_row};
use crate::seen::Seen;
use calamine::{DataRef, Reader, Xlsx};
use chrono::NaiveDate;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

/// A cell owned across the thread boundary.
#[derive(Debug, Clone, PartialEq)]
enum Owned {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Bool(bool),
}

impl Owned {
    fn from_data(d: DataRef<'_>) -> Self {
        match d {
            DataRef::Empty => Owned::Empty,
            DataRef::Int(i) => Owned::Number(i as f64),
            DataRef::Float(x) => Owned::Number(x),
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
                Owned::Text(s)
            }
            DataRef::SharedString(s) => Owned::Text(s.to_string()),
            DataRef::Bool(b) => Owned::Bool(b),
            DataRef::DateTime(dt) if dt.is_datetime() => {
                let (y, m, d, ..) = dt.to_ymd_hms_milli();
                NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d))
                    .map_or(Owned::Number(dt.as_f64()), Owned::Date)
            }
            DataRef::DateTime(dt) => Owned::Number(dt.as_f64()),
            DataRef::Error(e) => Owned::Text(e.to_string()),
        }
    }

    fn cell(&self) -> Cell<'_> {
        match self {
            Owned::Empty => Cell::Empty,
            Owned::Text(s) => Cell::text(s),
            Owned::Number(x) => Cell::Number(*x),
            Owned::Date(d) => Cell::Date(*d),
            Owned::Bool(b) => Cell::Bool(*b),
        }
    }

    fn is_blank(&self) -> bool {
        self.cell().is_empty()
    }
}

enum Msg {
    /// The sheet opened; its declared number of rows.
    Opened {
        rows: u64,
    },
    /// A row: 0-based row index and its cells by absolute column.
    Row {
        index: u32,
        cells: Vec<Owned>,
    },
    Failed(String),
}

/// Rows in flight between the reader thread and the caller.
const CHANNEL_ROWS: usize = 256;

fn read_sheet(file: File, tx: &SyncSender<Msg>) -> Result<(), String> {
    let mut wb: Xlsx<_> = Xlsx::new(BufReader::new(file)).map_err(|e| e.to_string())?;
    let sheet = wb
        .sheet_names()
        .into_iter()
        .next()
        .ok_or("工作簿中没有工作表")?;
    let mut cells = wb
        .worksheet_cells_reader(&sheet)
        .map_err(|e| e.to_string())?;
    let rows = u64::from(cells.dimensions().end.0) + 1;
    if tx.send(Msg::Opened { rows }).is_err() {
        return Ok(());
    }
    let mut index = 0;
    let mut row: Vec<Owned> = Vec::new();
    while let Some(c) = cells.next_cell().map_err(|e| e.to_string())? {
        let (r, col) = c.get_position();
        if r != index && !row.is_empty() {
            let cells = std::mem::take(&mut row);
            if tx.send(Msg::Row { index, cells }).is_err() {
                return Ok(()); // the caller dropped the reader
            }
        }
        index = r;
        let v = Owned::from_data(c.get_value().clone());
        if !v.is_blank() {
            let col = col as usize;
            if row.len() <= col {
                row.resize(col + 1, Owned::Empty);
            }
            row[col] = v;
        }
    }
    if !row.is_empty() {
        let _ = tx.send(Msg::Row { index, cells: row });
    }
    Ok(())
}

pub(crate) struct XlsxSource {
    rx: Receiver<Msg>,
    map: HeaderMap,
    rows_total: u64,
    rows_read: u64,
    done: bool,
}

impl XlsxSource {
    pub(crate) fn open(
        path: &Path,
        file: &str,
        warnings: &mut Vec<String>,
    ) -> Result<Self, InterchangeError> {
        let f = File::open(path).map_err(|e| InterchangeError::io(path, e))?;
        let (tx, rx) = sync_channel(CHANNEL_ROWS);
        std::thread::Builder::new()
            .name("xlsx-import".to_string())
            .spawn(move || {
                if let Err(message) = read_sheet(f, &tx) {
                    let _ = tx.send(Msg::Failed(message));
                }
            })
            .map_err(|e| InterchangeError::io(path, e))?;
        let xlsx_err = |message: String| InterchangeError::Xlsx {
            file: file.to_string(),
            message,
        };
        let rows_total = match rx.recv() {
            Ok(Msg::Opened { rows }) => rows,
            Ok(Msg::Failed(m)) => return Err(xlsx_err(m)),
            Ok(Msg::Row { .. }) | Err(_) => return Err(xlsx_err("读取线程意外结束".to_string())),
        };
        let mut first: Option<(u32, Vec<Owned>)> = None;
        let mut looked = 0;
        let header = loop {
            match rx.recv() {
                Ok(Msg::Row { index, cells }) => {
                    let texts = cells.iter().map(|c| match c {
                        Owned::Text(s) => s.as_str(),
                        _ => "",
                    });
                    if HeaderMap::known(texts) >= 2 {
                        break Some((index, cells));
                    }
                    first.get_or_insert((index, cells));
                    looked += 1;
                    if looked >= HEADER_SEARCH_ROWS {
                        break first;
                    }
                }
                Ok(Msg::Failed(m)) => return Err(xlsx_err(m)),
                Ok(Msg::Opened { .. }) | Err(_) => break first,
            }
        };
        let Some((index, cells)) = header else {
            return Err(InterchangeError::BadHeader {
                file: file.to_string(),
                message: "第一个工作表是空的，没有表头行".to_string(),
            });
        };
        if index > 0 {
            warnings.push(format!("表头在第{}行，已跳过它之前的行", index + 1));
        }
        let texts: Vec<(usize, String)> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| (i, c.cell().display().into_owned()))
            .collect();
        let map = HeaderMap::build(texts.iter().map(|(i, s)| (*i, s.as_str())), file, warnings)?;
        Ok(Self {
            rx,
            map,
            rows_total,
            rows_read: u64::from(index) + 1,
            done: false,
        })
    }

    pub(crate) fn next(&mut self, seen: &mut Seen) -> Option<RowOutcome> {
        if self.done {
            return None;
        }
        match self.rx.recv() {
            Ok(Msg::Row { index, cells }) => {
                let line = u64::from(index) + 1;
                self.rows_read = line;
                let map = &self.map;
                let cells = Column::ALL.map(|c| {
                    map.get(c)
                        .and_then(|i| cells.get(i))
                        .map_or(Cell::Empty, Owned::cell)
                });
                Some(parse_row(line, cells, map.names(), seen))
            }
            Ok(Msg::Failed(message)) => {
                self.done = true;
                Some(RowOutcome::Bad(vec![RowError {
                    line: self.rows_read + 1,
                    column: String::new(),
                    value: String::new(),
                    code: "read_failed",
                    message: format!("读取工作表失败，导入在此中止：{message}"),
                }]))
            }
            Ok(Msg::Opened { .. }) | Err(_) => {
                self.done = true;
                self.rows_read = self.rows_total.max(self.rows_read);
                None
            }
        }
    }

    /// Rows handed out so far (XLSX progress is counted in rows, not bytes).
    pub(crate) fn rows_read(&self) -> u64 {
        self.rows_read
    }

    /// Rows the sheet declares (its `dimension`), header included.
    pub(crate) fn rows_total(&self) -> u64 {
        self.rows_total.max(self.rows_read)
    }
}
