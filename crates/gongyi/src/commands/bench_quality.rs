//! `gongyi bench quality --orgs N`: seeds N synthetic organizations in a scratch directory
//! (SQLite; reused when it already holds N) and times the data-quality report over all of them
//! (issue 15: under 30 s for 1,000,000), twice — the second run reads a warm page cache.

use crate::cli::QualityBenchArgs;
use crate::context::Ctx;
use anyhow::bail;
use std::time::Instant;

pub async fn run(b: QualityBenchArgs) -> anyhow::Result<()> {
    let dir = b
        .dir
        .clone()
        .unwrap_or_else(|| std::env::temp_dir().join(format!("gongyi-bench-quality-{}", b.orgs)));
    std::fs::create_dir_all(&dir)?;
    println!(
        "== gongyi bench quality: {} organizations (SQLite), data in {} ==",
        b.orgs,
        dir.display()
    );
    let ctx = Ctx::open(&None, &dir).await?;
    let have = ctx.store.org_count().await?;
    if have == 0 {
        let t = Instant::now();
        super::seed::seed_store(&ctx.store, 2026, 0, b.orgs, "cli:bench").await?;
        println!("seeded in {:.1} s", t.elapsed().as_secs_f64());
    } else if u64::try_from(have)? != b.orgs {
        bail!("{} 已有 {have} 家组织，与 --orgs 不符", dir.display());
    }
    let today = crate::context::today();
    for run in 1..=2 {
        let t = Instant::now();
        let r = gongyi_server::quality::report(&ctx.store, today, None, &|_| {}).await?;
        let secs = t.elapsed().as_secs_f64();
        let total = r.view(r.scope).total;
        println!(
            "run {run}: quality report of {} organizations in {secs:.1} s ({:.0} organizations/s): {} with problems, {} problems, {} duplicate-name rows",
            total.orgs,
            total.orgs as f64 / secs,
            total.with_problems,
            total.problems(),
            total.count(gongyi_types::quality::Rule::DuplicateName),
        );
    }
    println!("peak memory of this process: {} MiB", peak_rss_kib() / 1024);
    ctx.store.close().await;
    Ok(())
}

/// The process's peak resident set (`VmHWM` of /proc/self/status), in KiB; 0 if unknown.
fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}
