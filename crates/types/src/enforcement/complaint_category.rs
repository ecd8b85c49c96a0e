//! What a complaint is about (举报类型), chosen from a list rather than described: the kinds of
//! violation the registration regulations and the 民政 departments' complaint forms name, so
//! the official sees at a glance which procedure applies and the reporter need not know the
//! law's words. `other` keeps every complaint possible.

/// (code, label) of each category, in the order the form offers them.
pub const COMPLAINT_CATEGORIES: &[(&str, &str)] = &[
    ("illegal_org", "非法社会组织（未经登记以社会组织名义活动）"),
    ("fees", "违规收费、摊派或强制入会"),
    ("awards", "违规开展评比达标表彰"),
    ("funds", "违规募捐，侵占、挪用财产"),
    ("beyond_scope", "超出章程规定的宗旨和业务范围活动"),
    ("governance", "内部治理问题（换届选举、财务、会员权益）"),
    ("other", "其他"),
];

/// The label of a category code.
pub fn category_label(code: &str) -> Option<&'static str> {
    COMPLAINT_CATEGORIES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, l)| *l)
}
