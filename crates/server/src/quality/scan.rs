//! One pass over the registry: pages of 5,000 records in code order (keyset paging, as export
//! does) in several code ranges read side by side, each page examined on a blocking thread
//! while the next one is read, then the duplicate names of the whole pass.
//!
//! Duplicates need every name of a division at once. A record leaves 40 bytes — (division,
//! 64-bit hash of the folded name, code, place of its name) — and its name in one text arena
//! (≈ 36 bytes), ≈ 76 MB at 1,000,000 records for the length of the pass, instead of a
//! `String` each. Reading the shared-hash records back from the store instead cost 35 s of
//! 50 at 1,000,000 synthetic records, 11 % of which share a name with another of their
//! division. Names sharing a hash are confirmed by folding them again (a collision splits).

use super::QualityError;
use super::model::ProblemRow;
use chrono::NaiveDate;
use gongyi_screen::normalize_name;
use gongyi_store::Store;
use gongyi_types::quality::{check, duplicate_groups, duplicate_problem};
use gongyi_types::{DivisionCode, Organization, Uscc};
use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::sync::Semaphore;

/// Records per page read from the store.
pub const PAGE: i64 = 5000;

/// A record in the duplicate search: its code and where its name is in [`Found::text`].
#[derive(Clone, Copy)]
struct Named {
    code: [u8; 18],
    start: u32,
    len: u32,
}

/// (registrar division, hash of the folded name, record).
type NameKey = (DivisionCode, u64, Named);

/// What one page (or the whole pass) found.
#[derive(Default)]
pub struct Found {
    pub orgs: HashMap<DivisionCode, u64>,
    pub rows: Vec<ProblemRow>,
    names: Vec<NameKey>,
    /// The names of `names`, one after the other.
    text: String,
}

impl Found {
    fn merge(&mut self, page: Found) {
        for (d, n) in page.orgs {
            *self.orgs.entry(d).or_default() += n;
        }
        self.rows.extend(page.rows);
        let base = self.text.len() as u32;
        self.text.push_str(&page.text);
        self.names
            .extend(page.names.into_iter().map(|(d, h, mut n)| {
                n.start += base;
                (d, h, n)
            }));
    }

    fn name(&self, n: &Named) -> &str {
        let (s, e) = (n.start as usize, (n.start + n.len) as usize);
        self.text.get(s..e).unwrap_or_default()
    }
}

fn name_hash(folded: &str) -> u64 {
    BuildHasherDefault::<DefaultHasher>::default().hash_one(folded)
}

/// The rules on one page of records (those inside `scope`).
fn examine(page: Vec<Organization>, today: NaiveDate, scope: DivisionCode) -> Found {
    let mut f = Found::default();
    for o in page {
        if !scope.contains(o.division) {
            continue;
        }
        *f.orgs.entry(o.division).or_default() += 1;
        if let Ok(code) = <[u8; 18]>::try_from(o.uscc.as_str().as_bytes()) {
            let named = Named {
                code,
                start: f.text.len() as u32,
                len: o.name.len() as u32,
            };
            f.text.push_str(&o.name);
            f.names
                .push((o.division, name_hash(&normalize_name(&o.name)), named));
        }
        let problems = check(&o, today);
        if problems.is_empty() {
            continue;
        }
        let name: Box<str> = o.name.into();
        f.rows.extend(problems.into_iter().map(|p| ProblemRow {
            uscc: o.uscc.clone(),
            name: name.clone(),
            division: o.division,
            rule: p.rule,
            field: p.field,
            message: p.message.into(),
        }));
    }
    f
}

/// Where the code ranges read side by side begin: 民政 codes are `5`, the category (1 社会团体,
/// 2 民办非企业单位, 3 基金会) and the registrar division, so the two large categories are cut
/// again at province 37. One reader keeps one core busy decoding rows (≈ 80 ms a page of
/// 5,000, most of a pass); ranges read in parallel use the others.
const BOUNDS: &[&str] = &["51", "5137", "52", "5237", "53"];

/// The code ranges: (read after, stop at).
fn ranges() -> Vec<(Option<&'static str>, Option<&'static str>)> {
    (0..=BOUNDS.len())
        .map(|i| {
            let after = i.checked_sub(1).map(|j| BOUNDS[j]);
            (after, BOUNDS.get(i).copied())
        })
        .collect()
}

/// Reads every record in code order and examines those inside `scope`; `progress` is told how
/// many records were read so far.
pub async fn pass(
    store: &Store,
    today: NaiveDate,
    scope: DivisionCode,
    progress: &(dyn Fn(u64) + Send + Sync),
) -> Result<Found, QualityError> {
    let read = Arc::new(AtomicU64::new(0));
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let readers = Arc::new(Semaphore::new(cores.clamp(2, BOUNDS.len() + 1)));
    let handles: Vec<_> = ranges()
        .into_iter()
        .map(|(after, until)| {
            let (store, read, readers) = (store.clone(), read.clone(), readers.clone());
            tokio::spawn(async move {
                let _turn = readers.acquire_owned().await.ok();
                range(&store, today, scope, (after, until), &read).await
            })
        })
        .collect();
    let mut found = Found::default();
    for mut h in handles {
        loop {
            tokio::select! {
                r = &mut h => {
                    found.merge(r??);
                    break;
                }
                _ = tokio::time::sleep(std::time::Duration::from_millis(250)) => {
                    progress(read.load(Ordering::Relaxed));
                }
            }
        }
    }
    progress(read.load(Ordering::Relaxed));
    let found = tokio::task::spawn_blocking(move || {
        let mut found = found;
        let dups = duplicates(&mut found);
        found.rows.extend(dups);
        found
    })
    .await?;
    Ok(found)
}

/// The records with a code after `after` and before `until`, in code order: each page read
/// while the one before is examined on a blocking thread.
async fn range(
    store: &Store,
    today: NaiveDate,
    scope: DivisionCode,
    (after, until): (Option<&str>, Option<&str>),
    read: &AtomicU64,
) -> Result<Found, QualityError> {
    let mut found = Found::default();
    let mut after = after.map(str::to_string);
    let mut pending: Option<tokio::task::JoinHandle<Found>> = None;
    loop {
        let mut page = store.orgs_after(after.as_deref(), PAGE).await?;
        let full = page.len() as i64 == PAGE;
        if let Some(u) = until {
            page.truncate(page.partition_point(|o| o.uscc.as_str() < u));
        }
        let last_page = !full || (page.len() as i64) < PAGE;
        if let Some(h) = pending.take() {
            found.merge(h.await?);
        }
        if let Some(last) = page.last() {
            after = Some(last.uscc.to_string());
            read.fetch_add(page.len() as u64, Ordering::Relaxed);
            pending = Some(tokio::task::spawn_blocking(move || {
                examine(page, today, scope)
            }));
        }
        if last_page {
            break;
        }
    }
    if let Some(h) = pending {
        found.merge(h.await?);
    }
    Ok(found)
}

/// The rows of records sharing a folded name with another of their division (the names are
/// given back to the allocator).
fn duplicates(found: &mut Found) -> Vec<ProblemRow> {
    let names = std::mem::take(&mut found.names);
    let mut rows = vec![];
    for group in duplicate_groups(names) {
        // The hash brought them together; the folded names decide.
        let mut by_name: HashMap<String, Vec<(Uscc, &str)>> = HashMap::new();
        for n in &group.members {
            let name = found.name(n);
            let code = std::str::from_utf8(&n.code)
                .ok()
                .and_then(|c| Uscc::parse(c).ok());
            if let Some(code) = code {
                by_name
                    .entry(normalize_name(name))
                    .or_default()
                    .push((code, name));
            }
        }
        for same in by_name.into_values().filter(|v| v.len() > 1) {
            for (code, name) in &same {
                let others: Vec<(&str, &str)> = same
                    .iter()
                    .filter(|(c, _)| c != code)
                    .map(|(c, n)| (c.as_str(), *n))
                    .collect();
                let p = duplicate_problem(&others);
                rows.push(ProblemRow {
                    uscc: code.clone(),
                    name: (*name).into(),
                    division: group.division,
                    rule: p.rule,
                    field: p.field,
                    message: p.message.into(),
                });
            }
        }
    }
    found.text = String::new();
    rows
}
