//! `gongyi ledger audit URL`: fetches a node's signed checkpoint and every tile of its tree
//! (C2SP tlog-checkpoint, tlog-tiles), recomputes every hash, checks every entry against its
//! leaf hash, and checks that the tree still extends the last checkpoint seen of that node.
//!
//! Fast enough for a million entries in seconds: the small hash tiles of levels ≥ 1 and the
//! right edge come first (they authenticate everything else), then entry bundles and their
//! level-0 hash tiles stream in over a few kept-alive connections, `IN_FLIGHT` requests at a
//! time, and each bundle is verified on a blocking thread as soon as both of its tiles are
//! in, while the next ones download. A verified bundle is dropped at once, so memory stays at
//! the level-0 hashes (32 bytes per entry) plus the bundles in flight.

use crate::cli::AuditArgs;
use anyhow::{Context as _, bail};
use gongyi_ledger::tile::{TILE_WIDTH, level_count, tiles_for_size};
use gongyi_ledger::{Checkpoint, Hash, TileHashReader, TileKind, TilePath, VerifierKey};
use gongyi_server::ledger::Leaf;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

/// Tile requests in flight at once.
const IN_FLIGHT: usize = 24;

/// What the auditor remembers of a node.
#[derive(Debug, Serialize, Deserialize)]
struct AuditState {
    vkey: String,
    origin: String,
    size: u64,
    root: String,
}

/// What an audit found (everything checked; an inconsistency is an error).
#[derive(Debug, Clone)]
pub struct Audited {
    pub size: u64,
    pub tiles: usize,
    pub not_leaves: usize,
}

pub(crate) fn state_path(dir: &Option<PathBuf>, url: &str) -> anyhow::Result<PathBuf> {
    let dir = match dir {
        Some(d) => d.clone(),
        None => std::env::var_os("HOME")
            .map(|h| PathBuf::from(h).join(".gongyi-audit"))
            .context("没有 HOME，请用 --state-dir 指定状态目录")?,
    };
    let name: String = url
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    Ok(dir.join(format!("{name}.json")))
}

async fn fetch(client: &reqwest::Client, url: &str) -> anyhow::Result<Vec<u8>> {
    let r = client
        .get(url)
        .send()
        .await
        .with_context(|| format!("无法访问 {url}"))?;
    if !r.status().is_success() {
        bail!("{url} 返回 {}", r.status());
    }
    Ok(r.bytes().await?.to_vec())
}

/// Tiles downloaded and not yet consumed, shared by the downloader and the verifiers.
type Tiles = Arc<Mutex<HashMap<TilePath, Arc<Vec<u8>>>>>;

fn lock(tiles: &Tiles) -> std::sync::MutexGuard<'_, HashMap<TilePath, Arc<Vec<u8>>>> {
    tiles.lock().unwrap_or_else(PoisonError::into_inner)
}

pub async fn audit(a: &AuditArgs) -> anyhow::Result<Audited> {
    let base = a.url.trim_end_matches('/').to_string();
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(IN_FLIGHT)
        .build()?;
    let path = state_path(&a.state_dir, &base)?;
    let prev: Option<AuditState> = match std::fs::read(&path) {
        Ok(b) => {
            Some(serde_json::from_slice(&b).with_context(|| format!("{} 无效", path.display()))?)
        }
        Err(_) => None,
    };
    let vkey = match (&a.vkey, &prev) {
        (Some(k), _) => super::ledger::read_vkey(k)?,
        (None, Some(p)) => VerifierKey::parse(&p.vkey).context("状态文件中的验证密钥无效")?,
        (None, None) => {
            let text = fetch(&client, &format!("{base}/ledger/vkey")).await?;
            let text = String::from_utf8_lossy(&text).trim().to_string();
            println!("首次审计，信任节点给出的验证密钥：{text}");
            VerifierKey::parse(&text).context("节点给出的验证密钥无效")?
        }
    };
    let note_bytes = fetch(&client, &format!("{base}/ledger/checkpoint")).await?;
    let origin = String::from_utf8_lossy(&note_bytes)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    if let Some(p) = &prev
        && p.origin != origin
    {
        bail!("检查点的 origin 变了：上次 {}，这次 {origin}", p.origin);
    }
    let (cp, _) = Checkpoint::open(&note_bytes, &origin, &[&vkey])
        .context("检查点签名无效（不是该验证密钥签的，或被改动）")?;
    println!(
        "检查点签名有效：{origin}，{} 条，根哈希 {}",
        cp.size, cp.root
    );
    if let Some(p) = &prev
        && p.size > cp.size
    {
        bail!(
            "账本回退了：上次看到 {} 条，现在只有 {} 条",
            p.size,
            cp.size
        );
    }

    let tiles: Tiles = Arc::default();
    let fetcher = {
        let tiles = tiles.clone();
        move |p: &TilePath| -> Result<Vec<u8>, Box<dyn std::error::Error + Send + Sync>> {
            let mut map = lock(&tiles);
            // An entry bundle is read once: drop it. Hash tiles stay (a root may need them).
            let hit = if p.kind == TileKind::Entries {
                map.remove(p)
            } else {
                map.get(p).cloned()
            };
            hit.map(Arc::unwrap_or_clone)
                .ok_or_else(|| format!("缺少瓦片 {p}").into())
        }
    };
    let reader = Arc::new(TileHashReader::new(cp.size, cp.root, fetcher));
    let all = tiles_for_size(cp.size);
    let fetched = all.len();
    // First the tiles that authenticate the others: levels ≥ 1 and the right edge.
    let (first, rest): (Vec<TilePath>, Vec<TilePath>) = all
        .into_iter()
        .partition(|p| matches!(p.kind, TileKind::Hashes(l) if l > 0) || p.is_partial());
    let mut not_leaves = 0;
    let none = |_: &TilePath| None;
    let unused = |_: u64| || -> anyhow::Result<usize> { Ok(0) };
    download(&client, &base, first, &tiles, none, unused, &mut not_leaves).await?;
    // Then bundle i and level-0 tile i, in order; bundle i is verified once both are in (a
    // partial bundle's level-0 tile is an edge tile, already in).
    let bundles = level_count(TileKind::Entries, cp.size).div_ceil(TILE_WIDTH);
    let mut arrived = vec![0u8; usize::try_from(bundles)?];
    let on_arrival = |p: &TilePath| {
        let n = arrived.get_mut(usize::try_from(p.index).ok()?)?;
        *n += 1;
        (*n == 2 || (p.kind == TileKind::Entries && p.is_partial())).then_some(p.index)
    };
    let verify = |i: u64| {
        let reader = reader.clone();
        move || -> anyhow::Result<usize> {
            let entries = reader
                .entries(i)
                .with_context(|| format!("第 {i} 个条目瓦片与检查点不符"))?;
            Ok(entries.iter().filter(|e| Leaf::parse(e).is_none()).count())
        }
    };
    let rest = order_by_bundle(rest);
    download(
        &client,
        &base,
        rest,
        &tiles,
        on_arrival,
        verify,
        &mut not_leaves,
    )
    .await?;
    if not_leaves > 0 {
        println!("注意：{not_leaves} 个条目不是规范的 v1 账本叶子");
    }
    if let Some(p) = &prev {
        let (old_size, old_root) = (p.size, p.root.clone());
        let reader = reader.clone();
        tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
            let old_root = Hash::from_base64(&old_root).context("状态文件中的根哈希无效")?;
            let now = gongyi_ledger::tree_hash(old_size, &*reader)
                .context("无法从瓦片计算上次检查点的根哈希")?;
            if now != old_root {
                bail!(
                    "账本被改写：上次看到的 {old_size} 条的根哈希是 {}，现在的瓦片给出 {}",
                    old_root.to_base64(),
                    now.to_base64()
                );
            }
            Ok(())
        })
        .await??;
        println!("与上次看到的检查点（{} 条）一致。", p.size);
    }
    println!(
        "已下载 {fetched} 个瓦片，重算并核对了全部 {} 条记录的哈希。",
        cp.size
    );
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("无法创建 {}", dir.display()))?;
    }
    let state = AuditState {
        vkey: vkey.to_string(),
        origin,
        size: cp.size,
        root: cp.root.to_base64(),
    };
    std::fs::write(&path, serde_json::to_vec_pretty(&state)?)
        .with_context(|| format!("无法写入 {}", path.display()))?;
    println!("审计通过。状态已保存到 {}", path.display());
    Ok(Audited {
        size: cp.size,
        tiles: fetched,
        not_leaves,
    })
}

/// Level-0 tile i right after entry bundle i, so both halves of a bundle arrive together.
fn order_by_bundle(mut paths: Vec<TilePath>) -> Vec<TilePath> {
    paths.sort_by_key(|p| (p.index, p.kind == TileKind::Entries));
    paths
}

/// Downloads `paths`, `IN_FLIGHT` requests at a time, into `tiles`; when `on_arrival` says a
/// bundle is complete, runs `verify` for it on a blocking thread and adds its count to
/// `counted`. The first failure ends the download.
async fn download<V, C>(
    client: &reqwest::Client,
    base: &str,
    paths: Vec<TilePath>,
    tiles: &Tiles,
    mut on_arrival: impl FnMut(&TilePath) -> Option<u64>,
    verify: V,
    counted: &mut usize,
) -> anyhow::Result<()>
where
    V: Fn(u64) -> C,
    C: FnOnce() -> anyhow::Result<usize> + Send + 'static,
{
    let mut pending = paths.into_iter();
    let mut set = tokio::task::JoinSet::new();
    let mut checks = tokio::task::JoinSet::new();
    let spawn = |set: &mut tokio::task::JoinSet<_>, p: TilePath| {
        let (client, url) = (client.clone(), format!("{base}/ledger/{p}"));
        set.spawn(async move { fetch(&client, &url).await.map(|b| (p, b)) });
    };
    for p in pending.by_ref().take(IN_FLIGHT) {
        spawn(&mut set, p);
    }
    while let Some(r) = set.join_next().await {
        let (p, bytes) = r??;
        lock(tiles).insert(p, Arc::new(bytes));
        if let Some(i) = on_arrival(&p) {
            checks.spawn_blocking(verify(i));
        }
        if let Some(next) = pending.next() {
            spawn(&mut set, next);
        }
        // Keep the verifiers from falling far behind (bounded memory).
        while checks.len() > 2 * IN_FLIGHT {
            if let Some(r) = checks.join_next().await {
                *counted += r??;
            }
        }
    }
    while let Some(r) = checks.join_next().await {
        *counted += r??;
    }
    Ok(())
}
