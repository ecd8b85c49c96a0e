//! List changes (社会组织信用信息管理办法, 民政部令第60号): entries on 活动异常名录 and
//! 严重违法失信名单 and their removals, written with the new credit
//! standing and one audit row per action in the caller's transaction, so every change reaches
//! the transparency log; and the entries of one organization with the job's bookkeeping.

use crate::audit::{self, NewAudit, digest};
use crate::bulk::insert_rows;
use crate::rows::{Val, get_date, get_i64, get_opt_date, get_opt_text, get_text};
use crate::{Store, StoreError};
use chrono::NaiveDate;
use gongyi_types::credit::CreditAction;
use gongyi_types::{CreditStatus, ListKind};
use serde::Serialize;
use std::collections::HashMap;

/// The list actions for one organization and the standing they leave it in.
#[derive(Debug, Clone)]
pub struct OrgCreditChange {
    pub uscc: String,
    pub actions: Vec<CreditAction>,
    /// `Some` when `orgs.credit` changes.
    pub new_credit: Option<CreditStatus>,
}

/// A list entry with the job's bookkeeping, for the credit API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CreditEntryRow {
    pub id: i64,
    pub list: ListKind,
    pub trigger: String,
    pub listed_on: NaiveDate,
    pub listed_reason: String,
    pub listed_by: String,
    pub removed_on: Option<NaiveDate>,
    pub removed_reason: Option<String>,
    pub removal_kind: Option<String>,
}

const ENTRY_COLUMNS: &[&str] = &[
    "uscc",
    "list",
    "listed_on",
    "listed_reason",
    "listed_by",
    "trigger_kind",
];

/// The standing left by the open entries (serious outranks abnormal).
pub fn credit_of(open: impl Iterator<Item = ListKind>) -> CreditStatus {
    open.fold(CreditStatus::Normal, |c, l| match (c, l) {
        (_, ListKind::Serious) | (CreditStatus::Serious, _) => CreditStatus::Serious,
        _ => CreditStatus::Abnormal,
    })
}

impl Store {
    /// Writes the list changes of many organizations in one transaction: new entries, removals,
    /// the new credit standing, one audit row per action (actor `actor`).
    pub async fn apply_credit_changes(
        &self,
        changes: &[OrgCreditChange],
        actor: &str,
        at: &str,
    ) -> Result<(), StoreError> {
        if changes.is_empty() {
            return Ok(());
        }
        let mut tx = self.begin_write().await?;
        write_changes(&mut tx, changes, actor, at).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every organization not in good standing, with its standing (`orgs.credit`): what the
    /// search index's credit table starts from (see `gongyi_search::SearchIndex::
    /// load_credit_standings`).
    pub async fn credit_standings(&self) -> Result<Vec<(String, CreditStatus)>, StoreError> {
        let rows = sqlx::query("SELECT uscc, credit FROM orgs WHERE credit <> $1")
            .bind(CreditStatus::Normal.code())
            .fetch_all(&self.pool)
            .await?;
        const O: &str = "orgs";
        rows.iter()
            .map(|r| {
                let credit = CreditStatus::parse(&get_text(r, O, "credit")?)
                    .map_err(|e| StoreError::corrupt(O, "credit", e))?;
                Ok((get_text(r, O, "uscc")?, credit))
            })
            .collect()
    }

    /// List entries of one organization with the job's bookkeeping, oldest first.
    pub async fn credit_entries(&self, uscc: &str) -> Result<Vec<CreditEntryRow>, StoreError> {
        let rows = sqlx::query("SELECT id, list, trigger_kind, listed_on, listed_reason, listed_by, removed_on, removed_reason, removal_kind FROM org_list_entries WHERE uscc = $1 ORDER BY listed_on, id")
            .bind(uscc.to_string())
            .fetch_all(&self.pool)
            .await?;
        const L: &str = "org_list_entries";
        rows.iter()
            .map(|r| {
                Ok(CreditEntryRow {
                    id: get_i64(r, L, "id")?,
                    list: ListKind::parse(&get_text(r, L, "list")?)
                        .map_err(|e| StoreError::corrupt(L, "list", e))?,
                    trigger: get_opt_text(r, L, "trigger_kind")?.unwrap_or_else(|| "manual".into()),
                    listed_on: get_date(r, L, "listed_on")?,
                    listed_reason: get_text(r, L, "listed_reason")?,
                    listed_by: get_text(r, L, "listed_by")?,
                    removed_on: get_opt_date(r, L, "removed_on")?,
                    removed_reason: get_opt_text(r, L, "removed_reason")?,
                    removal_kind: get_opt_text(r, L, "removal_kind")?,
                })
            })
            .collect()
    }
}

/// A list entry as the public sees it (the open-data extract): no official's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicListEntry {
    pub id: i64,
    pub uscc: String,
    pub name: String,
    pub division: String,
    pub list: ListKind,
    pub trigger: String,
    pub listed_on: NaiveDate,
    pub listed_reason: String,
    pub removed_on: Option<NaiveDate>,
    pub removed_reason: Option<String>,
}

/// The columns of [`PublicListEntry`] read by its queries.
const PUBLIC_ENTRY: &str = "SELECT e.id, e.uscc, o.name, o.division, e.list, e.trigger_kind, e.listed_on, e.listed_reason, e.removed_on, e.removed_reason FROM org_list_entries e JOIN orgs o ON o.uscc = e.uscc";

fn public_entry(r: &sqlx::any::AnyRow) -> Result<PublicListEntry, StoreError> {
    const L: &str = "org_list_entries";
    Ok(PublicListEntry {
        id: get_i64(r, L, "id")?,
        uscc: get_text(r, L, "uscc")?,
        name: get_text(r, L, "name")?,
        division: get_text(r, L, "division")?,
        list: ListKind::parse(&get_text(r, L, "list")?)
            .map_err(|e| StoreError::corrupt(L, "list", e))?,
        trigger: get_opt_text(r, L, "trigger_kind")?.unwrap_or_else(|| "manual".into()),
        listed_on: get_date(r, L, "listed_on")?,
        listed_reason: get_text(r, L, "listed_reason")?,
        removed_on: get_opt_date(r, L, "removed_on")?,
        removed_reason: get_opt_text(r, L, "removed_reason")?,
    })
}

impl Store {
    /// The list entries last listed or removed, newest first, of organizations registered in
    /// `division` (or all) or of one organization: what the credit Atom feed shows.
    pub async fn recent_list_entries(
        &self,
        division: Option<gongyi_types::DivisionCode>,
        uscc: Option<&str>,
        limit: i64,
    ) -> Result<Vec<PublicListEntry>, StoreError> {
        let sql = format!(
            "{PUBLIC_ENTRY} WHERE o.division LIKE $1 AND ($2 = '' OR e.uscc = $2) ORDER BY COALESCE(e.removed_on, e.listed_on) DESC, e.id DESC LIMIT $3"
        );
        let rows = sqlx::query(&sql)
            .bind(division.map_or_else(|| "%".to_string(), crate::jurisdiction::like))
            .bind(uscc.unwrap_or_default().to_string())
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(public_entry).collect()
    }

    /// Every list entry after entry `after` (by id), `limit` at a time, with the
    /// organization's name and division: the open-data extract pages through them.
    pub async fn list_entries_after(
        &self,
        after: i64,
        limit: i64,
    ) -> Result<Vec<PublicListEntry>, StoreError> {
        let sql = format!("{PUBLIC_ENTRY} WHERE e.id > $1 ORDER BY e.id LIMIT $2");
        let rows = sqlx::query(&sql)
            .bind(after)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(public_entry).collect()
    }
}

/// Removal kinds kept with an entry: `auto` (the daily job), `manual` (an official),
/// `objection` (an upheld objection), `application` (an approved 移出 application:
/// [`write_changes_as`]) — the reason text says on what ground.
fn removal_kind(actor: &str) -> &'static str {
    if actor.starts_with("job:") {
        "auto"
    } else if actor.starts_with("objection:") {
        "objection"
    } else {
        "manual"
    }
}

/// Writes `changes` inside the caller's transaction: [`Store::apply_credit_changes`], and an
/// upheld objection's removal ([`Store::decide_objection`]).
pub(super) async fn write_changes(
    conn: &mut sqlx::AnyConnection,
    changes: &[OrgCreditChange],
    actor: &str,
    at: &str,
) -> Result<(), StoreError> {
    write_changes_as(conn, changes, actor, at, removal_kind(actor)).await
}

/// [`write_changes`] with the removal kind given (an approved application's removal is
/// decided by an official but kept as `application`).
pub(crate) async fn write_changes_as(
    conn: &mut sqlx::AnyConnection,
    changes: &[OrgCreditChange],
    actor: &str,
    at: &str,
    kind: &str,
) -> Result<(), StoreError> {
    let mut inserts = vec![];
    let mut audits = vec![];
    let mut by_credit: HashMap<CreditStatus, Vec<String>> = HashMap::new();
    // A list entry is made in the name of the organization's registration authority
    // (民政部令第60号), whoever acted — the daily job or an official (the audit row keeps who).
    let listing: Vec<String> = changes
        .iter()
        .filter(|c| {
            c.actions
                .iter()
                .any(|a| matches!(a, CreditAction::List { .. }))
        })
        .map(|c| c.uscc.clone())
        .collect();
    let authorities = authorities_of(conn, &listing).await?;
    for c in changes {
        let by = authorities
            .get(&c.uscc)
            .map(String::as_str)
            .unwrap_or("登记管理机关");
        for a in &c.actions {
            match a {
                CreditAction::List {
                    list,
                    trigger,
                    on,
                    reason,
                } => {
                    inserts.push(vec![
                        Val::Text(c.uscc.clone()),
                        Val::Text(list.code().into()),
                        Val::Text(on.to_string()),
                        Val::Text(reason.clone()),
                        Val::Text(by.to_string()),
                        Val::Text(trigger.code()),
                    ]);
                    audits.push(NewAudit {
                        actor: actor.to_string(),
                        action: "credit.list".into(),
                        entity_kind: gongyi_types::EntityKind::Org,
                        entity_id: c.uscc.clone(),
                        before_digest: None,
                        after_digest: Some(digest(&(list, trigger.code(), on, reason))),
                        detail: reason.clone(),
                    });
                }
                CreditAction::Remove {
                    entry_id,
                    on,
                    reason,
                } => {
                    let q = sqlx::query("UPDATE org_list_entries SET removed_on = $1, removed_reason = $2, removal_kind = $3, removed_by = $4 WHERE id = $5 AND uscc = $6 AND removed_on IS NULL")
                        .bind(on.to_string())
                        .bind(reason.clone())
                        .bind(kind.to_string())
                        .bind(by.to_string());
                    let n = q
                        .bind(*entry_id)
                        .bind(c.uscc.clone())
                        .execute(&mut *conn)
                        .await?
                        .rows_affected();
                    if n == 0 {
                        return Err(StoreError::NotFound(format!(
                            "{} 的在列名录记录 {entry_id}",
                            c.uscc
                        )));
                    }
                    audits.push(NewAudit {
                        actor: actor.to_string(),
                        action: "credit.remove".into(),
                        entity_kind: gongyi_types::EntityKind::Org,
                        entity_id: c.uscc.clone(),
                        before_digest: None,
                        after_digest: Some(digest(&(entry_id, on, reason))),
                        detail: reason.clone(),
                    });
                }
            }
        }
        if let Some(n) = c.new_credit {
            by_credit.entry(n).or_default().push(c.uscc.clone());
        }
    }
    insert_rows(conn, "org_list_entries", ENTRY_COLUMNS, inserts).await?;
    for (credit, codes) in by_credit {
        for chunk in codes.chunks(2000) {
            let ph: Vec<String> = (2..chunk.len() + 2).map(|i| format!("${i}")).collect();
            let sql = format!(
                "UPDATE orgs SET credit = $1 WHERE uscc IN ({})",
                ph.join(", ")
            );
            let mut q = sqlx::query(&sql).bind(credit.code().to_string());
            for c in chunk {
                q = q.bind(c.clone());
            }
            q.execute(&mut *conn).await?;
        }
    }
    audit::append(conn, at, audits).await?;
    Ok(())
}

/// The registration authority (`orgs.authority`) of each of `codes`, in chunks.
async fn authorities_of(
    conn: &mut sqlx::AnyConnection,
    codes: &[String],
) -> Result<HashMap<String, String>, StoreError> {
    let mut out = HashMap::with_capacity(codes.len());
    for chunk in codes.chunks(2000) {
        let ph: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT uscc, authority FROM orgs WHERE uscc IN ({})",
            ph.join(", ")
        );
        let mut q = sqlx::query_as::<_, (String, String)>(&sql).persistent(false);
        for c in chunk {
            q = q.bind(c.clone());
        }
        for (u, a) in q.fetch_all(&mut *conn).await? {
            let a = a.trim().to_string();
            if !a.is_empty() {
                out.insert(u, a);
            }
        }
    }
    Ok(out)
}
