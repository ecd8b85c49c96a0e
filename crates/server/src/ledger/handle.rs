//! The node's ledger: `<data-dir>/ledger/` holds the log files ([`Log::open`]), the signing
//! key `signer.key` (`PRIVATE+KEY+…`, mode 0600) and the 32-byte secret `salt` of the actors'
//! commitments (mode 0600); both secrets are created on first start.

use crate::error::ApiError;
use gongyi_ledger::{KeyType, Log, LogError, SignerKey, VerifierKey};
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

impl LedgerHandle {
    /// Opens (creating on first start) the ledger in `dir` with `origin` as its origin line
    /// and key name. Blocks on I/O.
    pub fn open(dir: &Path, origin: &str) -> Result<Self, OpenError> {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let key_path = dir.join("signer.key");
        if !key_path.exists() {
            let key =
                SignerKey::generate(origin, KeyType::Ed25519).map_err(|e| OpenError::Invalid {
                    path: key_path.display().to_string(),
                    message: e.to_string(),
                })?;
            write_secret(&key_path, key.to_private_string().as_bytes())?;
        }
        let text = std::fs::read_to_string(&key_path).map_err(io(&key_path))?;
        let signer = SignerKey::parse(text.trim()).map_err(|e| OpenError::Invalid {
            path: key_path.display().to_string(),
            message: e.to_string(),
        })?;
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
        let log = Log::open(dir, signer, origin)?;
        Ok(Self {
            log: Arc::new(log),
            salt: NodeSalt(salt),
            vkey,
            pump: tokio::sync::Mutex::new(true),
            checkpoint: Mutex::new(None),
        })
    }

    pub fn origin(&self) -> &str {
        self.log.origin()
    }

    /// A signed checkpoint of the current size, signed at most once per second.
    pub async fn checkpoint(&self) -> Result<Vec<u8>, ApiError> {
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
        let log = self.log.clone();
        let note = blocking(move || log.checkpoint()).await?;
        *self
            .checkpoint
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some((Instant::now(), note.clone()));
        Ok(note)
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
        .ok_or_else(|| ApiError::not_found("ledger_disabled", "本节点未启用公开账本"))
}
