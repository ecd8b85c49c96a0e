//! Who may act on what: an official acts only with their role and only on organizations
//! registered in their division or below (a division-code prefix, GB/T 2260).

use crate::error::ApiError;
use gongyi_types::DivisionCode;
use gongyi_types::ErrorCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Manages accounts and acts on the registry within the jurisdiction.
    Admin,
    /// Registration officer: edits registry records within the jurisdiction.
    Officer,
    /// Reads the admin pages only.
    Viewer,
}

impl Role {
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "admin" => Some(Role::Admin),
            "officer" => Some(Role::Officer),
            "viewer" => Some(Role::Viewer),
            _ => None,
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Officer => "officer",
            Role::Viewer => "viewer",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "管理员",
            Role::Officer => "登记管理工作人员",
            Role::Viewer => "只读用户",
        }
    }
}

/// A logged-in official.
#[derive(Debug, Clone)]
pub struct Official {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub division: DivisionCode,
}

/// What an official reads or acts on, for the message of a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// A registered organization (registered by its division's authority).
    Org,
    /// An application (routed to a division's authority).
    Application,
    /// An enforcement case (handled by a division's authority).
    Case,
}

impl Subject {
    fn phrase(self, d: DivisionCode) -> String {
        match self {
            Subject::Org => format!("该组织由{}登记管理", d.full_name()),
            Subject::Application => format!("该申请由{}受理", d.full_name()),
            Subject::Case => format!("该案件由{}管辖", d.full_name()),
        }
    }
    fn role_refusal(self) -> &'static str {
        match self {
            Subject::Org => "当前账号为只读用户，不能修改登记信息",
            Subject::Application => "当前账号为只读用户，不能办理申请",
            Subject::Case => "当前账号为只读用户，不能办理案件",
        }
    }
}

impl Official {
    /// The one jurisdiction rule (GB/T 2260 containment): an official reads what lies in their
    /// division or below; 403 `outside_jurisdiction` otherwise.
    pub fn may_read_in(&self, d: DivisionCode, what: Subject) -> Result<(), ApiError> {
        if self.division.contains(d) {
            Ok(())
        } else {
            Err(ApiError::new(
                ErrorCode::OutsideJurisdiction,
                format!(
                    "{}，不在您的管辖范围（{}）内",
                    what.phrase(d),
                    self.division.full_name()
                ),
            ))
        }
    }
    /// Reading plus the role: a viewer acts on nothing (403 `role_forbidden`).
    pub fn may_act_in(&self, d: DivisionCode, what: Subject) -> Result<(), ApiError> {
        if self.role == Role::Viewer {
            return Err(ApiError::new(ErrorCode::RoleForbidden, what.role_refusal()));
        }
        self.may_read_in(d, what)
    }
    /// Writes to an organization registered in `org_division`.
    pub fn may_edit(&self, org_division: DivisionCode) -> Result<(), ApiError> {
        self.may_act_in(org_division, Subject::Org)
    }
    /// The audit-trail actor string.
    pub fn actor(&self) -> String {
        format!("user:{}", self.username)
    }
}
