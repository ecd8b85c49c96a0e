//! Publishing a batch of the illegal-organization list (取缔非法社会组织: 民政部 and provincial
//! departments publish 涉嫌非法社会组织名单 and 已取缔非法社会组织名单 in numbered batches):
//! parse the batch and its lines (from the admin form or `gongyi illegal import`), check the
//! publishing official's jurisdiction, store the batch whole, then rebuild the screener.
//!
//! A line is `名称[,类别[,合法登记的统一社会信用代码[,备注]]]` (comma or tab separated; a header
//! line starting with `名称`, blank lines and `#` comments are skipped). Every bad line is
//! reported with its number, and a batch with any bad line stores nothing.

use crate::AppState;
use crate::auth::Official;
use crate::error::ApiError;
use chrono::NaiveDate;
use gongyi_screen::{MIN_NAME_CHARS, normalize_name};
use gongyi_store::{NewIllegalBatch, NewIllegalEntry};
use gongyi_types::ErrorCode;
use gongyi_types::{DivisionCode, IllegalKind, Uscc};
use std::collections::HashMap;

/// At most this many names in one batch (民政部's batches hold tens of names).
pub const MAX_BATCH_NAMES: usize = 10_000;

/// The batch header as typed.
#[derive(Debug, Clone, Default)]
pub struct BatchHeader {
    pub batch_no: String,
    pub date: String,
    pub authority: String,
    pub division: String,
}

/// A problem with the header (`line` 0, `field` naming the header field) or with one line of
/// names (`field` is `names`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub field: &'static str,
    pub message: String,
}

/// Parses the header and the lines; `default_kind` applies to lines that give none.
pub fn parse_batch(
    header: &BatchHeader,
    text: &str,
    default_kind: IllegalKind,
) -> Result<NewIllegalBatch, Vec<LineError>> {
    let mut errs = vec![];
    let head = |field: &'static str, message: String| LineError {
        line: 0,
        field,
        message,
    };
    let batch_no = header.batch_no.trim().to_string();
    if batch_no.is_empty() || batch_no.chars().count() > 50 {
        errs.push(head(
            "batch",
            "批次号不能为空且不超过50个字符（如“2026年第1批”）".into(),
        ));
    }
    let date = header.date.trim();
    if NaiveDate::parse_from_str(date, "%Y-%m-%d").is_err() {
        errs.push(head(
            "date",
            format!("发布日期“{date}”无效，应为 YYYY-MM-DD"),
        ));
    }
    let authority = header.authority.trim().to_string();
    if authority.is_empty() || authority.chars().count() > 100 {
        errs.push(head(
            "authority",
            "发布机关不能为空且不超过100个字符".into(),
        ));
    }
    let division = match DivisionCode::parse(header.division.trim()) {
        Ok(d) => d.to_string(),
        Err(e) => {
            errs.push(head("division", format!("发布机关区划代码无效：{e}")));
            String::new()
        }
    };
    let mut entries = vec![];
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let raw = raw.trim_start_matches('\u{FEFF}').trim();
        if raw.is_empty() || raw.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = raw.split([',', '\t', '，']).map(str::trim).collect();
        let name = fields.first().copied().unwrap_or("");
        if name == "名称" {
            continue;
        }
        let mut err = |message: String| {
            errs.push(LineError {
                line,
                field: "names",
                message,
            })
        };
        let key = normalize_name(name);
        if key.chars().count() < MIN_NAME_CHARS || name.chars().count() > 100 {
            err(format!(
                "名称“{name}”无效：去掉空格和标点后至少{MIN_NAME_CHARS}个字，最多100个字"
            ));
            continue;
        }
        if let Some(first) = seen.get(&key) {
            err(format!("名称“{name}”与第{first}行重复"));
            continue;
        }
        seen.insert(key, line);
        let kind = match fields.get(1).filter(|s| !s.is_empty()) {
            None => default_kind,
            Some(k) => match IllegalKind::parse(k) {
                Ok(k) => k,
                Err(e) => {
                    err(e.to_string());
                    continue;
                }
            },
        };
        let legal_uscc = match fields.get(2).filter(|s| !s.is_empty()) {
            None => None,
            Some(c) => match Uscc::parse(&c.to_uppercase()) {
                Ok(u) => Some(u.to_string()),
                Err(e) => {
                    err(format!("合法登记的统一社会信用代码“{c}”无效：{e}"));
                    continue;
                }
            },
        };
        let notes = fields.get(3..).map(|f| f.join("，")).unwrap_or_default();
        entries.push(NewIllegalEntry {
            name: name.to_string(),
            kind: kind.code().to_string(),
            legal_uscc,
            notes,
        });
    }
    if entries.is_empty() && errs.is_empty() {
        errs.push(head("names", "批次中没有名称".into()));
    }
    if entries.len() > MAX_BATCH_NAMES {
        errs.push(head(
            "names",
            format!("一个批次最多{MAX_BATCH_NAMES}个名称"),
        ));
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(NewIllegalBatch {
        batch_no,
        published_on: date.to_string(),
        authority,
        division,
        entries,
    })
}

/// Publishes a parsed batch for an official: the batch's authority division must lie in the
/// official's jurisdiction (a county cannot publish in a province's name).
pub async fn publish(
    state: &AppState,
    who: &Official,
    batch: &NewIllegalBatch,
) -> Result<i64, ApiError> {
    let division = DivisionCode::parse(&batch.division)
        .map_err(|e| ApiError::new(ErrorCode::InvalidDivision, e.to_string()))?;
    who.may_edit(division)?;
    let id = state
        .store
        .publish_illegal_batch(batch, &who.actor(), &state.now_str())
        .await?;
    state.legitimacy.reload_illegal(&state.store).await?;
    Ok(id)
}
