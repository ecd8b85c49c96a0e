//! `gongyi bench exchange --orgs N`: the figures of issue 15 that concern data flowing between
//! processes and nodes, measured end to end with real processes over loopback:
//!
//! 1. sync of N organizations from one node (a `serve` process) to another, every record
//!    verified against the source's log (target: 1,000,000 in under 3 min);
//! 2. then 1,000 changes at the source, end to end: from their commit to the higher node
//!    having them, through the source's ledger pump (every 2 s) and a sync (target: < 2 s);
//! 3. an import of M new rows (`gongyi import`, a separate process) while the source serves
//!    16 concurrent searches: search p99 during the import, and how long after the import
//!    exits its last row is found by the server's search (target: within 2 s, p99 < 100 ms).
//!
//! Nothing is asserted; everything printed is measured on this machine.

use super::bench::Child;
use crate::cli::ExchangeBenchArgs;
use crate::context::Ctx;
use anyhow::{Context as _, bail};
use gongyi_interchange::{Format, OrgWriter};
use gongyi_server::exchange::sync::{SourceSpec, sync_once};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

async fn database(
    b: &ExchangeBenchArgs,
    name: &str,
    dir: &std::path::Path,
) -> anyhow::Result<Option<String>> {
    Ok(match &b.postgres {
        Some(server) => Some(super::bench::pg_database(server, name).await?),
        None => {
            let _ = dir;
            None
        }
    })
}

/// Starts `gongyi serve` on `dir` (and `url`) and waits for it to answer.
async fn serve(
    exe: &std::path::Path,
    url: &Option<String>,
    dir: &std::path::Path,
) -> anyhow::Result<(Child, String)> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let mut cmd = std::process::Command::new(exe);
    if let Some(u) = url {
        cmd.arg("--database-url").arg(u);
    }
    cmd.arg("--data-dir")
        .arg(dir)
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .env("GONGYI_LOG", "warn")
        .stdout(std::process::Stdio::null());
    let child = Child(cmd.spawn().context("无法启动服务进程")?);
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(900);
    while !client
        .get(format!("{base}/healthz"))
        .send()
        .await
        .is_ok_and(|r| r.status().is_success())
    {
        if Instant::now() > deadline {
            bail!("服务未能在 900 秒内启动");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    Ok((child, base))
}

pub async fn run(b: ExchangeBenchArgs) -> anyhow::Result<()> {
    let stamp = chrono::Utc::now().format("%Y%m%d%H%M%S").to_string();
    let dir = b
        .dir
        .clone()
        .unwrap_or_else(|| std::env::temp_dir().join(format!("gongyi-bench-exchange-{stamp}")));
    let backend = if b.postgres.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    println!(
        "== gongyi bench exchange: {} organizations on {backend}, data in {} ==",
        b.orgs,
        dir.display()
    );
    let exe = std::env::current_exe()?;
    let (src_dir, high_dir) = (dir.join("source"), dir.join("higher"));
    let src_url = database(&b, &format!("gongyi_bx_{stamp}_src"), &src_dir).await?;
    let high_url = database(&b, &format!("gongyi_bx_{stamp}_high"), &high_dir).await?;

    let src = Ctx::open(&src_url, &src_dir).await?;
    let t = Instant::now();
    super::seed::seed_and_index(
        &src.store,
        Some(src.open_index()?),
        2026,
        0,
        b.orgs,
        "cli:bench",
    )
    .await?;
    println!(
        "source: seeded and indexed {} organizations in {:.1} s",
        b.orgs,
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let (source, base) = serve(&exe, &src_url, &src_dir).await?;
    println!(
        "source serve up (ledger caught up: {} entries) in {:.1} s",
        b.orgs,
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    // The source's start-up work (the daily credit job over every organization) done first.
    while src.store.job_history("credit", 1).await?.is_empty() {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    println!(
        "source's start-up credit job done after {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(32)
        .build()?;
    let vkey = client
        .get(format!("{base}/ledger/vkey"))
        .send()
        .await?
        .text()
        .await?;
    let spec = SourceSpec {
        url: base.clone(),
        vkey: gongyi_ledger::VerifierKey::parse(vkey.trim())?,
        division: Some(gongyi_types::DivisionCode::parse("100000")?),
    };

    // 1. The full sync.
    let high = Ctx::open(&high_url, &high_dir).await?;
    let now = || (crate::context::now(), crate::context::today());
    let t = Instant::now();
    let r = sync_once(&high.store, &client, &spec, now, |_| {}).await?;
    let secs = t.elapsed().as_secs_f64();
    println!(
        "sync of {} organizations, every record verified against the source's log (checkpoint {} entries): {secs:.1} s ({:.0} records/s; {} pages, {} refused, {} unverified)",
        r.accepted,
        r.checkpoint_size,
        r.accepted as f64 / secs,
        r.pages,
        r.refused,
        r.unverified
    );

    // 2. 1,000 changes end to end.
    let mut changed = src.store.orgs_after(None, 1000).await?;
    for o in &mut changed {
        o.address = format!("{}（迁址）", o.address);
    }
    let t = Instant::now();
    src.store
        .upsert_orgs(
            &changed,
            "cli:bench",
            &crate::context::now(),
            crate::context::today(),
        )
        .await?;
    let mut got = 0;
    let mut syncs = 0;
    while got < changed.len() as u64 {
        let r = sync_once(&high.store, &client, &spec, now, |_| {}).await?;
        got += r.accepted;
        syncs += 1;
        if t.elapsed() > Duration::from_secs(60) {
            bail!("1,000 changes not synced within 60 s ({got} arrived)");
        }
        if got < changed.len() as u64 {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    println!(
        "1,000 changes at the source, committed → verified and applied at the higher node: {:.2} s ({syncs} sync runs; includes the source's ledger pump, every 2 s)",
        t.elapsed().as_secs_f64()
    );
    high.store.close().await;

    // 3. An import beside the serving source, under search load.
    let m = b.import_rows.unwrap_or(b.orgs);
    let synth = gongyi_synth::Synth::new(2027, crate::context::today());
    let csv = dir.join("import.csv");
    let mut w = OrgWriter::create(&csv, Format::Csv)?;
    let mut last_name = String::new();
    let mut last_code = String::new();
    for i in 0..m {
        let (mut o, _) = synth.org(b.orgs + i);
        o.name = format!("{}{}", o.name, i);
        last_name.clone_from(&o.name);
        last_code = o.uscc.to_string();
        w.write(&o)?;
    }
    w.finish()?;
    let words = [
        "社会",
        "协会",
        "教育",
        "养老",
        "文化",
        "青少年",
        "慈善",
        "体育",
        "环保",
        "科技",
    ];
    let stop = Arc::new(AtomicBool::new(false));
    let mut tasks = vec![];
    for c in 0..16 {
        let (client, base, stop) = (client.clone(), base.clone(), stop.clone());
        tasks.push(tokio::spawn(async move {
            let mut lat = vec![];
            let mut i = c;
            while !stop.load(Ordering::Relaxed) {
                let q = serde_urlencoded::to_string([
                    ("q", words[i % words.len()]),
                    ("page", &(1 + i % 5).to_string()),
                ])
                .unwrap_or_default();
                let t = Instant::now();
                if let Ok(r) = client.get(format!("{base}/api/v1/orgs?{q}")).send().await
                    && r.status().is_success()
                {
                    let _ = r.bytes().await;
                    lat.push(t.elapsed().as_secs_f64() * 1000.0);
                }
                i += 16;
            }
            lat
        }));
    }
    let t = Instant::now();
    let mut cmd = std::process::Command::new(&exe);
    if let Some(u) = &src_url {
        cmd.arg("--database-url").arg(u);
    }
    let out = cmd
        .arg("--data-dir")
        .arg(&src_dir)
        .args(["import", "orgs"])
        .arg(&csv)
        .env("GONGYI_LOG", "warn")
        .output()?;
    if !out.status.success() {
        bail!("import failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let import_secs = t.elapsed().as_secs_f64();
    let exited = Instant::now();
    let q = serde_urlencoded::to_string([("q", last_name.as_str())])?;
    loop {
        let v: serde_json::Value = client
            .get(format!("{base}/api/v1/orgs?{q}"))
            .send()
            .await?
            .json()
            .await?;
        if v["items"][0]["uscc"] == last_code.as_str() {
            break;
        }
        if exited.elapsed() > Duration::from_secs(600) {
            bail!("the imported rows were not searchable within 600 s");
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let seen = exited.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    let mut lat = vec![];
    for t in tasks {
        lat.extend(t.await?);
    }
    lat.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| {
        lat.get(((lat.len().saturating_sub(1)) as f64 * p).round() as usize)
            .copied()
            .unwrap_or(0.0)
    };
    println!(
        "import of {m} rows beside the serving source: {import_secs:.1} s; its last row searchable {seen:.2} s after the import exited"
    );
    println!(
        "  searches during the import (16 clients): {} done, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        lat.len(),
        pct(0.5),
        pct(0.99),
        lat.last().copied().unwrap_or(0.0)
    );
    drop(source);
    src.store.close().await;
    Ok(())
}
