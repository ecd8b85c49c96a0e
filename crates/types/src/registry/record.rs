//! The legal-person record of a social organization (法人库) and the sections of its public
//! profile. These are domain values, already validated; storage rows and API responses are
//! separate types in their own crates.

use crate::{
    CreditStatus, DivisionCode, EvalGrade, Fen, InspectionResult, ListKind, OrgKind, RegStatus,
    Uscc,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// 法人库的筛选标记（慈善组织 / 公开募捐资格 / 志愿服务组织 / 行业协会商会）。
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgFlags {
    pub charity: bool,
    pub public_fundraising: bool,
    pub volunteer: bool,
    pub trade_association: bool,
}

/// One of the registry's flags: its code (API, forms, search facets) and its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    Charity,
    PublicFundraising,
    Volunteer,
    TradeAssociation,
}

impl Flag {
    /// Every flag, in the order pages show them.
    pub const ALL: [Flag; 4] = [
        Flag::Charity,
        Flag::PublicFundraising,
        Flag::Volunteer,
        Flag::TradeAssociation,
    ];
    pub const fn code(self) -> &'static str {
        match self {
            Flag::Charity => "charity",
            Flag::PublicFundraising => "public_fundraising",
            Flag::Volunteer => "volunteer",
            Flag::TradeAssociation => "trade_association",
        }
    }
    /// The column or field name (慈善组织 …).
    pub const fn label(self) -> &'static str {
        match self {
            Flag::Charity => "慈善组织",
            Flag::PublicFundraising => "公开募捐资格",
            Flag::Volunteer => "志愿服务组织",
            Flag::TradeAssociation => "行业协会商会",
        }
    }
    /// As a property of an organization (具有公开募捐资格 …).
    pub const fn as_property(self) -> &'static str {
        match self {
            Flag::PublicFundraising => "具有公开募捐资格",
            f => f.label(),
        }
    }
    pub fn parse(code: &str) -> Option<Flag> {
        Flag::ALL.into_iter().find(|f| f.code() == code)
    }
}

impl OrgFlags {
    pub const fn get(&self, f: Flag) -> bool {
        match f {
            Flag::Charity => self.charity,
            Flag::PublicFundraising => self.public_fundraising,
            Flag::Volunteer => self.volunteer,
            Flag::TradeAssociation => self.trade_association,
        }
    }
    /// The flags set, in order.
    pub fn set(&self) -> impl Iterator<Item = Flag> + '_ {
        Flag::ALL.into_iter().filter(|f| self.get(*f))
    }
}

/// One organization's registry record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Organization {
    pub uscc: Uscc,
    pub name: String,
    pub kind: OrgKind,
    pub status: RegStatus,
    /// Division of the registration authority (登记管理机关): the jurisdiction key.
    pub division: DivisionCode,
    /// 登记管理机关, e.g. `北京市民政局`.
    pub authority: String,
    /// 业务主管单位 (none for directly registered organizations).
    pub supervisor: Option<String>,
    pub legal_rep: String,
    pub founded: NaiveDate,
    /// 注册资金 / 开办资金 / 原始基金 (see [`OrgKind::capital_label`]).
    pub capital: Fen,
    pub address: String,
    pub scope: String,
    /// 登记证号 and its validity.
    pub cert_no: String,
    pub cert_valid_from: Option<NaiveDate>,
    pub cert_valid_to: Option<NaiveDate>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub flags: OrgFlags,
    /// Derived from the list entries; kept on the record so search can filter by it.
    pub credit: CreditStatus,
}

/// 年检/年报结果。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Inspection {
    pub year: i32,
    pub result: InspectionResult,
    pub decided_on: Option<NaiveDate>,
}

/// 评估等级及其有效期（5年）。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Evaluation {
    pub grade: EvalGrade,
    pub awarded_on: NaiveDate,
    pub valid_until: NaiveDate,
    pub authority: String,
}

/// 表彰。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Honor {
    pub title: String,
    pub issuer: String,
    pub awarded_on: NaiveDate,
}

/// 行政处罚。
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Penalty {
    /// 决定书文号。
    pub doc_no: String,
    pub reason: String,
    pub basis: String,
    pub result: String,
    pub fine: Option<Fen>,
    pub decided_on: NaiveDate,
    pub authority: String,
}

/// 变更记录：某一字段变更前后的值。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Change {
    pub changed_on: NaiveDate,
    pub field: String,
    pub before: String,
    pub after: String,
}

/// 活动异常名录或严重违法失信名单中的一条记录。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ListEntry {
    pub list: ListKind,
    pub listed_on: NaiveDate,
    pub listed_reason: String,
    pub listed_by: String,
    pub removed_on: Option<NaiveDate>,
    pub removed_reason: Option<String>,
}

/// 年度工作报告摘要。
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnnualReport {
    pub year: i32,
    pub filed_on: NaiveDate,
    pub income: Fen,
    pub expenditure: Fen,
    pub net_assets: Fen,
    pub staff: i32,
    pub members: Option<i32>,
    pub summary: String,
}

/// 一个社会组织公开信息的全部栏目。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Sections {
    pub inspections: Vec<Inspection>,
    pub evaluations: Vec<Evaluation>,
    pub honors: Vec<Honor>,
    pub penalties: Vec<Penalty>,
    pub changes: Vec<Change>,
    pub list_entries: Vec<ListEntry>,
    pub annual_reports: Vec<AnnualReport>,
}

impl Sections {
    /// Credit standing from the list entries still in force (serious outranks abnormal).
    pub fn credit_status(&self) -> CreditStatus {
        let active = |k| {
            self.list_entries
                .iter()
                .any(|e| e.list == k && e.removed_on.is_none())
        };
        if active(ListKind::Serious) {
            CreditStatus::Serious
        } else if active(ListKind::Abnormal) {
            CreditStatus::Abnormal
        } else {
            CreditStatus::Normal
        }
    }
}

/// A rule of the record broken: which field (its Chinese column name, as import reports and
/// forms label it) and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleViolation {
    pub field: &'static str,
    pub message: String,
}

impl Organization {
    /// Rules across fields that single-field parsing cannot see. Returns every problem found.
    pub fn check(&self) -> Vec<RuleViolation> {
        let mut errs = vec![];
        let mut bad = |field, message: String| errs.push(RuleViolation { field, message });
        let name_len = self.name.chars().count();
        if !(2..=100).contains(&name_len) {
            bad("名称", format!("名称应为2至100个字符，实际为{name_len}个"));
        }
        if let Some(k) = self.uscc.org_kind()
            && k != self.kind
        {
            bad(
                "类型",
                format!(
                    "统一社会信用代码第2位表示{}，与类型“{}”不符",
                    k.label(),
                    self.kind.label()
                ),
            );
        }
        if self.legal_rep.trim().is_empty() {
            bad("法定代表人", "法定代表人不能为空".to_string());
        }
        if self.authority.trim().is_empty() {
            bad("登记管理机关", "登记管理机关不能为空".to_string());
        }
        if self.capital.0 < 0 {
            bad(self.kind.capital_label(), "金额不能为负数".to_string());
        }
        if let (Some(a), Some(b)) = (self.cert_valid_from, self.cert_valid_to)
            && b < a
        {
            bad("登记证有效期至", "有效期截止日期早于起始日期".to_string());
        }
        errs
    }
}

/// One field that differs between two versions of a record, with display values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldDiff {
    pub field: &'static str,
    pub before: String,
    pub after: String,
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}
fn opt_date(d: &Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}
fn yes_no(b: bool) -> String {
    if b { "是" } else { "否" }.to_string()
}

impl Organization {
    /// The registry fields as (Chinese label, display value), in the order of a registrar's
    /// form. Used for 变更记录 and for change detection on import.
    pub fn fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("名称", self.name.clone()),
            ("类型", self.kind.label().to_string()),
            ("登记状态", self.status.label().to_string()),
            ("登记管理机关区划", self.division.to_string()),
            ("登记管理机关", self.authority.clone()),
            ("业务主管单位", opt(&self.supervisor)),
            ("法定代表人", self.legal_rep.clone()),
            ("成立登记日期", self.founded.to_string()),
            (self.kind.capital_label(), self.capital.yuan_plain()),
            ("住所", self.address.clone()),
            ("业务范围", self.scope.clone()),
            ("登记证号", self.cert_no.clone()),
            ("登记证有效期起", opt_date(&self.cert_valid_from)),
            ("登记证有效期至", opt_date(&self.cert_valid_to)),
            ("联系电话", opt(&self.phone)),
            ("电子邮箱", opt(&self.email)),
            ("网站", opt(&self.website)),
            (Flag::Charity.label(), yes_no(self.flags.charity)),
            (
                Flag::PublicFundraising.label(),
                yes_no(self.flags.public_fundraising),
            ),
            (Flag::Volunteer.label(), yes_no(self.flags.volunteer)),
            (
                Flag::TradeAssociation.label(),
                yes_no(self.flags.trade_association),
            ),
            ("信用状态", self.credit.label().to_string()),
        ]
    }

    /// Fields whose value differs from `before` (field by field, in form order).
    pub fn diff(&self, before: &Organization) -> Vec<FieldDiff> {
        before
            .fields()
            .into_iter()
            .zip(self.fields())
            .filter(|((_, b), (_, a))| a != b)
            .map(|((_, b), (field, a))| FieldDiff {
                field,
                before: b,
                after: a,
            })
            .collect()
    }
}
