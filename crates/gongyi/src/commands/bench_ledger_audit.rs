//! `gongyi bench ledger-audit --entries N`: the figure of issue 3 — `gongyi ledger audit` of a
//! node whose log holds N entries (1,000,000 by default), over loopback, in under 10 s.
//!
//! It builds a log of N canonical v1 leaves in a scratch directory (reused when it already
//! holds N entries), serves it with the real server (`gongyi_server::serve`, an empty SQLite
//! database beside it), and times the real audit twice: a first audit (every tile fetched and
//! every hash recomputed) and a second one that also checks consistency with the first.

use crate::cli::{AuditArgs, LedgerAuditBenchArgs};
use crate::context::Ctx;
use anyhow::{Context as _, bail};
use gongyi_server::ledger::{Leaf, LedgerHandle, leaf::commitment};
use gongyi_server::{AppState, Config, SystemClock};
use std::sync::Arc;
use std::time::Instant;

/// Origin of the benchmark's log.
const ORIGIN: &str = "bench.gongyi.local/ledger";
/// Leaves per append.
const BATCH: u64 = 10_000;

/// A realistic leaf (about 300 bytes, like an official's edit).
fn leaf(i: u64, ledger: &LedgerHandle) -> Vec<u8> {
    let digest = |tag: &str| gongyi_ledger::leaf_hash(format!("{tag}{i}").as_bytes()).to_hex();
    Leaf {
        v: gongyi_server::ledger::leaf::VERSION,
        kind: "audit".into(),
        audit_id: i64::try_from(i + 1).unwrap_or(i64::MAX),
        at: "2026-11-27T02:00:00Z".into(),
        action: "org.update".into(),
        entity_kind: "org".into(),
        entity_id: format!("51110105MJ{:07}X", i % 10_000_000),
        before: Some(digest("before")),
        after: Some(digest("after")),
        actor: commitment(&ledger.salt, "user:bench"),
    }
    .encode()
}

pub async fn run(a: LedgerAuditBenchArgs) -> anyhow::Result<()> {
    let dir = match &a.dir {
        Some(d) => d.clone(),
        None => std::env::temp_dir().join(format!("gongyi-bench-ledger-{}", a.entries)),
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("无法创建 {}", dir.display()))?;
    println!(
        "gongyi bench ledger-audit：{} 条，目录 {}",
        a.entries,
        dir.display()
    );
    let ctx = Ctx::open(&None, &dir).await?;
    let ledger_dir = dir.join("ledger");
    let ledger =
        tokio::task::spawn_blocking(move || LedgerHandle::open(&ledger_dir, ORIGIN)).await??;
    let have = ledger.log.size();
    if have > a.entries {
        bail!(
            "{} 中的账本已有 {have} 条，多于 --entries {}；换一个目录",
            dir.display(),
            a.entries
        );
    }
    let ledger = Arc::new(ledger);
    if have < a.entries {
        let started = Instant::now();
        let l = ledger.clone();
        let entries = a.entries;
        tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
            let mut next = have;
            while next < entries {
                let end = (next + BATCH).min(entries);
                l.log
                    .append_batch((next..end).map(|i| leaf(i, &l)).collect())?;
                next = end;
            }
            l.log.checkpoint()?;
            Ok(())
        })
        .await??;
        let secs = started.elapsed().as_secs_f64();
        println!(
            "  建账本：追加 {} 条（每批 {BATCH} 条，fsync 后确认）{secs:.1} s，{:.0} 条/s",
            a.entries - have,
            (a.entries - have) as f64 / secs
        );
    }
    serve_and_audit(&ctx, ledger, a).await
}

async fn serve_and_audit(
    ctx: &Ctx,
    ledger: Arc<LedgerHandle>,
    a: LedgerAuditBenchArgs,
) -> anyhow::Result<()> {
    let index = Arc::new(gongyi_search::SearchIndex::in_memory()?);
    let state = AppState::new(
        ctx.store.clone(),
        index,
        Arc::new(SystemClock),
        Config::default(),
    )
    .with_ledger(ledger.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let server = tokio::spawn(gongyi_server::serve(state, listener));
    let state_dir = ctx.data_dir.join("audit-state");
    let _ = std::fs::remove_dir_all(&state_dir);
    let args = AuditArgs {
        url: base.clone(),
        vkey: Some(ledger.vkey.to_string()),
        state_dir: Some(state_dir),
    };
    let mut times = Vec::new();
    for round in [
        "首次审计（下载全部瓦片、重算全部哈希）",
        "再次审计（另核对与上次检查点一致）",
    ] {
        let started = Instant::now();
        let audited = crate::commands::ledger_audit::audit(&args).await?;
        let secs = started.elapsed().as_secs_f64();
        if audited.size != a.entries || audited.not_leaves != 0 {
            bail!("审计结果不符：{audited:?}");
        }
        times.push((round, secs, audited.tiles));
    }
    server.abort();
    println!();
    println!(
        "== gongyi ledger audit，{} 条，经回环地址 {base} ==",
        a.entries
    );
    for (round, secs, tiles) in times {
        println!("  {round:<24} {secs:>6.2} s   （{tiles} 个瓦片）   目标 < 10 s");
    }
    Ok(())
}
