//! Publishing a batch of the illegal-organization list (非法社会组织名单) in the one form system:
//! the batch's header and its names, one per line. A problem of a line is shown beside the
//! names with its line number; nothing of the batch is published while any remains.

use crate::common::form::{FieldSpec, Input, field};

/// The kinds a line without one is published as (`IllegalKind` codes).
pub const KINDS: &[(&str, &str)] = &[
    ("suspected", "涉嫌非法社会组织"),
    ("banned", "已取缔非法社会组织"),
];

pub const BATCH: &[FieldSpec] = &[
    field("batch", "批次号", Input::Text, true)
        .max(50)
        .hint("如“2026年第1批”。"),
    field("date", "公布日期", Input::Date, true),
    field("authority", "公布机关", Input::Text, true).max(100),
    field("division", "公布机关区划代码", Input::Number, true)
        .max(6)
        .hint("6位行政区划代码，须在您的管辖范围内。"),
    field("kind", "未注明类别的名称按", Input::Select(KINDS), true),
    field("names", "名称（每行一个）", Input::TextArea, true).hint(
        "每行一个名称，或“名称,类别,合法登记的统一社会信用代码,备注”（类别：涉嫌 / 已取缔）。",
    ),
];
