//! `gongyi seed --orgs N`: deterministic synthetic organizations, generated on one thread while
//! the database writes batches on another, then indexed.

use crate::cli::SeedArgs;
use crate::context::{Ctx, now, today};
use anyhow::Context as _;
use gongyi_store::Store;
use gongyi_synth::Synth;
use gongyi_types::{Organization, Sections};

const BATCH: u64 = 5000;

/// Writes organizations `start..start+n` of seed `seed` to the store; returns how many.
pub async fn seed_store(
    store: &Store,
    seed: u64,
    start: u64,
    n: u64,
    actor: &str,
) -> anyhow::Result<u64> {
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Vec<(Organization, Sections)>>(4);
    let today = today();
    let generator = tokio::task::spawn_blocking(move || {
        let synth = Synth::new(seed, today);
        let mut i = start;
        while i < start + n {
            let end = (i + BATCH).min(start + n);
            let batch: Vec<_> = (i..end).map(|k| synth.org(k)).collect();
            if tx.blocking_send(batch).is_err() {
                break;
            }
            i = end;
        }
    });
    let pb = crate::context::progress(n, "生成组织");
    let mut written = 0;
    while let Some(batch) = rx.recv().await {
        written += store
            .create_orgs(&batch, actor, &now())
            .await
            .with_context(|| {
                format!(
                    "写入第 {} 至 {} 个组织失败（已存在？可用 --start 从其他序号开始）",
                    start + written,
                    start + written + batch.len() as u64
                )
            })?;
        pb.inc(batch.len() as u64);
    }
    generator.await?;
    pb.finish_and_clear();
    Ok(written)
}

pub async fn run(ctx: &Ctx, a: SeedArgs) -> anyhow::Result<()> {
    let t = std::time::Instant::now();
    let n = seed_store(&ctx.store, a.seed, a.start, a.orgs, "cli:seed").await?;
    let t_db = t.elapsed();
    let indexed = super::reindex::rebuild(&ctx.store, ctx.open_index()?).await?;
    println!(
        "已生成 {n} 家社会组织（写库 {:.1} 秒），索引 {indexed} 家，共用时 {:.1} 秒",
        t_db.as_secs_f64(),
        t.elapsed().as_secs_f64()
    );
    Ok(())
}
