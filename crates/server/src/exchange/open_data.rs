//! Open data (公共数据开放): full extracts of the public registry, the credit lists and the
//! illegal-organization list, as CSV and JSON Lines, gzip-compressed, each named with its size
//! and SHA-256 in a manifest that is a signed note (C2SP signed-note) by the node's ledger key
//! — the bulk download the UK Charity Commission publishes daily, made verifiable: anyone
//! holding the key from `GET /ledger/vkey` checks the manifest (`gongyi ledger verify-note`,
//! `scripts/verify_note.py`) and each file against its hash (`sha256sum`).
//!
//! Layout under `<data-dir>/open-data/`: one directory per generation (`20261203T120000Z/`,
//! the files and `manifest`) and `CURRENT`, the name of the generation served, replaced by
//! rename after the generation is complete and fsynced — a reader never sees a manifest
//! naming a file that is not all there. The generation before the current one is kept (a
//! download that began before the switch finishes); older ones are removed.
//!
//! The manifest's text, one item per line:
//!
//! ```text
//! <origin> open-data
//! generated 2026-12-03T12:00:00Z
//! orgs.csv.gz 1234567 <sha256 hex> 1000000
//! …
//! ```
//!
//! that is: file name, size in bytes, SHA-256 of the file as served, rows in it.

use crate::registry::api::model::OrgProfile;
use anyhow::Context as _;
use flate2::Compression;
use flate2::write::GzEncoder;
use gongyi_interchange::{CsvOrgs, csv_safe};
use gongyi_ledger::{SignerKey, note};
use gongyi_store::Store;
use gongyi_store::credit::PublicListEntry;
use gongyi_types::{Organization, Sections};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// The file naming the generation served.
pub const CURRENT: &str = "CURRENT";
/// The signed manifest in each generation.
pub const MANIFEST: &str = "manifest";

/// Organizations read from the store per page.
const PAGE: i64 = 5000;

/// A dataset, written as `<stem>.csv.gz` and `<stem>.jsonl.gz`.
pub struct Dataset {
    pub stem: &'static str,
    pub title: &'static str,
    pub about: &'static str,
}

pub const DATASETS: [Dataset; 3] = [
    Dataset {
        stem: "orgs",
        title: "社会组织登记信息",
        about: "全部依法登记的社会组织（含已注销、已撤销）的公开登记事项。CSV 与导入模板列相同，可直接用 gongyi import 导入；JSON Lines 每行一条，字段见数据字典 /api/v1/schema/org.json。",
    },
    Dataset {
        stem: "credit-lists",
        title: "活动异常名录和严重违法失信名单",
        about: "《社会组织信用信息管理办法》列入的全部记录，含已移出的（移出日期与事由）。",
    },
    Dataset {
        stem: "illegal-orgs",
        title: "非法社会组织名单",
        about: "登记管理机关按批次公布的涉嫌非法社会组织和已取缔非法社会组织名称。",
    },
];

/// One file of a generation as the manifest names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExtractFile {
    pub name: String,
    pub size: u64,
    pub sha256: String,
    pub rows: u64,
}

/// A generation's manifest (its text is what the node signs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    pub origin: String,
    /// RFC 3339, UTC.
    pub generated_at: String,
    pub files: Vec<ExtractFile>,
}

impl Manifest {
    /// The note text (see the module doc).
    pub fn text(&self) -> String {
        let mut t = format!(
            "{} open-data\ngenerated {}\n",
            self.origin, self.generated_at
        );
        for f in &self.files {
            t.push_str(&format!("{} {} {} {}\n", f.name, f.size, f.sha256, f.rows));
        }
        t
    }

    /// Reads a manifest's text back (the note's text, after its signature was checked or
    /// for display).
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut lines = text.lines();
        let origin = lines
            .next()
            .and_then(|l| l.strip_suffix(" open-data"))
            .ok_or("第 1 行应为“<origin> open-data”")?
            .to_string();
        let generated_at = lines
            .next()
            .and_then(|l| l.strip_prefix("generated "))
            .ok_or("第 2 行应为“generated <时间>”")?
            .to_string();
        let mut files = Vec::new();
        for (i, line) in lines.enumerate() {
            let f: Vec<&str> = line.split(' ').collect();
            let bad = || format!("第 {} 行应为“文件名 字节数 SHA-256 行数”", i + 3);
            let [name, size, sha256, rows] = f[..] else {
                return Err(bad());
            };
            if !is_file_name(name) || sha256.len() != 64 {
                return Err(bad());
            }
            files.push(ExtractFile {
                name: name.to_string(),
                size: size.parse().map_err(|_| bad())?,
                sha256: sha256.to_string(),
                rows: rows.parse().map_err(|_| bad())?,
            });
        }
        Ok(Self {
            origin,
            generated_at,
            files,
        })
    }

    pub fn file(&self, name: &str) -> Option<&ExtractFile> {
        self.files.iter().find(|f| f.name == name)
    }
}

/// A name an extract may have: no path separators or dots at the start, so a name taken
/// from a URL can never leave the generation's directory.
fn is_file_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// A file being written: its bytes counted and hashed on the way to the disk.
struct HashingFile {
    out: BufWriter<File>,
    hash: Sha256,
    size: u64,
}

impl Write for HashingFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(buf)?;
        self.hash.update(&buf[..n]);
        self.size += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

type Gz = GzEncoder<HashingFile>;

fn gz_create(path: &Path) -> anyhow::Result<Gz> {
    let file = File::create(path).with_context(|| format!("无法创建 {}", path.display()))?;
    Ok(GzEncoder::new(
        HashingFile {
            out: BufWriter::with_capacity(256 * 1024, file),
            hash: Sha256::new(),
            size: 0,
        },
        Compression::default(),
    ))
}

fn gz_finish(gz: Gz, name: &str, rows: u64) -> anyhow::Result<ExtractFile> {
    let mut h = gz.finish().with_context(|| format!("无法写完 {name}"))?;
    h.flush()?;
    let file = h.out.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()?;
    Ok(ExtractFile {
        name: name.to_string(),
        size: h.size,
        sha256: hex::encode(h.hash.finalize()),
        rows,
    })
}

fn json_line<T: Serialize>(w: &mut impl Write, v: &T) -> anyhow::Result<()> {
    serde_json::to_writer(&mut *w, v)?;
    w.write_all(b"\n")?;
    Ok(())
}

/// An organization's public record as the change feed and the data dictionary have it: the
/// profile without the archive sections.
pub fn public_record(o: &Organization) -> serde_json::Value {
    let mut v = serde_json::to_value(OrgProfile::new(o, Sections::default()))
        .unwrap_or(serde_json::Value::Null);
    if let Some(m) = v.as_object_mut() {
        m.remove("sections");
    }
    v
}

/// The two files of the registry dataset while they are written.
struct OrgFiles {
    csv: CsvOrgs<Gz>,
    jsonl: Gz,
    rows: u64,
}

impl OrgFiles {
    fn write(&mut self, page: &[Organization]) -> anyhow::Result<()> {
        for o in page {
            self.csv.write(o)?;
            json_line(&mut self.jsonl, &public_record(o))?;
        }
        self.rows += page.len() as u64;
        Ok(())
    }
}

/// Writes a dataset's two files from rows already in memory: CSV with `header` and
/// `cells`, JSON Lines with each row's serialization.
fn write_small<T: Serialize>(
    dir: &Path,
    stem: &str,
    header: &[&str],
    rows: &[T],
    cells: impl Fn(&T) -> Vec<String>,
) -> anyhow::Result<[ExtractFile; 2]> {
    let csv_name = format!("{stem}.csv.gz");
    let mut gz = gz_create(&dir.join(&csv_name))?;
    gz.write_all(b"\xef\xbb\xbf")?;
    let mut w = csv::Writer::from_writer(gz);
    w.write_record(header)?;
    for r in rows {
        w.write_record(cells(r).iter().map(|c| csv_safe(c).into_owned()))?;
    }
    let gz = w.into_inner().map_err(|e| e.into_error())?;
    let csv_file = gz_finish(gz, &csv_name, rows.len() as u64)?;
    let jsonl_name = format!("{stem}.jsonl.gz");
    let mut gz = gz_create(&dir.join(&jsonl_name))?;
    for r in rows {
        json_line(&mut gz, r)?;
    }
    let jsonl_file = gz_finish(gz, &jsonl_name, rows.len() as u64)?;
    Ok([csv_file, jsonl_file])
}

/// A published list name as the extract has it.
#[derive(Serialize)]
struct IllegalRow {
    name: String,
    kind: String,
    batch_no: String,
    published_on: String,
    authority: String,
    division: String,
    similar_legal_uscc: Option<String>,
    notes: String,
}

/// What a build produced.
#[derive(Debug)]
pub struct Built {
    pub generation: String,
    pub manifest: Manifest,
}

/// Writes a new generation under `root` from the store, signs its manifest with `signer`
/// (the ledger's key, whose name is the origin) and makes it current. `now` is RFC 3339 UTC.
pub async fn build(
    store: &Store,
    root: &Path,
    signer: &SignerKey,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<Built> {
    let mut generation = now.format("%Y%m%dT%H%M%SZ").to_string();
    let mut n = 1;
    while root.join(&generation).exists() {
        n += 1;
        generation = format!("{}-{n}", now.format("%Y%m%dT%H%M%SZ"));
    }
    let dir = root.join(&generation);
    std::fs::create_dir_all(&dir).with_context(|| format!("无法创建 {}", dir.display()))?;
    let mut files = Vec::new();

    // The registry, page by page: pages are read here, written on a blocking thread.
    let mut sink = OrgFiles {
        csv: CsvOrgs::new(gz_create(&dir.join("orgs.csv.gz"))?)?,
        jsonl: gz_create(&dir.join("orgs.jsonl.gz"))?,
        rows: 0,
    };
    let mut after: Option<String> = None;
    loop {
        let page = store.orgs_after(after.as_deref(), PAGE).await?;
        let Some(last) = page.last() else { break };
        after = Some(last.uscc.to_string());
        sink = tokio::task::spawn_blocking(move || sink.write(&page).map(|()| sink)).await??;
    }
    let rows = sink.rows;
    let csv_gz = sink.csv.into_inner()?;
    files.push(gz_finish(csv_gz, "orgs.csv.gz", rows)?);
    files.push(gz_finish(sink.jsonl, "orgs.jsonl.gz", rows)?);

    // The credit lists (tens of thousands of rows at most: in memory).
    let mut entries: Vec<PublicListEntry> = Vec::new();
    loop {
        let after = entries.last().map_or(0, |e| e.id);
        let page = store.list_entries_after(after, 10_000).await?;
        if page.is_empty() {
            break;
        }
        entries.extend(page);
    }
    let d = dir.clone();
    files.extend(
        tokio::task::spawn_blocking(move || {
            write_small(
                &d,
                "credit-lists",
                &[
                    "统一社会信用代码",
                    "名称",
                    "登记管理机关行政区划",
                    "名录",
                    "列入情形",
                    "列入日期",
                    "列入事由",
                    "移出日期",
                    "移出事由",
                ],
                &entries,
                |e| {
                    vec![
                        e.uscc.clone(),
                        e.name.clone(),
                        e.division.clone(),
                        e.list.label().to_string(),
                        e.trigger.clone(),
                        e.listed_on.to_string(),
                        e.listed_reason.clone(),
                        e.removed_on.map(|d| d.to_string()).unwrap_or_default(),
                        e.removed_reason.clone().unwrap_or_default(),
                    ]
                },
            )
        })
        .await??,
    );

    let illegal: Vec<IllegalRow> = store
        .illegal_entries()
        .await?
        .into_iter()
        .map(|e| IllegalRow {
            name: e.name,
            kind: e.kind,
            batch_no: e.batch_no,
            published_on: e.published_on,
            authority: e.authority,
            division: e.division,
            similar_legal_uscc: e.legal_uscc,
            notes: e.notes,
        })
        .collect();
    let d = dir.clone();
    files.extend(
        tokio::task::spawn_blocking(move || {
            write_small(
                &d,
                "illegal-orgs",
                &[
                    "名称",
                    "类别",
                    "批次",
                    "公布日期",
                    "公布机关",
                    "公布机关行政区划",
                    "名称相近的合法登记组织代码",
                    "备注",
                ],
                &illegal,
                |e| {
                    vec![
                        e.name.clone(),
                        e.kind.clone(),
                        e.batch_no.clone(),
                        e.published_on.clone(),
                        e.authority.clone(),
                        e.division.clone(),
                        e.similar_legal_uscc.clone().unwrap_or_default(),
                        e.notes.clone(),
                    ]
                },
            )
        })
        .await??,
    );

    let manifest = Manifest {
        origin: signer.name().to_string(),
        generated_at: now.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        files,
    };
    let signed = note::sign(&manifest.text(), &[signer]).context("无法签名清单")?;
    write_synced(&dir.join(MANIFEST), &signed)?;
    sync_dir(&dir)?;
    // The switch: CURRENT names the new generation only once it is complete on disk.
    let tmp = root.join(format!(".{CURRENT}.tmp"));
    write_synced(&tmp, generation.as_bytes())?;
    std::fs::rename(&tmp, root.join(CURRENT)).context("无法切换当前版本")?;
    sync_dir(root)?;
    prune(root, &generation);
    Ok(Built {
        generation,
        manifest,
    })
}

fn write_synced(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut f = File::create(path).with_context(|| format!("无法创建 {}", path.display()))?;
    f.write_all(bytes)?;
    f.sync_all()?;
    Ok(())
}

fn sync_dir(dir: &Path) -> anyhow::Result<()> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .with_context(|| format!("无法同步目录 {}", dir.display()))
}

/// Removes generations older than the one before `current` (names sort by time).
fn prune(root: &Path, current: &str) {
    let Ok(rd) = std::fs::read_dir(root) else {
        return;
    };
    let mut gens: Vec<String> = rd
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.as_str() < current && n.as_bytes().first().is_some_and(u8::is_ascii_digit))
        .collect();
    gens.sort();
    gens.pop(); // the previous generation stays
    for g in gens {
        if let Err(e) = std::fs::remove_dir_all(root.join(&g)) {
            tracing::warn!(generation = %g, error = %e, "could not remove an old open-data generation");
        }
    }
}

/// The open data a node serves from `<data-dir>/open-data`.
#[derive(Debug, Clone)]
pub struct OpenData {
    pub root: PathBuf,
}

/// The current generation: its directory, the signed manifest as served and its content.
pub struct Current {
    pub dir: PathBuf,
    pub signed: Vec<u8>,
    pub manifest: Manifest,
}

impl OpenData {
    pub fn new(root: PathBuf) -> Self {
        Self { root }
    }

    /// The generation served now (`None` before the first build). Read from disk each time:
    /// `gongyi export open-data` beside the server switches it.
    pub fn current(&self) -> anyhow::Result<Option<Current>> {
        let generation = match std::fs::read_to_string(self.root.join(CURRENT)) {
            Ok(g) => g.trim().to_string(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        anyhow::ensure!(is_file_name(&generation), "CURRENT 内容无效");
        let dir = self.root.join(&generation);
        let signed = std::fs::read(dir.join(MANIFEST))?;
        let parsed = note::parse(&signed).map_err(|e| anyhow::anyhow!("清单无效：{e}"))?;
        let manifest = Manifest::parse(&parsed.text).map_err(|e| anyhow::anyhow!(e))?;
        Ok(Some(Current {
            dir,
            signed,
            manifest,
        }))
    }
}

/// Writes this node's extracts inside `serve`: at start when the current generation is not
/// from today (Beijing date), then after each new day. Every process writes its own (the
/// extracts are files in its data directory, not database writes, so replicas do not share
/// a run; on one database they write the same content).
pub fn spawn_daily(state: crate::AppState) -> Option<tokio::task::JoinHandle<()>> {
    let open = state.open_data.clone()?;
    let ledger = state.ledger.clone()?;
    Some(tokio::spawn(async move {
        let mut last: Option<chrono::NaiveDate> = {
            let o = open.clone();
            tokio::task::spawn_blocking(move || o.current())
                .await
                .ok()
                .and_then(Result::ok)
                .flatten()
                .and_then(|c| generated_day(&c.manifest))
        };
        loop {
            let today = state.clock.today();
            if last != Some(today) {
                match build(
                    &state.store,
                    &open.root,
                    ledger.signer_key(),
                    state.clock.now(),
                )
                .await
                {
                    Ok(b) => {
                        tracing::info!(generation = %b.generation, "open-data extracts written");
                        last = Some(today);
                    }
                    Err(e) => {
                        tracing::error!(error = %e, "open-data extracts failed; retrying in a minute")
                    }
                }
            }
            tokio::time::sleep(std::time::Duration::from_secs(60)).await;
        }
    }))
}

/// The Beijing date a manifest was generated on.
fn generated_day(m: &Manifest) -> Option<chrono::NaiveDate> {
    let t = chrono::DateTime::parse_from_rfc3339(&m.generated_at).ok()?;
    Some((t.with_timezone(&chrono::Utc) + chrono::Duration::hours(8)).date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_text_round_trips_and_names_are_plain() {
        let m = Manifest {
            origin: "gongyi.local/ledger".into(),
            generated_at: "2026-12-03T12:00:00Z".into(),
            files: vec![ExtractFile {
                name: "orgs.csv.gz".into(),
                size: 12,
                sha256: "a".repeat(64),
                rows: 3,
            }],
        };
        assert_eq!(Manifest::parse(&m.text()).unwrap(), m);
        for bad in ["../x", ".hidden", "a/b", ""] {
            assert!(!is_file_name(bad), "{bad}");
        }
        assert!(Manifest::parse("x open-data\ngenerated t\n../etc 1 2 3\n").is_err());
    }
}
