//! JSONL: one flat JSON object per line with stable snake_case keys (see
//! [`Column::json_key`]); enums as codes, money as integer fen, dates ISO 8601.

use crate::cell::Cell;
use crate::columns::{Column, ColumnNames};
use crate::encoding::Counting;
use crate::error::{InterchangeError, RowError};
use crate::row::{RowOutcome, parse_row};
use crate::seen::Seen;
use chrono::NaiveDate;
use gongyi_types::Organization;
use serde::Serialize;
use serde_json::{Map, Value};
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

/// The JSONL record of one organization (export side; import reads the same keys).
#[derive(Debug, Serialize)]
pub(crate) struct JsonOrg<'a> {
    uscc: &'a str,
    name: &'a str,
    kind: &'static str,
    status: &'static str,
    division: String,
    authority: &'a str,
    supervisor: Option<&'a str>,
    legal_rep: &'a str,
    founded: NaiveDate,
    capital_fen: i64,
    address: &'a str,
    scope: &'a str,
    cert_no: &'a str,
    cert_valid_from: Option<NaiveDate>,
    cert_valid_to: Option<NaiveDate>,
    phone: Option<&'a str>,
    email: Option<&'a str>,
    website: Option<&'a str>,
    charity: bool,
    public_fundraising: bool,
    volunteer: bool,
    trade_association: bool,
    credit: &'static str,
}

impl<'a> From<&'a Organization> for JsonOrg<'a> {
    fn from(o: &'a Organization) -> Self {
        Self {
            uscc: o.uscc.as_str(),
            name: &o.name,
            kind: o.kind.code(),
            status: o.status.code(),
            division: o.division.to_string(),
            authority: &o.authority,
            supervisor: o.supervisor.as_deref(),
            legal_rep: &o.legal_rep,
            founded: o.founded,
            capital_fen: o.capital.0,
            address: &o.address,
            scope: &o.scope,
            cert_no: &o.cert_no,
            cert_valid_from: o.cert_valid_from,
            cert_valid_to: o.cert_valid_to,
            phone: o.phone.as_deref(),
            email: o.email.as_deref(),
            website: o.website.as_deref(),
            charity: o.flags.charity,
            public_fundraising: o.flags.public_fundraising,
            volunteer: o.flags.volunteer,
            trade_association: o.flags.trade_association,
            credit: o.credit.code(),
        }
    }
}

/// Distinct unknown keys reported as warnings, at most.
const MAX_KEY_WARNINGS: usize = 20;

pub(crate) struct JsonlSource {
    rdr: BufReader<Counting<File>>,
    buf: Vec<u8>,
    line: u64,
    consumed: u64,
    total: u64,
    unknown: Vec<String>,
    names: ColumnNames,
    done: bool,
}

fn cell_of<'v>(col: Column, v: Option<&'v Value>) -> Cell<'v> {
    const FEN: &str = "整数（单位：分）";
    match (col, v) {
        (_, None | Some(Value::Null)) => Cell::Empty,
        (Column::Capital, Some(Value::Number(n))) => n.as_i64().map_or(Cell::Wrong(FEN), Cell::Fen),
        (Column::Capital, Some(_)) => Cell::Wrong(FEN),
        (_, Some(Value::String(s))) => Cell::text(s),
        (_, Some(Value::Bool(b))) => Cell::Bool(*b),
        (_, Some(Value::Number(n))) => n.as_f64().map_or(Cell::Wrong("数字"), Cell::Number),
        (_, Some(_)) => Cell::Wrong("字符串、数字或布尔值"),
    }
}

impl JsonlSource {
    pub(crate) fn open(path: &Path) -> Result<Self, InterchangeError> {
        let f = File::open(path).map_err(|e| InterchangeError::io(path, e))?;
        let total = f
            .metadata()
            .map_err(|e| InterchangeError::io(path, e))?
            .len();
        Ok(Self {
            rdr: BufReader::with_capacity(64 * 1024, Counting::new(f)),
            buf: Vec::new(),
            line: 0,
            consumed: 0,
            total,
            unknown: Vec::new(),
            names: ColumnNames::json_keys(),
            done: false,
        })
    }

    fn bad(&self, code: &'static str, message: String) -> RowOutcome {
        RowOutcome::Bad(vec![RowError {
            line: self.line,
            column: String::new(),
            value: String::new(),
            code,
            message,
        }])
    }

    pub(crate) fn next(
        &mut self,
        seen: &mut Seen,
        warnings: &mut Vec<String>,
    ) -> Option<RowOutcome> {
        while !self.done {
            self.buf.clear();
            let n = match self.rdr.read_until(b'\n', &mut self.buf) {
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Ok(n) => n,
                Err(e) => {
                    self.done = true;
                    self.line += 1;
                    return Some(
                        self.bad("read_failed", format!("读取文件失败，导入在此中止：{e}")),
                    );
                }
            };
            self.line += 1;
            self.consumed += n as u64;
            let bytes = if self.line == 1 {
                self.buf
                    .strip_prefix("\u{feff}".as_bytes())
                    .unwrap_or(&self.buf)
            } else {
                &self.buf
            };
            let Ok(text) = std::str::from_utf8(bytes) else {
                return Some(self.bad(
                    "encoding",
                    "这一行不是 UTF-8 编码的文本（JSONL 必须是 UTF-8）".to_string(),
                ));
            };
            if text.trim().is_empty() {
                continue;
            }
            let obj: Map<String, Value> = match serde_json::from_str(text) {
                Ok(o) => o,
                Err(e) => {
                    return Some(self.bad("bad_json", format!("这一行不是有效的 JSON 对象：{e}")));
                }
            };
            for k in obj.keys() {
                let known = Column::ALL.iter().any(|c| c.json_key() == k);
                if !known && self.unknown.len() < MAX_KEY_WARNINGS && !self.unknown.contains(k) {
                    warnings.push(format!(
                        "已忽略未知字段“{k}”（首次出现于第{}行）",
                        self.line
                    ));
                    self.unknown.push(k.clone());
                }
            }
            let cells = Column::ALL.map(|c| cell_of(c, obj.get(c.json_key())));
            return Some(parse_row(self.line, cells, &self.names, seen));
        }
        None
    }

    pub(crate) fn bytes_read(&self) -> u64 {
        self.consumed.min(self.rdr.get_ref().read_so_far())
    }

    pub(crate) fn total_bytes(&self) -> u64 {
        self.total
    }
}
