//! `/ledger` — the public page of the transparency log: what is logged and why it holds no
//! personal data, the current checkpoint, the verifier key, how to verify, and a form
//! (`POST /ledger/verify-receipt`) that checks a pasted receipt. It changes nothing, so it
//! needs no session and no CSRF token.

use crate::AppState;
use crate::auth::current_session;
use crate::error::PageError;
use crate::ledger::handle::require;
use crate::ledger::receipt::Receipt;
use crate::web::layout::{Nav, render};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;

/// The result of checking a receipt.
pub struct Outcome {
    pub ok: bool,
    pub message: String,
}

#[derive(Template)]
#[template(path = "ledger/page.html")]
struct LedgerPage {
    nav: Nav,
    origin: String,
    size: u64,
    root: String,
    vkey: String,
    checkpoint: String,
    receipt: String,
    outcome: Option<Outcome>,
}

#[derive(Debug, Deserialize)]
pub struct VerifyForm {
    #[serde(default)]
    pub receipt: String,
}

async fn page(
    state: &AppState,
    headers: &HeaderMap,
    receipt: String,
    outcome: Option<Outcome>,
) -> Result<Response, PageError> {
    let session = current_session(state, headers).await?;
    let ledger = require(state)?;
    let checkpoint = String::from_utf8_lossy(&ledger.checkpoint().await?).into_owned();
    let mut lines = checkpoint.lines();
    let (_, size, root) = (lines.next(), lines.next(), lines.next());
    Ok(render(&LedgerPage {
        nav: Nav::public(state, headers, &session).await?,
        origin: ledger.origin().into(),
        size: size.and_then(|s| s.parse().ok()).unwrap_or_default(),
        root: root.unwrap_or_default().into(),
        vkey: ledger.vkey.to_string(),
        checkpoint,
        receipt,
        outcome,
    }))
}

pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    page(&state, &headers, String::new(), None).await
}

pub async fn verify(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<VerifyForm>,
) -> Result<Response, PageError> {
    let ledger = require(&state)?;
    let result = Receipt::parse(&form.receipt).and_then(|r| r.verify(&ledger.vkey));
    let outcome = match result {
        Ok(v) => Outcome {
            ok: true,
            message: format!(
                "回执有效：第 {} 条（检查点大小 {}），{} {} 于 {}，记录摘要 {}。",
                v.index,
                v.size,
                v.leaf.action,
                v.leaf.entity_id,
                v.leaf.at,
                v.leaf.after.as_deref().unwrap_or("（无）")
            ),
        },
        Err(e) => Outcome {
            ok: false,
            message: format!("回执无效：{e}"),
        },
    };
    page(&state, &headers, form.receipt, Some(outcome)).await
}
