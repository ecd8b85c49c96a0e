//! Registered organizations by normalized name (`gongyi_screen::normalize_name`) and by code.

use crate::error::ApiError;
use gongyi_screen::normalize_name;
use gongyi_store::Store;
use gongyi_types::{CreditStatus, OrgKind, Organization, RegStatus};
use std::collections::HashMap;

/// What the lookup tells about a registered organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgBrief {
    pub uscc: String,
    pub name: String,
    pub kind: OrgKind,
    pub status: RegStatus,
    pub division: String,
    pub credit: CreditStatus,
}

impl OrgBrief {
    pub fn new(o: &Organization) -> Self {
        Self {
            uscc: o.uscc.to_string(),
            name: o.name.clone(),
            kind: o.kind,
            status: o.status,
            division: o.division.to_string(),
            credit: o.credit,
        }
    }
}

/// About 150 bytes per organization: 1,000,000 organizations take some 150 MB.
#[derive(Debug, Clone, Default)]
pub struct NameMap {
    by_code: HashMap<String, OrgBrief>,
    /// Normalized name → codes (two registrars may register the same name).
    by_name: HashMap<String, Vec<String>>,
}

impl NameMap {
    /// Reads every organization, 10,000 at a time in code order.
    pub async fn load(store: &Store) -> Result<Self, ApiError> {
        let mut map = Self::default();
        let mut after: Option<String> = None;
        loop {
            let page = store.orgs_after(after.as_deref(), 10_000).await?;
            let Some(last) = page.last() else { break };
            after = Some(last.uscc.to_string());
            for o in &page {
                map.insert(OrgBrief::new(o));
            }
        }
        Ok(map)
    }

    pub fn from_orgs<'a>(orgs: impl IntoIterator<Item = &'a Organization>) -> Self {
        let mut map = Self::default();
        for o in orgs {
            map.insert(OrgBrief::new(o));
        }
        map
    }

    fn insert(&mut self, b: OrgBrief) {
        let codes = self.by_name.entry(normalize_name(&b.name)).or_default();
        if !codes.contains(&b.uscc) {
            codes.push(b.uscc.clone());
        }
        self.by_code.insert(b.uscc.clone(), b);
    }

    /// Replaces a record (its name may have changed).
    pub fn replace(&mut self, old: &Organization, new: &Organization) {
        let key = normalize_name(&old.name);
        if let Some(codes) = self.by_name.get_mut(&key) {
            codes.retain(|c| c != old.uscc.as_str());
            if codes.is_empty() {
                self.by_name.remove(&key);
            }
        }
        self.by_code.remove(old.uscc.as_str());
        self.insert(OrgBrief::new(new));
    }

    /// The organizations registered under this normalized name.
    pub fn by_normalized(&self, key: &str) -> Vec<&OrgBrief> {
        self.by_name
            .get(key)
            .map(|codes| codes.iter().filter_map(|c| self.by_code.get(c)).collect())
            .unwrap_or_default()
    }

    pub fn by_code(&self, uscc: &str) -> Option<&OrgBrief> {
        self.by_code.get(uscc)
    }

    pub fn len(&self) -> usize {
        self.by_code.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_code.is_empty()
    }
}
