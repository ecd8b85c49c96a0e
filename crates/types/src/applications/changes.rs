//! What an applicant changed in a submitted form, as one line for the procedure's history:
//! "住所：“旧”改为“新”；人数：“3”改为“5”". An official deciding on a 补正 sees from it what
//! was corrected without comparing two versions of the form by eye.

use crate::applications::forms::{FieldSpec, Input, fields};
use crate::applications::procedure::ServiceKind;
use std::collections::BTreeMap;

/// At most this many characters of a value are quoted (a 业务范围 can be a paragraph).
const QUOTED_CHARS: usize = 40;

/// A field's value as the form shows it: a choice by its label, text cut at
/// [`QUOTED_CHARS`], an empty value as "（空）".
fn shown(f: &FieldSpec, v: Option<&String>) -> String {
    let v = v.map(|v| v.trim()).unwrap_or("");
    if v.is_empty() {
        return "（空）".to_string();
    }
    if let Input::Select(opts) = f.input
        && let Some((_, label)) = opts.iter().find(|(c, _)| *c == v)
    {
        return label.to_string();
    }
    let mut out: String = v.chars().take(QUOTED_CHARS).collect();
    if v.chars().count() > QUOTED_CHARS {
        out.push('…');
    }
    out
}

/// The changed fields of `kind`'s form from `old` to `new`, in the form's order; `None` when
/// nothing changed.
pub fn summary(
    kind: ServiceKind,
    old: &BTreeMap<String, String>,
    new: &BTreeMap<String, String>,
) -> Option<String> {
    let same = |a: Option<&String>, b: Option<&String>| {
        a.map(|s| s.trim()).unwrap_or("") == b.map(|s| s.trim()).unwrap_or("")
    };
    let parts: Vec<String> = fields(kind)
        .iter()
        .filter(|f| !same(old.get(f.name), new.get(f.name)))
        .map(|f| {
            format!(
                "{}：“{}”改为“{}”",
                f.label,
                shown(f, old.get(f.name)),
                shown(f, new.get(f.name))
            )
        })
        .collect();
    (!parts.is_empty()).then(|| format!("修改申请表：{}", parts.join("；")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn lists_each_changed_field_by_its_label_in_form_order() {
        let old = form(&[
            ("name", "北京市朝阳区围棋协会"),
            ("org_kind", "social_group"),
            ("address", "建国路1号"),
            ("phone", "010-1"),
        ]);
        let new = form(&[
            ("name", "北京市朝阳区围棋协会"),
            ("org_kind", "foundation"),
            ("address", " 建国路1号 "),
            ("phone", ""),
            ("scope", "围棋交流"),
        ]);
        let s = summary(ServiceKind::Establish, &old, &new).unwrap();
        assert!(s.starts_with("修改申请表："), "{s}");
        // A choice by its label; surrounding blanks are no change; emptied and new fields.
        assert!(s.contains("“社会团体”改为“基金会”"), "{s}");
        assert!(!s.contains("住所"), "{s}");
        assert!(s.contains("“010-1”改为“（空）”"), "{s}");
        assert!(s.contains("“（空）”改为“围棋交流”"), "{s}");
        let order: Vec<usize> = ["“社会团体”", "围棋交流", "010-1"]
            .iter()
            .map(|k| s.find(k).unwrap())
            .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{s}");
    }

    #[test]
    fn nothing_changed_is_none_and_long_values_are_cut() {
        let old = form(&[("scope", "甲")]);
        assert_eq!(summary(ServiceKind::Establish, &old, &old.clone()), None);
        let long = "很".repeat(100);
        let new = form(&[("scope", long.as_str())]);
        let s = summary(ServiceKind::Establish, &old, &new).unwrap();
        assert!(s.contains(&format!("“{}…”", "很".repeat(40))), "{s}");
    }
}
