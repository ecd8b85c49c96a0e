//! The leaves of a source's log, each checked against a checkpoint verified with the source's
//! key: the hash tiles that authenticate everything (levels ≥ 1 and the right edge) are
//! fetched once per checkpoint, then for the leaves a page of the feed needs, their entry
//! bundles and level-0 tiles (C2SP tlog-tiles; `TileHashReader` recomputes every hash up to
//! the signed root). A leaf that does not hash into the root is an error: the source served
//! something its log does not hold.

use super::SyncError;
use gongyi_ledger::tile::{TILE_WIDTH, tile_in_tree, tiles_for_size};
use gongyi_ledger::{Hash, TileFetcher, TileHashReader, TileKind, TilePath};
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, PoisonError};

/// Tile requests in flight at once.
const IN_FLIGHT: usize = 16;

type Tiles = Arc<Mutex<HashMap<TilePath, Arc<Vec<u8>>>>>;

/// The tiles downloaded so far, as the reader's source.
struct TileMap(Tiles);

impl TileFetcher for TileMap {
    fn fetch(&self, path: &TilePath) -> Result<Vec<u8>, Box<dyn std::error::Error + Send + Sync>> {
        let map = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        map.get(path)
            .map(|b| b.as_ref().clone())
            .ok_or_else(|| format!("缺少瓦片 {path}").into())
    }
}

/// A source's tree of a verified checkpoint.
pub struct VerifiedTree {
    size: u64,
    tiles: Tiles,
    reader: Arc<TileHashReader<TileMap>>,
}

impl VerifiedTree {
    /// Fetches the tiles that authenticate the tree of `size` leaves with root `root`.
    pub async fn open(
        client: &reqwest::Client,
        base: &str,
        size: u64,
        root: Hash,
    ) -> Result<Self, SyncError> {
        let tiles: Tiles = Arc::default();
        let reader = Arc::new(TileHashReader::new(size, root, TileMap(tiles.clone())));
        let first: Vec<TilePath> = tiles_for_size(size)
            .into_iter()
            .filter(|p| matches!(p.kind, TileKind::Hashes(l) if l > 0) || p.is_partial())
            .collect();
        download(client, base, first, &tiles).await?;
        Ok(Self {
            size,
            tiles,
            reader,
        })
    }

    pub fn size(&self) -> u64 {
        self.size
    }

    /// The entries at `indexes` (each below the tree's size), verified.
    pub async fn leaves(
        &self,
        client: &reqwest::Client,
        base: &str,
        indexes: &BTreeSet<u64>,
    ) -> Result<HashMap<u64, Vec<u8>>, SyncError> {
        let bundles: BTreeSet<u64> = indexes.iter().map(|i| i / TILE_WIDTH).collect();
        let mut paths = Vec::new();
        for &b in &bundles {
            for kind in [TileKind::Entries, TileKind::Hashes(0)] {
                let p = tile_in_tree(kind, b, self.size).ok_or_else(|| {
                    SyncError::Protocol(format!("账本序号超出检查点（{} 条）", self.size))
                })?;
                // Partial (edge) tiles came with the tree.
                if !p.is_partial() {
                    paths.push(p);
                }
            }
        }
        download(client, base, paths.clone(), &self.tiles).await?;
        let reader = self.reader.clone();
        let wanted = indexes.clone();
        let found = tokio::task::spawn_blocking(move || {
            let mut out = HashMap::new();
            for b in bundles {
                let entries = reader.entries(b).map_err(|e| {
                    SyncError::NotInLog(format!("第 {b} 个条目瓦片与签名检查点不符：{e}"))
                })?;
                for (k, e) in entries.into_iter().enumerate() {
                    let i = b * TILE_WIDTH + k as u64;
                    if wanted.contains(&i) {
                        out.insert(i, e);
                    }
                }
            }
            Ok::<_, SyncError>(out)
        })
        .await
        .map_err(|e| SyncError::Protocol(e.to_string()))??;
        // Full bundles and level-0 tiles are used once: drop them (memory stays small).
        let mut map = self.tiles.lock().unwrap_or_else(PoisonError::into_inner);
        for p in &paths {
            map.remove(p);
        }
        Ok(found)
    }
}

/// Downloads `paths` into `tiles`, `IN_FLIGHT` at a time.
async fn download(
    client: &reqwest::Client,
    base: &str,
    paths: Vec<TilePath>,
    tiles: &Tiles,
) -> Result<(), SyncError> {
    let mut pending = paths.into_iter();
    let mut set = tokio::task::JoinSet::new();
    let spawn = |set: &mut tokio::task::JoinSet<_>, p: TilePath| {
        let (client, url) = (client.clone(), format!("{base}/ledger/{p}"));
        set.spawn(async move {
            super::remote::get_bytes(&client, &url)
                .await
                .map(|b| (p, b))
        });
    };
    for p in pending.by_ref().take(IN_FLIGHT) {
        spawn(&mut set, p);
    }
    while let Some(r) = set.join_next().await {
        let (p, bytes) = r.map_err(|e| SyncError::Protocol(e.to_string()))??;
        tiles
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(p, Arc::new(bytes));
        if let Some(next) = pending.next() {
            spawn(&mut set, next);
        }
    }
    Ok(())
}
