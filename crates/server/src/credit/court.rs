//! Reading the court system's 失信被执行人 file (严重违法失信名单 item (六)) that a registration
//! authority imports: one line per case — 统一社会信用代码, 执行案号, 执行法院, 发布日期 and an
//! optional 移除日期 — separated by commas or tabs, a header line and `#` comments allowed.
//! Every problem is reported with its line, and nothing is imported unless every line is good
//! (`gongyi credit import-dishonest` prints them as `FILE:LINE: message`).

use crate::legitimacy::publish::LineError;
use chrono::NaiveDate;
use gongyi_store::credit::NewCourtListing;
use gongyi_types::Uscc;
use std::collections::HashMap;

/// The lines of `text` as court listings, or every line's problems.
pub fn parse_court_file(text: &str) -> Result<Vec<NewCourtListing>, Vec<LineError>> {
    let mut out = vec![];
    let mut errs = vec![];
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let raw = raw.trim_start_matches('\u{FEFF}').trim();
        if raw.is_empty() || raw.starts_with('#') || raw.starts_with("统一社会信用代码") {
            continue;
        }
        let f: Vec<&str> = raw.split([',', '\t', '，']).map(str::trim).collect();
        let mut err = |message: String| {
            errs.push(LineError {
                line,
                field: "file",
                message,
            })
        };
        if !(4..=5).contains(&f.len()) {
            err(format!(
                "应有4或5列（统一社会信用代码、执行案号、执行法院、发布日期、移除日期），这一行有{}列",
                f.len()
            ));
            continue;
        }
        let uscc = match Uscc::parse(&f[0].to_uppercase()) {
            Ok(u) => u.to_string(),
            Err(e) => {
                err(format!("统一社会信用代码“{}”无效：{e}", f[0]));
                continue;
            }
        };
        let text_field = |v: &str, what: &str| -> Result<String, String> {
            if v.is_empty() || v.chars().count() > 100 {
                Err(format!("{what}不能为空且不超过100个字符"))
            } else {
                Ok(v.to_string())
            }
        };
        let date = |v: &str, what: &str| {
            NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .map_err(|_| format!("{what}“{v}”无效，应为 YYYY-MM-DD"))
        };
        let case_no = text_field(f[1], "执行案号");
        let court = text_field(f[2], "执行法院");
        let published_on = date(f[3], "发布日期");
        let removed_on = match f.get(4).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) => date(v, "移除日期").map(Some),
        };
        match (case_no, court, published_on, removed_on) {
            (Ok(case_no), Ok(court), Ok(published_on), Ok(removed_on)) => {
                if removed_on.is_some_and(|r| r < published_on) {
                    err("移除日期早于发布日期".into());
                    continue;
                }
                if let Some(first) = seen.insert((uscc.clone(), case_no.clone()), line) {
                    err(format!("与第{first}行是同一组织的同一执行案号"));
                    continue;
                }
                out.push(NewCourtListing {
                    uscc,
                    case_no,
                    court,
                    published_on,
                    removed_on,
                });
            }
            (a, b, c, d) => {
                for m in [a.err(), b.err(), c.err(), d.err()].into_iter().flatten() {
                    err(m);
                }
            }
        }
    }
    if out.is_empty() && errs.is_empty() {
        errs.push(LineError {
            line: 0,
            field: "file",
            message: "文件中没有任何记录".into(),
        });
    }
    if errs.is_empty() { Ok(out) } else { Err(errs) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_lines_parse_and_every_bad_line_is_reported() {
        let u = gongyi_types::Uscc::assemble('5', '1', "110105", "MJ000001").unwrap();
        let ok = format!(
            "统一社会信用代码,执行案号,执行法院,发布日期,移除日期\n\
             {u},（2026）京0105执123号,北京市朝阳区人民法院,2026-10-10,\n\
             {u}\t（2026）京0105执124号\t北京市朝阳区人民法院\t2026-10-11\t2026-11-01\n"
        );
        let rows = parse_court_file(&ok).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].removed_on, None);
        assert_eq!(
            rows[1].removed_on.map(|d| d.to_string()).as_deref(),
            Some("2026-11-01")
        );
        let bad = format!(
            "x,y\n\
             {u},,北京市朝阳区人民法院,2026-13-01\n\
             51110105MJ0000001X,案号,法院,2026-01-01\n\
             {u},（2026）京0105执123号,北京市朝阳区人民法院,2026-10-10\n\
             {u},（2026）京0105执123号,北京市朝阳区人民法院,2026-10-10\n"
        );
        let errs = parse_court_file(&bad).unwrap_err();
        let at = |l: usize| {
            errs.iter()
                .filter(|e| e.line == l)
                .map(|e| e.message.clone())
                .collect::<Vec<_>>()
                .join("|")
        };
        assert!(at(1).contains("应有4或5列"), "{errs:?}");
        assert!(
            at(2).contains("执行案号") && at(2).contains("发布日期"),
            "{errs:?}"
        );
        assert!(at(3).contains("统一社会信用代码"), "{errs:?}");
        assert!(at(4).is_empty() && at(5).contains("第4行"), "{errs:?}");
        assert!(parse_court_file("# 空\n").is_err());
    }
}
