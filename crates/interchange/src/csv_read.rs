//! Streaming CSV import: one record in memory at a time, UTF-8 or GB18030 input.

use crate::cell::Cell;
use crate::columns::{Column, HeaderMap};
use crate::encoding::{Counting, Gb18030Reader, Sniffed, sniff};
use crate::error::{InterchangeError, RowError};
use crate::row::{RowOutcome, parse_row};
use crate::seen::Seen;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

/// Bytes looked at to decide the encoding.
const SNIFF_BYTES: usize = 64 * 1024;
/// Rows looked at for the header (a title row may come first).
pub(crate) const HEADER_SEARCH_ROWS: usize = 10;

enum Decoded {
    Utf8(Counting<File>),
    Gb18030(Gb18030Reader<Counting<File>>),
}

/// The UTF-8 stream the CSV parser reads, remembering how it ended (for line numbers).
struct Input {
    decoded: Decoded,
    /// UTF-8 bytes handed to the parser.
    out: u64,
    last: Option<u8>,
    eof: bool,
}

impl Input {
    fn new(decoded: Decoded) -> Self {
        Self {
            decoded,
            out: 0,
            last: None,
            eof: false,
        }
    }

    /// Whether a parser that has consumed `consumed` bytes stands at the end of a stream
    /// whose last line has no final newline.
    fn at_unterminated_end(&self, consumed: u64) -> bool {
        self.eof && consumed == self.out && self.last != Some(b'\n')
    }
}

impl Read for Input {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = match &mut self.decoded {
            Decoded::Utf8(r) => r.read(buf)?,
            Decoded::Gb18030(r) => r.read(buf)?,
        };
        if n == 0 {
            self.eof = !buf.is_empty();
        } else {
            self.out += n as u64;
            self.last = Some(buf[n - 1]);
        }
        Ok(n)
    }
}

pub(crate) struct CsvSource {
    rdr: csv::Reader<Input>,
    rec: csv::StringRecord,
    map: HeaderMap,
    total: u64,
    done: bool,
}

fn read_head(f: &mut File) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    f.by_ref().take(SNIFF_BYTES as u64).read_to_end(&mut head)?;
    f.seek(SeekFrom::Start(0))?;
    Ok(head)
}

fn is_blank(rec: &csv::StringRecord) -> bool {
    rec.iter().all(|f| f.trim().is_empty())
}

/// The physical line the record just read starts on.
///
/// The csv crate notes a record's position before it skips blank lines (and the `\n` of a
/// CRLF) in front of it, so that line can be short. With `\n` as the only terminator (a
/// `\r` stays at the end of the last field, which is trimmed), the line where the record
/// ends is exact: the reader's line after it, less the `\n` that ended it (absent for a
/// last line without newline), less the newlines inside its quoted fields.
fn start_line(rdr: &csv::Reader<Input>, rec: &csv::StringRecord) -> u64 {
    let pos = rdr.position();
    let terminated = !rdr.get_ref().at_unterminated_end(pos.byte());
    let end = pos.line().saturating_sub(u64::from(terminated));
    let inside = rec
        .as_byte_record()
        .as_slice()
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64;
    end.saturating_sub(inside).max(1)
}

impl CsvSource {
    pub(crate) fn open(
        path: &Path,
        file: &str,
        warnings: &mut Vec<String>,
    ) -> Result<Self, InterchangeError> {
        let io_err = |e| InterchangeError::io(path, e);
        let mut f = File::open(path).map_err(io_err)?;
        let total = f.metadata().map_err(io_err)?.len();
        let head = read_head(&mut f).map_err(io_err)?;
        if head.contains(&b'\r') && !head.contains(&b'\n') {
            return Err(InterchangeError::BadHeader {
                file: file.to_string(),
                message: "文件只用回车符（CR）换行：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”"
                    .to_string(),
            });
        }
        let input = match sniff(&head, head.len() < SNIFF_BYTES) {
            Sniffed::Utf8 => Input::new(Decoded::Utf8(Counting::new(f))),
            Sniffed::Gb18030 => {
                warnings.push("文件不是 UTF-8 编码，已按 GB18030（GBK）编码读取".to_string());
                Input::new(Decoded::Gb18030(Gb18030Reader::new(Counting::new(f))))
            }
            Sniffed::Unknown { line } => {
                return Err(InterchangeError::Encoding {
                    file: file.to_string(),
                    line,
                });
            }
        };
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .terminator(csv::Terminator::Any(b'\n'))
            .flexible(true)
            .buffer_capacity(64 * 1024)
            .from_reader(input);
        let mut rec = csv::StringRecord::new();
        let mut first: Option<(u64, csv::StringRecord)> = None;
        let mut looked = 0;
        let header = loop {
            match rdr.read_record(&mut rec) {
                Ok(true) => {}
                Ok(false) => break first,
                Err(e) => return Err(header_error(e, path, file)),
            }
            if is_blank(&rec) {
                continue;
            }
            let line = start_line(&rdr, &rec);
            if HeaderMap::known(rec.iter()) >= 2 {
                break Some((line, rec.clone()));
            }
            first.get_or_insert_with(|| (line, rec.clone()));
            looked += 1;
            if looked >= HEADER_SEARCH_ROWS {
                break first;
            }
        };
        let Some((line, header)) = header else {
            return Err(InterchangeError::BadHeader {
                file: file.to_string(),
                message: "文件是空的，没有表头行".to_string(),
            });
        };
        if line > 1 {
            warnings.push(format!("表头在第{line}行，已跳过它之前的行"));
        }
        let map = HeaderMap::build(header.iter().enumerate(), file, warnings)?;
        Ok(Self {
            rdr,
            rec,
            map,
            total,
            done: false,
        })
    }

    pub(crate) fn next(&mut self, seen: &mut Seen) -> Option<RowOutcome> {
        while !self.done {
            match self.rdr.read_record(&mut self.rec) {
                Ok(true) => {}
                Ok(false) => self.done = true,
                Err(e) => return Some(self.read_error(e)),
            }
            if self.done {
                continue;
            }
            let (rec, map) = (&self.rec, &self.map);
            let cells = Column::ALL.map(|c| {
                map.get(c)
                    .and_then(|i| rec.get(i))
                    .map_or(Cell::Empty, Cell::csv_text)
            });
            if cells.iter().all(Cell::is_empty) {
                continue; // blank, or only unknown columns filled
            }
            return Some(parse_row(
                start_line(&self.rdr, rec),
                cells,
                map.names(),
                seen,
            ));
        }
        None
    }

    /// A record that is not UTF-8 is a bad row; any other read error ends the file.
    fn read_error(&mut self, e: csv::Error) -> RowOutcome {
        let pos = self.rdr.position();
        let terminated = !self.rdr.get_ref().at_unterminated_end(pos.byte());
        let line = pos.line().saturating_sub(u64::from(terminated)).max(1);
        let (column, code, message) = match e.kind() {
            csv::ErrorKind::Utf8 { err, .. } => {
                let column = Column::ALL
                    .into_iter()
                    .find(|c| self.map.get(*c) == Some(err.field()))
                    .map_or_else(
                        || format!("第{}列", err.field() + 1),
                        |c| self.map.names().get(c).to_string(),
                    );
                let message = "这一行含有不是 UTF-8 编码的字符：请将文件另存为“CSV UTF-8（逗号分隔）”后重新导入";
                (column, "encoding", message.to_string())
            }
            _ => {
                self.done = true;
                (
                    String::new(),
                    "read_failed",
                    format!("读取文件失败，导入在此中止：{e}"),
                )
            }
        };
        RowOutcome::Bad(vec![RowError {
            line,
            column,
            value: String::new(),
            code,
            message,
        }])
    }

    pub(crate) fn bytes_read(&self) -> u64 {
        match &self.rdr.get_ref().decoded {
            Decoded::Utf8(r) => r.read_so_far(),
            Decoded::Gb18030(r) => r.get_ref().read_so_far(),
        }
    }

    pub(crate) fn total_bytes(&self) -> u64 {
        self.total
    }
}

fn header_error(e: csv::Error, path: &Path, file: &str) -> InterchangeError {
    let line = e.position().map_or(1, csv::Position::line);
    match e.into_kind() {
        csv::ErrorKind::Utf8 { .. } => InterchangeError::Encoding {
            file: file.to_string(),
            line,
        },
        csv::ErrorKind::Io(io) => InterchangeError::io(path, io),
        other => InterchangeError::BadHeader {
            file: file.to_string(),
            message: format!("{other:?}"),
        },
    }
}
