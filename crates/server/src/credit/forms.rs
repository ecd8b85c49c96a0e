//! Reading the officials' credit forms (`gongyi_types::credit::forms`) into the store's
//! records, every problem beside its field: a penalty decision (also the 处罚决定 step of an
//! enforcement case), a manual listing, a 整改通知, its completion, a 专用信函.

use chrono::NaiveDate;
use gongyi_store::credit::{NewLetter, NewPenalty, NewRectification};
use gongyi_types::ListKind;
use gongyi_types::common::form::FieldError;
use gongyi_types::common::form_reader::FormReader;
use gongyi_types::credit::PenaltyKind;
use gongyi_types::credit::forms::{COMPLETION, LETTER, LISTING, PENALTY, RECTIFICATION};
use std::collections::BTreeMap;

type Raw = BTreeMap<String, String>;

fn penalty_kind(code: &str) -> Option<PenaltyKind> {
    Some(match code {
        "warning" => PenaltyKind::Warning,
        "fine" => PenaltyKind::Fine,
        "suspension" => PenaltyKind::Suspension,
        "revocation" => PenaltyKind::Revocation,
        "change_revoked" => PenaltyKind::ChangeRevoked,
        "other" => PenaltyKind::Other,
        _ => return None,
    })
}

/// A penalty decision; a fine needs its amount, and an amount is more than 0.
pub fn parse_penalty(raw: &Raw) -> Result<NewPenalty, Vec<FieldError>> {
    let mut r = FormReader::new(raw, PENALTY);
    let kind = r.choice("kind").and_then(|k| penalty_kind(&k));
    let fine = r.money("fine");
    if fine.is_some_and(|f| f.0 <= 0) {
        r.error("fine", "罚款金额应大于0".into());
    }
    if kind == Some(PenaltyKind::Fine) && fine.is_none() && r.get("fine").is_empty() {
        r.error("fine", "处罚种类为罚款时须填写罚款金额".into());
    }
    let decided_on = r.date("decided_on");
    let p = match (kind, decided_on) {
        (Some(kind), Some(decided_on)) => Some(NewPenalty {
            doc_no: r.get("doc_no"),
            reason: r.get("reason"),
            basis: r.get("basis"),
            result: r.get("result"),
            kind,
            fine,
            decided_on,
            authority: r.get("authority"),
        }),
        _ => None,
    };
    r.finish(p)
}

/// A listing by hand: the list and the reason.
pub fn parse_listing(raw: &Raw) -> Result<(ListKind, String), Vec<FieldError>> {
    let r = FormReader::new(raw, LISTING);
    let list = r.choice("list").and_then(|l| ListKind::parse(&l).ok());
    let reason = r.get("reason");
    r.finish(list.map(|l| (l, reason)))
}

/// A 整改通知: the deadline falls after the day it was issued, and it was issued by `today`.
pub fn parse_rectification(
    raw: &Raw,
    today: NaiveDate,
) -> Result<NewRectification, Vec<FieldError>> {
    let mut r = FormReader::new(raw, RECTIFICATION);
    let issued_on = r.date("issued_on");
    let deadline = r.date("deadline");
    if let Some(i) = issued_on
        && i > today
    {
        r.error("issued_on", format!("发出日期不能晚于今天（{today}）"));
    }
    if let (Some(i), Some(d)) = (issued_on, deadline)
        && d <= i
    {
        r.error("deadline", "整改期限应晚于发出日期".into());
    }
    let v = match (issued_on, deadline) {
        (Some(issued_on), Some(deadline)) => Some(NewRectification {
            doc_no: r.get("doc_no"),
            requirement: r.get("requirement"),
            issued_on,
            deadline,
        }),
        _ => None,
    };
    r.finish(v)
}

/// The completion of a 整改通知: a day not after `today`.
pub fn parse_completion(
    raw: &Raw,
    today: NaiveDate,
) -> Result<(NaiveDate, String), Vec<FieldError>> {
    let mut r = FormReader::new(raw, COMPLETION);
    let on = r.date("completed_on");
    if on.is_some_and(|d| d > today) {
        r.error(
            "completed_on",
            format!("完成整改日期不能晚于今天（{today}）"),
        );
    }
    let note = r.get("note");
    r.finish(on.map(|d| (d, note)))
}

/// A 专用信函: sent by `today`, its fate known on or after the day it was sent.
pub fn parse_letter(raw: &Raw, today: NaiveDate) -> Result<NewLetter, Vec<FieldError>> {
    let mut r = FormReader::new(raw, LETTER);
    let sent_on = r.date("sent_on");
    let outcome_on = r.date("outcome_on");
    let returned = r.choice("outcome").map(|o| o == "returned");
    for (name, d) in [("sent_on", sent_on), ("outcome_on", outcome_on)] {
        if d.is_some_and(|d| d > today) {
            let msg = format!("{}不能晚于今天（{today}）", r.label(name));
            r.error(name, msg);
        }
    }
    if let (Some(s), Some(o)) = (sent_on, outcome_on)
        && o < s
    {
        r.error("outcome_on", "签收或退回日期不能早于寄出日期".into());
    }
    let v = match (sent_on, outcome_on, returned) {
        (Some(sent_on), Some(outcome_on), Some(returned)) => Some(NewLetter {
            tracking_no: r.get("tracking_no"),
            sent_on,
            returned,
            outcome_on,
        }),
        _ => None,
    };
    r.finish(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(pairs: &[(&str, &str)]) -> Raw {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }
    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
    }

    #[test]
    fn a_fine_needs_its_amount_beside_the_amount_field() {
        let errs = parse_penalty(&raw(&[
            ("doc_no", "民罚字1号"),
            ("kind", "fine"),
            ("reason", "x"),
            ("basis", "y"),
            ("result", "罚款"),
            ("decided_on", "2026-11-01"),
            ("authority", "某市民政局"),
        ]))
        .unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].field, "fine");
    }

    #[test]
    fn a_deadline_before_the_order_and_a_letter_back_before_it_left_are_refused() {
        let errs = parse_rectification(
            &raw(&[
                ("doc_no", "民整字1号"),
                ("requirement", "补齐会议记录"),
                ("issued_on", "2026-11-10"),
                ("deadline", "2026-11-01"),
            ]),
            today(),
        )
        .unwrap_err();
        assert_eq!(errs[0].field, "deadline");
        let errs = parse_letter(
            &raw(&[
                ("tracking_no", "XA123"),
                ("sent_on", "2026-11-10"),
                ("outcome", "lost"),
                ("outcome_on", "2026-11-01"),
            ]),
            today(),
        )
        .unwrap_err();
        let fields: Vec<&str> = errs.iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["outcome", "outcome_on"]);
        let l = parse_letter(
            &raw(&[
                ("tracking_no", "XA123"),
                ("sent_on", "2026-11-10"),
                ("outcome", "returned"),
                ("outcome_on", "2026-11-20"),
            ]),
            today(),
        )
        .unwrap();
        assert!(l.returned);
    }
}
