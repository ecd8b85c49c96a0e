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

pub(crate) async fn load_sections(
    conn: &mut AnyConnection,
    uscc: &str,
) -> Result<Sections, StoreError> {
    let mut s = Sections::default();
    let q = |sql: &'static str| sqlx::query(sql).bind(uscc.to_string());

    const I: &str = "org_inspections";
    for r in
        q("SELECT year, result, decided_on FROM org_inspections WHERE uscc = $1 ORDER BY year, id")
            .fetch_all(&mut *conn)
            .await?
    {
        s.inspections.push(Inspection {
            year: get_i64(&r, I, "year")? as i32,
            result: InspectionResult::parse(&get_text(&r, I, "result")?)
                .map_err(corrupt(I, "result"))?,
            decided_on: get_opt_date(&r, I, "decided_on")?,
        });
    }
    const E: &str = "org_evaluations";
    for r in q("SELECT grade, awarded_on, valid_until, authority FROM org_evaluations WHERE uscc = $1 ORDER BY awarded_on, id").fetch_all(&mut *conn).await? {
        s.evaluations.push(Evaluation {
            grade: EvalGrade::parse(&get_text(&r, E, "grade")?).map_err(corrupt(E, "grade"))?,
            awarded_on: get_date(&r, E, "awarded_on")?,
            valid_until: get_date(&r, E, "valid_until")?,
            authority: get_text(&r, E, "authority")?,
        });
    }
    const H: &str = "org_honors";
    for r in q(
        "SELECT title, issuer, awarded_on FROM org_honors WHERE uscc = $1 ORDER BY awarded_on, id",
    )
    .fetch_all(&mut *conn)
    .await?
    {
        s.honors.push(Honor {
            title: get_text(&r, H, "title")?,
            issuer: get_text(&r, H, "issuer")?,
            awarded_on: get_date(&r, H, "awarded_on")?,
        });
    }
    const P: &str = "org_penalties";
    for r in q("SELECT doc_no, reason, basis, result, fine_fen, decided_on, authority FROM org_penalties WHERE uscc = $1 ORDER BY decided_on, id").fetch_all(&mut *conn).await? {
        s.penalties.push(Penalty {
            doc_no: get_text(&r, P, "doc_no")?,
            reason: get_text(&r, P, "reason")?,
            basis: get_text(&r, P, "basis")?,
            result: get_text(&r, P, "result")?,
            fine: get_opt_i64(&r, P, "fine_fen")?.map(Fen),
            decided_on: get_date(&r, P, "decided_on")?,
            authority: get_text(&r, P, "authority")?,
        });
    }
    const C: &str = "org_changes";
    for r in q("SELECT changed_on, field, before_value, after_value FROM org_changes WHERE uscc = $1 ORDER BY changed_on, id").fetch_all(&mut *conn).await? {
        s.changes.push(Change {
            changed_on: get_date(&r, C, "changed_on")?,
            field: get_text(&r, C, "field")?,
            before: get_text(&r, C, "before_value")?,
            after: get_text(&r, C, "after_value")?,
        });
    }
    const L: &str = "org_list_entries";
    for r in q("SELECT list, listed_on, listed_reason, listed_by, removed_on, removed_reason FROM org_list_entries WHERE uscc = $1 ORDER BY listed_on, id").fetch_all(&mut *conn).await? {
        s.list_entries.push(ListEntry {
            list: ListKind::parse(&get_text(&r, L, "list")?).map_err(corrupt(L, "list"))?,
            listed_on: get_date(&r, L, "listed_on")?,
            listed_reason: get_text(&r, L, "listed_reason")?,
            listed_by: get_text(&r, L, "listed_by")?,
            removed_on: get_opt_date(&r, L, "removed_on")?,
            removed_reason: get_opt_text(&r, L, "removed_reason")?,
        });
    }
    const A: &str = "org_annual_reports";
    for r in q("SELECT year, filed_on, income_fen, expenditure_fen, net_assets_fen, staff, members, summary FROM org_annual_reports WHERE uscc = $1 ORDER BY year, id").fetch_all(&mut *conn).await? {
        s.annual_reports.push(AnnualReport {
            year: get_i64(&r, A, "year")? as i32,
            filed_on: get_date(&r, A, "filed_on")?,
            income: Fen(get_i64(&r, A, "income_fen")?),
            expenditure: Fen(get_i64(&r, A, "expenditure_fen")?),
            net_assets: Fen(get_i64(&r, A, "net_assets_fen")?),
            staff: get_i64(&r, A, "staff")? as i32,
            members: get_opt_i64(&r, A, "members")?.map(|m| m as i32),
            summary: get_text(&r, A, "summary")?,
        });
    }
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
