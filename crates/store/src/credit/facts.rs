//! The credit job's reads (社会组织信用信息管理办法, 民政部令第60号): each organization's kind,
//! registration and authority, annual reports (第七条: 年报信息), list entries (异常 and 严重),
//! penalties (第七条: 行政处罚信息), the courts' 失信被执行人 listings and the authority's
//! 整改通知 and 专用信函, in keyset-paged range
//! reads — seven per page, whatever its size — so the daily job walks every organization without
//! one query per code; and the organizations by code to refresh the search index after a change.

use super::penalties::penalty_kind_parse;
use crate::rows::{get_date, get_i64, get_opt_date, get_opt_i64, get_opt_text, get_text};
use crate::{Store, StoreError};
use gongyi_types::credit::{CourtListingFact, CreditFacts, EntryFact, PenaltyFact, Trigger};
use gongyi_types::{CreditStatus, Fen, ListKind, OrgKind, RegStatus};
use std::collections::HashMap;

/// One organization's credit facts with its stored credit standing.
#[derive(Debug, Clone)]
pub struct OrgCreditFacts {
    pub uscc: String,
    pub credit: CreditStatus,
    pub facts: CreditFacts,
}

/// Whether a penalty was decided by a registration authority: the organization's own, or any
/// civil-affairs department (民政部、民政厅、民政局 — a superior authority may decide for it).
/// 撤销/吊销 of a registration and 撤销变更登记 can only be its decisions; another department's
/// 吊销 is of something else (a 办学许可证). Computed in the query, looking up the
/// organization's authority only for penalty rows (a join over the page cost the 1M-row job
/// about 2 s), so the job does not read every organization's authority.
const BY_REGISTRAR: &str = "CAST(CASE WHEN TRIM(p.authority) <> '' AND (p.authority LIKE '%民政%' OR TRIM(p.authority) = (SELECT TRIM(o.authority) FROM orgs o WHERE o.uscc = p.uscc)) THEN 1 ELSE 0 END AS BIGINT)";

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
            "SELECT uscc, kind, status, founded, credit FROM orgs WHERE uscc > $1 ORDER BY uscc LIMIT $2",
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
                    kind: OrgKind::parse(&get_text(r, O, "kind")?)
                        .map_err(|e| StoreError::corrupt(O, "kind", e))?,
                    status: RegStatus::parse(&get_text(r, O, "status")?)
                        .map_err(|e| StoreError::corrupt(O, "status", e))?,
                    founded: get_date(r, O, "founded")?,
                    reports_filed: vec![],
                    entries: vec![],
                    penalties: vec![],
                    court_listings: vec![],
                    rectifications: vec![],
                    letters: vec![],
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
        let courts = sqlx::query("SELECT id, uscc, case_no, court, published_on, removed_on FROM court_dishonest WHERE uscc >= $1 AND uscc <= $2")
            .bind(first.clone())
            .bind(last.clone())
            .fetch_all(&mut *conn)
            .await?;
        const C: &str = "court_dishonest";
        for r in &courts {
            if let Some(&i) = pos.get(&get_text(r, C, "uscc")?) {
                out[i].facts.court_listings.push(CourtListingFact {
                    id: get_i64(r, C, "id")?,
                    case_no: get_text(r, C, "case_no")?,
                    court: get_text(r, C, "court")?,
                    published_on: get_date(r, C, "published_on")?,
                    removed_on: get_opt_date(r, C, "removed_on")?,
                });
            }
        }
        let (orders, letters) =
            super::supervision::facts_in_range(&mut conn, &first, &last).await?;
        for (uscc, o) in orders {
            if let Some(&i) = pos.get(&uscc) {
                out[i].facts.rectifications.push(o);
            }
        }
        for (uscc, l) in letters {
            if let Some(&i) = pos.get(&uscc) {
                out[i].facts.letters.push(l);
            }
        }
        let sql = format!(
            "SELECT p.id, p.uscc, p.kind, p.result, p.fine_fen, p.decided_on, p.doc_no, {BY_REGISTRAR} AS by_registrar FROM org_penalties p WHERE p.uscc >= $1 AND p.uscc <= $2"
        );
        let penalties = sqlx::query(&sql)
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
                    by_registrar: get_i64(r, P, "by_registrar")? != 0,
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
}
