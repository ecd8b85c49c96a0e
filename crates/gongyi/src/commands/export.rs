//! `gongyi export orgs --format csv|xlsx|jsonl`: the import columns, so a file round-trips.
//! `gongyi export open-data`: the open-data extracts with their signed manifest
//! (`gongyi_server::exchange::open_data`).

use crate::cli::{ExportArgs, ExportFormat, OpenDataArgs};
use crate::context::Ctx;
use gongyi_interchange::{Format, OrgWriter};
use std::path::PathBuf;

pub async fn run(ctx: &Ctx, a: ExportArgs) -> anyhow::Result<()> {
    let (format, ext) = match a.format {
        ExportFormat::Csv => (Format::Csv, "csv"),
        ExportFormat::Xlsx => (Format::Xlsx, "xlsx"),
        ExportFormat::Jsonl => (Format::Jsonl, "jsonl"),
    };
    let out = a
        .output
        .unwrap_or_else(|| PathBuf::from(format!("orgs.{ext}")));
    let total = ctx.store.org_count().await?;
    let pb = crate::context::progress(total.max(0) as u64, "导出");
    let mut w = OrgWriter::create(&out, format)?;
    let mut after: Option<String> = None;
    let mut n = 0u64;
    loop {
        let page = ctx.store.orgs_after(after.as_deref(), 5000).await?;
        let Some(last) = page.last() else { break };
        after = Some(last.uscc.to_string());
        for o in &page {
            w.write(o)?;
        }
        n += page.len() as u64;
        pb.set_position(n);
    }
    w.finish()?;
    pb.finish_and_clear();
    println!("已导出 {n} 家社会组织到 {}", out.display());
    Ok(())
}

pub async fn open_data(ctx: &Ctx, a: OpenDataArgs) -> anyhow::Result<()> {
    use gongyi_server::exchange::open_data;
    let root = a.dir.unwrap_or_else(|| ctx.data_dir.join("open-data"));
    std::fs::create_dir_all(&root)?;
    let signer =
        gongyi_server::ledger::handle::load_signer(&ctx.data_dir.join("ledger"), &a.ledger_origin)?;
    let t = std::time::Instant::now();
    let built = open_data::build(&ctx.store, &root, &signer, chrono::Utc::now()).await?;
    println!(
        "开放数据已写入 {}（版本 {}，用时 {:.1} 秒）：",
        root.join(&built.generation).display(),
        built.generation,
        t.elapsed().as_secs_f64()
    );
    for f in &built.manifest.files {
        println!(
            "  {}  {} 行  {} 字节  SHA-256 {}",
            f.name, f.rows, f.size, f.sha256
        );
    }
    println!(
        "清单以密钥 {} 签名；验证：gongyi ledger verify-note {} --vkey {}",
        signer.name(),
        root.join(&built.generation)
            .join(open_data::MANIFEST)
            .display(),
        signer.verifier_key()
    );
    Ok(())
}
