//! This node as a witness of other nodes' logs (C2SP tlog-witness): it cosigns their
//! checkpoints, after checking each one extends the last it cosigned, so that provinces can
//! watch each other and the national node.
//!
//! Under `<data-dir>/ledger/`:
//! - `witness.key` — the cosigner key (`PRIVATE+KEY+…`, type 0x04 `cosignature/v1` of C2SP
//!   tlog-cosignature, mode 0600), created on first use like the log's `signer.key`;
//! - `witness-state` — the last tree head cosigned per log ([`FileWitnessStore`], written
//!   atomically before a cosignature leaves, so a restart never forgets it);
//! - `witnessed-logs.txt` (optional, written by the operator) — verifier keys of the logs to
//!   witness, one per line, `#` starts a comment; added to those given with `--witness-log`.
//!
//! A witnessed log is named by its verifier key; its origin line is the key's name (the
//! convention of gongyi nodes, of Go's checksum database and of C2SP tlog-checkpoint).

use crate::ledger::handle::{OpenError, load_or_create_key};
use gongyi_ledger::{
    AddCheckpointRequest, FileWitnessStore, KeyType, TreeHead, VerifierKey, Witness, WitnessError,
};
use std::collections::BTreeMap;
use std::path::Path;

/// File of the cosigner key.
pub const KEY_FILE: &str = "witness.key";
/// File of the witness's state.
pub const STATE_FILE: &str = "witness-state";
/// Optional file listing the verifier keys of the witnessed logs.
pub const LOGS_FILE: &str = "witnessed-logs.txt";

/// The witness: its cosigner key, the logs it follows and its durable state.
pub struct WitnessHandle {
    witness: Witness<FileWitnessStore>,
    /// The cosigner's verifier key (type 0x04), served at `/ledger/witness-vkey`.
    pub vkey: VerifierKey,
    /// Verifier keys of the witnessed logs, by origin.
    pub logs: BTreeMap<String, Vec<VerifierKey>>,
}

impl std::fmt::Debug for WitnessHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WitnessHandle")
            .field("vkey", &self.vkey.to_string())
            .field("logs", &self.logs.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// Parses the verifier keys of `witnessed-logs.txt` (missing file: none).
pub fn logs_from_file(path: &Path) -> Result<Vec<VerifierKey>, OpenError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(OpenError::Io {
                path: path.display().to_string(),
                source,
            });
        }
    };
    let mut keys = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or_default().trim();
        if line.is_empty() {
            continue;
        }
        let key = VerifierKey::parse(line).map_err(|e| OpenError::Invalid {
            path: format!("{}:{}", path.display(), i + 1),
            message: format!("验证密钥无效：{e}"),
        })?;
        keys.push(key);
    }
    Ok(keys)
}

impl WitnessHandle {
    /// Opens the witness kept in `dir`, cosigning as `name` (used only when the key is created)
    /// for the logs whose checkpoints are signed by `logs`. Blocks on I/O.
    pub fn open(dir: &Path, name: &str, logs: &[VerifierKey]) -> Result<Self, OpenError> {
        std::fs::create_dir_all(dir).map_err(|source| OpenError::Io {
            path: dir.display().to_string(),
            source,
        })?;
        let key = load_or_create_key(&dir.join(KEY_FILE), name, KeyType::CosignatureV1)?;
        let state_path = dir.join(STATE_FILE);
        let store = FileWitnessStore::open(&state_path).map_err(|e| OpenError::Invalid {
            path: state_path.display().to_string(),
            message: e.to_string(),
        })?;
        let invalid = |e: WitnessError| OpenError::Invalid {
            path: dir.join(KEY_FILE).display().to_string(),
            message: e.to_string(),
        };
        let mut witness = Witness::new(key, store).map_err(invalid)?;
        let mut by_origin: BTreeMap<String, Vec<VerifierKey>> = BTreeMap::new();
        for key in logs {
            let keys = by_origin.entry(key.name().to_owned()).or_default();
            if !keys.contains(key) {
                keys.push(key.clone());
            }
        }
        for (origin, keys) in &by_origin {
            witness.add_log(origin, keys.clone());
        }
        Ok(Self {
            vkey: witness.verifier_key(),
            witness,
            logs: by_origin,
        })
    }

    /// Handles an `add-checkpoint` request at `now` (POSIX seconds): the cosignature line, or
    /// why not. Blocks on I/O (the state is written before returning).
    pub fn add_checkpoint(
        &self,
        request: &AddCheckpointRequest,
        now: u64,
    ) -> Result<String, WitnessError> {
        self.witness.add_checkpoint_request(request, now)
    }

    /// The last tree head cosigned for `origin`.
    pub fn latest(&self, origin: &str) -> Result<Option<TreeHead>, WitnessError> {
        use gongyi_ledger::WitnessStore as _;
        Ok(self.witness.store().latest(origin)?)
    }
}
