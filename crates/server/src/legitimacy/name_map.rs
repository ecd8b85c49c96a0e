//! Registered organizations by normalized name (`gongyi_screen::normalize_name`) and by code.
//!
//! Compact on purpose: the table holds every registered organization (1,000,000 in the
//! registry benchmark) inside a server that must stay under 1 GiB resident (issue 2). A slot is
//! the code as 18 bytes, the name once, and four small enums (about 100 bytes with the name);
//! the name index keeps a 64-bit hash of the normalized name, not the name, and a lookup
//! confirms a hit by normalizing the stored name again, so a hash collision is never an answer.

use crate::error::ApiError;
use gongyi_screen::normalize_name;
use gongyi_store::Store;
use gongyi_store::registry::orgs::OrgBriefRow;
use gongyi_types::{CreditStatus, DivisionCode, OrgKind, Organization, RegStatus};
use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};

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

/// One organization in the table.
#[derive(Debug, Clone)]
struct Slot {
    uscc: [u8; 18],
    division: DivisionCode,
    kind: OrgKind,
    status: RegStatus,
    credit: CreditStatus,
    name: Box<str>,
}

impl Slot {
    fn from_brief(o: &OrgBriefRow) -> Option<Self> {
        Some(Self {
            uscc: o.uscc.as_bytes().try_into().ok()?,
            division: o.division,
            kind: o.kind,
            status: o.status,
            credit: o.credit,
            name: o.name.as_str().into(),
        })
    }

    fn new(o: &Organization) -> Option<Self> {
        Some(Self {
            uscc: o.uscc.as_str().as_bytes().try_into().ok()?,
            division: o.division,
            kind: o.kind,
            status: o.status,
            credit: o.credit,
            name: o.name.as_str().into(),
        })
    }
    fn code(&self) -> &str {
        std::str::from_utf8(&self.uscc).unwrap_or_default()
    }
    fn brief(&self) -> OrgBrief {
        OrgBrief {
            uscc: self.code().to_string(),
            name: self.name.to_string(),
            kind: self.kind,
            status: self.status,
            division: self.division.to_string(),
            credit: self.credit,
        }
    }
}

/// The slots under one name hash: nearly always one.
#[derive(Debug, Clone)]
enum Slots {
    One(u32),
    Many(Vec<u32>),
}

impl Slots {
    fn as_slice(&self) -> &[u32] {
        match self {
            Slots::One(i) => std::slice::from_ref(i),
            Slots::Many(v) => v,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct NameMap {
    slots: Vec<Slot>,
    by_code: HashMap<[u8; 18], u32>,
    /// Hash of the normalized name → slots (two registrars may register the same name).
    by_name: HashMap<u64, Slots>,
    hasher: RandomState,
}

impl NameMap {
    /// Reads every organization (the six columns it keeps), 20,000 at a time in code order.
    pub async fn load(store: &Store) -> Result<Self, ApiError> {
        let mut map = Self::default();
        let mut after: Option<String> = None;
        loop {
            let page = store.org_briefs_after(after.as_deref(), 20_000).await?;
            let Some(last) = page.last() else { break };
            after = Some(last.uscc.clone());
            for o in &page {
                if let Some(slot) = Slot::from_brief(o) {
                    map.put(slot);
                }
            }
        }
        map.slots.shrink_to_fit();
        Ok(map)
    }

    pub fn from_orgs<'a>(orgs: impl IntoIterator<Item = &'a Organization>) -> Self {
        let mut map = Self::default();
        for o in orgs {
            map.upsert(o);
        }
        map
    }

    fn key_hash(&self, normalized: &str) -> u64 {
        self.hasher.hash_one(normalized)
    }

    fn unlink_name(&mut self, slot: u32) {
        let Some(s) = self.slots.get(slot as usize) else {
            return;
        };
        let h = self.key_hash(&normalize_name(&s.name));
        let empty = match self.by_name.get_mut(&h) {
            Some(Slots::One(i)) => *i == slot,
            Some(Slots::Many(v)) => {
                v.retain(|i| *i != slot);
                v.is_empty()
            }
            None => false,
        };
        if empty {
            self.by_name.remove(&h);
        }
    }

    fn link_name(&mut self, slot: u32) {
        let Some(s) = self.slots.get(slot as usize) else {
            return;
        };
        let h = self.key_hash(&normalize_name(&s.name));
        match self.by_name.get_mut(&h) {
            None => {
                self.by_name.insert(h, Slots::One(slot));
            }
            Some(Slots::One(i)) => {
                let first = *i;
                self.by_name.insert(h, Slots::Many(vec![first, slot]));
            }
            Some(Slots::Many(v)) => v.push(slot),
        }
    }

    /// Adds an organization, or replaces the record with its code (its name may have changed).
    pub fn upsert(&mut self, o: &Organization) {
        if let Some(new) = Slot::new(o) {
            self.put(new);
        }
    }

    fn put(&mut self, new: Slot) {
        match self.by_code.get(&new.uscc).copied() {
            Some(i) => {
                self.unlink_name(i);
                if let Some(s) = self.slots.get_mut(i as usize) {
                    *s = new;
                }
                self.link_name(i);
            }
            None => {
                let Ok(i) = u32::try_from(self.slots.len()) else {
                    return;
                };
                self.by_code.insert(new.uscc, i);
                self.slots.push(new);
                self.link_name(i);
            }
        }
    }

    /// Replaces a record (its name may have changed).
    pub fn replace(&mut self, _old: &Organization, new: &Organization) {
        self.upsert(new);
    }

    /// Sets the credit standing of the organization with this code (no-op if unknown).
    pub fn set_credit(&mut self, uscc: &str, credit: CreditStatus) {
        let Ok(code) = <[u8; 18]>::try_from(uscc.as_bytes()) else {
            return;
        };
        if let Some(s) = self
            .by_code
            .get(&code)
            .and_then(|i| self.slots.get_mut(*i as usize))
        {
            s.credit = credit;
        }
    }

    /// The organizations registered under this normalized name.
    pub fn by_normalized(&self, key: &str) -> Vec<OrgBrief> {
        let Some(slots) = self.by_name.get(&self.key_hash(key)) else {
            return Vec::new();
        };
        slots
            .as_slice()
            .iter()
            .filter_map(|i| self.slots.get(*i as usize))
            .filter(|s| normalize_name(&s.name) == key)
            .map(Slot::brief)
            .collect()
    }

    pub fn by_code(&self, uscc: &str) -> Option<OrgBrief> {
        let code: [u8; 18] = uscc.as_bytes().try_into().ok()?;
        let i = self.by_code.get(&code)?;
        self.slots.get(*i as usize).map(Slot::brief)
    }

    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongyi_synth::Synth;

    #[test]
    fn finds_by_name_and_code_and_follows_renames() {
        let synth = Synth::new(7, chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
        let mut orgs: Vec<Organization> = (0..200).map(|i| synth.org(i).0).collect();
        let mut map = NameMap::from_orgs(&orgs);
        assert_eq!(map.len(), 200);
        for o in &orgs {
            let b = map.by_code(o.uscc.as_str()).unwrap();
            assert_eq!(b.name, o.name);
            let hits = map.by_normalized(&normalize_name(&o.name));
            assert!(hits.iter().any(|h| h.uscc == o.uscc.as_str()), "{}", o.name);
        }
        // A rename moves the name key; the old name no longer finds it.
        let old = orgs[3].clone();
        orgs[3].name = "北京市改名以后的测试协会".into();
        map.replace(&old, &orgs[3]);
        assert!(
            map.by_normalized(&normalize_name(&old.name))
                .iter()
                .all(|h| h.uscc != old.uscc.as_str())
        );
        assert_eq!(
            map.by_normalized(&normalize_name("北京市改名以后的测试协会"))[0].uscc,
            old.uscc.as_str()
        );
        assert_eq!(map.len(), 200);
        // Two organizations with one name (two registrars) are both found.
        let mut twin = orgs[5].clone();
        twin.uscc = orgs[6].uscc.clone();
        twin.name = orgs[5].name.clone();
        map.upsert(&twin);
        assert_eq!(map.by_normalized(&normalize_name(&orgs[5].name)).len(), 2);
        assert!(map.by_code("not a code").is_none());
        map.set_credit(orgs[9].uscc.as_str(), CreditStatus::Serious);
        assert_eq!(
            map.by_code(orgs[9].uscc.as_str()).unwrap().credit,
            CreditStatus::Serious
        );
    }
}
