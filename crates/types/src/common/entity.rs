//! The kinds of entity an audit row is about, and which of them enter the public ledger.
//!
//! The transparency log publishes a leaf for every audit row of a public kind; personal
//! accounts (officials, applicants, and soon volunteers and donors) must never enter it. The
//! decision was a list of strings matched against free-text kinds (a typo dropped rows from the
//! log); it is this enum, so the compiler sees every site.

use serde::{Deserialize, Serialize};

/// What an audit row is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// A registered organization (registry record, credit, sections).
    Org,
    /// A batch of the illegal-organization list.
    IllegalBatch,
    /// An application of the online services, by its public number.
    Application,
    /// An enforcement case, by its case number.
    Case,
    /// An official's account.
    User,
    /// An applicant's account (organization or person).
    Applicant,
    /// An organization's account administration (activation codes).
    OrgAccount,
    /// A partner's API key.
    ApiKey,
    /// A lower node this node pulls records from (逐级汇总): its refusals. The records
    /// received are audited as `Org` rows and logged like any import.
    SyncSource,
}

impl EntityKind {
    /// Every kind, in a stable order.
    pub const ALL: [EntityKind; 9] = [
        Self::Org,
        Self::IllegalBatch,
        Self::Application,
        Self::Case,
        Self::User,
        Self::Applicant,
        Self::OrgAccount,
        Self::ApiKey,
        Self::SyncSource,
    ];

    /// The code stored in `audit_log.entity_kind`.
    pub const fn code(self) -> &'static str {
        match self {
            Self::Org => "org",
            Self::IllegalBatch => "illegal_batch",
            Self::Application => "application",
            Self::Case => "case",
            Self::User => "user",
            Self::Applicant => "applicant",
            Self::OrgAccount => "org_account",
            Self::ApiKey => "api_key",
            Self::SyncSource => "sync_source",
        }
    }

    /// The kind of a stored code.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Whether rows of this kind are published in the transparency log. Accounts are personal
    /// or security data and never are.
    pub const fn public(self) -> bool {
        match self {
            Self::Org | Self::IllegalBatch | Self::Application | Self::Case => true,
            Self::User | Self::Applicant | Self::OrgAccount | Self::ApiKey | Self::SyncSource => {
                false
            }
        }
    }
}

impl std::fmt::Display for EntityKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_accounts_stay_private() {
        for k in EntityKind::ALL {
            assert_eq!(EntityKind::parse(k.code()), Some(k));
        }
        let public: Vec<_> = EntityKind::ALL
            .into_iter()
            .filter(|k| k.public())
            .map(EntityKind::code)
            .collect();
        assert_eq!(public, ["org", "illegal_batch", "application", "case"]);
        assert_eq!(EntityKind::parse("nonsense"), None);
    }
}
