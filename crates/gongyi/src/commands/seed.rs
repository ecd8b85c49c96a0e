//! `gongyi seed --orgs N`: deterministic synthetic organizations, generated on one thread while
//! the database writes batches and the search index takes in each batch once it is committed.
//!
//! Indexing beside the writes rather than after them (a rebuild that read the million rows
//! back) keeps both cores busy: the database writer is mostly one thread, tantivy's indexing
//! threads the other. A batch reaches the index only after its transaction committed, so an
//! interrupted seed leaves an index that holds what the database holds.

use crate::cli::SeedArgs;
use crate::context::{Ctx, now, today};
use anyhow::Context as _;
use gongyi_search::{OrgDoc, SearchIndex};
use gongyi_store::{Backend, Store};
use gongyi_synth::Synth;
use gongyi_types::{Organization, Sections};
use std::sync::Arc;

/// Organizations per transaction. Larger batches rewrite the pages of the code's primary-key
/// B-tree (random inserts) fewer times; 20,000 with their sections is ≈ 60 MB in memory.
const BATCH: u64 = 20_000;

/// One generated batch and its index documents.
type Batch = (Vec<(Organization, Sections)>, Vec<OrgDoc>);

/// Writes organizations `start..start+n` of seed `seed` to the store (without indexing them);
/// returns how many. For `serve --demo`, which rebuilds the index afterwards.
pub async fn seed_store(
    store: &Store,
    seed: u64,
    start: u64,
    n: u64,
    actor: &str,
) -> anyhow::Result<u64> {
    Ok(seed_and_index(store, None, seed, start, n, actor).await?.0)
}

/// Writes organizations `start..start+n` of seed `seed` to the store and, if given, to the
/// search index; returns (written, indexed). On an empty database the index is replaced by
/// exactly what is written; otherwise the new organizations are added to it.
pub async fn seed_and_index(
    store: &Store,
    index: Option<Arc<SearchIndex>>,
    seed: u64,
    start: u64,
    n: u64,
    actor: &str,
) -> anyhow::Result<(u64, u64)> {
    let existing = store.org_count().await?;

    let with_docs = index.is_some();
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Batch>(2);
    let today = today();
    let generator = tokio::task::spawn_blocking(move || {
        let synth = Synth::new(seed, today);
        let order = code_order(&synth, start, n);
        for chunk in order.chunks(BATCH as usize) {
            let batch: Vec<_> = chunk.iter().map(|&k| synth.org(k)).collect();
            let docs = if with_docs {
                batch.iter().map(|(o, _)| OrgDoc::from_org(o)).collect()
            } else {
                vec![]
            };
            if tx.blocking_send((batch, docs)).is_err() {
                break;
            }
        }
    });

    let (doc_tx, mut doc_rx) = tokio::sync::mpsc::channel::<Vec<OrgDoc>>(2);
    let indexer = index.map(|index| {
        tokio::task::spawn_blocking(move || {
            let docs = std::iter::from_fn(move || doc_rx.blocking_recv()).flatten();
            if existing == 0 {
                index.rebuild(docs)
            } else {
                index.upsert_all(docs)
            }
        })
    });

    let pb = crate::context::progress(n, "生成组织");
    // PostgreSQL checks every section row's foreign key in the server process, which makes
    // its backend the bottleneck: two transactions in flight use both cores (each batch is
    // still one transaction with its audit rows). SQLite has one writer at a time.
    let in_flight = match store.backend() {
        Backend::Postgres => 2,
        Backend::Sqlite => 1,
    };
    let mut writing = tokio::task::JoinSet::new();
    let mut written = 0;
    let mut failed = None;
    let mut input_open = true;
    while input_open || !writing.is_empty() {
        if input_open && writing.len() < in_flight {
            if let Some((batch, docs)) = rx.recv().await {
                let (store, actor) = (store.clone(), actor.to_string());
                writing.spawn(async move {
                    let res = store.create_orgs(&batch, &actor, &now()).await;
                    (res, docs)
                });
                continue;
            }
            input_open = false;
            continue;
        }
        let Some(done) = writing.join_next().await else {
            break;
        };
        match done? {
            (Ok(k), docs) => {
                written += k;
                pb.inc(k);
                if indexer.is_some() && doc_tx.send(docs).await.is_err() {
                    input_open = false; // the indexer failed: its error is reported below
                }
            }
            (Err(e), _) => {
                input_open = false;
                failed.get_or_insert_with(|| {
                    anyhow::Error::from(e).context(format!(
                        "写入一批组织失败（已写入 {written} 家；已存在？可用 --start 从其他序号开始）"
                    ))
                });
            }
        }
    }
    // Stops the generator if the loop ended early, and ends the indexer's input.
    drop(rx);
    drop(doc_tx);
    generator.await?;
    pb.finish_and_clear();
    let indexed = match indexer {
        Some(h) => h.await?,
        None => Ok(0),
    };
    if let Some(e) = failed {
        return Err(e);
    }
    let indexed = indexed.context("建立检索索引失败")?;
    store.analyze().await.context("更新数据库统计信息失败")?;
    Ok((written, indexed))
}

/// Indices `start..start+n` sorted by the code of their organization: written in this order,
/// every B-tree keyed by the code (the primary key, the sections' and the audit trail's
/// indexes) grows at its right edge instead of having random pages rewritten by every batch
/// (the generation order scatters codes; at a million organizations that made the writes
/// 3.4 times slower per row than at 100,000). ≈ 26 bytes an organization.
fn code_order(synth: &Synth, start: u64, n: u64) -> Vec<u64> {
    let mut keyed: Vec<(gongyi_types::Uscc, u64)> =
        (start..start + n).map(|i| (synth.uscc(i), i)).collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, i)| i).collect()
}

pub async fn run(ctx: &Ctx, a: SeedArgs) -> anyhow::Result<()> {
    let t = std::time::Instant::now();
    let index = ctx.open_index_unless_served()?;
    let pending = index
        .as_ref()
        .map(|i| i.begin_pending("seed"))
        .transpose()?;
    let (n, indexed) =
        seed_and_index(&ctx.store, index, a.seed, a.start, a.orgs, "cli:seed").await?;
    if let Some(p) = pending {
        p.done()?;
    }
    println!(
        "已生成 {n} 家社会组织，索引 {indexed} 家（写库与建索引同时进行），共用时 {:.1} 秒",
        t.elapsed().as_secs_f64()
    );
    Ok(())
}
