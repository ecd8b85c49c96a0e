//! `gongyi import orgs FILE`: every row validated and reported with its line and column; good
//! rows stored in batches of one transaction each (a kill -9 keeps the committed batches and
//! never a partial row); a re-import of the same file changes nothing (upsert by code).

use crate::cli::ImportArgs;
use crate::context::{Ctx, now, today};
use anyhow::{Context as _, bail};
use gongyi_interchange::{OrgReader, RowError, RowOutcome};
use gongyi_search::OrgDoc;
use gongyi_types::Organization;
use std::collections::HashSet;
use std::io::Write as _;

#[derive(Default)]
struct Tally {
    good: u64,
    inserted: u64,
    updated: u64,
    unchanged: u64,
    bad_rows: u64,
}

fn print_bad(file: &str, errs: &[RowError]) {
    for e in errs {
        eprintln!(
            "{file}:{}: 列“{}”：{}（值：“{}”，代码 {}）",
            e.line, e.column, e.message, e.value, e.code
        );
    }
}

fn write_report(path: &std::path::Path, errs: &[RowError]) -> anyhow::Result<()> {
    let mut f = std::io::BufWriter::new(
        std::fs::File::create(path).with_context(|| format!("无法写入报告 {}", path.display()))?,
    );
    f.write_all("\u{feff}行号,列,值,错误代码,说明\n".as_bytes())?;
    let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    for e in errs {
        writeln!(
            f,
            "{},{},{},{},{}",
            e.line,
            q(&e.column),
            q(&e.value),
            e.code,
            q(&e.message)
        )?;
    }
    Ok(())
}

/// Reads the whole file once to validate it: (good rows, every row error).
fn validate(path: &std::path::Path) -> anyhow::Result<(u64, Vec<RowError>)> {
    let reader = OrgReader::open(path)?;
    let (mut good, mut bad) = (0, vec![]);
    for outcome in reader {
        match outcome {
            RowOutcome::Ok(_) => good += 1,
            RowOutcome::Bad(e) => bad.extend(e),
        }
    }
    Ok((good, bad))
}

async fn store_batch(
    ctx: &Ctx,
    index: &std::sync::Arc<gongyi_search::SearchIndex>,
    batch: &mut Vec<Organization>,
    t: &mut Tally,
) -> anyhow::Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    let report = ctx
        .store
        .upsert_orgs(batch, "cli:import", &now(), today())
        .await
        .context("写入数据库失败，本批次未写入")?;
    t.inserted += report.inserted;
    t.updated += report.updated;
    t.unchanged += report.unchanged;
    if !report.changed.is_empty() {
        let changed: HashSet<&str> = report.changed.iter().map(String::as_str).collect();
        let docs: Vec<OrgDoc> = batch
            .iter()
            .filter(|o| changed.contains(o.uscc.as_str()))
            .map(OrgDoc::from_org)
            .collect();
        let index = index.clone();
        tokio::task::spawn_blocking(move || index.upsert_many(&docs)).await??;
    }
    batch.clear();
    Ok(())
}

pub async fn run(ctx: &Ctx, a: ImportArgs) -> anyhow::Result<()> {
    let file = a.file.display().to_string();
    if a.dry_run || a.all_or_nothing {
        let (good, bad) = validate(&a.file)?;
        print_bad(&file, &bad);
        if let Some(r) = &a.report {
            write_report(r, &bad)?;
        }
        let bad_lines: HashSet<u64> = bad.iter().map(|e| e.line).collect();
        if a.dry_run {
            println!(
                "检查完成（未写入）：{good} 行有效，{} 行有错误。",
                bad_lines.len()
            );
            return if bad.is_empty() {
                Ok(())
            } else {
                bail!("{} 行有错误", bad_lines.len())
            };
        }
        if !bad.is_empty() {
            bail!(
                "{} 行有错误；因指定了 --all-or-nothing，未导入任何数据",
                bad_lines.len()
            );
        }
    }
    let index = ctx.open_index()?;
    let reader = OrgReader::open(&a.file)?;
    for w in reader.warnings() {
        eprintln!("{file}: 提示：{w}");
    }
    let pb = crate::context::progress(reader.total_bytes(), "导入");
    let mut t = Tally::default();
    let mut all_bad = vec![];
    let mut batch = Vec::with_capacity(a.batch);
    let mut reader = reader;
    while let Some(outcome) = reader.next() {
        match outcome {
            RowOutcome::Ok(row) => {
                t.good += 1;
                batch.push(row.org);
            }
            RowOutcome::Bad(errs) => {
                t.bad_rows += 1;
                if !a.all_or_nothing {
                    print_bad(&file, &errs);
                }
                all_bad.extend(errs);
            }
        }
        if batch.len() >= a.batch.max(1) {
            store_batch(ctx, &index, &mut batch, &mut t).await?;
            pb.set_position(reader.bytes_read());
        }
    }
    store_batch(ctx, &index, &mut batch, &mut t).await?;
    pb.finish_and_clear();
    if let Some(r) = &a.report {
        write_report(r, &all_bad)?;
    }
    println!(
        "导入完成：有效 {} 行（新增 {}，更新 {}，未变化 {}），错误 {} 行。",
        t.good, t.inserted, t.updated, t.unchanged, t.bad_rows
    );
    if t.bad_rows > 0 {
        bail!("{} 行有错误未导入（见上方逐行说明）", t.bad_rows);
    }
    Ok(())
}
