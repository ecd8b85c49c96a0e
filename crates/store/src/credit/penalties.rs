//! Administrative penalties (第七条: 行政处罚信息, 民政部令第60号): an official's entry on the credit
//! page, or a case's 处罚决定 written with the case step ([`insert_penalty`]), each with its
//! audit row; the kind is stored so the list rules (异常 item (五), 严重 items) need not guess it.

use crate::audit::{self, NewAudit, digest};
use crate::{Store, StoreError};
use chrono::NaiveDate;
use gongyi_types::Fen;
use gongyi_types::credit::PenaltyKind;
use serde::Serialize;

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

fn penalty_kind_code(k: PenaltyKind) -> &'static str {
    match k {
        PenaltyKind::Warning => "warning",
        PenaltyKind::Fine => "fine",
        PenaltyKind::Suspension => "suspension",
        PenaltyKind::Revocation => "revocation",
        PenaltyKind::ChangeRevoked => "change_revoked",
        PenaltyKind::Other => "other",
    }
}
pub(super) fn penalty_kind_parse(s: Option<&str>, result: &str, fine: Option<Fen>) -> PenaltyKind {
    match s {
        Some("warning") => PenaltyKind::Warning,
        Some("fine") => PenaltyKind::Fine,
        Some("suspension") => PenaltyKind::Suspension,
        Some("revocation") => PenaltyKind::Revocation,
        Some("change_revoked") => PenaltyKind::ChangeRevoked,
        Some("other") => PenaltyKind::Other,
        _ => PenaltyKind::infer(result, fine),
    }
}

impl Store {
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
            entity_kind: gongyi_types::EntityKind::Org,
            entity_id: uscc.to_string(),
            before_digest: None,
            after_digest: Some(digest(p)),
            detail: format!("行政处罚 {}：{}", p.doc_no, p.result),
        }],
    )
    .await?;
    Ok(id)
}
