//! Level-by-level aggregation (逐级汇总): a higher node (city, province, national) pulls a
//! lower node's change feed and keeps the lower node's records as its own, accepting only
//! what the lower node's transparency log proves:
//!
//! 1. the lower node's checkpoint, signed with the key the higher node was given (`--vkey`);
//! 2. that checkpoint extends the last one seen of that node (RFC 9162 consistency proof) —
//!    a node that rewrote its history is refused, and the higher node keeps what it had;
//! 3. for each record of the feed, the log's leaf of that change (its entry bundle hashed up
//!    to the signed root, `tree.rs`) names the same change (audit id, organization) and its
//!    `after` digest is the SHA-256 of the record received;
//! 4. the record conforms to the data dictionary (`record.rs`) and is registered inside the
//!    division this node accepts from that source (its own records: the source's authority).
//!
//! A page of the feed is applied in one transaction with the new cursor
//! (`Store::apply_sync_page`): a sync killed at any point resumes after the last committed
//! page, and applying a page again changes nothing (records are upserted by code; the cursor
//! moves only from where it was). Conflicts are settled by authority: a record inside the
//! source's division is the source's, and its version replaces the higher node's.
//!
//! What is not carried yet: the credit standing travels inside the record and with each
//! credit list action (a verified leaf of that organization: the standing is then the
//! source's statement, taken onto the record held here), but the list entries, penalties,
//! annual reports and illegal-list batches themselves are not synced. A record whose content matches no leaf of its changes in the page is
//! counted as unverified and not applied — a later change of it carries it when that change
//! is in the log; a source that sends content its log does not hold never gets it applied.

mod record;
mod remote;
mod tree;

pub use record::org_from_record;

use crate::ledger::Leaf;
use gongyi_ledger::{Checkpoint, Hash, VerifierKey, verify_consistency};
use gongyi_store::Store;
use gongyi_store::exchange::{SyncPage, SyncSource};
use gongyi_types::{CreditStatus, DivisionCode, Organization};
use std::collections::{BTreeMap, BTreeSet};
use tree::VerifiedTree;

/// Feed items asked for per request.
const PAGE: u32 = 1000;

/// The audit actions whose leaf's `after` is the digest of the whole record.
const RECORD_ACTIONS: [&str; 3] = ["org.create", "org.import", "org.update"];

/// Why a sync stopped. Nothing of a page is written unless all of it was verified.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("无法访问来源：{0}")]
    Unreachable(String),
    #[error("来源的应答不符合协议：{0}")]
    Protocol(String),
    #[error("来源检查点的签名无效（不是给定的验证密钥所签，或被改动）：{0}")]
    BadSignature(String),
    #[error(
        "来源 {url} 此前以验证密钥 {known} 登记，这次给出的是 {given}：更换密钥须由管理员先删除该来源"
    )]
    KeyChanged {
        url: String,
        known: String,
        given: String,
    },
    #[error("首次从 {0} 同步须用 --division 指定接收该来源哪个行政区划的记录")]
    DivisionRequired(String),
    #[error("来源的账本被改写：{0}。已拒绝本次同步，本节点保留此前收到的数据")]
    Rewritten(String),
    #[error("来源发来的内容不在其账本中：{0}")]
    NotInLog(String),
    #[error(transparent)]
    Store(#[from] gongyi_store::StoreError),
}

/// What to pull from.
#[derive(Debug, Clone)]
pub struct SourceSpec {
    /// Base URL of the lower node (`http://county.example:8080`).
    pub url: String,
    pub vkey: VerifierKey,
    /// Required the first time; afterwards the recorded one (a different one is refused).
    pub division: Option<DivisionCode>,
}

/// What one sync did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SyncReport {
    pub checkpoint_size: u64,
    pub pages: u64,
    pub accepted: u64,
    pub refused: u64,
    pub unverified: u64,
    /// Feed items left for the next sync: not yet in the source's signed checkpoint.
    pub waiting: bool,
}

/// What a page of the feed says of one organization.
#[derive(Default)]
struct OrgItems {
    /// The record as it is now at the source.
    record: Option<serde_json::Value>,
    /// The `after` digests of its record changes' leaves.
    digests: Vec<String>,
    /// Whether a credit list action of it is in the page.
    credit_changed: bool,
}

/// The leaf's audit id of a feed cursor.
fn audit_id(cursor: &str) -> Option<i64> {
    crate::exchange::api::changes::audit_id_of(cursor)
}

/// Checks the source's checkpoint against the key and the last one seen; records the source
/// on first contact.
async fn verified_checkpoint(
    store: &Store,
    client: &reqwest::Client,
    base: &str,
    spec: &SourceSpec,
    at: &str,
) -> Result<(SyncSource, Checkpoint), SyncError> {
    let known = store.sync_source(base).await?;
    if let Some(k) = &known
        && k.vkey != spec.vkey.to_string()
    {
        return Err(SyncError::KeyChanged {
            url: base.to_string(),
            known: k.vkey.clone(),
            given: spec.vkey.to_string(),
        });
    }
    let note = remote::get_bytes(client, &format!("{base}/ledger/checkpoint")).await?;
    let origin = String::from_utf8_lossy(&note)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    let (cp, _) = Checkpoint::open(&note, &origin, &[&spec.vkey])
        .map_err(|e| SyncError::BadSignature(e.to_string()))?;
    let source = match known {
        Some(k) => {
            if k.origin != cp.origin {
                return Err(SyncError::Rewritten(format!(
                    "账本名称由 {} 变为 {}",
                    k.origin, cp.origin
                )));
            }
            check_extends(client, base, &k, &cp)
                .await
                .inspect_err(|e| {
                    tracing::error!(source = base, error = %e, "sync refused");
                })?;
            k
        }
        None => {
            let division = spec
                .division
                .ok_or_else(|| SyncError::DivisionRequired(base.to_string()))?;
            store
                .add_sync_source(
                    base,
                    &cp.origin,
                    &spec.vkey.to_string(),
                    &division.to_string(),
                )
                .await?;
            store
                .sync_source(base)
                .await?
                .ok_or_else(|| SyncError::Protocol("来源登记失败".into()))?
        }
    };
    store
        .set_sync_checkpoint(base, cp.size as i64, &cp.root.to_base64(), at)
        .await?;
    Ok((source, cp))
}

/// The new checkpoint extends the one seen last (same tree, more leaves).
async fn check_extends(
    client: &reqwest::Client,
    base: &str,
    known: &SyncSource,
    cp: &Checkpoint,
) -> Result<(), SyncError> {
    let old = u64::try_from(known.checkpoint_size).unwrap_or(0);
    if old == 0 {
        return Ok(());
    }
    let old_root = Hash::from_base64(&known.checkpoint_root)
        .map_err(|e| SyncError::Protocol(format!("保存的根哈希无效：{e}")))?;
    if cp.size < old {
        return Err(SyncError::Rewritten(format!(
            "上次验证到 {old} 条，现在只有 {} 条",
            cp.size
        )));
    }
    if cp.size == old {
        return if cp.root == old_root {
            Ok(())
        } else {
            Err(SyncError::Rewritten(format!(
                "同为 {old} 条，根哈希由 {} 变为 {}",
                old_root.to_base64(),
                cp.root.to_base64()
            )))
        };
    }
    let proof = remote::consistency_proof(client, base, old, cp.size).await?;
    verify_consistency(old, cp.size, &old_root, &cp.root, &proof).map_err(|e| {
        SyncError::Rewritten(format!(
            "{} 条的新检查点不能证明包含上次验证的 {old} 条（{e}）",
            cp.size
        ))
    })
}

/// Whether `o` as received is the record whose digest the leaf holds. The credit standing is
/// derived from list entries that change without a record leaf, so the record is also tried
/// with each standing: the registry fields are what is verified.
fn matches_leaf(o: &Organization, after: &str) -> bool {
    let mut o = o.clone();
    std::iter::once(o.credit)
        .chain([
            CreditStatus::Normal,
            CreditStatus::Abnormal,
            CreditStatus::Serious,
        ])
        .any(|c| {
            o.credit = c;
            gongyi_store::audit::digest(&o) == after
        })
}

/// Pulls everything new from the source at `spec.url` into `store`. `now` gives the store's
/// timestamp and today's date for the 变更记录.
pub async fn sync_once(
    store: &Store,
    client: &reqwest::Client,
    spec: &SourceSpec,
    now: impl Fn() -> (String, chrono::NaiveDate),
    mut progress: impl FnMut(&SyncReport),
) -> Result<SyncReport, SyncError> {
    let base = spec.url.trim_end_matches('/').to_string();
    let (at, _) = now();
    let result = pull(store, client, &base, spec, &now, &mut progress).await;
    if let Err(e) = &result
        && !matches!(
            e,
            SyncError::KeyChanged { .. } | SyncError::DivisionRequired(_)
        )
    {
        // The officials' view shows why the last sync stopped.
        let _ = store.set_sync_error(&base, &e.to_string(), &at).await;
    }
    result
}

async fn pull(
    store: &Store,
    client: &reqwest::Client,
    base: &str,
    spec: &SourceSpec,
    now: &impl Fn() -> (String, chrono::NaiveDate),
    progress: &mut impl FnMut(&SyncReport),
) -> Result<SyncReport, SyncError> {
    let (at, _) = now();
    let (source, cp) = verified_checkpoint(store, client, base, spec, &at).await?;
    let division = DivisionCode::parse(&source.division)
        .map_err(|e| SyncError::Protocol(format!("来源的行政区划无效：{e}")))?;
    let actor = format!("sync:{}", source.origin);
    let mut report = SyncReport {
        checkpoint_size: cp.size,
        ..SyncReport::default()
    };
    if cp.size == 0 {
        return Ok(report);
    }
    let tree = VerifiedTree::open(client, base, cp.size, cp.root).await?;
    let mut cursor = source.cursor.clone();
    loop {
        let feed = remote::changes(client, base, &cursor, PAGE).await?;
        let total = feed.items.len();
        // Only what the signed checkpoint covers; the rest waits for the next sync.
        let items: Vec<_> = feed
            .items
            .into_iter()
            .take_while(|i| i.ledger_index.is_some_and(|x| x < tree.size()))
            .collect();
        report.waiting |= items.len() < total;
        let Some(last) = items.last() else { break };
        let page_cursor = last.cursor.clone();
        let last_at = last.at.clone();
        let indexes: BTreeSet<u64> = items.iter().filter_map(|i| i.ledger_index).collect();
        let leaves = tree.leaves(client, base, &indexes).await?;
        // Per organization: the record (the same current one on each of its items) and the
        // digests of the record leaves of its changes in this page.
        let mut by_org: BTreeMap<String, OrgItems> = BTreeMap::new();
        for item in &items {
            let idx = item.ledger_index.unwrap_or(u64::MAX);
            let leaf = leaves
                .get(&idx)
                .and_then(|bytes| Leaf::parse(bytes))
                .ok_or_else(|| SyncError::NotInLog(format!("第 {idx} 条不是账本叶子")))?;
            if Some(leaf.audit_id) != audit_id(&item.cursor)
                || leaf.entity_kind != item.kind
                || leaf.entity_id != item.id
                || leaf.action != item.action
            {
                return Err(SyncError::NotInLog(format!(
                    "变更 {}（{} {}）与账本第 {idx} 条（{} {} {}）不符",
                    item.cursor,
                    item.action,
                    item.id,
                    leaf.action,
                    leaf.entity_kind,
                    leaf.entity_id
                )));
            }
            if item.kind != gongyi_types::EntityKind::Org.code() {
                continue;
            }
            let entry = by_org.entry(item.id.clone()).or_default();
            if item.record.is_some() {
                entry.record = item.record.clone();
            }
            if RECORD_ACTIONS.contains(&leaf.action.as_str())
                && let Some(after) = leaf.after
            {
                entry.digests.push(after);
            } else if leaf.action.starts_with("credit.") {
                entry.credit_changed = true;
            }
        }
        // Records this node holds of organizations whose credit standing changed.
        let credit_only: Vec<String> = by_org
            .iter()
            .filter(|(_, e)| e.digests.is_empty() && e.credit_changed)
            .map(|(id, _)| id.clone())
            .collect();
        let held: BTreeMap<String, Organization> = store
            .orgs_by_codes(&credit_only)
            .await?
            .into_iter()
            .map(|o| (o.uscc.to_string(), o))
            .collect();
        let mut page = SyncPage {
            cursor: page_cursor.clone(),
            last_change_at: Some(last_at),
            ..SyncPage::default()
        };
        for (id, items) in by_org {
            let OrgItems {
                record, digests, ..
            } = items;
            let Some(record) = record else { continue };
            if digests.is_empty() {
                // A list entry or removal (a logged leaf of this organization) without a
                // record change: the new standing is taken onto the record this node holds;
                // other facts (reports, evaluations) are not carried.
                if let (Some(mut held), Some(credit)) = (
                    held.get(&id).cloned(),
                    record
                        .get("credit")
                        .and_then(|c| c.as_str())
                        .and_then(|c| CreditStatus::parse(c).ok()),
                ) && held.credit != credit
                {
                    held.credit = credit;
                    page.orgs.push(held);
                }
                continue;
            }
            let org = match org_from_record(&record) {
                Ok(o) if o.uscc.as_str() == id => o,
                Ok(o) => {
                    page.refusals
                        .push((id.clone(), format!("记录的代码 {} 与变更不符", o.uscc)));
                    continue;
                }
                Err(reason) => {
                    page.refusals.push((id.clone(), reason));
                    continue;
                }
            };
            if !division.contains(org.division) {
                page.refusals.push((
                    id.clone(),
                    format!(
                        "登记管理机关行政区划 {} 不在该来源的辖区 {} 内",
                        org.division, division
                    ),
                ));
                continue;
            }
            if digests.iter().any(|d| matches_leaf(&org, d)) {
                page.orgs.push(org);
            } else {
                page.unverified += 1;
            }
        }
        let (at, today) = now();
        store
            .apply_sync_page(base, &cursor, &page, &actor, &at, today)
            .await?;
        report.pages += 1;
        report.accepted += page.orgs.len() as u64;
        report.refused += page.refusals.len() as u64;
        report.unverified += page.unverified as u64;
        progress(&report);
        cursor = page_cursor;
        if items.len() < total || total < PAGE as usize {
            break;
        }
    }
    Ok(report)
}

/// `serve --sync-from`: pulls from the source every `interval`, for as long as the server
/// runs; a failure is logged (and shown on the officials' page) and tried again next time.
pub fn spawn(state: crate::AppState, spec: SourceSpec, interval: std::time::Duration) {
    tokio::spawn(async move {
        let client = match reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(60))
            .build()
        {
            Ok(c) => c,
            Err(e) => {
                tracing::error!(error = %e, "sync client");
                return;
            }
        };
        loop {
            let clock = state.clock.clone();
            let now = move || (gongyi_store::timestamp(clock.now()), clock.today());
            match sync_once(&state.store, &client, &spec, now, |_| {}).await {
                Ok(r) if r.accepted + r.refused > 0 => tracing::info!(
                    source = %spec.url, accepted = r.accepted, refused = r.refused,
                    unverified = r.unverified, "synced"
                ),
                Ok(_) => {}
                Err(e) => tracing::warn!(source = %spec.url, error = %e, "sync failed"),
            }
            tokio::time::sleep(interval).await;
        }
    });
}
