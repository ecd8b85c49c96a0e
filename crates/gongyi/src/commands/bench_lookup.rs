//! `gongyi bench lookup`: names per second through `POST /api/v1/lookup` (batches of 1,000)
//! against N organizations and M listed illegal names, served by the real binary over
//! loopback (issue 4: at least 50,000 names/s against 1,000,000 organizations and 10,000
//! illegal names). Two mixes are measured: names that are all registered (written with a
//! disguise half of the time), and 80 % registered / 10 % illegal / 10 % unknown, where each
//! illegal or unknown name also asks the search index for the closest registered names.

use crate::cli_illegal::LookupBenchArgs;
use crate::context::Ctx;
use anyhow::{Context as _, bail};
use gongyi_store::{NewIllegalBatch, NewIllegalEntry};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::bench::Child;

const KEY: &str = "gyk_bench_lookup";

fn illegal_name(i: usize) -> String {
    const P: &[&str] = &[
        "中华", "全球", "世界", "国际", "亚太", "华夏", "环球", "东方",
    ];
    const T: &[&str] = &[
        "国学", "慈善", "养生", "扶贫", "非遗", "文化", "教育", "生态",
    ];
    format!("{}{}促进总会第{}分会", P[i % 8], T[(i / 8) % 8], i / 64 + 1)
}

pub async fn run(b: LookupBenchArgs) -> anyhow::Result<()> {
    let dir = b
        .dir
        .clone()
        .unwrap_or_else(|| std::env::temp_dir().join(format!("gongyi-bench-lookup-{}", b.orgs)));
    std::fs::create_dir_all(&dir)?;
    println!(
        "== gongyi bench lookup: {} organizations, {} illegal names (SQLite), data in {} ==",
        b.orgs,
        b.illegal,
        dir.display()
    );
    let ctx = Ctx::open(&None, &dir).await?;
    let have = ctx.store.org_count().await?;
    if have == 0 {
        let t = Instant::now();
        super::seed::seed_store(&ctx.store, 2026, 0, b.orgs, "cli:bench").await?;
        super::reindex::rebuild(&ctx.store, ctx.open_index()?).await?;
        println!("seeded and indexed in {:.1} s", t.elapsed().as_secs_f64());
    } else if u64::try_from(have)? != b.orgs {
        bail!("{} 已有 {have} 家组织，与 --orgs 不符", dir.display());
    }
    if ctx.store.illegal_count().await? == 0 {
        let entries = (0..b.illegal)
            .map(|i| NewIllegalEntry {
                name: illegal_name(i),
                kind: "suspected".into(),
                legal_uscc: None,
                notes: String::new(),
            })
            .collect();
        let batch = NewIllegalBatch {
            batch_no: "基准第1批".into(),
            published_on: "2026-01-01".into(),
            authority: "民政部".into(),
            division: "100000".into(),
            entries,
        };
        ctx.store
            .publish_illegal_batch(&batch, "cli:bench", &crate::context::now())
            .await?;
        let hash = hex::encode(Sha256::digest(KEY.as_bytes()));
        ctx.store
            .create_api_key(
                "bench",
                &hash,
                1_000_000_000,
                "cli:bench",
                &crate::context::now(),
            )
            .await?;
    }
    let registered: Vec<String> = ctx
        .store
        .orgs_after(None, 20_000)
        .await?
        .into_iter()
        .enumerate()
        .map(|(i, o)| {
            if i % 2 == 0 {
                o.name
            } else {
                // A disguise the lookup must see through: spaces and a full-width bracket.
                let chars: Vec<char> = o.name.chars().collect();
                let (a, z) = chars.split_at(chars.len() / 2);
                format!(
                    "【{} {}】",
                    a.iter().collect::<String>(),
                    z.iter().collect::<String>()
                )
            }
        })
        .collect();
    ctx.store.close().await;

    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let exe = std::env::current_exe()?;
    let child = Child(
        std::process::Command::new(exe)
            .arg("--data-dir")
            .arg(&dir)
            .arg("serve")
            .arg("--listen")
            .arg(format!("127.0.0.1:{port}"))
            .env("GONGYI_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .spawn()
            .context("无法启动服务进程")?,
    );
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(b.concurrency)
        .build()?;
    let deadline = Instant::now() + Duration::from_secs(600);
    while !client
        .get(format!("{base}/healthz"))
        .send()
        .await
        .is_ok_and(|r| r.status().is_success())
    {
        if Instant::now() > deadline {
            bail!("服务未能在 600 秒内启动");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // The first lookup loads the name table from the database.
    let t = Instant::now();
    post(&client, &base, &[registered[0].clone()]).await?;
    println!(
        "first lookup (loads {} names into memory): {:.1} s",
        b.orgs,
        t.elapsed().as_secs_f64()
    );
    // The daily credit job runs at start too: measured lookups must not share the machine
    // with it.
    super::bench::wait_until_idle(child.0.id()).await;

    let all_registered: Vec<Vec<String>> = (0..b.requests)
        .map(|r| {
            (0..1000)
                .map(|i| registered[(r * 1000 + i) % registered.len()].clone())
                .collect()
        })
        .collect();
    measure(
        &client,
        &base,
        "all registered",
        all_registered,
        b.concurrency,
    )
    .await?;
    let mixed: Vec<Vec<String>> = (0..b.requests)
        .map(|r| {
            (0..1000)
                .map(|i| {
                    let n = r * 1000 + i;
                    match n % 10 {
                        0 => illegal_name(n % b.illegal.max(1)),
                        1 => format!("未登记测试第{n}号促进会"),
                        _ => registered[n % registered.len()].clone(),
                    }
                })
                .collect()
        })
        .collect();
    measure(
        &client,
        &base,
        "80/10/10 registered/illegal/unknown",
        mixed,
        b.concurrency,
    )
    .await?;
    drop(child);
    Ok(())
}

async fn post(client: &reqwest::Client, base: &str, names: &[String]) -> anyhow::Result<usize> {
    let r = client
        .post(format!("{base}/api/v1/lookup"))
        .header("x-api-key", KEY)
        .json(&serde_json::json!({ "names": names }))
        .send()
        .await?;
    if !r.status().is_success() {
        bail!("lookup: HTTP {}", r.status());
    }
    let v: serde_json::Value = r.json().await?;
    Ok(v["results"].as_array().map_or(0, Vec::len))
}

async fn measure(
    client: &reqwest::Client,
    base: &str,
    label: &str,
    batches: Vec<Vec<String>>,
    concurrency: usize,
) -> anyhow::Result<()> {
    let batches = Arc::new(batches);
    let next = Arc::new(AtomicUsize::new(0));
    let t = Instant::now();
    let mut tasks = vec![];
    for _ in 0..concurrency.max(1) {
        let (client, base, batches, next) = (
            client.clone(),
            base.to_string(),
            batches.clone(),
            next.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut names = 0usize;
            while let Some(b) = batches.get(next.fetch_add(1, Ordering::Relaxed)) {
                names += post(&client, &base, b).await?;
            }
            Ok::<_, anyhow::Error>(names)
        }));
    }
    let mut names = 0;
    for task in tasks {
        names += task.await??;
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "lookup, {label}: {names} names in {secs:.2} s — {:.0} names/s ({} requests of 1,000, {concurrency} clients)",
        names as f64 / secs,
        batches.len()
    );
    Ok(())
}
