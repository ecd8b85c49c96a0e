//! `gongyi screen FILE…` — finds listed illegal-organization names in text files and prints
//! `FILE:LINE:COL: matched → listed name (batch)`, like grep: exit status 0 when nothing is
//! found, 1 when something is, 2 on an error (an unreadable file).

use crate::cli_illegal::ScreenArgs;
use crate::context::Ctx;
use anyhow::Context as _;
use gongyi_screen::Screener;

pub async fn run(ctx: &Ctx, a: ScreenArgs) -> anyhow::Result<()> {
    let entries = ctx.store.illegal_entries().await?;
    let screener = Screener::new(entries.iter().enumerate().map(|(i, e)| (i, e.name.clone())))
        .context("名单无法建立筛查表")?;
    let (mut found, mut failed) = (0usize, false);
    for path in &a.files {
        let text = match std::fs::read(path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => {
                eprintln!("错误：无法读取 {}：{e}", path.display());
                failed = true;
                continue;
            }
        };
        let mut pos = LinePos::default();
        for m in screener.find(&text) {
            let Some(e) = entries.get(m.entry.id) else {
                continue;
            };
            let (line, col) = pos.at(&text, m.byte_start);
            println!(
                "{}:{line}:{col}: {} → {}（{} {}）",
                path.display(),
                m.matched.replace(['\n', '\r'], " "),
                e.name,
                e.authority,
                e.batch_no
            );
            found += 1;
        }
    }
    ctx.store.close().await;
    let code = if failed {
        2
    } else if found > 0 {
        1
    } else {
        0
    };
    if code != 0 {
        std::process::exit(code);
    }
    Ok(())
}

/// Line and column (1-based, column in characters) of byte offsets visited in increasing
/// order, counted incrementally so a large file is walked once.
#[derive(Default)]
struct LinePos {
    byte: usize,
    line: usize,
    line_start: usize,
}

impl LinePos {
    fn at(&mut self, text: &str, byte: usize) -> (usize, usize) {
        if byte < self.byte {
            *self = Self::default();
        }
        if let Some(chunk) = text.get(self.byte..byte) {
            for (i, c) in chunk.char_indices() {
                if c == '\n' {
                    self.line += 1;
                    self.line_start = self.byte + i + 1;
                }
            }
        }
        self.byte = byte;
        let col = text
            .get(self.line_start..byte)
            .map_or(0, |s| s.chars().count());
        (self.line + 1, col + 1)
    }
}
