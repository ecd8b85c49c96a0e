//! Credit information (社会组织信用信息管理办法, 民政部令第60号): the facts the list rules read,
//! in keyset-paged bulk reads; list changes, penalties and objections (异议), each written in
//! one transaction with its audit row so it reaches the transparency log.

use crate::audit::{self, NewAudit, digest};
use crate::bulk::insert_rows;
use crate::rows::{
    Val, get_date, get_i64, get_opt_date, get_opt_i64, get_opt_text, get_text, org_from_row,
};
use crate::{Store, StoreError};
use chrono::NaiveDate;
use gongyi_types::credit_rules::{
    CreditAction, CreditFacts, EntryFact, PenaltyFact, PenaltyKind, Trigger,
};
use gongyi_types::{CreditStatus, Fen, ListKind, Organization, RegStatus};
use serde::Serialize;
use std::collections::HashMap;

/// One organization's credit facts with its stored credit standing.
#[derive(Debug, Clone)]
pub struct OrgCreditFacts {
    pub uscc: String,
    pub credit: CreditStatus,
    pub facts: CreditFacts,
}

/// The list actions for one organization and the standing they leave it in.
#[derive(Debug, Clone)]
pub struct OrgCreditChange {
    pub uscc: String,
    pub actions: Vec<CreditAction>,
    /// `Some` when `orgs.credit` changes.
    pub new_credit: Option<CreditStatus>,
}

/// A penalty an official records (第七条: 行政处罚信息).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewPenalty {
    pub doc_no: String,
    pub reason: String,
    pub basis: String,
    pub result: String,
    pub kind: PenaltyKind,
    pub fine: Option<Fen>,
    pub decided_on: NaiveDate,
    pub authority: String,
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

/// An objection (异议) and its decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ObjectionRow {
    pub id: i64,
    pub uscc: String,
    pub entry_id: Option<i64>,
    pub contact: String,
    pub reason: String,
    pub filed_at: String,
    /// `pending`, `upheld` (the entry was removed) or `rejected` (kept).
    pub status: String,
    pub decided_at: Option<String>,
    pub decision_reason: Option<String>,
}

const ENTRY_COLUMNS: &[&str] = &[
    "uscc",
    "list",
    "listed_on",
    "listed_reason",
    "listed_by",
    "trigger_kind",
];

fn penalty_kind_code(k: PenaltyKind) -> &'static str {
    match k {
        PenaltyKind::Warning => "warning",
        PenaltyKind::Fine => "fine",
        PenaltyKind::Suspension => "suspension",
        PenaltyKind::Revocation => "revocation",
        PenaltyKind::Other => "other",
    }
}
fn penalty_kind_parse(s: Option<&str>, result: &str, fine: Option<Fen>) -> PenaltyKind {
    match s {
        Some("warning") => PenaltyKind::Warning,
        Some("fine") => PenaltyKind::Fine,
        Some("suspension") => PenaltyKind::Suspension,
        Some("revocation") => PenaltyKind::Revocation,
        Some("other") => PenaltyKind::Other,
        _ => PenaltyKind::infer(result, fine),
    }
}

/// The standing left by the open entries (serious outranks abnormal).
pub fn credit_of(open: impl Iterator<Item = ListKind>) -> CreditStatus {
    open.fold(CreditStatus::Normal, |c, l| match (c, l) {
        (_, ListKind::Serious) | (CreditStatus::Serious, _) => CreditStatus::Serious,
        _ => CreditStatus::Abnormal,
    })
}

impl Store {
    /// Up to `limit` organizations after `after` (keyset paging on the code) with their annual
    /// reports, list entries and penalties: four range reads per page, whatever its size.
    pub async fn credit_facts_after(
        &self,
        after: &str,
        limit: i64,
    ) -> Result<Vec<OrgCreditFacts>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let rows = sqlx::query(
            "SELECT uscc, status, founded, credit FROM orgs WHERE uscc > $1 ORDER BY uscc LIMIT $2",
        )
        .bind(after.to_string())
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        let mut pos = HashMap::with_capacity(rows.len());
        const O: &str = "orgs";
        for r in &rows {
            let uscc = get_text(r, O, "uscc")?;
            pos.insert(uscc.clone(), out.len());
            out.push(OrgCreditFacts {
                uscc,
                credit: CreditStatus::parse(&get_text(r, O, "credit")?)
                    .map_err(|e| StoreError::corrupt(O, "credit", e))?,
                facts: CreditFacts {
                    status: RegStatus::parse(&get_text(r, O, "status")?)
                        .map_err(|e| StoreError::corrupt(O, "status", e))?,
                    founded: get_date(r, O, "founded")?,
                    reports_filed: vec![],
                    entries: vec![],
                    penalties: vec![],
                },
            });
        }
        let (Some(first), Some(last)) = (out.first(), out.last()) else {
            return Ok(out);
        };
        let (first, last) = (first.uscc.clone(), last.uscc.clone());
        let reports = sqlx::query(
            "SELECT uscc, year FROM org_annual_reports WHERE uscc >= $1 AND uscc <= $2",
        )
        .bind(first.clone())
        .bind(last.clone())
        .fetch_all(&mut *conn)
        .await?;
        for r in &reports {
            if let Some(&i) = pos.get(&get_text(r, "org_annual_reports", "uscc")?) {
                out[i]
                    .facts
                    .reports_filed
                    .push(get_i64(r, "org_annual_reports", "year")? as i32);
            }
        }
        let entries = sqlx::query("SELECT id, uscc, list, trigger_kind, listed_on, removed_on FROM org_list_entries WHERE uscc >= $1 AND uscc <= $2")
            .bind(first.clone())
            .bind(last.clone())
            .fetch_all(&mut *conn)
            .await?;
        const L: &str = "org_list_entries";
        for r in &entries {
            if let Some(&i) = pos.get(&get_text(r, L, "uscc")?) {
                out[i].facts.entries.push(EntryFact {
                    id: get_i64(r, L, "id")?,
                    list: ListKind::parse(&get_text(r, L, "list")?)
                        .map_err(|e| StoreError::corrupt(L, "list", e))?,
                    trigger: Trigger::parse(
                        get_opt_text(r, L, "trigger_kind")?
                            .as_deref()
                            .unwrap_or("manual"),
                    ),
                    listed_on: get_date(r, L, "listed_on")?,
                    removed_on: get_opt_date(r, L, "removed_on")?,
                });
            }
        }
        let penalties = sqlx::query("SELECT id, uscc, kind, result, fine_fen, decided_on, doc_no FROM org_penalties WHERE uscc >= $1 AND uscc <= $2")
            .bind(first)
            .bind(last)
            .fetch_all(&mut *conn)
            .await?;
        const P: &str = "org_penalties";
        for r in &penalties {
            if let Some(&i) = pos.get(&get_text(r, P, "uscc")?) {
                let fine = get_opt_i64(r, P, "fine_fen")?.map(Fen);
                out[i].facts.penalties.push(PenaltyFact {
                    id: get_i64(r, P, "id")?,
                    kind: penalty_kind_parse(
                        get_opt_text(r, P, "kind")?.as_deref(),
                        &get_text(r, P, "result")?,
                        fine,
                    ),
                    fine,
                    decided_on: get_date(r, P, "decided_on")?,
                    doc_no: get_text(r, P, "doc_no")?,
                });
            }
        }
        Ok(out)
    }

    /// The credit facts of one organization (`None`: no such code).
    pub async fn credit_facts(&self, uscc: &str) -> Result<Option<OrgCreditFacts>, StoreError> {
        // The code just before `uscc` is not known; a page of one from the smallest greater
        // key is: every code is 18 characters, so `uscc` minus its last byte precedes it.
        let prefix = &uscc[..uscc.len().saturating_sub(1)];
        let page = self.credit_facts_after(prefix, 64).await?;
        Ok(page.into_iter().find(|f| f.uscc == uscc))
    }

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

    /// Organizations by code (for refreshing the search index after a credit change).
    pub async fn orgs_by_uscc(&self, codes: &[String]) -> Result<Vec<Organization>, StoreError> {
        let mut out = vec![];
        for chunk in codes.chunks(1000) {
            let ph: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT {} FROM orgs WHERE uscc IN ({})",
                crate::rows::ORG_COLUMNS.join(", "),
                ph.join(", ")
            );
            let mut q = sqlx::query(&sql);
            for c in chunk {
                q = q.bind(c.clone());
            }
            for r in q.fetch_all(&self.pool).await? {
                out.push(org_from_row(&r)?);
            }
        }
        Ok(out)
    }

    /// Records an administrative penalty with its audit row; returns its id.
    pub async fn record_penalty(
        &self,
        uscc: &str,
        p: &NewPenalty,
        actor: &str,
        at: &str,
    ) -> Result<i64, StoreError> {
        let mut tx = self.begin_write().await?;
        let id = insert_penalty(&mut tx, uscc, p, actor, at).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Records a filed annual report (年报信息, 第七条) with its audit row — what the online
    /// services will call when a report is accepted; the next run of the rules sees it.
    pub async fn record_annual_report(
        &self,
        uscc: &str,
        r: &gongyi_types::AnnualReport,
        actor: &str,
        at: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        record_annual_report_in(&mut tx, uscc, r, actor, at).await?;
        tx.commit().await?;
        Ok(())
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

    /// Files an objection (异议) against one organization's credit information.
    pub async fn file_objection(
        &self,
        uscc: &str,
        entry_id: Option<i64>,
        contact: &str,
        reason: &str,
        at: &str,
    ) -> Result<i64, StoreError> {
        let mut tx = self.begin_write().await?;
        if let Some(e) = entry_id {
            let owner: Option<String> =
                sqlx::query_scalar("SELECT uscc FROM org_list_entries WHERE id = $1")
                    .bind(e)
                    .fetch_optional(&mut *tx)
                    .await?;
            if owner.as_deref() != Some(uscc) {
                return Err(StoreError::NotFound(format!("名录记录 {e}")));
            }
        }
        let id: i64 = sqlx::query_scalar("INSERT INTO credit_objections (uscc, entry_id, contact, reason, filed_at, status) VALUES ($1, $2, $3, $4, $5, 'pending') RETURNING id")
            .bind(uscc.to_string())
            .bind(entry_id)
            .bind(contact.to_string())
            .bind(reason.to_string())
            .bind(at.to_string())
            .fetch_one(&mut *tx)
            .await?;
        audit::append(
            &mut tx,
            at,
            vec![NewAudit {
                actor: "public:objection".into(),
                action: "credit.objection".into(),
                entity_kind: "org".into(),
                entity_id: uscc.to_string(),
                before_digest: None,
                after_digest: Some(digest(&(id, entry_id, reason))),
                detail: format!("异议 {id}"),
            }],
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn objection(&self, id: i64) -> Result<Option<ObjectionRow>, StoreError> {
        let r = sqlx::query("SELECT id, uscc, entry_id, contact, reason, filed_at, status, decided_at, decision_reason FROM credit_objections WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        r.as_ref().map(objection_from_row).transpose()
    }

    pub async fn objections(&self, uscc: &str) -> Result<Vec<ObjectionRow>, StoreError> {
        let rows = sqlx::query("SELECT id, uscc, entry_id, contact, reason, filed_at, status, decided_at, decision_reason FROM credit_objections WHERE uscc = $1 ORDER BY id")
            .bind(uscc.to_string())
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(objection_from_row).collect()
    }

    /// An official's decision on a pending objection. Upheld: the entry it names is removed
    /// with the decision's reason (and `change` carries the new standing); rejected: the
    /// entry stays and the reason is kept. Fails with `Conflict` if already decided.
    pub async fn decide_objection(
        &self,
        id: i64,
        upheld: bool,
        reason: &str,
        change: Option<&OrgCreditChange>,
        actor: &str,
        at: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let n = sqlx::query("UPDATE credit_objections SET status = $1, decided_at = $2, decided_by = $3, decision_reason = $4 WHERE id = $5 AND status = 'pending'")
            .bind(if upheld { "upheld" } else { "rejected" })
            .bind(at.to_string())
            .bind(actor.to_string())
            .bind(reason.to_string())
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if n == 0 {
            return Err(StoreError::Conflict(format!("异议 {id} 已处理或不存在")));
        }
        let uscc: String = sqlx::query_scalar("SELECT uscc FROM credit_objections WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        audit::append(
            &mut tx,
            at,
            vec![NewAudit {
                actor: actor.to_string(),
                action: "credit.objection_decided".into(),
                entity_kind: "org".into(),
                entity_id: uscc,
                before_digest: None,
                after_digest: Some(digest(&(id, upheld, reason))),
                detail: format!("异议 {id}：{}", if upheld { "成立" } else { "不成立" }),
            }],
        )
        .await?;
        if let Some(c) = change {
            write_changes(&mut tx, std::slice::from_ref(c), actor, at).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// Inserts a penalty (第七条: 行政处罚信息) and its `credit.penalty` audit row inside the
/// caller's transaction — an official's entry on the credit page, or a case's 处罚决定 written
/// with the case step — so the next run of the list rules sees it.
pub async fn insert_penalty(
    conn: &mut sqlx::AnyConnection,
    uscc: &str,
    p: &NewPenalty,
    actor: &str,
    at: &str,
) -> Result<i64, StoreError> {
    let id: i64 = sqlx::query_scalar("INSERT INTO org_penalties (uscc, doc_no, reason, basis, result, fine_fen, decided_on, authority, kind) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id")
        .bind(uscc.to_string())
        .bind(p.doc_no.clone())
        .bind(p.reason.clone())
        .bind(p.basis.clone())
        .bind(p.result.clone())
        .bind(p.fine.map(|f| f.0))
        .bind(p.decided_on.to_string())
        .bind(p.authority.clone())
        .bind(penalty_kind_code(p.kind).to_string())
        .fetch_one(&mut *conn)
        .await?;
    audit::append(
        conn,
        at,
        vec![NewAudit {
            actor: actor.to_string(),
            action: "credit.penalty".into(),
            entity_kind: "org".into(),
            entity_id: uscc.to_string(),
            before_digest: None,
            after_digest: Some(digest(p)),
            detail: format!("行政处罚 {}：{}", p.doc_no, p.result),
        }],
    )
    .await?;
    Ok(id)
}

/// [`Store::record_annual_report`] inside a caller's transaction (an accepted 年度报告).
pub(crate) async fn record_annual_report_in(
    tx: &mut sqlx::AnyConnection,
    uscc: &str,
    r: &gongyi_types::AnnualReport,
    actor: &str,
    at: &str,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO org_annual_reports (uscc, year, filed_on, income_fen, expenditure_fen, net_assets_fen, staff, members, summary) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
            .bind(uscc.to_string())
            .bind(i64::from(r.year))
            .bind(r.filed_on.to_string())
            .bind(r.income.0)
            .bind(r.expenditure.0)
            .bind(r.net_assets.0)
            .bind(i64::from(r.staff))
            .bind(r.members.map(i64::from))
            .bind(r.summary.clone())
            .execute(&mut *tx)
            .await?;
    audit::append(
        &mut *tx,
        at,
        vec![NewAudit {
            actor: actor.to_string(),
            action: "org.annual_report".into(),
            entity_kind: "org".into(),
            entity_id: uscc.to_string(),
            before_digest: None,
            after_digest: Some(digest(r)),
            detail: format!("{}年度工作报告", r.year),
        }],
    )
    .await?;
    Ok(())
}

fn objection_from_row(r: &sqlx::any::AnyRow) -> Result<ObjectionRow, StoreError> {
    const T: &str = "credit_objections";
    Ok(ObjectionRow {
        id: get_i64(r, T, "id")?,
        uscc: get_text(r, T, "uscc")?,
        entry_id: get_opt_i64(r, T, "entry_id")?,
        contact: get_text(r, T, "contact")?,
        reason: get_text(r, T, "reason")?,
        filed_at: get_text(r, T, "filed_at")?,
        status: get_text(r, T, "status")?,
        decided_at: get_opt_text(r, T, "decided_at")?,
        decision_reason: get_opt_text(r, T, "decision_reason")?,
    })
}

/// Removal kinds kept with an entry: `auto` (the daily job), `manual` (an official),
/// `objection` (an upheld objection) — the reason text says which article.
fn removal_kind(actor: &str) -> &'static str {
    if actor.starts_with("job:") {
        "auto"
    } else if actor.starts_with("objection:") {
        "objection"
    } else {
        "manual"
    }
}

async fn write_changes(
    conn: &mut sqlx::AnyConnection,
    changes: &[OrgCreditChange],
    actor: &str,
    at: &str,
) -> Result<(), StoreError> {
    let mut inserts = vec![];
    let mut audits = vec![];
    let mut by_credit: HashMap<CreditStatus, Vec<String>> = HashMap::new();
    let by = if actor.starts_with("job:") {
        "系统（每日信用任务）"
    } else {
        actor.split_once(':').map(|(_, n)| n).unwrap_or(actor)
    };
    let kind = removal_kind(actor);
    for c in changes {
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
                        entity_kind: "org".into(),
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
                        entity_kind: "org".into(),
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
