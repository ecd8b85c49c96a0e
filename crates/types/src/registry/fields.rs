//! The fields of a registry record as forms name them — one table for an official's edit and
//! for 变更登记 (whose choices are a subset), so both parse and label a field alike.

use crate::registry::record::Flag;

/// The editable fields of a registry record: (form name, Chinese label), in form order.
pub const EDITABLE: &[(&str, &str)] = &[
    ("name", "名称"),
    ("status", "登记状态"),
    ("division", "登记管理机关区划代码"),
    ("authority", "登记管理机关"),
    ("supervisor", "业务主管单位"),
    ("legal_rep", "法定代表人"),
    ("founded", "成立登记日期"),
    ("capital", "注册资金/开办资金/原始基金（元）"),
    ("address", "住所"),
    ("scope", "业务范围"),
    ("cert_no", "登记证号"),
    ("cert_valid_from", "登记证有效期起"),
    ("cert_valid_to", "登记证有效期至"),
    ("phone", "联系电话"),
    ("email", "电子邮箱"),
    ("website", "网站"),
    (Flag::Charity.code(), Flag::Charity.label()),
    (
        Flag::PublicFundraising.code(),
        Flag::PublicFundraising.label(),
    ),
    (Flag::Volunteer.code(), Flag::Volunteer.label()),
    (
        Flag::TradeAssociation.code(),
        Flag::TradeAssociation.label(),
    ),
];

/// The fields a 变更登记 may change (the rest change through other procedures or not at all).
pub const CHANGEABLE: &[(&str, &str)] = &[
    EDITABLE[0],  // 名称
    EDITABLE[5],  // 法定代表人
    EDITABLE[8],  // 住所
    EDITABLE[9],  // 业务范围
    EDITABLE[7],  // 注册资金/开办资金/原始基金（元）
    EDITABLE[4],  // 业务主管单位
    EDITABLE[13], // 联系电话
];

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
        assert!(CHANGEABLE.iter().all(|f| EDITABLE.contains(f)));
    }
}
