//! The CSV of problems (RFC 4180), one row per problem, as the page's download and
//! `gongyi quality report --format csv` write it.
//!
//! A field that starts with `=`, `+`, `-` or `@` is prefixed with `'`: a spreadsheet would
//! otherwise run a name or message typed by someone else as a formula (OWASP "CSV injection").

use super::model::ProblemRow;
use std::io::Write;

/// The header row.
pub const CSV_HEADER: &str = "统一社会信用代码,名称,行政区划,规则,维度,字段,说明";

/// The UTF-8 byte-order mark: Excel reads a CSV as the system's code page (GBK on Chinese
/// Windows) unless the file starts with it.
const BOM: &[u8] = "\u{feff}".as_bytes();

fn field(out: &mut String, value: &str) {
    let guarded = matches!(value.chars().next(), Some('=' | '+' | '-' | '@'));
    let quoted = guarded || value.contains([',', '"', '\n', '\r']);
    if quoted {
        out.push('"');
    }
    if guarded {
        out.push('\'');
    }
    out.push_str(&value.replace('"', "\"\""));
    if quoted {
        out.push('"');
    }
}

/// One row, with its line end.
fn line(r: &ProblemRow) -> String {
    let mut s = String::with_capacity(200);
    let division = r.division.to_string();
    let values = [
        r.uscc.as_str(),
        &r.name,
        &division,
        r.rule.code(),
        r.rule.dimension().label(),
        r.field,
        &r.message,
    ];
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        field(&mut s, v);
    }
    s.push_str("\r\n");
    s
}

/// Writes the header and `rows`, after a byte-order mark if `bom`; returns the rows written.
pub fn write_csv<'a>(
    w: &mut impl Write,
    rows: impl Iterator<Item = &'a ProblemRow>,
    bom: bool,
) -> std::io::Result<u64> {
    if bom {
        w.write_all(BOM)?;
    }
    w.write_all(CSV_HEADER.as_bytes())?;
    w.write_all(b"\r\n")?;
    let mut n = 0;
    for r in rows {
        w.write_all(line(r).as_bytes())?;
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use gongyi_types::quality::Rule;
    use gongyi_types::{DivisionCode, Uscc};

    #[test]
    fn quotes_and_guards_fields() {
        let r = ProblemRow {
            uscc: Uscc::assemble('5', '1', "330106", "MJ000001").unwrap(),
            name: "=HYPERLINK(\"x\")协会".into(),
            division: DivisionCode::parse("330106").unwrap(),
            rule: Rule::PhoneInvalid,
            field: "联系电话",
            message: "联系电话“1,2”不是有效的电话号码".into(),
        };
        let mut out = vec![];
        assert_eq!(write_csv(&mut out, [&r].into_iter(), true).unwrap(), 1);
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with('\u{feff}'));
        let row = text.lines().nth(1).unwrap();
        assert!(
            row.contains(",\"'=HYPERLINK(\"\"x\"\")协会\",330106,phone_invalid,有效性,联系电话,\"联系电话“1,2”不是有效的电话号码\""),
            "{row}"
        );
    }
}
