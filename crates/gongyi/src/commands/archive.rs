//! `gongyi archive check [--prune]`: the fixity check of the electronic archive.
//!
//! 《电子文件归档与电子档案管理规范》(GB/T 18894-2016) asks that archived files be checked
//! against their fixity information; here that is the SHA-256 each file is named by and the
//! size the database recorded. Every recorded file is read and hashed: missing or altered ones
//! are listed and make the exit status 1 (for a cron job to alert on). Files on disk that no
//! record refers to — an upload whose database write failed after the bytes were kept, a
//! temporary file of an interrupted write — are listed, and deleted with `--prune`; only
//! those older than `--min-age-minutes`, since an upload writes its file before its record.

use crate::cli::ArchiveCheckArgs;
use crate::context::Ctx;
use anyhow::{Context, bail};
use gongyi_server::platform::archive::{Archive, Fixity};
use std::collections::HashSet;
use std::time::{Duration, SystemTime};

pub async fn check(ctx: &Ctx, a: ArchiveCheckArgs) -> anyhow::Result<()> {
    let dir = ctx.data_dir.join("archive");
    let archive =
        Archive::open(&dir).with_context(|| format!("无法打开电子档案目录 {}", dir.display()))?;
    println!("电子档案检查：{}", dir.display());
    let total = ctx.store.attachment_count().await?;
    let pb = crate::context::progress(total.max(0) as u64, "核对档案文件");
    let mut known = HashSet::new();
    let (mut intact, mut missing, mut altered) = (0u64, 0u64, 0u64);
    let mut after = String::new();
    loop {
        let page = ctx.store.attachments_after(&after, 1000).await?;
        let Some(last) = page.last() else { break };
        after = last.sha256.clone();
        for m in page {
            // Read on this thread: the command does nothing else meanwhile.
            let found = archive
                .fixity(&m.sha256, m.size)
                .with_context(|| format!("无法读取档案文件 {}", m.sha256))?;
            match found {
                Fixity::Intact => intact += 1,
                Fixity::Missing => {
                    missing += 1;
                    let line = format!(
                        "缺失：{}（{} 字节，{} 存入）",
                        m.sha256, m.size, m.stored_at
                    );
                    // Above the bar on a terminal; printed plainly when there is none.
                    pb.suspend(|| println!("{line}"));
                }
                Fixity::Altered => {
                    altered += 1;
                    println!("已被改动：{}（内容与登记的大小或 SHA-256 不符）", m.sha256);
                }
            }
            known.insert(m.sha256);
            pb.inc(1);
        }
    }
    pb.finish_and_clear();
    println!(
        "登记的文件 {} 个：完好 {intact}，缺失 {missing}，已被改动 {altered}",
        intact + missing + altered
    );
    let old_enough = SystemTime::now() - Duration::from_secs(a.min_age_minutes * 60);
    let (mut strays, mut removed) = (0u64, 0u64);
    for f in archive
        .files()
        .with_context(|| format!("无法列出 {}", dir.display()))?
    {
        let referenced = f.sha256.as_ref().is_some_and(|s| known.contains(s));
        if referenced || f.modified > old_enough {
            continue;
        }
        strays += 1;
        if a.prune {
            std::fs::remove_file(&f.path)
                .with_context(|| format!("无法删除 {}", f.path.display()))?;
            removed += 1;
            println!("已删除未登记的文件：{}", f.path.display());
        } else {
            println!("未登记的文件：{}", f.path.display());
        }
    }
    println!(
        "未登记的文件 {strays} 个（早于 {} 分钟）{}",
        a.min_age_minutes,
        if a.prune {
            format!("，已删除 {removed} 个")
        } else if strays > 0 {
            "，加 --prune 删除".to_string()
        } else {
            String::new()
        }
    );
    if missing + altered > 0 {
        bail!("电子档案有 {} 个文件缺失或已被改动", missing + altered);
    }
    Ok(())
}
