//! PDF documents people download and print — the 办事指南 today, the certificates and receipts
//! of the pillars to come: A4 pages, one embedded CJK font, text wrapped to the page by the
//! font's own advance widths, page numbers "第 1 页 共 3 页".
//!
//! The font is Noto Sans CJK SC Regular (SIL Open Font License 1.1), vendored in
//! `assets/fonts/` subset to GB 2312 and the characters of every division name
//! (`scripts/subset-font.sh`), so a fresh machine renders Chinese with nothing installed and
//! nothing downloaded; krilla embeds only the glyphs a document uses (a guide is tens of KB).
//! A character the font lacks would print as an empty box: [`missing_chars`] lets a test prove
//! every text the platform prints is covered.
//!
//! Line breaking follows the everyday rules of Chinese typesetting (GB/T 15834 punctuation,
//! 《中文排版需求》 W3C): a line may break between any two Han characters, never inside a run of
//! Latin letters or digits, and closing punctuation (，。、；：？！）》” …) is never pushed to
//! the start of a line — it stays at the end of the previous one.

use crate::error::ApiError;
use krilla::Document;
use krilla::geom::Point;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::text::{Font, TextDirection};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

/// The vendored font (see `assets/fonts/README.md`).
static FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Regular-subset.otf");

/// A4 in points, and the margins.
const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 64.0;
const MARGIN_TOP: f32 = 64.0;
const MARGIN_BOTTOM: f32 = 72.0;

/// One piece of a document, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// The document's title, large and centred.
    Title(String),
    /// A section heading (一、申请材料).
    Heading(String),
    /// Running text.
    Para(String),
    /// A labelled field: "受理条件：…", the label in front, continuation lines indented.
    Field(String, String),
    /// An item of a list, with its marker ("1." or "·"); continuation lines indented.
    Item(String, String),
}

/// Characters of `text` the embedded font cannot print (none, for every text the platform
/// prints — tested).
pub fn missing_chars(text: &str) -> Vec<char> {
    let Ok(f) = FontRef::new(FONT) else {
        return text.chars().collect();
    };
    let map = f.charmap();
    let mut out: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace() && map.map(*c).is_none())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Widths of characters at one size.
struct Measure<'a> {
    font: FontRef<'a>,
}

impl Measure<'_> {
    fn width(&self, c: char, size: f32) -> f32 {
        let gid = self.font.charmap().map(c).unwrap_or_default();
        self.font
            .glyph_metrics(Size::new(size), LocationRef::default())
            .advance_width(gid)
            .unwrap_or(size)
    }
}

/// Closing punctuation that never starts a line (行首禁则).
fn no_line_start(c: char) -> bool {
    "，。、；：？！）》」』】〕”’…—,.;:?!)]}%".contains(c)
}

/// A character that belongs to an unbreakable Latin run (a word, a number, a code).
fn in_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-_./%@#:+".contains(c)
}

/// `text` broken into lines no wider than `width` at `size`.
fn wrap(m: &Measure, text: &str, size: f32, width: f32) -> Vec<String> {
    // Units: a Latin word, a space, or one other character.
    let mut units: Vec<String> = vec![];
    for c in text.chars() {
        match units.last_mut() {
            Some(u) if in_word(c) && u.chars().last().is_some_and(in_word) => u.push(c),
            _ => units.push(c.to_string()),
        }
    }
    let mut lines = vec![];
    let mut line = String::new();
    let mut w = 0.0;
    for u in units {
        let uw: f32 = u.chars().map(|c| m.width(c, size)).sum();
        let hangs = u.chars().next().is_some_and(no_line_start);
        if w + uw > width && !line.is_empty() && !hangs {
            lines.push(std::mem::take(&mut line).trim_end().to_string());
            w = 0.0;
            if u == " " {
                continue;
            }
        }
        // A word longer than a whole line is broken by character.
        if uw > width && u.chars().count() > 1 {
            for c in u.chars() {
                let cw = m.width(c, size);
                if w + cw > width && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    w = 0.0;
                }
                line.push(c);
                w += cw;
            }
            continue;
        }
        line.push_str(&u);
        w += uw;
    }
    if !line.trim().is_empty() || lines.is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// One line placed on a page.
struct Placed {
    x: f32,
    /// Baseline, from the top of the page.
    y: f32,
    size: f32,
    text: String,
}

/// Where the next line goes: the pages so far and the height used on the last one.
struct Cursor {
    pages: Vec<Vec<Placed>>,
    y: f32,
}

impl Cursor {
    /// Places a line `lead` below the previous one, on a new page when this one is full.
    fn put(&mut self, x: f32, size: f32, lead: f32, text: String) {
        if self.y + lead > PAGE_H - MARGIN_BOTTOM {
            self.pages.push(vec![]);
            self.y = MARGIN_TOP;
        }
        self.y += lead;
        let y = self.y;
        if let Some(p) = self.pages.last_mut() {
            p.push(Placed { x, y, size, text });
        }
    }
}

/// The blocks laid out on pages.
fn layout(m: &Measure, blocks: &[Block]) -> Vec<Vec<Placed>> {
    let body = 11.0;
    let full = PAGE_W - 2.0 * MARGIN_X;
    let mut c = Cursor {
        pages: vec![vec![]],
        y: MARGIN_TOP,
    };
    for b in blocks {
        match b {
            Block::Title(t) => {
                let size = 20.0;
                for l in wrap(m, t, size, full) {
                    let lw: f32 = l.chars().map(|ch| m.width(ch, size)).sum();
                    c.put((PAGE_W - lw) / 2.0, size, size * 1.6, l);
                }
                c.y += 10.0;
            }
            Block::Heading(t) => {
                let size = 14.0;
                c.y += 8.0;
                for l in wrap(m, t, size, full) {
                    c.put(MARGIN_X, size, size * 1.7, l);
                }
            }
            Block::Para(t) => {
                for l in wrap(m, t, body, full) {
                    c.put(MARGIN_X, body, body * 1.75, l);
                }
                c.y += 2.0;
            }
            Block::Field(label, value) | Block::Item(label, value) => {
                let head = if matches!(b, Block::Field(..)) {
                    format!("{label}：")
                } else {
                    format!("{label} ")
                };
                let hw: f32 = head.chars().map(|ch| m.width(ch, body)).sum();
                for (i, l) in wrap(m, value, body, full - hw).into_iter().enumerate() {
                    if i == 0 {
                        c.put(MARGIN_X, body, body * 1.75, format!("{head}{l}"));
                    } else {
                        c.put(MARGIN_X + hw, body, body * 1.75, l);
                    }
                }
                c.y += 2.0;
            }
        }
    }
    c.pages
}

/// The document as PDF bytes: `title` is also the file's metadata title (what a PDF reader
/// shows), `footer` is printed at the foot of each page beside the page number.
pub fn render(title: &str, footer: &str, blocks: &[Block]) -> Result<Vec<u8>, ApiError> {
    let measure = Measure {
        font: FontRef::new(FONT).map_err(ApiError::internal)?,
    };
    // The static bytes themselves: no 1.5 MB copy per document.
    let font = Font::new(FONT.into(), 0)
        .ok_or_else(|| ApiError::internal("the embedded font cannot be read"))?;
    let pages = layout(&measure, blocks);
    let total = pages.len();
    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new()
            .title(title.to_string())
            .language("zh-CN".to_string())
            .creator("gongyi".to_string()),
    );
    let settings =
        PageSettings::from_wh(PAGE_W, PAGE_H).ok_or_else(|| ApiError::internal("page size"))?;
    for (i, lines) in pages.into_iter().enumerate() {
        let mut page = doc.start_page_with(settings.clone());
        let mut surface = page.surface();
        for l in lines {
            surface.draw_text(
                Point::from_xy(l.x, l.y),
                font.clone(),
                l.size,
                &l.text,
                false,
                TextDirection::Auto,
            );
        }
        let foot = format!("{footer}    第 {} 页 共 {total} 页", i + 1);
        let size = 9.0;
        let fw: f32 = foot.chars().map(|c| measure.width(c, size)).sum();
        surface.draw_text(
            Point::from_xy((PAGE_W - fw) / 2.0, PAGE_H - MARGIN_BOTTOM / 2.0),
            font.clone(),
            size,
            &foot,
            false,
            TextDirection::Auto,
        );
        surface.finish();
        page.finish();
    }
    doc.finish()
        .map_err(|e| ApiError::internal(format!("PDF: {e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m() -> Measure<'static> {
        Measure {
            font: FontRef::new(FONT).unwrap(),
        }
    }

    #[test]
    fn han_text_wraps_to_the_width_and_punctuation_never_starts_a_line() {
        let text = "申请登记社会团体，发起人应当向登记管理机关提交登记申请书、业务主管单位的批准文件、验资报告、场所使用权证明。".repeat(3);
        let lines = wrap(&m(), &text, 11.0, 200.0);
        assert!(lines.len() > 5);
        for l in &lines {
            let w: f32 = l.chars().map(|c| m().width(c, 11.0)).sum();
            // A hanging punctuation mark may pass the width by itself, nothing more.
            assert!(w <= 200.0 + 11.0, "{l}: {w}");
            assert!(!l.starts_with(no_line_start), "{l}");
        }
        assert_eq!(lines.concat(), text);
    }

    #[test]
    fn latin_words_and_numbers_stay_whole() {
        let lines = wrap(
            &m(),
            "统一社会信用代码 51110000MJ0000000X 和网址 https://example.org/a",
            11.0,
            120.0,
        );
        assert!(
            lines.iter().any(|l| l.contains("51110000MJ0000000X")),
            "{lines:?}"
        );
    }

    #[test]
    fn the_font_covers_chinese_and_every_division_name() {
        assert!(missing_chars("办事指南：成立登记（社会团体）“一网通办”").is_empty());
        let divisions = include_str!("../../../../data/divisions.csv");
        assert_eq!(missing_chars(divisions), Vec::<char>::new());
    }

    #[test]
    fn a_document_renders_with_the_font_embedded() {
        let blocks = vec![
            Block::Title("办事指南：成立登记".into()),
            Block::Heading("一、申请材料".into()),
            Block::Item("1.".into(), "登记申请书（原件，1份）".into()),
        ];
        let pdf = render("办事指南：成立登记", "gongyi", &blocks).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        // A subset of the font is embedded, not the whole 1.5 MB file.
        assert!(pdf.len() < 200_000, "{}", pdf.len());
        let many: Vec<Block> = (0..200).map(|i| Block::Para(format!("第{i}段"))).collect();
        let long = render("长文档", "", &many).unwrap();
        assert!(long.windows(5).filter(|w| w == b"/Page").count() > 2);
    }
}
