//! Who may act on what: an official acts only with their role and only on organizations
//! registered in their division or below (a division-code prefix, GB/T 2260).

use crate::error::ApiError;
use gongyi_types::DivisionCode;

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

impl Official {
    /// The jurisdiction rule for writes to an organization registered in `org_division`.
    pub fn may_edit(&self, org_division: DivisionCode) -> Result<(), ApiError> {
        if self.role == Role::Viewer {
            return Err(ApiError::forbidden(
                "role_forbidden",
                "当前账号为只读用户，不能修改登记信息",
            ));
        }
        if !self.division.contains(org_division) {
            return Err(ApiError::forbidden(
                "outside_jurisdiction",
                format!(
                    "该组织由{}登记管理，不在您的管辖范围（{}）内",
                    org_division.full_name(),
                    self.division.full_name()
                ),
            ));
        }
        Ok(())
    }
    /// The audit-trail actor string.
    pub fn actor(&self) -> String {
        format!("user:{}", self.username)
    }
}
