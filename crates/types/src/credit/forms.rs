//! The officials' credit forms in the one form system (`common::form`): a penalty decision
//! (第七条: 行政处罚信息 — also the 处罚决定 step of an enforcement case), a manual listing, and
//! the supervision documents the list rules read — a 整改通知 and its completion (异常 item
//! (三)) and a 专用信函 with its fate (异常 item (六)); and the public objection (异议) form.
//! The server parses them with `common::form_reader::FormReader` into the store's records.

use crate::common::form::{FieldSpec, Input, field as f};

/// 处罚种类 — the codes the store keeps.
pub const PENALTY_KINDS: &[(&str, &str)] = &[
    ("warning", "警告"),
    ("fine", "罚款"),
    ("suspension", "限期停止活动"),
    ("revocation", "吊销登记证书 / 撤销成（设）立登记"),
    ("change_revoked", "撤销变更登记"),
    ("other", "其他（没收违法所得等）"),
];

/// An objection to an organization's credit information (the list entry it concerns is
/// chosen from the organization's open entries, outside these specs). The limits are those of
/// `credit::objections::check_objection` (tested).
pub const OBJECTION: &[FieldSpec] = &[
    f("contact", "联系方式", Input::Text, true)
        .max(100)
        .hint("电话或电子邮箱，登记管理机关核实时联系您。"),
    f("reason", "异议理由", Input::TextArea, true)
        .max(2000)
        .hint("哪条信息有误、为什么，有证明材料的写明，5至2000字。"),
];

/// A penalty decision.
pub const PENALTY: &[FieldSpec] = &[
    f("doc_no", "决定书文号", Input::Text, true),
    f("kind", "处罚种类", Input::Select(PENALTY_KINDS), true),
    f("fine", "罚款金额（元，罚款时填写）", Input::Money, false),
    f("reason", "违法事实（事由）", Input::TextArea, true),
    f("basis", "依据", Input::Text, true),
    f("result", "处罚结果", Input::Text, true),
    f("decided_on", "决定日期", Input::Date, true),
    f("authority", "处罚机关", Input::Text, true),
];

/// 名录.
pub const LISTS: &[(&str, &str)] = &[
    ("abnormal", "活动异常名录"),
    ("serious", "严重违法失信名单"),
];

/// A listing by hand, for the grounds the platform has no facts for.
pub const LISTING: &[FieldSpec] = &[
    f("list", "名录", Input::Select(LISTS), true),
    f(
        "reason",
        "列入事由（写明事实与所依据的项）",
        Input::TextArea,
        true,
    ),
];

/// A 整改通知 (异常 item (三)).
pub const RECTIFICATION: &[FieldSpec] = &[
    f("doc_no", "整改通知书文号", Input::Text, true),
    f("requirement", "发现的问题与整改要求", Input::TextArea, true),
    f("issued_on", "发出日期", Input::Date, true),
    f("deadline", "整改期限（最后一日）", Input::Date, true),
];

/// Recording a 整改通知 completed (the authority has checked it).
pub const COMPLETION: &[FieldSpec] = &[
    f("completed_on", "完成整改日期", Input::Date, true),
    f("note", "查实情况", Input::Text, true),
];

/// 投递结果 of a 专用信函.
pub const LETTER_OUTCOMES: &[(&str, &str)] =
    &[("returned", "无人签收，退回"), ("signed", "已签收")];

/// A 专用信函 to the registered address (异常 item (六)).
pub const LETTER: &[FieldSpec] = &[
    f("tracking_no", "邮件号", Input::Text, true),
    f("sent_on", "寄出日期", Input::Date, true),
    f("outcome", "投递结果", Input::Select(LETTER_OUTCOMES), true),
    f("outcome_on", "签收或退回日期", Input::Date, true),
];

/// Removing a list entry by hand.
pub const REMOVAL: &[FieldSpec] = &[f("reason", "移出理由", Input::Text, true)];

/// 处理结果 of an objection.
pub const DECISIONS: &[(&str, &str)] = &[
    ("upheld", "异议成立（移出所涉名录记录）"),
    ("rejected", "异议不成立（保留）"),
];

/// Deciding an objection (异议).
pub const DECISION: &[FieldSpec] = &[
    f("decision", "处理结果", Input::Select(DECISIONS), true),
    f("reason", "理由（将公开）", Input::Text, true),
];
