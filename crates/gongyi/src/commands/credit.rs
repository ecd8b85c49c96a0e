//! `gongyi credit import-dishonest FILE`: the courts' 失信被执行人 file into the credit records
//! (严重违法失信名单 item (六)). Every bad line is printed as `FILE:LINE: message` and nothing is
//! imported; a code not in the registry is a bad line too. Then the list rules run at once for
//! the organizations with a new or changed listing (information enters within 5 working days),
//! as `gongyi jobs run` would.

use crate::cli::ImportDishonestArgs;
use crate::context::{Ctx, now, today};
use anyhow::{Context as _, bail};
use gongyi_server::credit::court::parse_court_file;

pub async fn import_dishonest(ctx: &Ctx, a: ImportDishonestArgs) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&a.file)
        .with_context(|| format!("无法读取 {}（应为 UTF-8 文本）", a.file.display()))?;
    let show = |line: usize, message: &str| {
        if line == 0 {
            eprintln!("{}: {message}", a.file.display());
        } else {
            eprintln!("{}:{line}: {message}", a.file.display());
        }
    };
    let rows = match parse_court_file(&text) {
        Ok(rows) => rows,
        Err(errs) => {
            for e in &errs {
                show(e.line, &e.message);
            }
            bail!("{} 处错误，未导入任何记录", errs.len());
        }
    };
    // Codes not registered here: reported by line (the file's lines, in order, skipping none
    // of the records parse kept).
    let mut unknown = 0;
    let record_lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| {
            let l = l.trim_start_matches('\u{FEFF}').trim();
            !(l.is_empty() || l.starts_with('#') || l.starts_with("统一社会信用代码"))
        })
        .map(|(i, _)| i + 1)
        .collect();
    for (r, line) in rows.iter().zip(&record_lines) {
        if ctx.store.org(&r.uscc).await?.is_none() {
            show(
                *line,
                &format!("统一社会信用代码 {} 不在本平台的登记信息中", r.uscc),
            );
            unknown += 1;
        }
    }
    if unknown > 0 {
        bail!("{unknown} 处错误，未导入任何记录");
    }
    let done = ctx
        .store
        .import_court_dishonest(&rows, "cli:import-dishonest", &now())
        .await?;
    println!(
        "失信被执行人：新增 {} 条，更新 {} 条，未变 {} 条",
        done.added, done.updated, done.unchanged
    );
    if done.orgs.is_empty() {
        return Ok(());
    }
    let day = a.today.unwrap_or_else(today);
    let index = ctx.open_index_unless_served()?;
    let views = gongyi_server::credit::Views {
        index: index.as_deref(),
        names: None,
    };
    let mut listed = 0;
    for uscc in &done.orgs {
        let actions = gongyi_server::credit::run_for(
            &ctx.store,
            views,
            &ctx.credit_policy,
            uscc,
            day,
            "job:credit",
            &now(),
        )
        .await?;
        listed += actions
            .iter()
            .filter(|x| matches!(x, gongyi_types::credit::CreditAction::List { .. }))
            .count();
    }
    println!("信用名录（{day}）：列入 {listed} 条");
    Ok(())
}
