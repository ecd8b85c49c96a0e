//! Command-line arguments of the illegal-organization list, the screening and the lookup's
//! API keys (kept apart from cli.rs so that file stays a table of subcommands).

use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum IllegalCommand {
    /// Publish a batch of the illegal-organization list from a file: one name a line, or
    /// `名称,类别,合法登记的统一社会信用代码,备注` (CSV or tab-separated; 类别 涉嫌/已取缔).
    Import(IllegalImportArgs),
}

#[derive(Debug, Args)]
pub struct IllegalImportArgs {
    pub file: PathBuf,
    /// Batch number, e.g. `2026年第1批` (unique).
    #[arg(long)]
    pub batch: String,
    /// Publication date, YYYY-MM-DD.
    #[arg(long)]
    pub date: String,
    /// Publishing authority, e.g. `民政部`.
    #[arg(long)]
    pub authority: String,
    /// GB/T 2260 code of the publishing authority (100000 = national).
    #[arg(long, default_value = "100000")]
    pub division: String,
    /// Kind of the lines that give none: suspected (涉嫌非法社会组织) or banned (已取缔非法社会组织).
    #[arg(long, default_value = "suspected")]
    pub kind: String,
}

#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// Text files (UTF-8) to screen.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CreateApiKeyArgs {
    /// The partner's name (unique).
    #[arg(long)]
    pub name: String,
    /// Requests per minute (lookup, change feed).
    #[arg(long)]
    pub rate: u32,
    /// What the key opens, comma-separated: lookup, changes:registry, changes:credit,
    /// changes:illegal.
    #[arg(long, default_value = "lookup")]
    pub scopes: String,
    /// The area whose organizations the key's change feed shows (GB/T 2260; 100000 = all).
    #[arg(long, default_value = "100000")]
    pub division: String,
}

#[derive(Debug, Args)]
pub struct LookupBenchArgs {
    #[arg(long, default_value_t = 1_000_000)]
    pub orgs: u64,
    /// Listed illegal names.
    #[arg(long, default_value_t = 10_000)]
    pub illegal: usize,
    /// Scratch directory (default: one per size under the system temp dir; reused).
    #[arg(long)]
    pub dir: Option<PathBuf>,
    /// Concurrent HTTP clients.
    #[arg(long, default_value_t = 4)]
    pub concurrency: usize,
    /// Requests of 1,000 names per mix.
    #[arg(long, default_value_t = 200)]
    pub requests: usize,
}
