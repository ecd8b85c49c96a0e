//! `gongyi export orgs --format csv|xlsx|jsonl`: the import columns, so a file round-trips.

use crate::cli::{ExportArgs, ExportFormat};
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
