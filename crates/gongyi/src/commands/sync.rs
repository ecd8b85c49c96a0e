//! `gongyi sync --from URL --vkey VKEY [--division CODE]`: pulls a lower node's records into
//! this node's database (`gongyi_server::exchange::sync`); a running `serve` on the same
//! database follows the change log into its index.

use crate::cli::SyncArgs;
use crate::context::{Ctx, today};
use anyhow::Context as _;
use gongyi_server::exchange::sync::{SourceSpec, sync_once};
use gongyi_types::DivisionCode;

/// The source given on the command line or in `serve --sync-from URL,VKEY,DIVISION`.
pub(crate) fn spec(url: &str, vkey: &str, division: Option<&str>) -> anyhow::Result<SourceSpec> {
    let division = division
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| DivisionCode::parse(d).with_context(|| format!("行政区划代码无效：{d}")))
        .transpose()?;
    Ok(SourceSpec {
        url: url.trim().to_string(),
        vkey: super::ledger::read_vkey(vkey)?,
        division,
    })
}

pub async fn run(ctx: &Ctx, a: SyncArgs) -> anyhow::Result<()> {
    let spec = spec(&a.from, &a.vkey, a.division.as_deref())?;
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(60))
        .build()?;
    let t = std::time::Instant::now();
    let report = sync_once(
        &ctx.store,
        &client,
        &spec,
        || (crate::context::now(), today()),
        |r| {
            eprint!(
                "\r已接收 {} 条，拒收 {} 条，未能核验 {} 条……",
                r.accepted, r.refused, r.unverified
            )
        },
    )
    .await
    .with_context(|| format!("从 {} 同步失败", spec.url))?;
    eprintln!();
    println!(
        "已从 {} 同步：来源账本 {} 条（签名与一致性已核验），本次接收 {} 家社会组织，拒收 {} 条，未能核验 {} 条，用时 {:.1} 秒{}",
        spec.url,
        report.checkpoint_size,
        report.accepted,
        report.refused,
        report.unverified,
        t.elapsed().as_secs_f64(),
        if report.waiting {
            "；其余变更尚未记入来源的签名检查点，下次同步接收"
        } else {
            ""
        }
    );
    Ok(())
}
