//! `gongyi reindex`: rebuild the search index from the database (the source of truth).

use crate::context::Ctx;
use gongyi_search::{OrgDoc, SearchIndex};
use gongyi_store::Store;
use std::sync::Arc;

/// Streams every organization from the store into a full rebuild of `index`.
pub async fn rebuild(store: &Store, index: Arc<SearchIndex>) -> anyhow::Result<u64> {
    // Every change committed before this point is in what is read below: a server resumes
    // following the change log from here (`gongyi_server::registry::follow`).
    let mark = store.last_change_id().await?;
    let total = store.org_count().await?;
    let pb = crate::context::progress(total.max(0) as u64, "建立索引");
    let (tx, rx) = std::sync::mpsc::sync_channel::<OrgDoc>(20_000);
    // A marker left by an interrupted bulk write is replaced by this one, removed once the
    // rebuilt index is committed.
    let pending = index.begin_pending("reindex")?;
    index.set_applied(mark);
    let builder = tokio::task::spawn_blocking(move || index.rebuild(rx.into_iter()));
    let mut after: Option<String> = None;
    loop {
        let page = store.orgs_after(after.as_deref(), 5000).await?;
        let Some(last) = page.last() else { break };
        after = Some(last.uscc.to_string());
        pb.inc(page.len() as u64);
        for o in &page {
            if tx.send(OrgDoc::from_org(o)).is_err() {
                break;
            }
        }
    }
    drop(tx);
    let n = builder.await??;
    pending.done()?;
    pb.finish_and_clear();
    Ok(n)
}

pub async fn run(ctx: &Ctx) -> anyhow::Result<u64> {
    let index = ctx.open_index()?;
    rebuild(&ctx.store, index).await
}
