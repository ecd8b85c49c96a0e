//! Getting this node's log witnessed: the client side of C2SP tlog-witness.
//!
//! `serve --witness-url URL` (repeatable) names the nodes that witness this one. Every two
//! seconds ([`spawn_periodic`]) and for each of them, [`push`] sends the current checkpoint
//! to `URL/ledger/add-checkpoint` with a consistency proof from the size that witness last
//! cosigned, checks the cosignature it gets back against the witness's key, and keeps it:
//! `/ledger/checkpoint` then serves the checkpoint with that cosignature line appended (C2SP
//! tlog-cosignature), as long as the log has not grown since.
//!
//! The size a witness last cosigned is not stored here: the first request says `old 0`, and
//! the witness's `409 Conflict` answer tells it (C2SP tlog-witness allows exactly that). The
//! witness's key is fetched once from `URL/ledger/witness-vkey` (trust on first use; clients
//! decide for themselves which witness keys they trust).
//!
//! A witness that refuses because the log is not consistent with what it cosigned before
//! (`422`, or `409` at the same size) is an alarm: the error says so and is logged every time
//! it changes.

use crate::ledger::add_checkpoint::ERROR_CODE_HEADER;
use crate::ledger::handle::{LedgerHandle, note_text};
use gongyi_ledger::{AddCheckpointRequest, Checkpoint, KeyType, LogError, VerifierKey, note};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// How long one request to a witness may take.
const TIMEOUT: Duration = Duration::from_secs(10);

/// A push to a witness failed or was refused.
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    #[error("无法访问见证节点 {url}：{message}")]
    Http { url: String, message: String },
    #[error("见证节点 {url} 的联署验证密钥无效：{message}")]
    BadVkey { url: String, message: String },
    #[error("见证节点 {url} 拒绝联署（HTTP {status}，{code}）：{message}")]
    Refused {
        url: String,
        status: u16,
        code: String,
        message: String,
    },
    #[error(
        "见证节点 {url} 已联署过 {witness_size} 条记录的树，而本账本只有 {size} 条：账本回退了（被改写或丢失了数据）"
    )]
    WitnessAhead {
        url: String,
        witness_size: u64,
        size: u64,
    },
    #[error(
        "见证节点 {url} 已联署过同样大小（{size} 条）但根哈希不同的检查点：本账本与它见过的账本分叉了（被改写）"
    )]
    Fork { url: String, size: u64 },
    #[error("见证节点 {url} 返回的联署无效：{message}")]
    BadCosignature { url: String, message: String },
    #[error("本节点账本出错：{0}")]
    Ledger(String),
}

impl From<LogError> for PushError {
    fn from(e: LogError) -> Self {
        Self::Ledger(e.to_string())
    }
}

/// What a successful push did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pushed {
    /// The witness cosigned the checkpoint of this size.
    Cosigned(u64),
    /// The checkpoint of this size was already cosigned by this witness: nothing sent.
    AlreadyCosigned(u64),
}

#[derive(Default)]
struct Known {
    /// The witness's cosigner key, once fetched.
    vkey: Option<VerifierKey>,
    /// The size the witness last cosigned, once learnt.
    size: Option<u64>,
    /// The checkpoint text last cosigned and the cosignature line.
    cosigned: Option<(Vec<u8>, String)>,
    /// The last error, to log each new one once.
    last_error: Option<String>,
}

/// One witness of this node's log.
pub struct WitnessClient {
    /// Base URL of the witness (`POST {url}/ledger/add-checkpoint`).
    pub url: String,
    http: reqwest::Client,
    known: Mutex<Known>,
    /// One push at a time.
    busy: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for WitnessClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WitnessClient")
            .field("url", &self.url)
            .finish()
    }
}

impl WitnessClient {
    pub fn new(url: &str) -> Self {
        let http = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .build()
            .unwrap_or_default();
        Self {
            url: url.trim_end_matches('/').to_owned(),
            http,
            known: Mutex::new(Known::default()),
            busy: tokio::sync::Mutex::new(()),
        }
    }

    fn known(&self) -> std::sync::MutexGuard<'_, Known> {
        self.known.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The cosignature line of this witness over the checkpoint `text`, if it gave one.
    pub fn cosignature_for(&self, text: &[u8]) -> Option<String> {
        match &self.known().cosigned {
            Some((t, line)) if t == text => Some(line.clone()),
            _ => None,
        }
    }

    /// The witness's cosigner key, fetched on first use.
    async fn vkey(&self) -> Result<VerifierKey, PushError> {
        if let Some(k) = &self.known().vkey {
            return Ok(k.clone());
        }
        let url = format!("{}/ledger/witness-vkey", self.url);
        let http = |e: reqwest::Error| PushError::Http {
            url: url.clone(),
            message: e.to_string(),
        };
        let r = self.http.get(&url).send().await.map_err(http)?;
        let status = r.status().as_u16();
        let text = r.text().await.map_err(http)?;
        let bad = |message: String| PushError::BadVkey {
            url: self.url.clone(),
            message,
        };
        if status != 200 {
            return Err(bad(format!("{url} 返回 HTTP {status}")));
        }
        let key = VerifierKey::parse(text.trim()).map_err(|e| bad(e.to_string()))?;
        if key.key_type() != KeyType::CosignatureV1 {
            return Err(bad("不是 cosignature/v1（类型 0x04）密钥".into()));
        }
        tracing::info!(witness = %self.url, vkey = %key, "witness key fetched");
        self.known().vkey = Some(key.clone());
        Ok(key)
    }
}

/// Sends the current checkpoint of `ledger` to `witness`; keeps the cosignature.
pub async fn push(ledger: &LedgerHandle, witness: &WitnessClient) -> Result<Pushed, PushError> {
    let _busy = witness.busy.lock().await;
    let signed = ledger
        .fresh_checkpoint()
        .await
        .map_err(|e| PushError::Ledger(e.message))?;
    let text = note_text(&signed).to_vec();
    let checkpoint = Checkpoint::parse(&String::from_utf8_lossy(&text))
        .map_err(|e| PushError::Ledger(e.to_string()))?;
    let size = checkpoint.size;
    if witness.cosignature_for(&text).is_some() {
        return Ok(Pushed::AlreadyCosigned(size));
    }
    let vkey = witness.vkey().await?;
    let url = format!("{}/ledger/add-checkpoint", witness.url);
    let http = |e: reqwest::Error| PushError::Http {
        url: url.clone(),
        message: e.to_string(),
    };
    // At most three rounds: `old 0`, then the size a 409 names, then once more if the
    // witness moved in between (another instance of this log pushing).
    for _ in 0..3 {
        let old = witness.known().size.unwrap_or(0);
        if old > size {
            return Err(PushError::WitnessAhead {
                url: witness.url.clone(),
                witness_size: old,
                size,
            });
        }
        let proof = if old == 0 || old == size {
            Vec::new()
        } else {
            let log = ledger.log.clone();
            tokio::task::spawn_blocking(move || log.consistency_proof(old, size))
                .await
                .map_err(|e| PushError::Ledger(e.to_string()))??
        };
        let body = AddCheckpointRequest {
            old_size: old,
            proof,
            checkpoint: signed.clone(),
        }
        .encode();
        let r = witness
            .http
            .post(&url)
            .body(body)
            .send()
            .await
            .map_err(http)?;
        let status = r.status().as_u16();
        let code = r
            .headers()
            .get(ERROR_CODE_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let reply = r.bytes().await.map_err(http)?;
        match status {
            200 => {
                let line = verified_cosignature(&signed, &reply, &vkey).map_err(|message| {
                    PushError::BadCosignature {
                        url: witness.url.clone(),
                        message,
                    }
                })?;
                let mut known = witness.known();
                known.size = Some(size);
                known.cosigned = Some((text, line));
                return Ok(Pushed::Cosigned(size));
            }
            409 => {
                let witness_size = std::str::from_utf8(&reply)
                    .ok()
                    .and_then(|s| s.trim().parse::<u64>().ok())
                    .ok_or_else(|| PushError::Refused {
                        url: witness.url.clone(),
                        status,
                        code: code.clone().unwrap_or_default(),
                        message: "409 的正文不是树大小".into(),
                    })?;
                if witness_size == old || code.as_deref() == Some("inconsistent_root") {
                    return Err(PushError::Fork {
                        url: witness.url.clone(),
                        size: witness_size,
                    });
                }
                witness.known().size = Some(witness_size);
            }
            _ => {
                let (code, message) = error_body(&reply);
                return Err(PushError::Refused {
                    url: witness.url.clone(),
                    status,
                    code,
                    message,
                });
            }
        }
    }
    Err(PushError::Refused {
        url: witness.url.clone(),
        status: 409,
        code: "old_size_mismatch".into(),
        message: "见证节点联署的大小一直在变，稍后重试".into(),
    })
}

/// The witness's line from a 200 body, after checking it verifies over `signed`'s text.
fn verified_cosignature(signed: &[u8], reply: &[u8], vkey: &VerifierKey) -> Result<String, String> {
    let mut cosigned = signed.to_vec();
    cosigned.extend_from_slice(reply);
    let opened = note::open(&cosigned, &[vkey]).map_err(|e| e.to_string())?;
    opened
        .verified
        .iter()
        .find(|s| s.name == vkey.name() && s.key_id == vkey.key_id())
        .map(note::Signature::to_line)
        .ok_or_else(|| "没有该见证密钥的联署".to_owned())
}

/// `(code, message)` of a JSON error body, or the body as text.
fn error_body(body: &[u8]) -> (String, String) {
    let v: Option<serde_json::Value> = serde_json::from_slice(body).ok();
    let field = |k: &str| {
        v.as_ref()
            .and_then(|v| v["error"][k].as_str())
            .map(str::to_owned)
    };
    match (field("code"), field("message")) {
        (Some(c), Some(m)) => (c, m),
        _ => (
            String::new(),
            String::from_utf8_lossy(body)
                .trim()
                .chars()
                .take(300)
                .collect(),
        ),
    }
}

/// Pushes to every witness of `ledger`; a failure is logged when it differs from the last.
pub async fn push_all(ledger: &LedgerHandle) {
    for witness in &ledger.witnesses {
        let result = push(ledger, witness).await;
        let error = result.as_ref().err().map(ToString::to_string);
        let changed = {
            let mut known = witness.known();
            let changed = known.last_error != error;
            known.last_error.clone_from(&error);
            changed
        };
        match (result, changed) {
            (Err(e), true) => {
                tracing::error!(witness = %witness.url, error = %e, "witness push failed")
            }
            (Ok(Pushed::Cosigned(size)), _) => {
                tracing::debug!(witness = %witness.url, size, "checkpoint cosigned");
            }
            _ => {}
        }
    }
}

/// Pushes to the witnesses every `every` in the background.
pub fn spawn_periodic(ledger: Arc<LedgerHandle>, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            push_all(&ledger).await;
        }
    })
}
