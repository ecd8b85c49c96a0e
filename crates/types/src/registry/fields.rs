//! The fields of a registry record as forms name them — one table for an official's edit and
//! for 变更登记 (whose choices are a subset), so both parse, label and render a field alike
//! (the form system of `common::form`).

use crate::common::form::{FieldSpec, Input, YES_NO, field};
use crate::registry::org::RegStatus;
use crate::registry::record::Flag;
use Input::{Date, Money, Select, Text, TextArea};

/// The editable fields of a registry record, in form order.
pub const EDITABLE: &[FieldSpec] = &[
    field("name", "名称", Text, true),
    field("status", "登记状态", Select(RegStatus::CHOICES), true),
    field("division", "登记管理机关区划代码", Text, true),
    field("authority", "登记管理机关", Text, true),
    field("supervisor", "业务主管单位", Text, false),
    field("legal_rep", "法定代表人", Text, true),
    field("founded", "成立登记日期", Date, true),
    field("capital", "注册资金/开办资金/原始基金（元）", Money, true),
    field("address", "住所", TextArea, false),
    field("scope", "业务范围", TextArea, false),
    field("cert_no", "登记证号", Text, false),
    field("cert_valid_from", "登记证有效期起", Date, false),
    field("cert_valid_to", "登记证有效期至", Date, false),
    field("phone", "联系电话", Text, false),
    field("email", "电子邮箱", Text, false),
    field("website", "网站", Text, false),
    field(
        Flag::Charity.code(),
        Flag::Charity.label(),
        Select(YES_NO),
        true,
    ),
    field(
        Flag::PublicFundraising.code(),
        Flag::PublicFundraising.label(),
        Select(YES_NO),
        true,
    ),
    field(
        Flag::Volunteer.code(),
        Flag::Volunteer.label(),
        Select(YES_NO),
        true,
    ),
    field(
        Flag::TradeAssociation.code(),
        Flag::TradeAssociation.label(),
        Select(YES_NO),
        true,
    ),
];

/// The fields a 变更登记 may change (the rest change through other procedures or not at all):
/// (form name, label), the choices of the 变更事项 select.
pub const CHANGEABLE: &[(&str, &str)] = &[
    ("name", "名称"),
    ("legal_rep", "法定代表人"),
    ("address", "住所"),
    ("scope", "业务范围"),
    ("capital", "注册资金/开办资金/原始基金（元）"),
    ("supervisor", "业务主管单位"),
    ("phone", "联系电话"),
];

/// The form name of the field a label names (`Organization::check` reports labels, as the
/// import reports do; the capital's label depends on the kind).
pub fn name_of_label(label: &str) -> &'static str {
    match label {
        "注册资金" | "开办资金" | "原始基金" => "capital",
        _ => EDITABLE
            .iter()
            .find(|f| f.label == label)
            .map(|f| f.name)
            .unwrap_or(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changeable_fields_are_editable_ones() {
        let codes: Vec<&str> = CHANGEABLE.iter().map(|(c, _)| *c).collect();
        assert_eq!(
            codes,
            [
                "name",
                "legal_rep",
                "address",
                "scope",
                "capital",
                "supervisor",
                "phone"
            ]
        );
        assert!(
            CHANGEABLE
                .iter()
                .all(|(n, l)| EDITABLE.iter().any(|f| f.name == *n && f.label == *l))
        );
    }

    #[test]
    fn the_records_rule_labels_name_form_fields() {
        for label in [
            "名称",
            "法定代表人",
            "登记管理机关",
            "登记证有效期至",
            "开办资金",
        ] {
            assert!(!name_of_label(label).is_empty(), "{label}");
        }
        assert_eq!(name_of_label("开办资金"), "capital");
    }
}
