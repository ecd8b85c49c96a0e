//! `gongyi quality report [--format text|csv] [--division CODE] [--output FILE]`: the
//! data-quality report of `gongyi_server::quality::report`, computed afresh — as text (counts
//! per dimension and rule, the child divisions with the most problems) or as the CSV of every
//! problem. Problems are findings, not failures: the exit status is 0 whatever is found.

use crate::cli::{QualityFormat, QualityReportArgs};
use crate::context::Ctx;
use anyhow::Context as _;
use gongyi_server::quality::{QualityReport, write_csv};
use gongyi_types::DivisionCode;
use gongyi_types::quality::Dimension;
use std::io::Write;

/// Child divisions listed in the text report.
const TOP: usize = 10;

pub async fn report(ctx: &Ctx, a: QualityReportArgs) -> anyhow::Result<()> {
    let division = a
        .division
        .as_deref()
        .map(|d| DivisionCode::parse(d.trim()))
        .transpose()
        .context("--division")?;
    let today = a.today.unwrap_or_else(crate::context::today);
    let total = ctx.store.org_count().await?;
    let pb = crate::context::progress(total.max(0) as u64, "检查");
    let report =
        gongyi_server::quality::report(&ctx.store, today, division, &|n| pb.set_position(n))
            .await?;
    pb.finish_and_clear();
    let text = matches!(a.format, QualityFormat::Text);
    match &a.output {
        Some(path) => {
            let file = std::fs::File::create(path)
                .with_context(|| format!("无法创建 {}", path.display()))?;
            let mut w = std::io::BufWriter::new(file);
            let n = write(&mut w, &report, text, true)?;
            w.flush()?;
            if !text {
                println!("已写出 {n} 个问题到 {}", path.display());
            }
        }
        None => {
            let mut w = std::io::BufWriter::new(std::io::stdout().lock());
            write(&mut w, &report, text, false)?;
            w.flush()?;
        }
    }
    Ok(())
}

/// The report as text or CSV (with a byte-order mark if `bom`); returns the CSV rows written.
fn write(w: &mut impl Write, r: &QualityReport, text: bool, bom: bool) -> anyhow::Result<u64> {
    if text {
        write_text(w, r)?;
        return Ok(0);
    }
    Ok(write_csv(w, r.rows_in(r.scope, None), bom)?)
}

fn write_text(w: &mut impl Write, r: &QualityReport) -> std::io::Result<()> {
    let view = r.view(r.scope);
    let t = &view.total;
    writeln!(
        w,
        "数据质量报告：{}（{}），检查日期 {}",
        r.scope.full_name(),
        r.scope,
        r.today
    )?;
    writeln!(
        w,
        "社会组织 {} 家，有问题的 {} 家，问题 {} 个",
        t.orgs,
        t.with_problems,
        t.problems()
    )?;
    for d in Dimension::ALL {
        writeln!(w)?;
        if d.rules().next().is_none() {
            writeln!(w, "{}：暂无规则（登记记录没有最近核实日期）", d.label())?;
            continue;
        }
        writeln!(w, "{}：{}", d.label(), t.in_dimension(d))?;
        for rule in d.rules() {
            writeln!(
                w,
                "  {:>8}  {}（{}，{}）",
                t.count(rule),
                rule.title(),
                rule.code(),
                rule.severity().label()
            )?;
        }
    }
    let mut children = view.children.clone();
    if view.own.orgs > 0 && !children.is_empty() {
        children.push((r.scope, view.own.clone()));
    }
    children.sort_by_key(|(c, t)| (std::cmp::Reverse(t.problems()), *c));
    let shown: Vec<_> = children
        .iter()
        .filter(|(_, t)| t.problems() > 0)
        .take(TOP)
        .collect();
    if !shown.is_empty() {
        writeln!(w)?;
        writeln!(w, "问题最多的下级区划：")?;
        for (c, t) in shown {
            let name = if *c == r.scope {
                format!("{}（本级）", c.full_name())
            } else {
                c.full_name()
            };
            writeln!(
                w,
                "  {c}  {name}：组织 {}，有问题 {}，问题 {}",
                t.orgs,
                t.with_problems,
                t.problems()
            )?;
        }
    }
    Ok(())
}
