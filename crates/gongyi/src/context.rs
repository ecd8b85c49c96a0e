//! Opening what every command needs: the data directory, the database (migrated), the index.

use anyhow::Context as _;
use gongyi_search::SearchIndex;
use gongyi_store::Store;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub struct Ctx {
    pub data_dir: PathBuf,
    pub store: Store,
    /// The credit rules' unverified settings (`--letter-interval-days`).
    pub credit_policy: gongyi_types::credit::CreditPolicy,
}

/// The database URL: the one given, or SQLite in the data directory.
pub fn database_url(url: &Option<String>, data_dir: &Path) -> String {
    match url {
        Some(u) => u.clone(),
        None => format!("sqlite://{}", data_dir.join("gongyi.sqlite").display()),
    }
}

impl Ctx {
    pub async fn open(url: &Option<String>, data_dir: &Path) -> anyhow::Result<Self> {
        std::fs::create_dir_all(data_dir)
            .with_context(|| format!("无法创建数据目录 {}", data_dir.display()))?;
        private_dir(data_dir)?;
        let store = Store::connect(&database_url(url, data_dir)).await?;
        let applied = store.migrate().await.context("数据库迁移失败")?;
        if !applied.is_empty() {
            tracing::info!(?applied, "migrations applied");
        }
        Ok(Self {
            data_dir: data_dir.to_path_buf(),
            store,
            credit_policy: Default::default(),
        })
    }

    pub fn index_dir(&self) -> PathBuf {
        self.data_dir.join("index")
    }

    pub fn open_index(&self) -> anyhow::Result<Arc<SearchIndex>> {
        self.open_index_with(
            gongyi_search::DEFAULT_RESULT_CACHE,
            gongyi_search::WRITER_MEMORY_BYTES,
        )
    }

    /// The index for a bulk command, or `None` when a running server holds it: the command
    /// then writes the database only, and the server follows the change log into its index
    /// (`gongyi_server::registry::follow`) — no command needs the server stopped.
    pub fn open_index_unless_served(&self) -> anyhow::Result<Option<Arc<SearchIndex>>> {
        let dir = self.index_dir();
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("无法创建索引目录 {}", dir.display()))?;
        match SearchIndex::open_or_create(&dir) {
            Err(e) if e.is_locked() => {
                println!(
                    "检索索引由正在运行的服务进程使用：本命令只写数据库，服务进程随即把变更加入检索。"
                );
                Ok(None)
            }
            Err(e) => {
                Err(anyhow::Error::from(e).context(format!("无法打开检索索引 {}", dir.display())))
            }
            Ok(index) => {
                let index = index
                    .with_writer_memory(gongyi_search::WRITER_MEMORY_BYTES)
                    .with_context(|| format!("无法打开检索索引 {}", dir.display()))?;
                Ok(Some(Arc::new(
                    index.with_result_cache(gongyi_search::DEFAULT_RESULT_CACHE),
                )))
            }
        }
    }

    /// The index with a result cache of `entries` searches (0: none) and an indexing budget
    /// of `writer_bytes` (the bulk commands' 1 GiB, or the server's smaller one).
    pub fn open_index_with(
        &self,
        entries: usize,
        writer_bytes: usize,
    ) -> anyhow::Result<Arc<SearchIndex>> {
        let dir = self.index_dir();
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("无法创建索引目录 {}", dir.display()))?;
        let index = SearchIndex::open_or_create(&dir)
            .with_context(|| format!("无法打开检索索引 {}", dir.display()))?;
        let index = index
            .with_writer_memory(writer_bytes)
            .with_context(|| format!("无法打开检索索引 {}", dir.display()))?;
        Ok(Arc::new(index.with_result_cache(entries)))
    }
}

/// The store's timestamp for now (commands are at the edge: they read the real clock).
pub fn now() -> String {
    gongyi_store::timestamp(chrono::Utc::now())
}

pub fn today() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive()
}

/// A progress bar on stderr (hidden when stderr is not a terminal).
pub fn progress(len: u64, what: &str) -> indicatif::ProgressBar {
    let pb = indicatif::ProgressBar::new(len);
    let style = indicatif::ProgressStyle::with_template(
        "{msg} [{bar:40}] {pos}/{len} ({per_sec}, 剩余 {eta})",
    )
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
    .progress_chars("=> ");
    pb.set_style(style);
    pb.set_message(what.to_string());
    pb
}

/// The data directory holds personal data (the database, uploaded ID-card copies, keys): only
/// its owner may enter it, whatever the umask made of it (0755 let every local user read the
/// database and the archive).
pub fn private_dir(dir: &Path) -> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
        .with_context(|| format!("无法设置数据目录 {} 的权限", dir.display()))
}
