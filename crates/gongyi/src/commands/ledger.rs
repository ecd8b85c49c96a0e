//! `gongyi ledger …`: keys, offline verification of signed notes and receipts, and auditing a
//! node's log over HTTP (C2SP tlog-checkpoint and tlog-tiles).

use crate::cli::{AuditArgs, KeygenArgs, LedgerCommand, VerifyNoteArgs, VerifyReceiptArgs};
use anyhow::{Context as _, bail};
use gongyi_ledger::tile::{TILE_WIDTH, level_count, tiles_for_size};
use gongyi_ledger::{Checkpoint, Hash, KeyType, SignerKey, TileHashReader, TileKind, TilePath};
use gongyi_ledger::{VerifierKey, note};
use gongyi_server::ledger::{Leaf, Receipt};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub async fn run(cmd: LedgerCommand) -> anyhow::Result<()> {
    match cmd {
        LedgerCommand::Keygen(a) => keygen(&a),
        LedgerCommand::VerifyNote(a) => verify_note(&a),
        LedgerCommand::VerifyReceipt(a) => verify_receipt(&a),
        LedgerCommand::Audit(a) => audit(&a).await,
    }
}

fn keygen(a: &KeygenArgs) -> anyhow::Result<()> {
    let key = SignerKey::generate(&a.name, KeyType::Ed25519).context("无法生成密钥")?;
    println!("签名私钥（请保密）：{}", key.to_private_string());
    println!("验证密钥：{}", key.verifier_key());
    Ok(())
}

/// A verifier key given inline, or the path of a file holding one.
fn read_vkey(arg: &str) -> anyhow::Result<VerifierKey> {
    let text = if Path::new(arg).is_file() {
        std::fs::read_to_string(arg).with_context(|| format!("无法读取 {arg}"))?
    } else {
        arg.to_string()
    };
    VerifierKey::parse(text.trim()).with_context(|| format!("验证密钥无效：{}", text.trim()))
}

fn verify_note(a: &VerifyNoteArgs) -> anyhow::Result<()> {
    let vkey = read_vkey(&a.vkey)?;
    let bytes = std::fs::read(&a.file).with_context(|| format!("无法读取 {}", a.file.display()))?;
    let n = note::open(&bytes, &[&vkey]).context("签名无效")?;
    print!("{}", n.text);
    println!("签名有效：{}（密钥 {}）", a.file.display(), vkey.name());
    Ok(())
}

fn verify_receipt(a: &VerifyReceiptArgs) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&a.file)
        .with_context(|| format!("无法读取 {}", a.file.display()))?;
    let receipt = Receipt::parse(&text)?;
    let vkey = match &a.vkey {
        Some(k) => read_vkey(k)?,
        None => {
            eprintln!("注意：未给出 --vkey，使用回执自带的密钥，只能说明回执自身一致。");
            receipt.stated_vkey()?
        }
    };
    let v = receipt.verify(&vkey)?;
    println!(
        "回执有效：{} 第 {} 条（检查点大小 {}，根哈希 {}）",
        receipt.origin,
        v.index,
        v.size,
        v.root.to_base64()
    );
    println!("{}", receipt.entry);
    Ok(())
}

/// What the auditor remembers of a node.
#[derive(Debug, Serialize, Deserialize)]
struct AuditState {
    vkey: String,
    origin: String,
    size: u64,
    root: String,
}

fn state_path(dir: &Option<PathBuf>, url: &str) -> anyhow::Result<PathBuf> {
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

async fn audit(a: &AuditArgs) -> anyhow::Result<()> {
    let base = a.url.trim_end_matches('/').to_string();
    let client = reqwest::Client::new();
    let path = state_path(&a.state_dir, &base)?;
    let prev: Option<AuditState> = match std::fs::read(&path) {
        Ok(b) => {
            Some(serde_json::from_slice(&b).with_context(|| format!("{} 无效", path.display()))?)
        }
        Err(_) => None,
    };
    let vkey = match (&a.vkey, &prev) {
        (Some(k), _) => read_vkey(k)?,
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

    let tiles = download(&client, &base, cp.size).await?;
    let fetched = tiles.len();
    let fetcher = move |p: &TilePath| -> Result<Vec<u8>, Box<dyn std::error::Error + Send + Sync>> {
        tiles
            .get(p)
            .cloned()
            .ok_or_else(|| format!("缺少瓦片 {p}").into())
    };
    let size = cp.size;
    let root = cp.root;
    let old = prev.as_ref().map(|p| (p.size, p.root.clone()));
    let checked = tokio::task::spawn_blocking(move || -> anyhow::Result<u64> {
        let reader = TileHashReader::new(size, root, fetcher);
        let bundles = level_count(TileKind::Entries, size).div_ceil(TILE_WIDTH);
        let mut not_leaves = 0;
        for i in 0..bundles {
            let entries = reader
                .entries(i)
                .with_context(|| format!("第 {i} 个条目瓦片与检查点不符"))?;
            not_leaves += entries.iter().filter(|e| Leaf::parse(e).is_none()).count();
        }
        if not_leaves > 0 {
            println!("注意：{not_leaves} 个条目不是规范的 v1 账本叶子");
        }
        if let Some((old_size, old_root)) = old {
            if old_size > size {
                bail!("账本回退了：上次看到 {old_size} 条，现在只有 {size} 条");
            }
            let old_root = Hash::from_base64(&old_root).context("状态文件中的根哈希无效")?;
            let now = gongyi_ledger::tree_hash(old_size, &reader)
                .context("无法从瓦片计算上次检查点的根哈希")?;
            if now != old_root {
                bail!(
                    "账本被改写：上次看到的 {old_size} 条的根哈希是 {}，现在的瓦片给出 {}",
                    old_root.to_base64(),
                    now.to_base64()
                );
            }
            println!("与上次看到的检查点（{old_size} 条）一致。");
        }
        Ok(size)
    })
    .await??;
    println!("已下载 {fetched} 个瓦片，重算并核对了全部 {checked} 条记录的哈希。");
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
    Ok(())
}

/// Every tile of the tree, fetched 32 at a time.
async fn download(
    client: &reqwest::Client,
    base: &str,
    size: u64,
) -> anyhow::Result<HashMap<TilePath, Vec<u8>>> {
    let mut out = HashMap::new();
    for chunk in tiles_for_size(size).chunks(32) {
        let mut set = tokio::task::JoinSet::new();
        for p in chunk {
            let (client, url, p) = (client.clone(), format!("{base}/ledger/{p}"), *p);
            set.spawn(async move { fetch(&client, &url).await.map(|b| (p, b)) });
        }
        while let Some(r) = set.join_next().await {
            let (p, b) = r??;
            out.insert(p, b);
        }
    }
    Ok(out)
}
