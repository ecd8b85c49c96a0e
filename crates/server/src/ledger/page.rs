//! `/ledger` — the public page of the transparency log, for people first: the latest records
//! in plain Chinese ("2026年12月3日 14:29 北京市朝阳区民政局变更了某协会的登记信息"), each with
//! its receipt to download, and a form (`POST /ledger/verify-receipt`) that checks a receipt
//! and answers in Chinese; the engineer's details (checkpoint, key, proofs, tiles) below. It
//! changes nothing, so it needs no session and no CSRF token.

use crate::AppState;
use crate::auth::current_session;
use crate::error::ApiError;
use crate::error::PageError;
use crate::ledger::handle::require;
use crate::ledger::receipt::{Receipt, ReceiptError};
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

/// One record of the log as a person reads it.
pub struct RecentEntry {
    pub index: i64,
    pub when: String,
    pub sentence: String,
    /// The organization's profile, when the record is about one.
    pub href: Option<String>,
    pub receipt: String,
}

/// Records listed on the page.
const RECENT: i64 = 30;

/// What happened, in a sentence: who (the registration authority, or the organization itself
/// for what it files) did what to which organization. Only the public names: the audit row's
/// free text and the official's identity stay out, as they stay out of the log.
fn sentence(action: &str, name: &str, authority: &str) -> String {
    match action {
        "org.create" => format!("{authority}登记了{name}"),
        "org.import" => format!("{authority}录入了{name}的登记信息"),
        "org.update" => format!("{authority}变更了{name}的登记信息"),
        "org.annual_report" => format!("{name}报送了年度工作报告"),
        "org.inspection" => format!("{authority}作出了{name}的年检结论"),
        "org.evaluation" => format!("{authority}评定了{name}的评估等级"),
        "credit.list" => format!("{authority}将{name}列入信用名录"),
        "credit.remove" => format!("{authority}将{name}移出信用名录"),
        "credit.penalty" => format!("{name}的行政处罚信息已公示"),
        "credit.objection" => format!("{name}的信用信息收到异议"),
        "credit.objection_decided" => format!("{authority}处理了{name}信用信息的异议"),
        "illegal.publish" => "登记管理机关公布了一批非法社会组织名单".to_string(),
        "case.open" => format!("执法案件{name}已登记"),
        "complaint.file" => format!("执法案件{name}收到投诉举报"),
        "case.link_org" => format!("执法案件{name}关联了被查处的组织"),
        a if a.starts_with("case.") => {
            let step = gongyi_types::enforcement::case_rules::CaseState::parse(&a[5..])
                .map(|s| s.label())
                .unwrap_or("办理");
            format!("执法案件{name}：{step}")
        }
        _ => format!("{name}：其他公开记录"),
    }
}

async fn recent(state: &AppState) -> Result<Vec<RecentEntry>, ApiError> {
    let rows = state.store.ledger_recent(RECENT).await?;
    let names = state.legitimacy.names(&state.store).await?;
    let names = names.read().map_err(ApiError::internal)?;
    Ok(rows
        .into_iter()
        .map(|(a, index)| {
            let org = names.by_code(&a.entity_id);
            let (name, authority, href) = match &org {
                Some(b) => (
                    b.name.clone(),
                    gongyi_types::DivisionCode::parse(&b.division)
                        .ok()
                        .and_then(|d| d.authority_name())
                        .unwrap_or_else(|| "登记管理机关".into()),
                    Some(format!("/orgs/{}", b.uscc)),
                ),
                None => (a.entity_id.clone(), "登记管理机关".into(), None),
            };
            RecentEntry {
                index,
                when: crate::web::time::cn(&a.at),
                sentence: sentence(&a.action, &name, &authority),
                href,
                receipt: format!("/api/v1/ledger/receipt/{}", a.id),
            }
        })
        .collect())
}

/// A rejected receipt, in Chinese only (the proof library's own words stay in the details).
fn refusal(e: &ReceiptError) -> String {
    match e {
        ReceiptError::Format(_) => "这不是本平台的回执文件（应为回执 JSON 的全文）".into(),
        ReceiptError::Checkpoint(_) => {
            "回执中的检查点签名无效：它不是本节点签发的，或已被改动".into()
        }
        ReceiptError::IndexBeyond { .. } => "回执中的记录序号不在其检查点内：回执被改动".into(),
        ReceiptError::Hash(_) | ReceiptError::Proof(_) => {
            "回执中的记录或证明与检查点不符：记录或回执已被改动".into()
        }
        ReceiptError::Leaf => "回执中的记录格式不正确".into(),
        ReceiptError::Key(_) => "本节点的验证密钥无效，请联系平台运维".into(),
    }
}

#[derive(Template)]
#[template(path = "ledger/page.html")]
struct LedgerPage {
    nav: Nav,
    recent: Vec<RecentEntry>,
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
        recent: recent(state).await?,
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
                "回执有效：这条记录（第 {} 条，{}，统一社会信用代码 {}）确实在本节点的公开账本中，且未被改动。记录摘要 {}。",
                v.index,
                crate::web::time::cn(&v.leaf.at),
                v.leaf.entity_id,
                v.leaf.after.as_deref().unwrap_or("（无）")
            ),
        },
        Err(e) => Outcome {
            ok: false,
            message: format!("回执无效：{}", refusal(&e)),
        },
    };
    page(&state, &headers, form.receipt, Some(outcome)).await
}
