//! The command line: global options first (`gongyi --data-dir D serve`), each also read from a
//! `GONGYI_*` environment variable.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "gongyi",
    version,
    about = "社会组织信息平台 gongyi：法人库、一网通查、开放接口"
)]
pub struct Cli {
    /// Database URL: `sqlite://FILE` or `postgres://USER@HOST/DB`. Default: SQLite in the data directory.
    #[arg(long, global = true, env = "GONGYI_DATABASE_URL")]
    pub database_url: Option<String>,
    /// Directory for the SQLite file, the search index and other local state.
    #[arg(
        long,
        global = true,
        env = "GONGYI_DATA_DIR",
        default_value = "gongyi-data"
    )]
    pub data_dir: PathBuf,
    /// Least and most days between the two unsigned 专用信函 that list an organization as
    /// unreachable at its registered address (活动异常名录 item (六)); the draft 办法's 20-60,
    /// unverified against the final text.
    #[arg(
        long,
        global = true,
        env = "GONGYI_LETTER_INTERVAL_DAYS",
        default_value = "20-60",
        value_parser = gongyi_types::credit::CreditPolicy::parse_interval
    )]
    pub letter_interval_days: (i64, i64),
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web portal and API.
    Serve(ServeArgs),
    /// Apply database migrations and exit.
    Migrate,
    /// Add deterministic synthetic organizations (for demos and benchmarks).
    Seed(SeedArgs),
    /// Import records from a spreadsheet.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Export records.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Rebuild the search index from the database.
    Reindex,
    /// Accounts of officials.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// The transparency log: keys, offline checks of notes and receipts, auditing a node.
    #[command(subcommand)]
    Ledger(LedgerCommand),
    /// Measure the figures the project promises (prints them).
    #[command(subcommand)]
    Bench(BenchCommand),
    /// The illegal-organization list (涉嫌/已取缔非法社会组织).
    #[command(subcommand)]
    Illegal(crate::cli_illegal::IllegalCommand),
    /// Find listed illegal-organization names in text files (exit status 1 when any is found).
    Screen(crate::cli_illegal::ScreenArgs),
    /// Scheduled jobs (also run daily inside `serve`).
    #[command(subcommand)]
    Jobs(JobsCommand),
    /// Credit information from other authorities (民政部令第60号).
    #[command(subcommand)]
    Credit(CreditCommand),
    /// The electronic archive of uploaded files (电子档案).
    #[command(subcommand)]
    Archive(ArchiveCommand),
    /// Data quality (数据质量管理): the registry checked against the quality rules.
    #[command(subcommand)]
    Quality(QualityCommand),
    /// Pull a lower node's records (逐级汇总): its change feed, each record checked against its
    /// transparency log (signed checkpoint, consistency with the last one seen, the change's
    /// leaf); idempotent and resumable.
    Sync(SyncArgs),
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Base URL of the lower node (e.g. http://county.example:8080).
    #[arg(long = "from")]
    pub from: String,
    /// The lower node's ledger verifier key (inline, or a file holding it).
    #[arg(long)]
    pub vkey: String,
    /// GB/T 2260 code of the division whose records are accepted from this node (required
    /// the first time; recorded).
    #[arg(long)]
    pub division: Option<String>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "GONGYI_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// Fill an empty database with the demo data set and print the demo logins.
    #[arg(long)]
    pub demo: bool,
    /// Number of synthetic organizations in the demo data set (three national ones named
    /// 中国社会… are added, so that the pinyin example `zgsh` finds something).
    #[arg(long, default_value_t = 10_000)]
    pub demo_orgs: u64,
    /// Mark session cookies `Secure` (default: on, except on a loopback address with no --trusted-proxy; a TLS proxy on the same host is named with --trusted-proxy, which turns it on).
    #[arg(long, env = "GONGYI_SECURE_COOKIES")]
    pub secure_cookies: Option<bool>,
    /// A reverse proxy in front of this server (repeatable): its `X-Forwarded-For` header
    /// names the client, for the per-address budgets of the lookup, complaints and logins.
    /// Without it the header is ignored (a client could write anything there).
    #[arg(
        long = "trusted-proxy",
        env = "GONGYI_TRUSTED_PROXIES",
        value_delimiter = ','
    )]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Search results kept until the next write (recent queries answer without searching
    /// again); 0 turns the cache off.
    #[arg(long, env = "GONGYI_SEARCH_CACHE", default_value_t = gongyi_search::DEFAULT_RESULT_CACHE)]
    pub search_cache: usize,
    /// Origin line (and key name) of this node's transparency log.
    #[arg(
        long,
        env = "GONGYI_LEDGER_ORIGIN",
        default_value = "gongyi.local/ledger"
    )]
    pub ledger_origin: String,
    /// Witness this log: a verifier key `<origin>+<hex>+<base64>` of another node's ledger
    /// (repeatable; more in `<data-dir>/ledger/witnessed-logs.txt`). This node then cosigns
    /// that log's checkpoints at `POST /ledger/add-checkpoint` (C2SP tlog-witness).
    #[arg(
        long = "witness-log",
        env = "GONGYI_WITNESS_LOGS",
        value_delimiter = ','
    )]
    pub witness_logs: Vec<String>,
    /// Name of this node's cosigner key when it is created (default: the ledger origin
    /// followed by `/witness`).
    #[arg(long, env = "GONGYI_WITNESS_NAME")]
    pub witness_name: Option<String>,
    /// Get this node's log witnessed by the node at URL (repeatable): its checkpoints are sent
    /// there every 2 s and the cosignatures served with `/ledger/checkpoint`.
    #[arg(
        long = "witness-url",
        env = "GONGYI_WITNESS_URLS",
        value_delimiter = ','
    )]
    pub witness_urls: Vec<String>,
    /// Pull a lower node's records every `--sync-interval` seconds (as `gongyi sync`):
    /// `URL,VKEY,DIVISION` (repeatable).
    #[arg(long = "sync-from", env = "GONGYI_SYNC_FROM", value_delimiter = ';')]
    pub sync_from: Vec<String>,
    #[arg(long, default_value_t = 10)]
    pub sync_interval: u64,
}

#[derive(Debug, Subcommand)]
pub enum ArchiveCommand {
    /// Check every archived file against its record (present, same size, same SHA-256) and
    /// list files no record refers to; exit status 1 when a file is missing or altered.
    Check(ArchiveCheckArgs),
}

#[derive(Debug, Args)]
pub struct ArchiveCheckArgs {
    /// Delete the files no record refers to (and temporary files of interrupted uploads).
    #[arg(long)]
    pub prune: bool,
    /// Only files older than this many minutes count as unreferenced: a file being uploaded
    /// right now is written before its record.
    #[arg(long, default_value_t = 60)]
    pub min_age_minutes: u64,
}

#[derive(Debug, Subcommand)]
pub enum JobsCommand {
    /// Apply the credit-list rules (民政部令第60号) to every organization once.
    Run(JobsRunArgs),
}

#[derive(Debug, Subcommand)]
pub enum CreditCommand {
    /// Import the courts' 失信被执行人 file (严重违法失信名单 item (六)): lines of
    /// 统一社会信用代码, 执行案号, 执行法院, 发布日期[, 移除日期]; all or nothing, then the list
    /// rules run for the organizations it names.
    ImportDishonest(ImportDishonestArgs),
}

#[derive(Debug, Args)]
pub struct ImportDishonestArgs {
    /// The file (UTF-8; comma- or tab-separated; a header line and `#` comments allowed).
    pub file: PathBuf,
    /// The day the list rules see as today (default: today in China Standard Time).
    #[arg(long)]
    pub today: Option<chrono::NaiveDate>,
}

#[derive(Debug, Args)]
pub struct JobsRunArgs {
    /// The day the rules see as today (YYYY-MM-DD; default: today in China Standard Time).
    #[arg(long)]
    pub today: Option<chrono::NaiveDate>,
}

#[derive(Debug, Args)]
pub struct SeedArgs {
    /// How many organizations to add.
    #[arg(long)]
    pub orgs: u64,
    /// Random seed: the same seed gives the same organizations.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
    /// Index of the first generated organization (to add more to an already seeded database).
    #[arg(long, default_value_t = 0)]
    pub start: u64,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import organizations from CSV, XLSX or JSONL (Chinese column headers; see the template in /admin).
    Orgs(ImportArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    pub file: PathBuf,
    /// Store nothing if any row is bad; the whole file goes in as one transaction (an
    /// interrupted import leaves nothing of it).
    #[arg(long)]
    pub all_or_nothing: bool,
    /// Check every row and report, store nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Write the list of bad rows to this CSV file as well.
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// Rows per transaction.
    #[arg(long, default_value_t = 5000)]
    pub batch: usize,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Export all organizations (same columns as import).
    Orgs(ExportArgs),
    /// Write the open-data extracts (registry, credit lists, illegal list; CSV and JSON Lines,
    /// gzip) with a manifest signed by the node's ledger key — what `serve` publishes at /data/.
    OpenData(OpenDataArgs),
}

#[derive(Debug, Args)]
pub struct OpenDataArgs {
    /// Directory of the generations (default: <data-dir>/open-data, which a running
    /// `serve` publishes at once).
    #[arg(long)]
    pub dir: Option<PathBuf>,
    /// Name of the ledger key if the node has none yet (as `serve --ledger-origin`).
    #[arg(
        long,
        env = "GONGYI_LEDGER_ORIGIN",
        default_value = "gongyi.local/ledger"
    )]
    pub ledger_origin: String,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Xlsx,
    Jsonl,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value = "csv")]
    pub format: ExportFormat,
    /// Output file (default: orgs.<format> in the current directory).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

// The variants are the subcommands' names (`create-user`, `create-api-key`, …).
#[allow(clippy::enum_variant_names)]
#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create an official's account. The password comes from stdin (`--password-stdin`),
    /// from GONGYI_NEW_PASSWORD, or is generated and printed.
    CreateUser(CreateUserArgs),
    /// Create a partner's API key for the lookup (printed once; only its SHA-256 is stored).
    CreateApiKey(crate::cli_illegal::CreateApiKeyArgs),
    /// Create a registered organization's account for the online services (一网通办), e.g.
    /// after checking its documents at the counter. Password as for create-user.
    CreateOrgAccount(CreateOrgAccountArgs),
    /// Issue an activation code with which an organization opens (or takes back) its
    /// online-services account at /account/register; unused earlier codes are retired.
    IssueActivationCode(IssueActivationCodeArgs),
}

#[derive(Debug, Args)]
pub struct IssueActivationCodeArgs {
    /// The organization's 统一社会信用代码 (it must be in the registry).
    #[arg(long)]
    pub uscc: String,
}

#[derive(Debug, Args)]
pub struct CreateOrgAccountArgs {
    /// The organization's 统一社会信用代码 (it must be in the registry; it is the login).
    #[arg(long)]
    pub uscc: String,
    /// The responsible person (经办人).
    #[arg(long)]
    pub contact_name: String,
    #[arg(long)]
    pub phone: String,
    #[arg(long)]
    pub password_stdin: bool,
}

#[derive(Debug, Args)]
pub struct CreateUserArgs {
    #[arg(long)]
    pub username: String,
    /// GB/T 2260 code of the jurisdiction (100000 = national).
    #[arg(long)]
    pub division: String,
    /// admin | officer | viewer
    #[arg(long, default_value = "officer")]
    pub role: String,
    #[arg(long)]
    pub display_name: Option<String>,
    #[arg(long)]
    pub password_stdin: bool,
}

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Seed, index, export, import and serve N organizations in a scratch directory and print
    /// the figures of the registry issue (timings, latencies, throughput, memory).
    Registry(BenchArgs),
    /// Build a log of N entries, serve it with the real server and time `gongyi ledger audit`
    /// of it over loopback (issue 3: under 10 s for 1,000,000 entries).
    LedgerAudit(LedgerAuditBenchArgs),
    /// Names per second through `POST /api/v1/lookup` against N organizations and M listed
    /// illegal names (issue 4: 50,000 names/s at 1,000,000 and 10,000).
    Lookup(crate::cli_illegal::LookupBenchArgs),
    /// Seed N organizations in a scratch directory and time the data-quality report over them
    /// (issue 15: under 30 s for 1,000,000).
    Quality(QualityBenchArgs),
    /// Data flowing between nodes and processes (issue 15): sync of N organizations verified
    /// against the source's log, 1,000 changes end to end, an import beside a serving node
    /// under search load.
    Exchange(ExchangeBenchArgs),
}

#[derive(Debug, Args)]
pub struct ExchangeBenchArgs {
    #[arg(long, default_value_t = 1_000_000)]
    pub orgs: u64,
    /// Rows of the import beside the server (default: as many as --orgs).
    #[arg(long)]
    pub import_rows: Option<u64>,
    /// Scratch directory (default: a new one under the system temp dir).
    #[arg(long)]
    pub dir: Option<PathBuf>,
    /// Use this PostgreSQL server instead of SQLite (fresh databases are created on it).
    #[arg(long)]
    pub postgres: Option<String>,
}

#[derive(Debug, Args)]
pub struct LedgerAuditBenchArgs {
    #[arg(long, default_value_t = 1_000_000)]
    pub entries: u64,
    /// Scratch directory (default: one per size under the system temp dir). A log already
    /// there is reused, and extended up to N entries.
    #[arg(long)]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    #[arg(long, default_value_t = 1_000_000)]
    pub orgs: u64,
    /// Scratch directory (default: a new one under the system temp dir). A directory that
    /// already holds data is reused: only the HTTP figures are measured again.
    #[arg(long)]
    pub dir: Option<PathBuf>,
    /// Concurrent HTTP clients.
    #[arg(long, default_value_t = 16)]
    pub concurrency: usize,
    /// Requests per query type.
    #[arg(long, default_value_t = 4000)]
    pub requests: usize,
    /// Use this PostgreSQL server instead of SQLite (a fresh database is created on it).
    #[arg(long)]
    pub postgres: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum LedgerCommand {
    /// Generate a signing key; prints the private key (keep it secret) and the verifier key.
    Keygen(KeygenArgs),
    /// Verify any C2SP signed note (a checkpoint of this or another log) with a verifier key.
    VerifyNote(VerifyNoteArgs),
    /// Verify a saved receipt offline: the checkpoint's signature and the inclusion proof.
    VerifyReceipt(VerifyReceiptArgs),
    /// Fetch a node's checkpoint and tiles, recompute every hash and check consistency with
    /// the last checkpoint seen.
    Audit(AuditArgs),
}

#[derive(Debug, Args)]
pub struct KeygenArgs {
    /// Key name (by convention the log's origin).
    #[arg(long, default_value = "gongyi.local/ledger")]
    pub name: String,
    /// A witness's cosigner key (C2SP tlog-cosignature, type 0x04) instead of a log key.
    #[arg(long)]
    pub witness: bool,
}

#[derive(Debug, Args)]
pub struct VerifyNoteArgs {
    /// Verifier key `<name>+<hex>+<base64>`, or a file holding it.
    #[arg(long)]
    pub vkey: String,
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct VerifyReceiptArgs {
    pub file: PathBuf,
    /// Verifier key (or a file holding it). Without it the key named in the receipt is used,
    /// which proves only that the receipt is self-consistent.
    #[arg(long)]
    pub vkey: Option<String>,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Base URL of the node, e.g. `http://127.0.0.1:8080`.
    pub url: String,
    /// Verifier key (or a file holding it). Default: the one saved on the first audit, else
    /// the node's `/ledger/vkey` (trust on first use).
    #[arg(long)]
    pub vkey: Option<String>,
    /// Where the last checkpoint seen of each node is kept. Default: `~/.gongyi-audit`.
    #[arg(long, env = "GONGYI_AUDIT_STATE_DIR")]
    pub state_dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum QualityCommand {
    /// Check every organization (of a division) against the data-quality rules: counts per
    /// dimension, rule and division (text), or one row per problem (CSV).
    Report(QualityReportArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum QualityFormat {
    Text,
    Csv,
}

#[derive(Debug, Args)]
pub struct QualityReportArgs {
    #[arg(long, value_enum, default_value = "text")]
    pub format: QualityFormat,
    /// GB/T 2260 code of the division to report on (default: all; 100000 = national).
    #[arg(long)]
    pub division: Option<String>,
    /// Write to this file instead of standard output (a CSV file starts with a UTF-8
    /// byte-order mark, so that Excel opens it).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// The day the rules see as today (YYYY-MM-DD; default: today in China Standard Time).
    #[arg(long)]
    pub today: Option<chrono::NaiveDate>,
}

#[derive(Debug, Args)]
pub struct QualityBenchArgs {
    #[arg(long, default_value_t = 1_000_000)]
    pub orgs: u64,
    /// Scratch directory (default: one per size under the system temp dir). A database already
    /// there with N organizations is reused.
    #[arg(long)]
    pub dir: Option<PathBuf>,
}
