//! `gongyi serve`: the portal and API.

use crate::cli::ServeArgs;
use crate::context::Ctx;
use anyhow::Context as _;
use gongyi_server::ledger::{LedgerHandle, pump};
use gongyi_server::{AppState, Config, SystemClock};
use std::sync::Arc;

pub async fn run(ctx: &Ctx, a: ServeArgs) -> anyhow::Result<()> {
    let index = ctx.open_index_with_cache(a.search_cache)?;
    if a.demo {
        if super::demo::fill(ctx, a.demo_orgs).await? {
            super::reindex::rebuild(&ctx.store, index.clone()).await?;
        } else {
            println!("数据库中已有数据，--demo 未做任何改动。");
        }
    }
    let count = ctx.store.org_count().await?;
    if index.num_docs() != count as u64 {
        println!(
            "检索索引（{} 条）与数据库（{count} 条）不一致，正在重建……",
            index.num_docs()
        );
        super::reindex::rebuild(&ctx.store, index.clone()).await?;
    }
    let listener = tokio::net::TcpListener::bind(&a.listen)
        .await
        .with_context(|| format!("无法监听 {}", a.listen))?;
    let addr = listener.local_addr()?;
    let config = Config {
        secure_cookies: a.secure_cookies.unwrap_or(!addr.ip().is_loopback()),
        ..Config::default()
    };
    let ledger = open_ledger(ctx, &a.ledger_origin).await?;
    let caught_up = pump::pump(&ctx.store, &ledger)
        .await
        .context("公开账本补记失败")?;
    println!(
        "公开账本 {}：{} 条（本次补记 {caught_up} 条），验证密钥 {}",
        ledger.origin(),
        ledger.log.size(),
        ledger.vkey
    );
    let state =
        AppState::new(ctx.store.clone(), index, Arc::new(SystemClock), config).with_ledger(ledger);
    pump::spawn_periodic(state.clone(), std::time::Duration::from_secs(2));
    println!(
        "社会组织信息平台已启动：http://{addr}/  （开放接口：http://{addr}/api ，按 Ctrl-C 停止）"
    );
    gongyi_server::serve(state, listener).await?;
    Ok(())
}

/// Opens (creating on first start) `<data-dir>/ledger/`.
async fn open_ledger(ctx: &Ctx, origin: &str) -> anyhow::Result<Arc<LedgerHandle>> {
    let dir = ctx.data_dir.join("ledger");
    let origin = origin.to_string();
    let shown = dir.display().to_string();
    let handle = tokio::task::spawn_blocking(move || LedgerHandle::open(&dir, &origin))
        .await?
        .with_context(|| format!("无法打开公开账本 {shown}"))?;
    Ok(Arc::new(handle))
}
