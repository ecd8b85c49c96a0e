//! `gongyi serve`: the portal and API.

use crate::cli::ServeArgs;
use crate::context::Ctx;
use anyhow::Context as _;
use gongyi_ledger::VerifierKey;
use gongyi_server::ledger::{LedgerHandle, WitnessHandle, pump, witness_handle, witness_push};
use gongyi_server::{AppState, Config, SystemClock};
use std::sync::Arc;

/// Changes replayed from the change log at start; beyond this many, the index is rebuilt.
const REPLAY_AT_MOST: i64 = 100_000;

pub async fn run(ctx: &Ctx, a: ServeArgs) -> anyhow::Result<()> {
    let index = ctx.open_index_with(a.search_cache, gongyi_search::SERVE_WRITER_MEMORY_BYTES)?;
    if a.demo {
        if super::demo::fill(ctx, a.demo_orgs).await? {
            super::reindex::rebuild(&ctx.store, index.clone()).await?;
        } else {
            println!("数据库中已有数据，--demo 未做任何改动。");
        }
    }
    let count = ctx.store.org_count().await?;
    // Changes committed since the index last followed the change log (by another process while
    // this server was down); a long backlog is rebuilt rather than replayed.
    let backlog = match index.applied() {
        Some(a) => ctx.store.last_change_id().await? - a,
        None => 0,
    };
    if let Some(what) = index.interrupted() {
        if what.starts_with(gongyi_search::SCHEMA_UPGRADE) {
            println!("检索索引的结构随新版本改变，正在从数据库重建索引……");
        } else {
            println!("上次的批量写入（{what}）在检索索引提交前中断，正在从数据库重建索引……");
        }
        super::reindex::rebuild(&ctx.store, index.clone()).await?;
    } else if index.num_docs() != count as u64 {
        println!(
            "检索索引（{} 条）与数据库（{count} 条）不一致，正在重建……",
            index.num_docs()
        );
        super::reindex::rebuild(&ctx.store, index.clone()).await?;
    } else if backlog > REPLAY_AT_MOST {
        println!("检索索引落后数据库 {backlog} 项变更，正在重建……");
        super::reindex::rebuild(&ctx.store, index.clone()).await?;
    }
    // An index of an older version knows no mark: it is as current as the checks above say.
    if index.applied().is_none() {
        index.set_applied(ctx.store.last_change_id().await?);
    }
    let follow_from = index.applied().unwrap_or(0);
    // Standings may have changed since the documents were indexed (`gongyi jobs run`, or a
    // job that ran while this server's table was the only copy): the database decides.
    let standings = ctx.store.credit_standings().await?;
    index.load_credit_standings(&standings);
    tracing::info!(
        not_in_good_standing = standings.len(),
        "credit standings loaded"
    );
    let listener = tokio::net::TcpListener::bind(&a.listen)
        .await
        .with_context(|| format!("无法监听 {}", a.listen))?;
    let addr = listener.local_addr()?;
    let config = Config {
        // Secure cookies unless the node is plainly local: listening on loopback *and* behind no
        // named proxy. A loopback listener behind a same-host TLS proxy (the usual deployment)
        // names that proxy with --trusted-proxy, and then the cookies are Secure.
        secure_cookies: a
            .secure_cookies
            .unwrap_or(!addr.ip().is_loopback() || !a.trusted_proxies.is_empty()),
        trusted_proxies: a.trusted_proxies.clone(),
        credit_policy: ctx.credit_policy,
        ..Config::default()
    };
    let ledger = open_ledger(ctx, &a.ledger_origin, &a.witness_urls).await?;
    let witness = open_witness(ctx, &a).await?;
    let caught_up = pump::pump(&ctx.store, &ledger)
        .await
        .context("公开账本补记失败")?;
    println!(
        "公开账本 {}：{} 条（本次补记 {caught_up} 条），验证密钥 {}",
        ledger.origin(),
        ledger.log.size(),
        ledger.vkey
    );
    let archive_dir = ctx.data_dir.join("archive");
    let archive = gongyi_server::platform::archive::Archive::open(&archive_dir)
        .with_context(|| format!("无法打开电子档案目录 {}", archive_dir.display()))?;
    let mut state = AppState::new(ctx.store.clone(), index, Arc::new(SystemClock), config)
        .with_ledger(ledger.clone())
        .with_archive(Arc::new(archive))
        .with_open_data(gongyi_server::exchange::OpenData::new(
            ctx.data_dir.join("open-data"),
        ));
    if let Some(w) = witness {
        println!(
            "见证：为 {} 个账本联署检查点（{}），联署验证密钥 {}",
            w.logs.len(),
            w.logs.keys().cloned().collect::<Vec<_>>().join("、"),
            w.vkey
        );
        state = state.with_witness(w);
    }
    pump::spawn_periodic(state.clone(), std::time::Duration::from_secs(2));
    // The lookup's name table (about a minute for 1,000,000 organizations) loads in the
    // background, so the first lookup does not wait for it when the load is already done.
    let warm = state.clone();
    tokio::spawn(async move {
        if let Err(e) = warm.legitimacy.names(&warm.store).await {
            tracing::warn!(code = %e.code, "lookup name table not preloaded");
        }
    });
    gongyi_server::credit::spawn_daily(state.clone());
    gongyi_server::exchange::open_data::spawn_daily(state.clone());
    for s in &a.sync_from {
        let parts: Vec<&str> = s.split(',').collect();
        let [url, vkey, division] = parts[..] else {
            anyhow::bail!("--sync-from 应为 URL,验证密钥,行政区划代码：{s}");
        };
        let spec = super::sync::spec(url, vkey, Some(division))?;
        println!(
            "逐级汇总：每 {} 秒从 {url} 接收 {division} 的记录",
            a.sync_interval
        );
        gongyi_server::exchange::sync::spawn(
            state.clone(),
            spec,
            std::time::Duration::from_secs(a.sync_interval.max(1)),
        );
    }
    // What other processes commit (an import, the credit job, another server) reaches this
    // server's index and tables within about a second.
    gongyi_server::registry::follow::spawn(state.clone(), follow_from);
    if !ledger.witnesses.is_empty() {
        println!("本账本的见证节点：{}", a.witness_urls.join("、"));
        witness_push::spawn_periodic(ledger, std::time::Duration::from_secs(2));
    }
    println!(
        "社会组织信息平台已启动：http://{addr}/  （开放接口：http://{addr}/api ，按 Ctrl-C 停止）"
    );
    gongyi_server::serve(state, listener).await?;
    Ok(())
}

/// Opens (creating on first start) `<data-dir>/ledger/`, with the witnesses at `witness_urls`.
async fn open_ledger(
    ctx: &Ctx,
    origin: &str,
    witness_urls: &[String],
) -> anyhow::Result<Arc<LedgerHandle>> {
    let dir = ctx.data_dir.join("ledger");
    let origin = origin.to_string();
    let shown = dir.display().to_string();
    let handle = tokio::task::spawn_blocking(move || LedgerHandle::open(&dir, &origin))
        .await?
        .with_context(|| format!("无法打开公开账本 {shown}"))?;
    Ok(Arc::new(handle.with_witnesses(witness_urls)))
}

/// This node as a witness, if it is given logs to witness (`--witness-log` or
/// `<data-dir>/ledger/witnessed-logs.txt`); the cosigner key is created on first use.
async fn open_witness(ctx: &Ctx, a: &ServeArgs) -> anyhow::Result<Option<Arc<WitnessHandle>>> {
    let dir = ctx.data_dir.join("ledger");
    let mut logs = witness_handle::logs_from_file(&dir.join(witness_handle::LOGS_FILE))?;
    for k in &a.witness_logs {
        logs.push(
            VerifierKey::parse(k.trim())
                .with_context(|| format!("--witness-log 的验证密钥无效：{k}"))?,
        );
    }
    if logs.is_empty() {
        return Ok(None);
    }
    let name = a
        .witness_name
        .clone()
        .unwrap_or_else(|| format!("{}/witness", a.ledger_origin));
    let shown = dir.display().to_string();
    let handle = tokio::task::spawn_blocking(move || WitnessHandle::open(&dir, &name, &logs))
        .await?
        .with_context(|| format!("无法打开见证状态 {shown}"))?;
    Ok(Some(Arc::new(handle)))
}
