//! The registration of an applicant's account in the one form system: an organization opens
//! its account with its 统一社会信用代码 and the activation code its registration authority
//! issued; a person (the founder applying for 成立登记) with a name and a phone number. The
//! password rules are the server's (`auth::password::check_strength`); the fields say them.

use crate::common::form::{FieldSpec, Input, field};

const PASSWORD: FieldSpec = field("password", "密码", Input::Password, true)
    .hint("至少10个字符，含字母、数字、符号中的两类。")
    .autocomplete("new-password");
const PASSWORD2: FieldSpec =
    field("password2", "再次输入密码", Input::Password, true).autocomplete("new-password");

/// An organization's account.
pub const ORG: &[FieldSpec] = &[
    field("uscc", "统一社会信用代码", Input::Code, true).max(18),
    field("activation_code", "激活码", Input::Code, true)
        .max(40)
        .hint("形如 XXXX-XXXX-XXXX-XXXX，向登记管理机关申领，30天内有效，只能使用一次。")
        .autocomplete("off"),
    field("contact_name", "经办人姓名", Input::Text, true)
        .max(50)
        .autocomplete("name"),
    field("phone", "联系电话", Input::Tel, true)
        .max(20)
        .autocomplete("tel"),
    PASSWORD,
    PASSWORD2,
];

/// A person's account: the phone number is the login.
pub const PERSON: &[FieldSpec] = &[
    field("contact_name", "姓名", Input::Text, true)
        .max(50)
        .autocomplete("name"),
    field("phone", "联系电话（即登录账号）", Input::Tel, true)
        .max(20)
        .autocomplete("tel"),
    PASSWORD,
    PASSWORD2,
];

/// Fields whose typed value is never sent back to the browser.
pub const SECRET: &[&str] = &["password", "password2", "activation_code"];
