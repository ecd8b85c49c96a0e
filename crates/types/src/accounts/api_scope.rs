//! What a partner's API key opens (per-partner keys with scopes, issue 15 §2): the lookup, and
//! parts of the change feed. The feed is public data; a key gives a partner (a tax bureau, the
//! cyberspace administration, a platform) its own budget and its own view — the kinds of change
//! it asked for, of organizations registered in its area — and names who reads.

/// One scope of a key, stored as its code in `api_keys.scopes` (comma-separated).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ApiScope {
    /// `POST /api/v1/lookup` and `/api/v1/screen` at the key's rate.
    Lookup,
    /// Registrations and changes of organizations in the change feed.
    ChangesRegistry,
    /// Credit list actions (列入/移出), penalties and reports of organizations in the feed.
    ChangesCredit,
    /// Illegal-organization list batches in the feed.
    ChangesIllegal,
}

impl ApiScope {
    pub const ALL: [ApiScope; 4] = [
        Self::Lookup,
        Self::ChangesRegistry,
        Self::ChangesCredit,
        Self::ChangesIllegal,
    ];

    pub const fn code(self) -> &'static str {
        match self {
            Self::Lookup => "lookup",
            Self::ChangesRegistry => "changes:registry",
            Self::ChangesCredit => "changes:credit",
            Self::ChangesIllegal => "changes:illegal",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code.trim())
    }

    /// A comma-separated list of codes; the first unknown one is the error.
    pub fn parse_list(list: &str) -> Result<Vec<Self>, String> {
        list.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                Self::parse(s).ok_or_else(|| {
                    format!(
                        "未知的权限范围“{s}”，可用：{}",
                        Self::ALL.map(Self::code).join("、")
                    )
                })
            })
            .collect()
    }

    /// The scope a change-feed item belongs to, by its kind and action (`org.update`,
    /// `credit.list`, `illegal.publish` …); `None`: in no partner's scope.
    pub fn of_change(kind: &str, action: &str) -> Option<Self> {
        match kind {
            "illegal_batch" => Some(Self::ChangesIllegal),
            "org" if matches!(action, "org.create" | "org.import" | "org.update") => {
                Some(Self::ChangesRegistry)
            }
            "org" => Some(Self::ChangesCredit),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_parse_and_classify_changes() {
        assert_eq!(
            ApiScope::parse_list("lookup, changes:credit").unwrap(),
            [ApiScope::Lookup, ApiScope::ChangesCredit]
        );
        assert!(
            ApiScope::parse_list("changes:all")
                .unwrap_err()
                .contains("changes:all")
        );
        assert_eq!(
            ApiScope::of_change("org", "org.update"),
            Some(ApiScope::ChangesRegistry)
        );
        assert_eq!(
            ApiScope::of_change("org", "credit.list"),
            Some(ApiScope::ChangesCredit)
        );
        assert_eq!(
            ApiScope::of_change("illegal_batch", "illegal.publish"),
            Some(ApiScope::ChangesIllegal)
        );
        assert_eq!(ApiScope::of_change("case", "case.open"), None);
    }
}
