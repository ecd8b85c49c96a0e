//! The profile sections of an organization: 年检, 评估, 表彰, 行政处罚, 变更记录, 名录, 年报.

use crate::bulk::insert_rows;
use crate::rows::{
    Val, date, get_date, get_i64, get_opt_date, get_opt_i64, get_opt_text, get_text, opt_date,
};
use crate::{Store, StoreError};
use gongyi_types::{
    AnnualReport, Change, EvalGrade, Evaluation, Fen, Honor, Inspection, InspectionResult,
    ListEntry, ListKind, Penalty, Sections,
};
use sqlx::AnyConnection;

fn corrupt(t: &'static str, c: &'static str) -> impl Fn(gongyi_types::UnknownCode) -> StoreError {
    move |e| StoreError::corrupt(t, c, e)
}

impl Store {
    /// Every section of one organization's profile, oldest entry first within each section.
    pub async fn sections(&self, uscc: &str) -> Result<Sections, StoreError> {
        let mut conn = self.pool.acquire().await?;
        load_sections(&mut conn, uscc).await
    }
}

/// All sections of one organization in one statement: each section table's rows mapped onto
/// the same columns (`n1`…`n6` numbers, `t1`…`t6` texts) and stacked with `UNION ALL`.
///
/// A profile is the most-read page of the registry; one round trip instead of seven keeps
/// its tail latency low under concurrent load (issue 2: p99 under 10 ms). The `CAST(NULL …)`
/// give PostgreSQL a type for the empty columns of the first branch.
const SECTIONS_SQL: &str = "\
SELECT 0 AS sec, id, year AS n1, CAST(NULL AS BIGINT) AS n2, CAST(NULL AS BIGINT) AS n3, \
CAST(NULL AS BIGINT) AS n4, CAST(NULL AS BIGINT) AS n5, CAST(NULL AS BIGINT) AS n6, \
result AS t1, decided_on AS t2, CAST(NULL AS TEXT) AS t3, CAST(NULL AS TEXT) AS t4, \
CAST(NULL AS TEXT) AS t5, CAST(NULL AS TEXT) AS t6 FROM org_inspections WHERE uscc = $1 \
UNION ALL SELECT 1, id, NULL, NULL, NULL, NULL, NULL, NULL, \
grade, awarded_on, valid_until, authority, NULL, NULL FROM org_evaluations WHERE uscc = $1 \
UNION ALL SELECT 2, id, NULL, NULL, NULL, NULL, NULL, NULL, \
title, issuer, awarded_on, NULL, NULL, NULL FROM org_honors WHERE uscc = $1 \
UNION ALL SELECT 3, id, fine_fen, NULL, NULL, NULL, NULL, NULL, \
doc_no, reason, basis, result, decided_on, authority FROM org_penalties WHERE uscc = $1 \
UNION ALL SELECT 4, id, NULL, NULL, NULL, NULL, NULL, NULL, \
changed_on, field, before_value, after_value, NULL, NULL FROM org_changes WHERE uscc = $1 \
UNION ALL SELECT 5, id, NULL, NULL, NULL, NULL, NULL, NULL, \
list, listed_on, listed_reason, listed_by, removed_on, removed_reason \
FROM org_list_entries WHERE uscc = $1 \
UNION ALL SELECT 6, id, year, income_fen, expenditure_fen, net_assets_fen, staff, members, \
filed_on, summary, NULL, NULL, NULL, NULL FROM org_annual_reports WHERE uscc = $1 \
ORDER BY 1, 2";

/// Every section of one organization, oldest entry first within each section (by its date
/// or year, then by insertion order).
pub(crate) async fn load_sections(
    conn: &mut AnyConnection,
    uscc: &str,
) -> Result<Sections, StoreError> {
    let mut s = Sections::default();
    let rows = sqlx::query(SECTIONS_SQL)
        .bind(uscc.to_string())
        .fetch_all(&mut *conn)
        .await?;
    for r in &rows {
        match get_i64(r, "sections", "sec")? {
            0 => {
                const I: &str = "org_inspections";
                s.inspections.push(Inspection {
                    year: get_i64(r, I, "n1")? as i32,
                    result: InspectionResult::parse(&get_text(r, I, "t1")?)
                        .map_err(corrupt(I, "result"))?,
                    decided_on: get_opt_date(r, I, "t2")?,
                });
            }
            1 => {
                const E: &str = "org_evaluations";
                s.evaluations.push(Evaluation {
                    grade: EvalGrade::parse(&get_text(r, E, "t1")?).map_err(corrupt(E, "grade"))?,
                    awarded_on: get_date(r, E, "t2")?,
                    valid_until: get_date(r, E, "t3")?,
                    authority: get_text(r, E, "t4")?,
                });
            }
            2 => {
                const H: &str = "org_honors";
                s.honors.push(Honor {
                    title: get_text(r, H, "t1")?,
                    issuer: get_text(r, H, "t2")?,
                    awarded_on: get_date(r, H, "t3")?,
                });
            }
            3 => {
                const P: &str = "org_penalties";
                s.penalties.push(Penalty {
                    doc_no: get_text(r, P, "t1")?,
                    reason: get_text(r, P, "t2")?,
                    basis: get_text(r, P, "t3")?,
                    result: get_text(r, P, "t4")?,
                    fine: get_opt_i64(r, P, "n1")?.map(Fen),
                    decided_on: get_date(r, P, "t5")?,
                    authority: get_text(r, P, "t6")?,
                });
            }
            4 => {
                const C: &str = "org_changes";
                s.changes.push(Change {
                    changed_on: get_date(r, C, "t1")?,
                    field: get_text(r, C, "t2")?,
                    before: get_text(r, C, "t3")?,
                    after: get_text(r, C, "t4")?,
                });
            }
            5 => {
                const L: &str = "org_list_entries";
                s.list_entries.push(ListEntry {
                    list: ListKind::parse(&get_text(r, L, "t1")?).map_err(corrupt(L, "list"))?,
                    listed_on: get_date(r, L, "t2")?,
                    listed_reason: get_text(r, L, "t3")?,
                    listed_by: get_text(r, L, "t4")?,
                    removed_on: get_opt_date(r, L, "t5")?,
                    removed_reason: get_opt_text(r, L, "t6")?,
                });
            }
            6 => {
                const A: &str = "org_annual_reports";
                s.annual_reports.push(AnnualReport {
                    year: get_i64(r, A, "n1")? as i32,
                    filed_on: get_date(r, A, "t1")?,
                    income: Fen(get_i64(r, A, "n2")?),
                    expenditure: Fen(get_i64(r, A, "n3")?),
                    net_assets: Fen(get_i64(r, A, "n4")?),
                    staff: get_i64(r, A, "n5")? as i32,
                    members: get_opt_i64(r, A, "n6")?.map(|m| m as i32),
                    summary: get_text(r, A, "t2")?,
                });
            }
            other => {
                return Err(StoreError::corrupt(
                    "sections",
                    "sec",
                    format!("unknown section {other}"),
                ));
            }
        }
    }
    // Rows came in insertion order; a stable sort by date or year keeps it within a day.
    s.inspections.sort_by_key(|i| i.year);
    s.evaluations.sort_by_key(|e| e.awarded_on);
    s.honors.sort_by_key(|h| h.awarded_on);
    s.penalties.sort_by_key(|p| p.decided_on);
    s.changes.sort_by_key(|c| c.changed_on);
    s.list_entries.sort_by_key(|l| l.listed_on);
    s.annual_reports.sort_by_key(|a| a.year);
    Ok(s)
}

/// Inserts the sections of many organizations, one multi-row statement per table and chunk.
pub(crate) async fn insert_sections(
    conn: &mut AnyConnection,
    items: &[(&str, &Sections)],
) -> Result<(), StoreError> {
    let mut ins = vec![];
    let mut ev = vec![];
    let mut ho = vec![];
    let mut pe = vec![];
    let mut ch = vec![];
    let mut li = vec![];
    let mut an = vec![];
    for (uscc, s) in items {
        let u = || Val::Text(uscc.to_string());
        for i in &s.inspections {
            ins.push(vec![
                u(),
                Val::Int(i64::from(i.year)),
                Val::Text(i.result.code().into()),
                opt_date(i.decided_on),
            ]);
        }
        for e in &s.evaluations {
            ev.push(vec![
                u(),
                Val::Text(e.grade.code().into()),
                date(e.awarded_on),
                date(e.valid_until),
                Val::Text(e.authority.clone()),
            ]);
        }
        for h in &s.honors {
            ho.push(vec![
                u(),
                Val::Text(h.title.clone()),
                Val::Text(h.issuer.clone()),
                date(h.awarded_on),
            ]);
        }
        for p in &s.penalties {
            pe.push(vec![
                u(),
                Val::Text(p.doc_no.clone()),
                Val::Text(p.reason.clone()),
                Val::Text(p.basis.clone()),
                Val::Text(p.result.clone()),
                Val::OptInt(p.fine.map(|f| f.0)),
                date(p.decided_on),
                Val::Text(p.authority.clone()),
            ]);
        }
        for c in &s.changes {
            ch.push(change_values(uscc, c));
        }
        for l in &s.list_entries {
            li.push(vec![
                u(),
                Val::Text(l.list.code().into()),
                date(l.listed_on),
                Val::Text(l.listed_reason.clone()),
                Val::Text(l.listed_by.clone()),
                opt_date(l.removed_on),
                Val::OptText(l.removed_reason.clone()),
            ]);
        }
        for a in &s.annual_reports {
            an.push(vec![
                u(),
                Val::Int(i64::from(a.year)),
                date(a.filed_on),
                Val::Int(a.income.0),
                Val::Int(a.expenditure.0),
                Val::Int(a.net_assets.0),
                Val::Int(i64::from(a.staff)),
                Val::OptInt(a.members.map(i64::from)),
                Val::Text(a.summary.clone()),
            ]);
        }
    }
    insert_rows(
        conn,
        "org_inspections",
        &["uscc", "year", "result", "decided_on"],
        ins,
    )
    .await?;
    insert_rows(
        conn,
        "org_evaluations",
        &["uscc", "grade", "awarded_on", "valid_until", "authority"],
        ev,
    )
    .await?;
    insert_rows(
        conn,
        "org_honors",
        &["uscc", "title", "issuer", "awarded_on"],
        ho,
    )
    .await?;
    insert_rows(
        conn,
        "org_penalties",
        &[
            "uscc",
            "doc_no",
            "reason",
            "basis",
            "result",
            "fine_fen",
            "decided_on",
            "authority",
        ],
        pe,
    )
    .await?;
    insert_rows(conn, "org_changes", CHANGE_COLUMNS, ch).await?;
    insert_rows(
        conn,
        "org_list_entries",
        &[
            "uscc",
            "list",
            "listed_on",
            "listed_reason",
            "listed_by",
            "removed_on",
            "removed_reason",
        ],
        li,
    )
    .await?;
    let listed: Vec<&str> = items
        .iter()
        .filter(|(_, s)| !s.list_entries.is_empty() && !s.penalties.is_empty())
        .map(|(u, _)| *u)
        .collect();
    link_entries_to_penalties(conn, &listed).await?;
    insert_rows(
        conn,
        "org_annual_reports",
        &[
            "uscc",
            "year",
            "filed_on",
            "income_fen",
            "expenditure_fen",
            "net_assets_fen",
            "staff",
            "members",
            "summary",
        ],
        an,
    )
    .await?;
    Ok(())
}

pub(crate) const CHANGE_COLUMNS: &[&str] =
    &["uscc", "changed_on", "field", "before_value", "after_value"];

pub(crate) fn change_values(uscc: &str, c: &Change) -> Vec<Val> {
    vec![
        Val::Text(uscc.to_string()),
        date(c.changed_on),
        Val::Text(c.field.clone()),
        Val::Text(c.before.clone()),
        Val::Text(c.after.clone()),
    ]
}

/// Links imported list entries to the penalty they cite by its 决定书文号 (an entry made
/// outside the rules — imported, or written by another system — names the decision in its
/// reason): the entry gets the trigger `penalty:ID`, so the credit rules, which list each
/// penalty once, do not list that penalty a second time.
pub(crate) async fn link_entries_to_penalties(
    conn: &mut AnyConnection,
    codes: &[&str],
) -> Result<(), StoreError> {
    const CITES: &str = "FROM org_penalties p WHERE p.uscc = org_list_entries.uscc AND TRIM(p.doc_no) <> '' AND org_list_entries.listed_reason LIKE '%' || p.doc_no || '%'";
    for chunk in codes.chunks(500) {
        let ph: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "UPDATE org_list_entries SET trigger_kind = (SELECT 'penalty:' || CAST(p.id AS TEXT) {CITES} ORDER BY p.id LIMIT 1) \
             WHERE trigger_kind IS NULL AND uscc IN ({}) AND EXISTS (SELECT 1 {CITES})",
            ph.join(", ")
        );
        let mut q = sqlx::query(&sql).persistent(false);
        for c in chunk {
            q = q.bind(c.to_string());
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}
