//! Organizations in the legal-person database: read, page, bulk-create, upsert, edit.
//! Every write runs in one transaction together with its 变更记录 and audit rows.

use crate::audit::{self, NewAudit, digest};
use crate::bulk::{bind, insert_rows};
use crate::registry::sections::{CHANGE_COLUMNS, change_values, insert_sections, load_sections};
use crate::rows::{ORG_COLUMNS, get_text, org_from_row, org_values};
use crate::{Store, StoreError};
use chrono::NaiveDate;
use gongyi_types::{
    Change, CreditStatus, DivisionCode, FieldDiff, OrgKind, Organization, RegStatus, Sections,
};
use std::collections::HashMap;

/// What an upsert did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UpsertReport {
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
    /// Codes of the organizations inserted or updated (to refresh the search index).
    pub changed: Vec<String>,
}

fn select_cols() -> String {
    ORG_COLUMNS.join(", ")
}

/// The columns of an organization the legitimacy lookup keeps ([`Store::org_briefs_after`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgBriefRow {
    pub uscc: String,
    pub name: String,
    pub kind: OrgKind,
    pub status: RegStatus,
    pub division: DivisionCode,
    pub credit: CreditStatus,
}

impl Store {
    pub async fn org(&self, uscc: &str) -> Result<Option<Organization>, StoreError> {
        let sql = format!("SELECT {} FROM orgs WHERE uscc = $1", select_cols());
        let row = sqlx::query(&sql)
            .bind(uscc.to_string())
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(org_from_row).transpose()
    }

    /// The record and all its profile sections, read on one connection.
    pub async fn profile(
        &self,
        uscc: &str,
    ) -> Result<Option<(Organization, Sections)>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let sql = format!("SELECT {} FROM orgs WHERE uscc = $1", select_cols());
        let Some(row) = sqlx::query(&sql)
            .bind(uscc.to_string())
            .fetch_optional(&mut *conn)
            .await?
        else {
            return Ok(None);
        };
        let org = org_from_row(&row)?;
        let sections = load_sections(&mut conn, uscc).await?;
        Ok(Some((org, sections)))
    }

    pub async fn org_count(&self) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM orgs")
            .fetch_one(&self.pool)
            .await?)
    }

    /// Up to `limit` organizations with a code greater than `after`, in code order (keyset
    /// paging: constant cost per page, used by export and reindex).
    pub async fn orgs_after(
        &self,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Vec<Organization>, StoreError> {
        let sql = format!(
            "SELECT {} FROM orgs WHERE uscc > $1 ORDER BY uscc LIMIT $2",
            select_cols()
        );
        let rows = sqlx::query(&sql)
            .bind(after.unwrap_or("").to_string())
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(org_from_row).collect()
    }

    /// What the legitimacy lookup keeps of every organization, `limit` at a time in code
    /// order: six short columns instead of the whole record (address and 业务范围 are most of a
    /// row's bytes), so the lookup's table of 1,000,000 organizations loads in seconds.
    pub async fn org_briefs_after(
        &self,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Vec<OrgBriefRow>, StoreError> {
        let rows = sqlx::query("SELECT uscc, name, kind, status, division, credit FROM orgs WHERE uscc > $1 ORDER BY uscc LIMIT $2")
            .bind(after.unwrap_or("").to_string())
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        const T: &str = "orgs";
        rows.iter()
            .map(|row| {
                let c =
                    |col: &'static str, e: &dyn std::fmt::Display| StoreError::corrupt(T, col, e);
                Ok(OrgBriefRow {
                    uscc: get_text(row, T, "uscc")?,
                    name: get_text(row, T, "name")?,
                    kind: OrgKind::parse(&get_text(row, T, "kind")?).map_err(|e| c("kind", &e))?,
                    status: RegStatus::parse(&get_text(row, T, "status")?)
                        .map_err(|e| c("status", &e))?,
                    division: DivisionCode::parse(&get_text(row, T, "division")?)
                        .map_err(|e| c("division", &e))?,
                    credit: CreditStatus::parse(&get_text(row, T, "credit")?)
                        .map_err(|e| c("credit", &e))?,
                })
            })
            .collect()
    }

    /// Creates organizations that must not exist yet, with their sections, in one transaction;
    /// one audit row per organization. Used by `seed` and `--demo`.
    pub async fn create_orgs(
        &self,
        items: &[(Organization, Sections)],
        actor: &str,
        at: &str,
    ) -> Result<u64, StoreError> {
        let mut tx = self.begin_write().await?;
        let n = create_orgs_in(&mut tx, items, actor, at).await?;
        tx.commit().await?;
        Ok(n)
    }

    /// Inserts new organizations and updates changed ones (by 统一社会信用代码), in one
    /// transaction: an unchanged record is not touched, a changed one gets 变更记录 rows dated
    /// `today` and an audit row with before/after digests.
    pub async fn upsert_orgs(
        &self,
        orgs: &[Organization],
        actor: &str,
        at: &str,
        today: NaiveDate,
    ) -> Result<UpsertReport, StoreError> {
        if orgs.is_empty() {
            return Ok(UpsertReport::default());
        }
        let mut tx = self.begin_write().await?;
        let report = self.upsert_orgs_in(&mut tx, orgs, actor, at, today).await?;
        tx.commit().await?;
        Ok(report)
    }

    /// A transaction for [`Self::upsert_orgs_in`] (`import --all-or-nothing`: every batch in
    /// one transaction, committed by the caller, so a kill leaves nothing of the file).
    pub async fn begin_import(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, StoreError> {
        Ok(self.begin_write().await?)
    }

    /// [`Self::upsert_orgs`] inside the caller's transaction.
    pub async fn upsert_orgs_in(
        &self,
        tx: &mut sqlx::AnyConnection,
        orgs: &[Organization],
        actor: &str,
        at: &str,
        today: NaiveDate,
    ) -> Result<UpsertReport, StoreError> {
        let mut report = UpsertReport::default();
        let mut existing: HashMap<String, Organization> = HashMap::new();
        // Anonymous `?` on SQLite, for the reason given in `bulk::insert_rows`.
        let sqlite = self.backend == crate::Backend::Sqlite;
        for chunk in orgs.chunks(500) {
            let ph: Vec<String> = (1..=chunk.len())
                .map(|i| {
                    if sqlite {
                        "?".to_string()
                    } else {
                        format!("${i}")
                    }
                })
                .collect();
            let sql = format!(
                "SELECT {} FROM orgs WHERE uscc IN ({})",
                select_cols(),
                ph.join(", ")
            );
            // Not a prepared statement kept for reuse: PostgreSQL would settle on a generic
            // plan made while the table was still empty (a sequential scan — an import into a
            // new database ran at 660 rows/s, each lookup scanning the rows imported so far);
            // planned with the values at hand, it is a lookup in the primary key.
            let mut q = sqlx::query(&sql).persistent(false);
            for o in chunk {
                q = q.bind(o.uscc.to_string());
            }
            for row in q.fetch_all(&mut *tx).await? {
                let o = org_from_row(&row)?;
                existing.insert(o.uscc.to_string(), o);
            }
        }
        let mut new_rows = vec![];
        let mut audits = vec![];
        let mut changes = vec![];
        for o in orgs {
            let key = o.uscc.to_string();
            match existing.get(&key) {
                Some(old) if old == o => report.unchanged += 1,
                Some(old) => {
                    let diff = o.diff(old);
                    update_row(&mut *tx, o, at).await?;
                    changes.extend(diff_changes(&key, &diff, today));
                    audits.push(update_audit(actor, "org.import", old, o, &diff));
                    report.updated += 1;
                    report.changed.push(key.clone());
                    existing.insert(key, o.clone());
                }
                None => {
                    new_rows.push(org_values(o, at));
                    audits.push(NewAudit {
                        actor: actor.to_string(),
                        action: "org.import".to_string(),
                        entity_kind: gongyi_types::EntityKind::Org,
                        entity_id: key.clone(),
                        before_digest: None,
                        after_digest: Some(digest(o)),
                        detail: o.name.clone(),
                    });
                    report.inserted += 1;
                    report.changed.push(key.clone());
                    existing.insert(key, o.clone());
                }
            }
        }
        insert_rows(&mut *tx, "orgs", ORG_COLUMNS, new_rows).await?;
        insert_rows(&mut *tx, "org_changes", CHANGE_COLUMNS, changes).await?;
        audit::append(&mut *tx, at, audits).await?;
        Ok(report)
    }

    /// An official's edit of one record: writes the record, one 变更记录 row per changed field
    /// and an audit row, atomically. Returns the changed fields (empty: nothing was written).
    pub async fn update_org(
        &self,
        new: &Organization,
        actor: &str,
        at: &str,
        today: NaiveDate,
    ) -> Result<Vec<FieldDiff>, StoreError> {
        let mut tx = self.begin_write().await?;
        let diff = update_org_in(&mut tx, new, actor, "org.update", at, today).await?;
        tx.commit().await?;
        Ok(diff)
    }
}

/// [`Store::create_orgs`] inside a caller's transaction (an approved 成立登记 writes the new
/// organization together with the application's step).
pub(crate) async fn create_orgs_in(
    tx: &mut sqlx::AnyConnection,
    items: &[(Organization, Sections)],
    actor: &str,
    at: &str,
) -> Result<u64, StoreError> {
    let rows = items.iter().map(|(o, _)| org_values(o, at)).collect();
    let n = insert_rows(&mut *tx, "orgs", ORG_COLUMNS, rows)
        .await
        .map_err(|e| {
            if e.is_unique_violation() {
                StoreError::Conflict("统一社会信用代码已存在".to_string())
            } else {
                e
            }
        })?;
    let secs: Vec<(&str, &Sections)> = items.iter().map(|(o, s)| (o.uscc.as_str(), s)).collect();
    insert_sections(&mut *tx, &secs).await?;
    let audits = items
        .iter()
        .map(|(o, _)| NewAudit {
            actor: actor.to_string(),
            action: "org.create".to_string(),
            entity_kind: gongyi_types::EntityKind::Org,
            entity_id: o.uscc.to_string(),
            before_digest: None,
            after_digest: Some(digest(o)),
            detail: o.name.clone(),
        })
        .collect();
    audit::append(&mut *tx, at, audits).await?;
    Ok(n)
}

/// [`Store::update_org`] inside a caller's transaction, with the audit action to record
/// (`org.update` for an edit, `service.*` steps name theirs).
pub(crate) async fn update_org_in(
    tx: &mut sqlx::AnyConnection,
    new: &Organization,
    actor: &str,
    action: &str,
    at: &str,
    today: NaiveDate,
) -> Result<Vec<FieldDiff>, StoreError> {
    // Locked: the 变更记录 is computed against the record this write replaces, so two racing
    // edits each record their own change (the second against the first's result).
    let sql = format!(
        "SELECT {} FROM orgs WHERE uscc = $1{}",
        select_cols(),
        crate::tx::lock(tx)
    );
    let Some(row) = sqlx::query(&sql)
        .bind(new.uscc.to_string())
        .fetch_optional(&mut *tx)
        .await?
    else {
        return Err(StoreError::NotFound(new.uscc.to_string()));
    };
    let old = org_from_row(&row)?;
    let diff = new.diff(&old);
    if diff.is_empty() {
        return Ok(diff);
    }
    update_row(&mut *tx, new, at).await?;
    insert_rows(
        &mut *tx,
        "org_changes",
        CHANGE_COLUMNS,
        diff_changes(new.uscc.as_str(), &diff, today),
    )
    .await?;
    audit::append(
        &mut *tx,
        at,
        vec![update_audit(actor, action, &old, new, &diff)],
    )
    .await?;
    Ok(diff)
}

fn diff_changes(uscc: &str, diff: &[FieldDiff], today: NaiveDate) -> Vec<Vec<crate::rows::Val>> {
    diff.iter()
        .map(|d| {
            change_values(
                uscc,
                &Change {
                    changed_on: today,
                    field: d.field.to_string(),
                    before: d.before.clone(),
                    after: d.after.clone(),
                },
            )
        })
        .collect()
}

fn update_audit(
    actor: &str,
    action: &str,
    old: &Organization,
    new: &Organization,
    diff: &[FieldDiff],
) -> NewAudit {
    NewAudit {
        actor: actor.to_string(),
        action: action.to_string(),
        entity_kind: gongyi_types::EntityKind::Org,
        entity_id: new.uscc.to_string(),
        before_digest: Some(digest(old)),
        after_digest: Some(digest(new)),
        detail: diff.iter().map(|d| d.field).collect::<Vec<_>>().join("、"),
    }
}

async fn update_row(
    conn: &mut sqlx::AnyConnection,
    o: &Organization,
    at: &str,
) -> Result<(), StoreError> {
    let sets: Vec<String> = ORG_COLUMNS[1..]
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ${}", i + 2))
        .collect();
    let sql = format!("UPDATE orgs SET {} WHERE uscc = $1", sets.join(", "));
    let mut q = sqlx::query(&sql);
    for v in org_values(o, at) {
        q = bind(q, v);
    }
    q.execute(&mut *conn).await?;
    Ok(())
}
