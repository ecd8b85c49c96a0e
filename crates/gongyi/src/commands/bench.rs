//! `gongyi bench registry`: measures the figures of the registry issue end to end on this
//! machine — seed + index, CSV import, HTTP search and profile latencies under concurrent load,
//! and the server's resident memory — and prints them. Nothing here is asserted; it is measured.
//!
//! Over 400 lines: one benchmark run from seed to report, kept in one file so its steps read in
//! the order they run.

use crate::cli::{BenchArgs, ImportArgs};
use crate::context::Ctx;
use anyhow::{Context as _, bail};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A server process started by a benchmark, killed when dropped.
pub(crate) struct Child(pub std::process::Child);
impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// Runs `paths` round-robin from `concurrency` clients until `requests` are done; prints and
/// returns (p50 ms, p99 ms, req/s). Also prints the server's (`pid`) CPU time per request:
/// what bounds throughput once clients outnumber cores, and steadier than latency on a
/// machine shared with others.
async fn load(
    pid: u32,
    base: &str,
    label: &str,
    paths: Vec<String>,
    concurrency: usize,
    requests: usize,
) -> anyhow::Result<(f64, f64, f64)> {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .build()?;
    let paths = Arc::new(paths);
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let ticks = cpu_ticks(pid);
    let start = Instant::now();
    let mut tasks = vec![];
    for _ in 0..concurrency {
        let (client, paths, next, base) = (
            client.clone(),
            paths.clone(),
            next.clone(),
            base.to_string(),
        );
        tasks.push(tokio::spawn(async move {
            let mut lat = vec![];
            let mut errors = 0u64;
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if i >= requests {
                    break;
                }
                let url = format!("{base}{}", paths[i % paths.len()]);
                let t = Instant::now();
                match client.get(&url).send().await {
                    Ok(r) if r.status().is_success() => {
                        let _ = r.bytes().await;
                        lat.push(t.elapsed().as_secs_f64() * 1000.0);
                    }
                    _ => errors += 1,
                }
            }
            (lat, errors)
        }));
    }
    let mut all = vec![];
    let mut errors = 0;
    for t in tasks {
        let (l, e) = t.await?;
        all.extend(l);
        errors += e;
    }
    let secs = start.elapsed().as_secs_f64();
    // 100 ticks per second on Linux.
    let cpu_ms = cpu_ticks(pid).saturating_sub(ticks) as f64 * 10.0 / requests.max(1) as f64;
    all.sort_by(|a, b| a.total_cmp(b));
    let (p50, p99, qps) = (
        percentile(&all, 0.5),
        percentile(&all, 0.99),
        all.len() as f64 / secs,
    );
    println!(
        "  {label:<28} p50 {p50:>7.2} ms   p99 {p99:>7.2} ms   {qps:>8.0} req/s   server CPU {cpu_ms:.2} ms/req   ({} ok, {errors} errors, {concurrency} clients)",
        all.len()
    );
    Ok((p50, p99, qps))
}

/// CPU time (user + system, in clock ticks) a process has used so far.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let field = |i: usize| f.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    field(11) + field(12)
}

/// Busy clock ticks of the whole machine so far (every CPU: user, nice, system, irq, softirq,
/// steal — everything but idle and iowait), from `/proc/stat`.
fn machine_busy_ticks() -> u64 {
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let Some(cpu) = stat.lines().find(|l| l.starts_with("cpu ")) else {
        return 0;
    };
    let f: Vec<u64> = cpu
        .split_whitespace()
        .skip(1)
        .filter_map(|v| v.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal …
    f.iter()
        .enumerate()
        .filter(|(i, _)| *i != 3 && *i != 4)
        .map(|(_, v)| v)
        .sum()
}

/// Waits until the server's start-up work in the background (ledger catch-up, the daily credit
/// job, the lookup's name table) is done, and so is the database's — PostgreSQL's autovacuum
/// and analyze after a bulk load run on the same two cores and would be counted against the
/// requests measured. Quiet means: the server under 5 % of a core and the whole machine under
/// 20 % of one core, three seconds in a row; at most ten minutes. Prints how long it waited.
pub(crate) async fn wait_until_idle(pid: u32) {
    let start = Instant::now();
    let deadline = start + Duration::from_secs(600);
    let mut quiet = 0;
    let (mut last, mut last_all) = (cpu_ticks(pid), machine_busy_ticks());
    while quiet < 3 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_secs(1)).await;
        let (now, now_all) = (cpu_ticks(pid), machine_busy_ticks());
        // 100 ticks per second on Linux: 5 ticks = 5 % of a core.
        quiet = if now.saturating_sub(last) < 5 && now_all.saturating_sub(last_all) < 20 {
            quiet + 1
        } else {
            0
        };
        (last, last_all) = (now, now_all);
    }
    if quiet < 3 {
        println!("(the machine did not become idle within ten minutes; measuring anyway)");
    } else {
        println!(
            "server and database idle {:.0} s after the server answered (start-up work: ledger catch-up, credit job, lookup table)",
            start.elapsed().as_secs_f64()
        );
    }
}

/// Resident KiB: (total, peak, anonymous, file-backed). The file-backed part is mostly the
/// memory-mapped search index: page cache the kernel can drop, shown apart from the heap.
fn rss_kib(pid: u32) -> (u64, u64, u64, u64) {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |k: &str| {
        s.lines()
            .find(|l| l.starts_with(k))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (
        field("VmRSS:"),
        field("VmHWM:"),
        field("RssAnon:"),
        field("RssFile:"),
    )
}

fn enc(s: &str) -> String {
    serde_urlencoded::to_string([("q", s)]).unwrap_or_default()
}

pub(crate) async fn pg_database(server: &str, name: &str) -> anyhow::Result<String> {
    let admin = gongyi_store::Store::connect(server).await?;
    sqlx_exec(&admin, &format!("DROP DATABASE IF EXISTS {name}")).await?;
    sqlx_exec(&admin, &format!("CREATE DATABASE {name}")).await?;
    admin.close().await;
    let base = server.rsplit_once('/').map(|(b, _)| b).unwrap_or(server);
    Ok(format!("{base}/{name}"))
}

async fn sqlx_exec(store: &gongyi_store::Store, sql: &str) -> anyhow::Result<()> {
    store.execute_raw(sql).await?;
    Ok(())
}

pub async fn run(b: BenchArgs) -> anyhow::Result<()> {
    let stamp = chrono::Utc::now().format("%Y%m%d%H%M%S").to_string();
    let dir = b
        .dir
        .clone()
        .unwrap_or_else(|| std::env::temp_dir().join(format!("gongyi-bench-{stamp}")));
    std::fs::create_dir_all(&dir)?;
    // A PostgreSQL run leaves the name of its database in the directory, so that a second
    // run with the same --dir measures HTTP again on the same data.
    let url_file = dir.join("database-url.txt");
    let (url, url2) = match &b.postgres {
        Some(_) if url_file.exists() => (
            Some(std::fs::read_to_string(&url_file)?.trim().to_string()),
            None,
        ),
        Some(server) => {
            let url = pg_database(server, &format!("gongyi_bench_{stamp}")).await?;
            std::fs::write(&url_file, &url)?;
            (
                Some(url),
                Some(pg_database(server, &format!("gongyi_bench_{stamp}_import")).await?),
            )
        }
        None => (
            None,
            Some(format!("sqlite://{}", dir.join("import.sqlite").display())),
        ),
    };
    let backend = if b.postgres.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    println!(
        "== gongyi bench registry: {} organizations on {backend}, data in {} ==",
        b.orgs,
        dir.display()
    );

    let ctx = Ctx::open(&url, &dir).await?;
    let existing = ctx.store.org_count().await?;
    if existing > 0 {
        // A directory from an earlier run: measure the HTTP figures on its data again (e.g. on
        // an idle machine) without seeding and importing anew.
        println!(
            "reusing the {existing} organizations already in {}: seed and import are skipped",
            dir.display()
        );
    } else {
        let t = Instant::now();
        let (_, indexed) = super::seed::seed_and_index(
            &ctx.store,
            Some(ctx.open_index()?),
            2026,
            0,
            b.orgs,
            "cli:bench",
        )
        .await?;
        let t_total = t.elapsed().as_secs_f64();
        println!(
            "seed {} orgs, written and indexed together: {t_total:.1} s ({indexed} indexed) — {:.0} orgs/s",
            b.orgs,
            b.orgs as f64 / t_total
        );

        let csv = dir.join("orgs.csv");
        let t = Instant::now();
        super::export::run(
            &ctx,
            crate::cli::ExportArgs {
                format: crate::cli::ExportFormat::Csv,
                output: Some(csv.clone()),
            },
        )
        .await?;
        println!("export CSV: {:.1} s", t.elapsed().as_secs_f64());
        let import_dir = dir.join("import");
        let ctx2 = Ctx::open(&url2, &import_dir).await?;
        let t = Instant::now();
        super::import::run(
            &ctx2,
            ImportArgs {
                file: csv.clone(),
                all_or_nothing: false,
                dry_run: false,
                report: None,
                batch: 5000,
            },
        )
        .await?;
        let t_import = t.elapsed().as_secs_f64();
        println!(
            "import {}-row CSV (validate + upsert + index): {t_import:.1} s — {:.0} rows/s",
            b.orgs,
            b.orgs as f64 / t_import
        );
        ctx2.store.close().await;
    }

    // Sample real names and codes for the query mix.
    let sample = ctx.store.orgs_after(Some("5"), 2000).await?;
    ctx.store.close().await;
    if sample.is_empty() {
        bail!("no organizations to query");
    }
    let exe = std::env::current_exe()?;
    for cache in [0, gongyi_search::DEFAULT_RESULT_CACHE] {
        measure_http(&exe, &url, &dir, cache, &sample, b.concurrency, b.requests).await?;
    }
    Ok(())
}

/// Starts `gongyi serve` on the bench's data with a search result cache of `cache` entries
/// and measures every kind of request, then the server's memory.
async fn measure_http(
    exe: &std::path::Path,
    url: &Option<String>,
    dir: &std::path::Path,
    cache: usize,
    sample: &[gongyi_types::Organization],
    c: usize,
    n: usize,
) -> anyhow::Result<()> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let mut cmd = std::process::Command::new(exe);
    if let Some(u) = url {
        cmd.arg("--database-url").arg(u);
    }
    cmd.arg("--data-dir")
        .arg(dir)
        .arg("serve")
        .arg("--listen")
        .arg(format!("127.0.0.1:{port}"))
        .arg("--search-cache")
        .arg(cache.to_string())
        .env("GONGYI_LOG", "warn")
        .stdout(std::process::Stdio::null());
    let child = Child(cmd.spawn().context("无法启动服务进程")?);
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(600);
    loop {
        if client
            .get(format!("{base}/healthz"))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            break;
        }
        if Instant::now() > deadline {
            bail!("服务未能在 600 秒内启动");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let what = if cache == 0 {
        "search result cache off: every search runs".to_string()
    } else {
        format!("search result cache of {cache} entries")
    };
    wait_until_idle(child.0.id()).await;
    println!("HTTP, {c} concurrent clients, {n} requests per kind, {what}:");
    // Forty common words of organizations' names, from very common (协会, 社会: a third of
    // all names) to rarer ones, so a result cache cannot answer everything from one entry.
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
        "发展",
        "服务",
        "促进",
        "研究",
        "基金",
        "青年",
        "妇女",
        "儿童",
        "老年",
        "残疾",
        "医疗",
        "健康",
        "心理",
        "法律",
        "社区",
        "乡村",
        "农业",
        "旅游",
        "书法",
        "摄影",
        "音乐",
        "舞蹈",
        "足球",
        "围棋",
        "武术",
        "戏曲",
        "民俗",
        "扶贫",
        "助学",
        "公益",
    ];
    load(
        child.0.id(),
        &base,
        "search: 2-char word",
        words
            .iter()
            .map(|w| format!("/api/v1/orgs?{}", enc(w)))
            .collect(),
        c,
        n,
    )
    .await?;
    load(
        child.0.id(),
        &base,
        "search: full name",
        sample
            .iter()
            .take(500)
            .map(|o| format!("/api/v1/orgs?{}", enc(&o.name)))
            .collect(),
        c,
        n,
    )
    .await?;
    let pinyin = [
        "zgsh", "bjs", "shanghai", "hzs", "gds", "zhongguo", "cds", "szs",
    ];
    load(
        child.0.id(),
        &base,
        "search: pinyin prefix",
        pinyin
            .iter()
            .map(|w| format!("/api/v1/orgs?{}", enc(w)))
            .collect(),
        c,
        n,
    )
    .await?;
    // 简称: the first character of every second word-ish piece of real names (青少年发展基金会
    // → 青发基), looked up again as an abbreviation when the words find less than a page.
    let abbreviations: Vec<String> = sample
        .iter()
        .take(500)
        .map(|o| {
            let chars: Vec<char> = o.name.chars().collect();
            let tail = &chars[chars.len().saturating_sub(8)..];
            tail.iter().step_by(3).take(3).collect::<String>()
        })
        .collect();
    load(
        child.0.id(),
        &base,
        "search: abbreviation (简称, 3 chars)",
        abbreviations
            .iter()
            .map(|w| format!("/api/v1/orgs?{}", enc(w)))
            .collect(),
        c,
        n,
    )
    .await?;
    let sorted: Vec<String> = gongyi_types::DivisionCode::provinces()
        .iter()
        .flat_map(|p| {
            ["name", "oldest", "status"].map(|s| format!("/api/v1/orgs?division={p}&sort={s}"))
        })
        .collect();
    load(
        child.0.id(),
        &base,
        "search: a province sorted by name/oldest/status",
        sorted,
        c,
        n,
    )
    .await?;
    // Six hand-picked combinations plus every province × kind (108 in all).
    let mut filters: Vec<String> = [
        "kind=foundation&division=330000",
        "status=active&credit=abnormal",
        "division=110105",
        "charity=true",
        "kind=social_group&founded_from=2015-01-01&founded_to=2020-12-31",
        "division=440000&status=revoked",
    ]
    .map(String::from)
    .to_vec();
    for p in gongyi_types::DivisionCode::provinces() {
        for k in gongyi_types::OrgKind::ALL {
            filters.push(format!("kind={}&division={p}", k.code()));
        }
    }
    load(
        child.0.id(),
        &base,
        "search: filters only",
        filters
            .iter()
            .map(|f| format!("/api/v1/orgs?{f}"))
            .collect(),
        c,
        n,
    )
    .await?;
    load(
        child.0.id(),
        &base,
        "search page /orgs?q=",
        words.iter().map(|w| format!("/orgs?{}", enc(w))).collect(),
        c,
        n,
    )
    .await?;
    load(
        child.0.id(),
        &base,
        "GET /api/v1/orgs/{uscc}",
        sample
            .iter()
            .map(|o| format!("/api/v1/orgs/{}", o.uscc))
            .collect(),
        c,
        n,
    )
    .await?;
    load(
        child.0.id(),
        &base,
        "profile page /orgs/{uscc}",
        sample.iter().map(|o| format!("/orgs/{}", o.uscc)).collect(),
        c,
        n,
    )
    .await?;
    let (rss, hwm, anon, file) = rss_kib(child.0.id());
    println!(
        "server memory: {} MiB resident now ({} MiB heap and other anonymous, {} MiB mapped files: the index), {} MiB peak",
        rss / 1024,
        anon / 1024,
        file / 1024,
        hwm / 1024
    );
    drop(child);
    Ok(())
}
