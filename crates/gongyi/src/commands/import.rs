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

/// What the reading thread hands over: up to one batch of good rows, the bad rows met on the
/// way, and how far into the file it is.
struct Chunk {
    orgs: Vec<Organization>,
    bad: Vec<Vec<RowError>>,
    position: u64,
}

/// Reads and validates the file on a thread of its own (parsing is a third of the CPU of an
/// import), handing batches of `batch` good rows to the writer.
fn read_chunks(mut reader: OrgReader, batch: usize, tx: tokio::sync::mpsc::Sender<Chunk>) {
    let mut chunk = Chunk {
        orgs: Vec::with_capacity(batch),
        bad: vec![],
        position: 0,
    };
    while let Some(outcome) = reader.next() {
        match outcome {
            RowOutcome::Ok(row) => chunk.orgs.push(row.org),
            RowOutcome::Bad(errs) => chunk.bad.push(errs),
        }
        if chunk.orgs.len() >= batch {
            chunk.position = reader.bytes_read();
            let next = Chunk {
                orgs: Vec::with_capacity(batch),
                bad: vec![],
                position: 0,
            };
            if tx
                .blocking_send(std::mem::replace(&mut chunk, next))
                .is_err()
            {
                return; // the writer stopped: it reports why
            }
        }
    }
    chunk.position = reader.bytes_read();
    // Ignored error: see above.
    let _ = tx.blocking_send(chunk);
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
    let index = ctx.open_index_unless_served()?;
    let pending = index
        .as_ref()
        .map(|i| i.begin_pending(&format!("import {file}")))
        .transpose()?;
    let reader = OrgReader::open(&a.file)?;
    for w in reader.warnings() {
        eprintln!("{file}: 提示：{w}");
    }
    let pb = crate::context::progress(reader.total_bytes(), "导入");
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Chunk>(2);
    let batch = a.batch.max(1);
    let read = tokio::task::spawn_blocking(move || read_chunks(reader, batch, tx));
    // The index takes the changed records of each committed batch and commits once at the
    // end (see `SearchIndex::upsert_all`); the database stays the source of truth.
    let (doc_tx, mut doc_rx) = tokio::sync::mpsc::channel::<Vec<OrgDoc>>(2);
    let indexer = tokio::task::spawn_blocking(move || match index {
        Some(index) => {
            index.upsert_all(std::iter::from_fn(move || doc_rx.blocking_recv()).flatten())
        }
        // A server holds the index: it follows what this import commits.
        None => Ok(std::iter::from_fn(move || doc_rx.blocking_recv()).count() as u64),
    });
    let mut t = Tally::default();
    let mut all_bad = vec![];
    let mut failed = None;
    // --all-or-nothing: one transaction for the whole file (validated above), committed
    // after the last batch; otherwise one per batch.
    let mut whole = if a.all_or_nothing {
        Some(ctx.store.begin_import().await?)
    } else {
        None
    };
    while let Some(chunk) = rx.recv().await {
        for errs in chunk.bad {
            t.bad_rows += 1;
            if !a.all_or_nothing {
                print_bad(&file, &errs);
            }
            all_bad.extend(errs);
        }
        if chunk.orgs.is_empty() {
            continue;
        }
        t.good += chunk.orgs.len() as u64;
        let written = match whole.as_mut() {
            Some(tx) => {
                ctx.store
                    .upsert_orgs_in(tx, &chunk.orgs, "cli:import", &now(), today())
                    .await
            }
            None => {
                ctx.store
                    .upsert_orgs(&chunk.orgs, "cli:import", &now(), today())
                    .await
            }
        };
        let report = match written {
            Ok(r) => r,
            Err(e) => {
                let what = if a.all_or_nothing {
                    "写入数据库失败，未导入任何数据"
                } else {
                    "写入数据库失败，本批次未写入（此前各批次已导入）"
                };
                failed = Some(anyhow::Error::from(e).context(what));
                break;
            }
        };
        t.inserted += report.inserted;
        t.updated += report.updated;
        t.unchanged += report.unchanged;
        if !report.changed.is_empty() {
            let changed: HashSet<&str> = report.changed.iter().map(String::as_str).collect();
            let docs: Vec<OrgDoc> = chunk
                .orgs
                .iter()
                .filter(|o| changed.contains(o.uscc.as_str()))
                .map(OrgDoc::from_org)
                .collect();
            if doc_tx.send(docs).await.is_err() {
                break; // the indexer failed: its error is reported below
            }
        }
        pb.set_position(chunk.position);
    }
    if let (Some(tx), None) = (whole.take(), &failed)
        && let Err(e) = tx.commit().await
    {
        failed = Some(anyhow::Error::from(e).context("写入数据库失败，未导入任何数据"));
    }
    // Stops the reader if the loop ended early; the index commits what it was given (after a
    // failed --all-or-nothing commit that is ahead of the database: the pending-writes marker
    // stays, and the next `serve` rebuilds the index).
    drop(rx);
    drop(doc_tx);
    let indexed = indexer.await?;
    read.await?;
    pb.finish_and_clear();
    if let Some(e) = failed {
        return Err(e);
    }
    indexed.context("更新检索索引失败")?;
    if let Some(p) = pending {
        p.done()?;
    }
    ctx.store
        .analyze()
        .await
        .context("更新数据库统计信息失败")?;
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
