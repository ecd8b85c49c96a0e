//! 数据质量管理: the rules a registry record is checked against, as pure functions — one
//! [`Organization`](crate::Organization) and `today` in, the [`Problem`]s found out. The report per division, the
//! officials' page and `gongyi quality report` (crates `server` and `gongyi`) run them over
//! the whole registry; import and sync can run them on each incoming record.
//!
//! Every rule has a stable snake_case code, a Chinese title, one of the five [`Dimension`]s and a
//! [`Severity`]: only the two rules on malformed codes refuse (a record with an invalid
//! 统一社会信用代码 or an unknown division code cannot be stored at all); every other rule
//! warns — the record stays, the registrar is told.
//!
//! | dimension | rules | where |
//! |---|---|---|
//! | 完整性 | the 登记事项 the regulations require: 法定代表人, 住所, 业务范围, 登记管理机关, 注册资金 (开办资金/原始基金), 登记证号, and the certificate's validity while in use | `rules::completeness` |
//! | 有效性 | GB 32100 code and GB/T 2260 division (refuse; raw text, [`check_codes`]), the code's registrar division in the current table, a division with a mainland registrar, dates not in the future nor before 1949-10-01, the legal minimum capital, phone and e-mail formats | `rules::validity` |
//! | 一致性 | the code's category and registrar against kind and division, authority against division, certificate dates against status and founding, a foundation's name, 公开募捐资格 against 慈善组织 and status | `rules::consistency` |
//! | 重复 | the same name (folded by the caller, e.g. with `gongyi_screen::normalize_name`, which this crate does not depend on) registered twice by one authority | `duplicates` |
//! | 及时性 | none yet: see [`Dimension::Timeliness`] | — |
//!
//! Each rule's doc comment in `rules.rs` names the regulation or standard it comes from; the
//! tests (`tests.rs`) make every rule fire on a bad record and stay silent on a good one.

mod duplicates;
mod rules;
#[cfg(test)]
mod tests;

pub use duplicates::{DuplicateGroup, duplicate_groups, duplicate_problem};
pub use rules::{
    FOUNDING_OF_THE_PRC, check, check_codes, email_is_valid, minimum_capital, phone_is_valid,
};

/// The five dimensions of data quality the plan names (完整性、有效性、一致性、重复、及时性).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dimension {
    Completeness,
    Validity,
    Consistency,
    Duplicates,
    /// 及时性. The record ([`Organization`](crate::Organization)) carries no date of its last verification: the
    /// store's `updated_at` is when this system last wrote the row (an import rewrites it), not
    /// when the registrar last confirmed the facts, so a timeliness rule would measure the
    /// system, not the data. No rule checks it until the record keeps such a date (for
    /// instance the last 年检/年报 accepted).
    Timeliness,
}

impl Dimension {
    pub const ALL: [Dimension; 5] = [
        Dimension::Completeness,
        Dimension::Validity,
        Dimension::Consistency,
        Dimension::Duplicates,
        Dimension::Timeliness,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Dimension::Completeness => "completeness",
            Dimension::Validity => "validity",
            Dimension::Consistency => "consistency",
            Dimension::Duplicates => "duplicates",
            Dimension::Timeliness => "timeliness",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Dimension::Completeness => "完整性",
            Dimension::Validity => "有效性",
            Dimension::Consistency => "一致性",
            Dimension::Duplicates => "重复",
            Dimension::Timeliness => "及时性",
        }
    }
    /// The rules of this dimension, in table order.
    pub fn rules(self) -> impl Iterator<Item = Rule> {
        Rule::ALL
            .iter()
            .copied()
            .filter(move |r| r.dimension() == self)
    }
}

/// What a broken rule means for the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The record is kept; the registrar is told.
    Warning,
    /// The record cannot be stored (import and sync refuse it).
    Refuse,
}

impl Severity {
    pub fn code(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Refuse => "refuse",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Severity::Warning => "提示",
            Severity::Refuse => "拒收",
        }
    }
}

macro_rules! rule_table {
    ($($var:ident = $code:literal, $title:literal, $dim:ident, $sev:ident;)+) => {
        /// One data-quality rule. The order is the report's.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule {
            $($var,)+
        }
        impl Rule {
            pub const ALL: &'static [Rule] = &[$(Rule::$var,)+];
            /// Number of rules (per-rule counters are arrays of this length).
            pub const COUNT: usize = Rule::ALL.len();
            /// Stable machine code (CSV, URLs).
            pub fn code(self) -> &'static str {
                match self { $(Rule::$var => $code,)+ }
            }
            /// Chinese title.
            pub fn title(self) -> &'static str {
                match self { $(Rule::$var => $title,)+ }
            }
            pub fn dimension(self) -> Dimension {
                match self { $(Rule::$var => Dimension::$dim,)+ }
            }
            pub fn severity(self) -> Severity {
                match self { $(Rule::$var => Severity::$sev,)+ }
            }
        }
    };
}

rule_table! {
    LegalRepMissing = "legal_rep_missing", "缺少法定代表人", Completeness, Warning;
    AddressMissing = "address_missing", "缺少住所", Completeness, Warning;
    ScopeMissing = "scope_missing", "缺少业务范围", Completeness, Warning;
    AuthorityMissing = "authority_missing", "缺少登记管理机关", Completeness, Warning;
    CapitalMissing = "capital_missing", "缺少注册资金（开办资金、原始基金）", Completeness, Warning;
    CertNoMissing = "cert_no_missing", "缺少登记证号", Completeness, Warning;
    CertValidityMissing = "cert_validity_missing", "缺少登记证有效期", Completeness, Warning;
    UsccInvalid = "uscc_invalid", "统一社会信用代码不符合 GB 32100", Validity, Refuse;
    DivisionInvalid = "division_invalid", "区划代码不在 GB/T 2260 中", Validity, Refuse;
    UsccDivisionUnknown = "uscc_division_unknown", "代码中的登记管理机关区划码不在现行区划表中", Validity, Warning;
    DivisionWithoutRegistrar = "division_without_registrar", "区划无内地登记管理机关", Validity, Warning;
    FoundedInFuture = "founded_in_future", "成立登记日期晚于今天", Validity, Warning;
    FoundedTooEarly = "founded_too_early", "成立登记日期早于1949年10月1日", Validity, Warning;
    CapitalBelowMinimum = "capital_below_minimum", "注册资金低于法定最低限额", Validity, Warning;
    PhoneInvalid = "phone_invalid", "联系电话格式无效", Validity, Warning;
    EmailInvalid = "email_invalid", "电子邮箱格式无效", Validity, Warning;
    KindUsccMismatch = "kind_uscc_mismatch", "类型与统一社会信用代码不符", Consistency, Warning;
    DivisionUsccMismatch = "division_uscc_mismatch", "登记管理机关区划与统一社会信用代码不符", Consistency, Warning;
    AuthorityDivisionMismatch = "authority_division_mismatch", "登记管理机关与区划不符", Consistency, Warning;
    CertExpired = "cert_expired", "登记证书已过有效期而登记状态为正常", Consistency, Warning;
    CertPeriodReversed = "cert_period_reversed", "登记证有效期截止早于起始", Consistency, Warning;
    CertBeforeFounding = "cert_before_founding", "登记证有效期起始早于成立登记日期", Consistency, Warning;
    FoundationName = "foundation_name", "基金会名称未以“基金会”结尾", Consistency, Warning;
    FundraisingWithoutCharity = "fundraising_without_charity", "有公开募捐资格但未认定为慈善组织", Consistency, Warning;
    FundraisingAfterEnd = "fundraising_after_end", "已注销或撤销仍标记公开募捐资格", Consistency, Warning;
    DuplicateName = "duplicate_name", "同一登记管理机关登记的名称重复", Duplicates, Warning;
}

impl Rule {
    /// The rule with this code.
    pub fn parse(code: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.code() == code)
    }
    /// Position in [`Rule::ALL`] (per-rule counters are indexed by it).
    pub fn index(self) -> usize {
        self as usize
    }
}

/// One rule broken by one record: which rule, the field (its Chinese column name, as import
/// reports and forms label it) and what is wrong, in Chinese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub rule: Rule,
    pub field: &'static str,
    pub message: String,
}

impl Problem {
    pub fn new(rule: Rule, field: &'static str, message: impl Into<String>) -> Self {
        Problem {
            rule,
            field,
            message: message.into(),
        }
    }
}
