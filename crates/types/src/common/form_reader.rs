//! Reading a submitted form of the one form system ([`super::form`]): the checks every field
//! has (required, at most 2000 characters, a date that is a date, a choice among the select's
//! choices), then the form's own rules through the typed getters. Every problem is a
//! [`FieldError`] naming its field; [`FormReader::finish`] returns the typed value only when
//! the whole form is valid. Used by the online services' forms, the credit forms and the
//! pillars to come, so a new form is a table of [`FieldSpec`]s and a few lines of rules.

use super::form::{FieldError, FieldSpec, Input};
use crate::Fen;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// Longest text any field takes.
pub const MAX_FIELD_CHARS: usize = 2000;

/// A form being read: its raw values, its fields and the errors found so far.
pub struct FormReader<'a> {
    raw: &'a BTreeMap<String, String>,
    spec: &'static [FieldSpec],
    errs: Vec<FieldError>,
}

impl<'a> FormReader<'a> {
    /// Starts reading `raw` as the form `spec`, checking what every field needs.
    pub fn new(raw: &'a BTreeMap<String, String>, spec: &'static [FieldSpec]) -> Self {
        let mut r = Self {
            raw,
            spec,
            errs: vec![],
        };
        r.check_fields();
        r
    }
    /// The value as typed, trimmed ("" when absent).
    pub fn get(&self, name: &str) -> String {
        self.raw
            .get(name)
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    }
    /// The value, `None` when left empty.
    pub fn optional(&self, name: &str) -> Option<String> {
        Some(self.get(name)).filter(|s| !s.is_empty())
    }
    pub fn label(&self, name: &str) -> &'static str {
        self.spec
            .iter()
            .find(|s| s.name == name)
            .map(|s| s.label)
            .unwrap_or("")
    }
    pub fn error(&mut self, field: &'static str, message: String) {
        self.errs.push(FieldError { field, message });
    }
    /// Filled in and without an error yet.
    pub fn present(&self, name: &str) -> bool {
        !self.get(name).is_empty() && !self.errs.iter().any(|e| e.field == name)
    }
    fn check_fields(&mut self) {
        for s in self.spec {
            let v = self.get(s.name);
            if s.required && v.is_empty() {
                self.error(s.name, format!("{}不能为空", s.label));
            } else if v.chars().count() > MAX_FIELD_CHARS {
                self.error(
                    s.name,
                    format!("{}过长（最多{MAX_FIELD_CHARS}个字符）", s.label),
                );
            } else if let Input::Select(choices) = s.input
                && !v.is_empty()
                && !choices.iter().any(|(c, _)| *c == v)
            {
                self.error(s.name, format!("{}：“{v}”不是可选的项", s.label));
            }
        }
    }
    /// The field parsed by `parse`; its error named `what`.
    pub fn parsed<T, E: std::fmt::Display>(
        &mut self,
        name: &'static str,
        what: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<T> {
        if !self.present(name) {
            return None;
        }
        match parse(&self.get(name)) {
            Ok(v) => Some(v),
            Err(e) => {
                self.error(name, format!("{what}：{e}"));
                None
            }
        }
    }
    /// Yuan with at most two decimals.
    pub fn money(&mut self, name: &'static str) -> Option<Fen> {
        let label = self.label(name);
        self.parsed(name, label, Fen::parse_yuan)
    }
    /// A whole number not below 0.
    pub fn number(&mut self, name: &'static str) -> Option<i32> {
        if !self.present(name) {
            return None;
        }
        match self.get(name).parse::<i32>() {
            Ok(n) if n >= 0 => Some(n),
            _ => {
                let msg = format!("{}应为不小于0的整数", self.label(name));
                self.error(name, msg);
                None
            }
        }
    }
    /// A date as `YYYY-MM-DD` (what `<input type="date">` posts).
    pub fn date(&mut self, name: &'static str) -> Option<NaiveDate> {
        let label = self.label(name);
        self.parsed(name, label, |s| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map_err(|_| format!("“{s}”不是有效日期，应为 YYYY-MM-DD"))
        })
    }
    /// A select's code (already checked against its choices).
    pub fn choice(&self, name: &'static str) -> Option<String> {
        self.present(name).then(|| self.get(name))
    }
    /// `value` when the form has no error; else every error (a form with none but no value
    /// reports "表单不完整").
    pub fn finish<T>(mut self, value: Option<T>) -> Result<T, Vec<FieldError>> {
        match value {
            Some(v) if self.errs.is_empty() => Ok(v),
            _ => {
                if self.errs.is_empty() {
                    self.error("", "表单不完整".into());
                }
                Err(self.errs)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::form::field;

    const SPEC: &[FieldSpec] = &[
        field("doc_no", "文书编号", Input::Text, true),
        field("deadline", "整改期限", Input::Date, true),
        field(
            "kind",
            "种类",
            Input::Select(&[("a", "甲"), ("b", "乙")]),
            true,
        ),
        field("note", "备注", Input::TextArea, false),
    ];

    fn raw(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn every_problem_names_its_field() {
        let form = raw(&[("deadline", "2026-13-01"), ("kind", "z")]);
        let mut r = FormReader::new(&form, SPEC);
        let d = r.date("deadline");
        let errs = r.finish(d).unwrap_err();
        let fields: Vec<&str> = errs.iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["doc_no", "kind", "deadline"]);
        assert!(errs[2].message.starts_with("整改期限："), "{errs:?}");
    }

    #[test]
    fn a_valid_form_gives_its_values() {
        let form = raw(&[
            ("doc_no", " 民整字1号 "),
            ("deadline", "2026-12-31"),
            ("kind", "b"),
        ]);
        let mut r = FormReader::new(&form, SPEC);
        let d = r.date("deadline");
        let (no, kind, note) = (r.get("doc_no"), r.choice("kind"), r.optional("note"));
        let v = r.finish(d.map(|d| (no, kind, note, d))).unwrap();
        assert_eq!(
            v,
            (
                "民整字1号".to_string(),
                Some("b".to_string()),
                None,
                NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()
            )
        );
    }
}
