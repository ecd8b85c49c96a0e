//! The node's ledger: `<data-dir>/ledger/` holds the log files ([`Log::open`]), the signing
//! key `signer.key` (`PRIVATE+KEY+…`, mode 0600) and the 32-byte secret `salt` of the actors'
//! commitments (mode 0600); both secrets are created on first start.

use crate::error::ApiError;
use crate::ledger::witness_push::WitnessClient;
use gongyi_ledger::{KeyType, Log, LogError, SignerKey, VerifierKey};
use gongyi_types::ErrorCode;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// The origin line of a node that was not given one.
pub const DEFAULT_ORIGIN: &str = "gongyi.local/ledger";

/// How long a signed checkpoint is served before a fresh one is signed.
const CHECKPOINT_TTL: Duration = Duration::from_secs(1);

/// The node's secret salt: actors enter leaves only as `SHA-256(salt || actor)`.
#[derive(Clone)]
pub struct NodeSalt([u8; 32]);

impl NodeSalt {
    pub fn new(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl std::fmt::Debug for NodeSalt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NodeSalt(…)")
    }
}

/// Opening the ledger directory failed.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("无法读写 {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} 无效: {message}")]
    Invalid { path: String, message: String },
    #[error(transparent)]
    Log(#[from] LogError),
}

/// What the ledger endpoints and the pump share.
pub struct LedgerHandle {
    pub log: Arc<Log>,
    pub salt: NodeSalt,
    pub vkey: VerifierKey,
    /// One pump at a time; `true` while the tail of the log must be reconciled with the
    /// outbox (after start and after a failed mark).
    pub(crate) pump: tokio::sync::Mutex<bool>,
    checkpoint: Mutex<Option<(Instant, Vec<u8>)>>,
    /// The log's key, which also signs the open-data manifest (`exchange::open_data`).
    signer: SignerKey,
    /// The witnesses this node sends its checkpoints to ([`crate::ledger::witness_push`]).
    pub witnesses: Vec<Arc<WitnessClient>>,
}

impl std::fmt::Debug for LedgerHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LedgerHandle")
            .field("origin", &self.log.origin())
            .field("size", &self.log.size())
            .finish()
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> OpenError + '_ {
    move |source| OpenError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Writes a new secret file readable by its owner only.
fn write_secret(path: &Path, bytes: &[u8]) -> Result<(), OpenError> {
    use std::io::Write as _;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path).map_err(io(path))?;
    f.write_all(bytes).map_err(io(path))?;
    f.sync_all().map_err(io(path))
}

/// The `PRIVATE+KEY+…` key in `path`, generated (named `name`, of `key_type`) if the file
/// does not exist yet. A key of another type is refused.
pub(crate) fn load_or_create_key(
    path: &Path,
    name: &str,
    key_type: KeyType,
) -> Result<SignerKey, OpenError> {
    let invalid = |message: String| OpenError::Invalid {
        path: path.display().to_string(),
        message,
    };
    if !path.exists() {
        let key = SignerKey::generate(name, key_type).map_err(|e| invalid(e.to_string()))?;
        write_secret(path, key.to_private_string().as_bytes())?;
    }
    let text = std::fs::read_to_string(path).map_err(io(path))?;
    let key = SignerKey::parse(text.trim()).map_err(|e| invalid(e.to_string()))?;
    if key.key_type() != key_type {
        return Err(invalid(format!(
            "密钥类型应为 0x{:02x}，实为 0x{:02x}",
            key_type.byte(),
            key.key_type().byte()
        )));
    }
    Ok(key)
}

/// The node's signing key in the ledger directory `dir` (created, named `origin`, if the node
/// has none yet): `gongyi export open-data` signs with it outside `serve`.
pub fn load_signer(dir: &Path, origin: &str) -> Result<SignerKey, OpenError> {
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    load_or_create_key(&dir.join("signer.key"), origin, KeyType::Ed25519)
}

impl LedgerHandle {
    /// Opens (creating on first start) the ledger in `dir` with `origin` as its origin line
    /// and key name. Blocks on I/O.
    pub fn open(dir: &Path, origin: &str) -> Result<Self, OpenError> {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let signer = load_or_create_key(&dir.join("signer.key"), origin, KeyType::Ed25519)?;
        let salt_path = dir.join("salt");
        if !salt_path.exists() {
            write_secret(&salt_path, &rand::random::<[u8; 32]>())?;
        }
        let bytes = std::fs::read(&salt_path).map_err(io(&salt_path))?;
        let salt: [u8; 32] = bytes.try_into().map_err(|_| OpenError::Invalid {
            path: salt_path.display().to_string(),
            message: "应为 32 字节".into(),
        })?;
        let vkey = signer.verifier_key();
        let log = Log::open(dir, signer.clone(), origin)?;
        Ok(Self {
            log: Arc::new(log),
            salt: NodeSalt(salt),
            vkey,
            pump: tokio::sync::Mutex::new(true),
            checkpoint: Mutex::new(None),
            signer,
            witnesses: Vec::new(),
        })
    }

    /// The node's signing key: the checkpoints' and the open-data manifest's.
    pub fn signer_key(&self) -> &SignerKey {
        &self.signer
    }

    /// The same ledger, sending its checkpoints to the witnesses at `urls` (base URLs of
    /// gongyi nodes or of any C2SP tlog-witness whose submission prefix ends in `/ledger`).
    pub fn with_witnesses(mut self, urls: &[String]) -> Self {
        self.witnesses = urls
            .iter()
            .map(|u| Arc::new(WitnessClient::new(u)))
            .collect();
        self
    }

    pub fn origin(&self) -> &str {
        self.log.origin()
    }

    /// The checkpoint of the current size signed by the log, followed by the cosignatures of
    /// the witnesses that cosigned this same tree head (C2SP tlog-cosignature: cosignatures
    /// are further signature lines of the note).
    pub async fn checkpoint(&self) -> Result<Vec<u8>, ApiError> {
        let mut note = self.log_checkpoint().await?;
        let text = note_text(&note).to_vec();
        for witness in &self.witnesses {
            if let Some(line) = witness.cosignature_for(&text) {
                note.extend_from_slice(line.as_bytes());
            }
        }
        Ok(note)
    }

    /// The checkpoint of the current size signed by the log alone, signed at most once per
    /// second.
    pub async fn log_checkpoint(&self) -> Result<Vec<u8>, ApiError> {
        {
            let cached = self
                .checkpoint
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if let Some((at, note)) = &*cached
                && at.elapsed() < CHECKPOINT_TTL
            {
                return Ok(note.clone());
            }
        }
        self.fresh_checkpoint().await
    }

    /// The log-signed checkpoint of the current size, signed now if the log grew; it becomes
    /// the one [`LedgerHandle::log_checkpoint`] serves (the witness push uses it, so that the
    /// checkpoint served is the one just cosigned).
    pub async fn fresh_checkpoint(&self) -> Result<Vec<u8>, ApiError> {
        let log = self.log.clone();
        let note = blocking(move || log.checkpoint()).await?;
        *self
            .checkpoint
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some((Instant::now(), note.clone()));
        Ok(note)
    }
}

/// The text of a signed note (up to and including the newline before the blank line).
pub fn note_text(note: &[u8]) -> &[u8] {
    match note.windows(2).rposition(|w| w == b"\n\n") {
        Some(i) => &note[..=i],
        None => note,
    }
}

/// Runs a log operation on a blocking thread; a failure is a logged 500.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, LogError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)
}

/// The node's ledger, or a 404 if this node runs without one.
pub fn require(state: &crate::AppState) -> Result<Arc<LedgerHandle>, ApiError> {
    state
        .ledger
        .clone()
        .ok_or_else(|| ApiError::new(ErrorCode::LedgerDisabled, "本节点未启用公开账本"))
}
