//! `gongyi jobs run [--today YYYY-MM-DD]`: the daily credit-list job once, from the command line
//! (`serve` runs the same job once a day). `--today` moves the clock the rules see.

use crate::cli::JobsRunArgs;
use crate::context::{Ctx, now, today};

pub async fn run(ctx: &Ctx, a: JobsRunArgs) -> anyhow::Result<()> {
    let day = a.today.unwrap_or_else(today);
    // With no server running, the index's credit table is updated here; beside a running
    // server, only the database is, and the server follows the change log.
    let index = ctx.open_index_unless_served()?;
    let total = ctx.store.org_count().await?;
    let pb = crate::context::progress(total.max(0) as u64, "信用名录任务");
    let views = gongyi_server::credit::Views {
        index: index.as_deref(),
        names: None,
    };
    let report =
        gongyi_server::credit::run_job(&ctx.store, views, &ctx.credit_policy, day, &now(), |n| {
            pb.inc(n)
        })
        .await?;
    pb.finish_and_clear();
    let secs = report.elapsed.as_secs_f64();
    println!(
        "信用名录任务（{day}）：检查 {} 家社会组织，列入 {} 条，移出 {} 条，信用状态变化 {} 家，用时 {secs:.2} 秒（{:.0} 家/秒）",
        report.orgs,
        report.listed,
        report.removed,
        report.credit_changed,
        report.orgs as f64 / secs.max(1e-9)
    );
    Ok(())
}
