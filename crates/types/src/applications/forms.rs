//! The form of each online service: the fields a registrar needs, and their parsing into
//! typed values. Every problem is reported with the field it concerns.
//!
//! The citizen ID number of a 拟任法定代表人 is deliberately not asked for: the platform
//! stores no ID numbers in applications (DESIGN: personal data only encrypted); the registrar
//! checks identity documents among the materials.
//!
//! The parsing of a submitted form, one function per service, is in `form_parse.rs`; the tests
//! of both in `forms_tests.rs`.

use crate::applications::procedure::ServiceKind;
use crate::{DivisionCode, EvalGrade, Fen, OrgKind};
use chrono::{Datelike, NaiveDate};

use crate::common::form::field as f;
pub use crate::common::form::{FieldError, FieldSpec, Input};

const ORG_KINDS: &[(&str, &str)] = &[
    ("social_group", "社会团体"),
    ("social_service", "社会服务机构"),
    ("foundation", "基金会"),
];

/// Registry fields a 变更登记 may change: (form code, label).
pub use crate::registry::fields::CHANGEABLE;

const GRADES: &[(&str, &str)] = &[
    ("1A", "1A级"),
    ("2A", "2A级"),
    ("3A", "3A级"),
    ("4A", "4A级"),
    ("5A", "5A级"),
];

use Input::{Money, Number, Select, Text, TextArea};

const ESTABLISH: &[FieldSpec] = &[
    f("name", "拟定名称", Text, true),
    f("org_kind", "社会组织类型", Select(ORG_KINDS), true),
    f("division", "登记管理机关行政区划代码", Text, true),
    f("address", "住所", Text, true),
    f("scope", "业务范围", TextArea, true),
    f("supervisor", "业务主管单位", Text, false),
    f("legal_rep", "拟任法定代表人", Text, true),
    f("capital", "注册资金/开办资金/原始基金（元）", Money, true),
    f("phone", "联系电话", Text, true),
];

const CHANGE: &[FieldSpec] = &[
    f("field", "变更事项", Select(CHANGEABLE), true),
    f("new_value", "变更后内容", Text, true),
    f("reason", "变更理由", TextArea, true),
];

const DEREGISTER: &[FieldSpec] = &[
    f("reason", "注销原因", TextArea, true),
    f("liquidation", "清算情况", TextArea, true),
];

const ANNUAL_REPORT: &[FieldSpec] = &[
    f("year", "报告年度", Number, true),
    f("income", "本年收入（元）", Money, true),
    f("expenditure", "本年支出（元）", Money, true),
    f("net_assets", "年末净资产（元）", Money, true),
    f("staff", "专职工作人员数", Number, true),
    f("members", "会员数（社会团体填写）", Number, false),
    f("activities", "主要业务活动", TextArea, true),
];

const EVALUATION: &[FieldSpec] = &[
    f("grade", "申请评估等级", Select(GRADES), true),
    f("self_assessment", "自评情况", TextArea, true),
];

const FUNDRAISING: &[FieldSpec] = &[
    f("purpose", "开展公开募捐的目的与计划", TextArea, true),
    f("governance", "内部治理与财务管理情况", TextArea, true),
];

const CREDIT_REMOVAL: &[FieldSpec] = &[
    f(
        "entry_id",
        "名录记录编号（信用信息中严重违法失信名单记录的编号）",
        Number,
        true,
    ),
    f(
        "statement",
        "申请理由及列入期间履行义务、完成整改情况",
        TextArea,
        true,
    ),
];

/// The fields of a service's form, in the order a registrar reads them.
pub fn fields(kind: ServiceKind) -> &'static [FieldSpec] {
    match kind {
        ServiceKind::Establish => ESTABLISH,
        ServiceKind::Change => CHANGE,
        ServiceKind::Deregister => DEREGISTER,
        ServiceKind::AnnualReport => ANNUAL_REPORT,
        ServiceKind::Evaluation => EVALUATION,
        ServiceKind::Fundraising => FUNDRAISING,
        ServiceKind::CreditRemoval => CREDIT_REMOVAL,
    }
}

/// A parsed 成立登记 form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EstablishForm {
    pub name: String,
    pub kind: OrgKind,
    pub division: DivisionCode,
    pub address: String,
    pub scope: String,
    pub supervisor: Option<String>,
    pub legal_rep: String,
    pub capital: Fen,
    pub phone: String,
}

/// A parsed 年度报告.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnualReportForm {
    pub year: i32,
    pub income: Fen,
    pub expenditure: Fen,
    pub net_assets: Fen,
    pub staff: i32,
    pub members: Option<i32>,
    pub activities: String,
}

/// A parsed form of any service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServiceForm {
    Establish(EstablishForm),
    Change {
        field: &'static str,
        new_value: String,
        reason: String,
    },
    Deregister {
        reason: String,
        liquidation: String,
    },
    AnnualReport(AnnualReportForm),
    Evaluation {
        grade: EvalGrade,
        self_assessment: String,
    },
    Fundraising {
        purpose: String,
        governance: String,
    },
    /// 申请移出严重违法失信名单: the entry (its number in the credit records) and what was done.
    CreditRemoval {
        entry_id: i64,
        statement: String,
    },
}

/// The legal minimum of registered money (注册资金/原始基金):
/// - 社会团体: 全国性 10万元, 地方性和跨行政区域 3万元 (《社会团体登记管理条例》第十条第五项);
/// - 基金会: 200万元, the minimum of a 非公开募捐基金会 (《基金会管理条例》第八条; 公募基金会
///   need 400万 locally and 800万 nationally — the registrar checks the type in review);
/// - 社会服务机构: no fixed national minimum (必要的财产, 《民办非企业单位登记管理暂行条例》
///   第八条), so any positive amount.
pub fn minimum_capital(kind: OrgKind, division: DivisionCode) -> Fen {
    match kind {
        OrgKind::SocialGroup if division == DivisionCode::NATIONAL => Fen(10_000_000),
        OrgKind::SocialGroup => Fen(3_000_000),
        OrgKind::Foundation => Fen(200_000_000),
        OrgKind::SocialService => Fen(1),
    }
}

pub use super::form_parse::parse;

/// Why an organization may not apply for 公开募捐资格.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FundraisingRefusal {
    #[error(
        "依法登记满一年的慈善组织方可申请公开募捐资格，该组织于{founded}成立登记，{eligible}起方可申请"
    )]
    TooEarly {
        founded: NaiveDate,
        eligible: NaiveDate,
    },
    #[error("只有慈善组织可以申请公开募捐资格，请先认定为慈善组织")]
    NotCharity,
    #[error("该组织已具有公开募捐资格")]
    AlreadyHas,
}

impl FundraisingRefusal {
    pub fn code(&self) -> crate::ErrorCode {
        match self {
            FundraisingRefusal::TooEarly { .. } => crate::ErrorCode::FundraisingTooEarly,
            FundraisingRefusal::NotCharity => crate::ErrorCode::FundraisingNotCharity,
            FundraisingRefusal::AlreadyHas => crate::ErrorCode::FundraisingAlreadyGranted,
        }
    }
}

/// 《慈善法》第二十二条 (as amended in 2023): a charity registered for at least one year may
/// apply for 公开募捐资格.
pub fn fundraising_eligible(
    founded: NaiveDate,
    charity: bool,
    already: bool,
    today: NaiveDate,
) -> Result<(), FundraisingRefusal> {
    if already {
        return Err(FundraisingRefusal::AlreadyHas);
    }
    if !charity {
        return Err(FundraisingRefusal::NotCharity);
    }
    let eligible = founded
        .with_year(founded.year() + 1)
        .unwrap_or_else(|| founded + chrono::Duration::days(366));
    if today < eligible {
        return Err(FundraisingRefusal::TooEarly { founded, eligible });
    }
    Ok(())
}

#[cfg(test)]
#[path = "forms_tests.rs"]
mod tests;
