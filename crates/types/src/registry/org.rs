//! The closed vocabularies of the registry: kinds, statuses, credit lists, grades.
//!
//! Each value has a stable snake_case code (API, database) and a Chinese label (pages,
//! spreadsheets); both parse, so a registrar's spreadsheet saying `基金会` imports as well as
//! an API client saying `foundation`.

use serde::{Deserialize, Serialize};

/// A code or label that is not one of an enum's values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("“{value}”不是有效的{what}，可选值：{allowed}")]
pub struct UnknownCode {
    pub what: &'static str,
    pub value: String,
    pub allowed: String,
}

macro_rules! code_enum {
    ($(#[$m:meta])* $name:ident, $what:literal { $($var:ident = $code:literal, $label:literal $(| $alias:literal)*;)+ }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub enum $name {
            $(#[serde(rename = $code)] $var,)+
        }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$var,)+];
            /// (code, label) of every value: the choices of a form's select.
            pub const CHOICES: &'static [(&'static str, &'static str)] = &[$(($code, $label),)+];
            /// Stable machine code.
            pub fn code(self) -> &'static str {
                match self { $($name::$var => $code,)+ }
            }
            /// Chinese label.
            pub fn label(self) -> &'static str {
                match self { $($name::$var => $label,)+ }
            }
            /// Parses a code or a Chinese label (or a known alias).
            pub fn parse(s: &str) -> Result<Self, UnknownCode> {
                let t = s.trim();
                $(if t == $code || t == $label $(|| t == $alias)* { return Ok($name::$var); })+
                Err(UnknownCode {
                    what: $what,
                    value: s.to_string(),
                    allowed: [$(concat!($code, "/", $label),)+].join("、"),
                })
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

pub(crate) use code_enum;

code_enum!(
    /// 社会组织类型：民政部门登记的三类社会组织（GB 32100 机构类别 1/2/3）。
    OrgKind, "社会组织类型" {
        SocialGroup = "social_group", "社会团体";
        SocialService = "social_service", "社会服务机构" | "民办非企业单位" | "社会服务机构(民办非企业单位)" | "民办非企业单位(社会服务机构)";
        Foundation = "foundation", "基金会";
    }
);

impl OrgKind {
    /// What the registered money is called for this kind: 注册资金 / 开办资金 / 原始基金.
    pub fn capital_label(self) -> &'static str {
        match self {
            Self::SocialGroup => "注册资金",
            Self::SocialService => "开办资金",
            Self::Foundation => "原始基金",
        }
    }
    /// GB 32100 category character for 民政 codes.
    pub fn uscc_category(self) -> char {
        match self {
            Self::SocialGroup => '1',
            Self::SocialService => '2',
            Self::Foundation => '3',
        }
    }
}

code_enum!(
    /// 登记状态。
    RegStatus, "登记状态" {
        Active = "active", "正常" | "存续";
        Suspended = "suspended", "限期停止活动";
        Deregistered = "deregistered", "已注销" | "注销";
        Revoked = "revoked", "已撤销" | "撤销";
    }
);

code_enum!(
    /// 信用状态，由民政部令第60号规定的两个名录得出。
    CreditStatus, "信用状态" {
        Normal = "normal", "正常";
        Abnormal = "abnormal", "活动异常名录";
        Serious = "serious", "严重违法失信名单";
    }
);

code_enum!(
    /// 社会组织信用信息管理办法（民政部令第60号）规定的两个名录。
    ListKind, "名录类型" {
        Abnormal = "abnormal", "活动异常名录";
        Serious = "serious", "严重违法失信名单";
    }
);

impl ListKind {
    pub fn credit_status(self) -> CreditStatus {
        match self {
            Self::Abnormal => CreditStatus::Abnormal,
            Self::Serious => CreditStatus::Serious,
        }
    }
}

code_enum!(
    /// 评估等级 1A–5A（社会组织评估管理办法），有效期5年。
    EvalGrade, "评估等级" {
        A1 = "1A", "1A级" | "A";
        A2 = "2A", "2A级" | "AA";
        A3 = "3A", "3A级" | "AAA";
        A4 = "4A", "4A级" | "AAAA";
        A5 = "5A", "5A级" | "AAAAA";
    }
);

impl EvalGrade {
    /// Years a grade stays valid (社会组织评估管理办法 第二十八条).
    pub const VALID_YEARS: i32 = 5;
}

code_enum!(
    /// 年检结论。
    InspectionResult, "年检结论" {
        Qualified = "qualified", "合格";
        BasicallyQualified = "basically_qualified", "基本合格";
        Unqualified = "unqualified", "不合格";
        NotFiled = "not_filed", "未参检" | "未报送";
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_labels_and_aliases() {
        assert_eq!(OrgKind::parse("foundation"), Ok(OrgKind::Foundation));
        assert_eq!(OrgKind::parse("民办非企业单位"), Ok(OrgKind::SocialService));
        assert_eq!(EvalGrade::parse("AAAA"), Ok(EvalGrade::A4));
        let e = RegStatus::parse("休眠").unwrap_err();
        assert!(e.to_string().contains("登记状态"));
        assert!(e.to_string().contains("active/正常"));
    }

    #[test]
    fn serde_uses_codes() {
        assert_eq!(serde_json::to_string(&EvalGrade::A5).unwrap(), "\"5A\"");
    }
}

code_enum!(
    /// 非法社会组织名单的两类条目（民政部分别公布涉嫌非法社会组织名单和已取缔非法社会组织名单）。
    IllegalKind, "非法社会组织类别" {
        Suspected = "suspected", "涉嫌非法社会组织" | "涉嫌";
        Banned = "banned", "已取缔非法社会组织" | "已取缔" | "取缔";
    }
);
