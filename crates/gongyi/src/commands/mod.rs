//! One file per subcommand.

mod admin;
mod archive;
mod bench;
mod bench_exchange;
mod bench_ledger_audit;
mod bench_lookup;
mod bench_quality;
mod credit;
mod demo;
mod demo_cases;
mod demo_illegal;
mod demo_services;
mod export;
mod illegal;
mod import;
mod jobs;
mod ledger;
mod ledger_audit;
mod org_account;
mod quality;
mod reindex;
mod screen;
mod seed;
mod serve;
mod sync;

use crate::cli::{BenchCommand, Cli, Command, ExportCommand, ImportCommand};
use crate::context::Ctx;

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let command = match cli.command {
        Command::Bench(BenchCommand::Registry(b)) => return bench::run(b).await,
        Command::Bench(BenchCommand::LedgerAudit(b)) => return bench_ledger_audit::run(b).await,
        Command::Bench(BenchCommand::Lookup(b)) => return bench_lookup::run(b).await,
        Command::Bench(BenchCommand::Quality(b)) => return bench_quality::run(b).await,
        Command::Bench(BenchCommand::Exchange(b)) => return bench_exchange::run(b).await,
        Command::Ledger(l) => return ledger::run(l).await,
        other => other,
    };
    let mut ctx = Ctx::open(&cli.database_url, &cli.data_dir).await?;
    ctx.credit_policy.letter_interval_days = cli.letter_interval_days;
    let result = match command {
        Command::Serve(a) => serve::run(&ctx, a).await,
        Command::Migrate => {
            println!("数据库结构版本：{}", ctx.store.schema_version().await?);
            Ok(())
        }
        Command::Seed(a) => seed::run(&ctx, a).await,
        Command::Import(ImportCommand::Orgs(a)) => import::run(&ctx, a).await,
        Command::Export(ExportCommand::Orgs(a)) => export::run(&ctx, a).await,
        Command::Export(ExportCommand::OpenData(a)) => export::open_data(&ctx, a).await,
        Command::Reindex => reindex::run(&ctx)
            .await
            .map(|n| println!("已重建检索索引：{n} 家社会组织")),
        Command::Admin(a) => admin::run(&ctx, a).await,
        Command::Illegal(a) => illegal::run(&ctx, a).await,
        Command::Screen(a) => screen::run(&ctx, a).await,
        Command::Jobs(crate::cli::JobsCommand::Run(a)) => jobs::run(&ctx, a).await,
        Command::Credit(crate::cli::CreditCommand::ImportDishonest(a)) => {
            credit::import_dishonest(&ctx, a).await
        }
        Command::Archive(crate::cli::ArchiveCommand::Check(a)) => archive::check(&ctx, a).await,
        Command::Quality(crate::cli::QualityCommand::Report(a)) => quality::report(&ctx, a).await,
        Command::Sync(a) => sync::run(&ctx, a).await,
        Command::Bench(_) | Command::Ledger(_) => Ok(()),
    };
    ctx.store.close().await;
    result
}
