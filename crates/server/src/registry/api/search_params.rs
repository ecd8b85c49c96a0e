//! Search parameters as they arrive (strings from a query string or a form) and their parsing
//! into a [`SearchQuery`]: the API and the results page share it, so both give the same
//! specific error for the same bad input.

use crate::error::ApiError;
use chrono::NaiveDate;
use gongyi_search::{SearchQuery, Sort};
use gongyi_types::ErrorCode;
use gongyi_types::{CreditStatus, DivisionCode, OrgKind, RegStatus};
use serde::{Deserialize, Serialize};

/// 检索参数原文；空字符串视为未提供（HTML 表单会提交空值）。
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RawSearch {
    /// 检索词：名称或其中的词语、统一社会信用代码（或其前 6 位及以上）、拼音或拼音首字母（如 zgsh）。
    pub q: Option<String>,
    /// 类型：social_group | social_service | foundation（也可用中文名称）。
    #[param(pattern = r"^(social_group|social_service|foundation)?$")]
    pub kind: Option<String>,
    /// 登记状态：active | suspended | deregistered | revoked。
    #[param(pattern = r"^(active|suspended|deregistered|revoked)?$")]
    pub status: Option<String>,
    /// 登记管理机关所在行政区划代码（GB/T 2260）：省级包含其下各市、县；100000 为全国性社会组织（民政部登记）。
    #[param(pattern = r"^([0-9]{6})?$")]
    pub division: Option<String>,
    /// 信用状态：normal | abnormal | serious。
    #[param(pattern = r"^(normal|abnormal|serious)?$")]
    pub credit: Option<String>,
    /// 是否为慈善组织：true / false。
    #[param(pattern = r"^(true|false|1|0|yes|no|on|是|否)?$")]
    pub charity: Option<String>,
    /// 是否具有公开募捐资格：true / false。
    #[param(pattern = r"^(true|false|1|0|yes|no|on|是|否)?$")]
    pub public_fundraising: Option<String>,
    /// 是否为志愿服务组织：true / false。
    #[param(pattern = r"^(true|false|1|0|yes|no|on|是|否)?$")]
    pub volunteer: Option<String>,
    /// 是否为行业协会商会：true / false。
    #[param(pattern = r"^(true|false|1|0|yes|no|on|是|否)?$")]
    pub trade_association: Option<String>,
    /// 成立日期不早于（YYYY-MM-DD）。
    #[param(pattern = r"^([0-9]{4}-[0-9]{2}-[0-9]{2})?$")]
    pub founded_from: Option<String>,
    /// 成立日期不晚于（YYYY-MM-DD）。
    #[param(pattern = r"^([0-9]{4}-[0-9]{2}-[0-9]{2})?$")]
    pub founded_to: Option<String>,
    /// 页码，从 1 开始。
    #[param(value_type = Option<u32>, minimum = 1)]
    pub page: Option<String>,
    /// 每页条数，1–100（默认 20）。
    #[param(value_type = Option<u32>, minimum = 1, maximum = 100)]
    pub per_page: Option<String>,
    /// 排序：relevance 相关度（默认；无检索词时为成立日期新到旧）| newest 成立日期新到旧 |
    /// oldest 成立日期旧到新 | status 登记状态 | name 名称（按拼音，不计登记地名前缀）。
    #[param(pattern = r"^(relevance|newest|oldest|status|name)?$")]
    pub sort: Option<String>,
    /// 查询结果页面的显示方式：cards 卡片（默认）| table 表格。仅页面使用，接口忽略。
    #[param(pattern = r"^(cards|table)?$")]
    pub view: Option<String>,
}

fn present(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn bool_param(name: &str, code: ErrorCode, s: &Option<String>) -> Result<Option<bool>, ApiError> {
    match present(s) {
        None => Ok(None),
        Some("true" | "1" | "yes" | "是" | "on") => Ok(Some(true)),
        Some("false" | "0" | "no" | "否") => Ok(Some(false)),
        Some(v) => Err(ApiError::new(
            code,
            format!("参数 {name} 的值“{v}”无效，应为 true 或 false"),
        )),
    }
}

fn date_param(
    name: &str,
    code: ErrorCode,
    s: &Option<String>,
) -> Result<Option<NaiveDate>, ApiError> {
    present(s)
        .map(|v| {
            NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| {
                ApiError::new(
                    code,
                    format!("参数 {name} 的值“{v}”不是有效日期，应为 YYYY-MM-DD"),
                )
            })
        })
        .transpose()
}

fn num_param(name: &str, code: ErrorCode, s: &Option<String>, max: u32) -> Result<u32, ApiError> {
    match present(s) {
        None => Ok(0),
        Some(v) => match v.parse::<u32>() {
            Ok(n) if n <= max => Ok(n),
            _ => Err(ApiError::new(
                code,
                format!("参数 {name} 的值“{v}”无效，应为 1 至 {max} 的整数"),
            )),
        },
    }
}

/// Full-width ASCII (as Chinese input methods type it) to half-width, and spaces collapsed.
pub fn normalize_text(s: &str) -> String {
    let t: String = s
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Traditional Chinese characters as simplified (協會 → 协会, by OpenCC's table as the legitimacy
/// lookup folds names), so a name typed in traditional characters finds the registered one;
/// letters and digits are left as typed (codes and pinyin).
pub fn simplified(s: &str) -> String {
    s.chars()
        .map(|c| {
            let cjk = matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}');
            if cjk {
                gongyi_screen::fold_char(c).unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}

impl RawSearch {
    pub fn parse(&self) -> Result<SearchQuery, ApiError> {
        let bad = |code: ErrorCode, e: &dyn std::fmt::Display| ApiError::new(code, e.to_string());
        let kind = present(&self.kind)
            .map(OrgKind::parse)
            .transpose()
            .map_err(|e| bad(ErrorCode::InvalidKind, &e))?;
        let status = present(&self.status)
            .map(RegStatus::parse)
            .transpose()
            .map_err(|e| bad(ErrorCode::InvalidStatus, &e))?;
        let credit = present(&self.credit)
            .map(CreditStatus::parse)
            .transpose()
            .map_err(|e| bad(ErrorCode::InvalidCredit, &e))?;
        let division = present(&self.division)
            .map(DivisionCode::parse)
            .transpose()
            .map_err(|e| bad(ErrorCode::InvalidDivision, &e))?;
        let founded_from = date_param(
            "founded_from",
            ErrorCode::InvalidFoundedFrom,
            &self.founded_from,
        )?;
        let founded_to = date_param("founded_to", ErrorCode::InvalidFoundedTo, &self.founded_to)?;
        if let (Some(a), Some(b)) = (founded_from, founded_to)
            && b < a
        {
            return Err(ApiError::new(
                ErrorCode::InvalidFoundedRange,
                "成立日期范围的结束日期早于开始日期",
            ));
        }
        let q = present(&self.q)
            .map(|q| simplified(&normalize_text(q)))
            .filter(|s| !s.is_empty());
        if q.as_ref().is_some_and(|q| q.chars().count() > 100) {
            return Err(ApiError::new(
                ErrorCode::QueryTooLong,
                "查询内容不能超过100个字符",
            ));
        }
        let sort = match present(&self.sort) {
            None => Sort::Relevance,
            Some(s) => Sort::parse(s).ok_or_else(|| {
                ApiError::new(
                    ErrorCode::InvalidSort,
                    format!("排序方式“{s}”无效，应为 relevance、newest、oldest、status 或 name"),
                )
            })?,
        };
        Ok(SearchQuery {
            q,
            sort,
            kind,
            status,
            credit,
            division,
            charity: bool_param("charity", ErrorCode::InvalidCharity, &self.charity)?,
            public_fundraising: bool_param(
                "public_fundraising",
                ErrorCode::InvalidPublicFundraising,
                &self.public_fundraising,
            )?,
            volunteer: bool_param("volunteer", ErrorCode::InvalidVolunteer, &self.volunteer)?,
            trade_association: bool_param(
                "trade_association",
                ErrorCode::InvalidTradeAssociation,
                &self.trade_association,
            )?,
            founded_from,
            founded_to,
            page: num_param("page", ErrorCode::InvalidPage, &self.page, 10_000)?.max(1),
            per_page: match num_param("per_page", ErrorCode::InvalidPerPage, &self.per_page, 100)? {
                0 => 20,
                n => n,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_strings_are_absent_and_bad_values_are_specific() {
        let raw = RawSearch {
            q: Some("  ".into()),
            kind: Some("".into()),
            ..Default::default()
        };
        let q = raw.parse().unwrap();
        assert!(q.q.is_none() && q.kind.is_none());
        assert_eq!(q.per_page, 20);
        let raw = RawSearch {
            kind: Some("club".into()),
            ..Default::default()
        };
        assert_eq!(raw.parse().unwrap_err().code, "invalid_kind");
        let raw = RawSearch {
            division: Some("999999".into()),
            ..Default::default()
        };
        assert_eq!(raw.parse().unwrap_err().code, "invalid_division");
        let raw = RawSearch {
            per_page: Some("1000".into()),
            ..Default::default()
        };
        assert_eq!(raw.parse().unwrap_err().code, "invalid_per_page");
    }

    #[test]
    fn full_width_input_is_normalized() {
        assert_eq!(normalize_text("ＺＧＳＨ　社会"), "ZGSH 社会");
        assert_eq!(simplified("中國社會工作協會 ZGSH"), "中国社会工作协会 ZGSH");
    }
}
