//! Reading a tree back from tlog-tiles alone, authenticated against a checkpoint.
//!
//! The right-edge (partial) tiles of a tree of size `n` determine its root hash; every full
//! tile hashes to one hash of its parent tile. So each tile is checked, bottom-up, against
//! a parent already checked, and the edge tiles against the checkpoint root (the scheme of
//! Go's `tlog.TileHashReader`). An auditor can then compute any root or proof, or check the
//! entries, from static files and one signed checkpoint.

use std::collections::HashMap;
use std::error::Error as StdError;
use std::sync::{Arc, Mutex, PoisonError};

use crate::hash::{Hash, empty_root, leaf_hash};
use crate::tile::{
    TILE_HEIGHT, TILE_WIDTH, TileError, TileKind, TilePath, decode_entry_bundle, decode_hash_tile,
    edge_tiles, tile_in_tree,
};
use crate::tree::{HashSource, NodeId, TreeError, fold_right, reduce_full, subtree_nodes};

/// Fetches tile contents (over HTTP, from a directory, from a [`crate::Log`] …).
pub trait TileFetcher {
    /// The bytes of `path`.
    fn fetch(&self, path: &TilePath) -> Result<Vec<u8>, Box<dyn StdError + Send + Sync>>;
}

impl<F> TileFetcher for F
where
    F: Fn(&TilePath) -> Result<Vec<u8>, Box<dyn StdError + Send + Sync>>,
{
    fn fetch(&self, path: &TilePath) -> Result<Vec<u8>, Box<dyn StdError + Send + Sync>> {
        self(path)
    }
}

/// A [`HashSource`] over the tiles of a tree of known size and root.
pub struct TileHashReader<F> {
    size: u64,
    root: Hash,
    fetcher: F,
    /// Authenticated tiles of level ≥ 1 and edge tiles (level-0 full tiles are not kept).
    verified: Mutex<HashMap<TilePath, Arc<Vec<Hash>>>>,
}

impl<F: TileFetcher> TileHashReader<F> {
    /// A reader for the tree of `size` leaves with root `root` (from a verified checkpoint).
    pub fn new(size: u64, root: Hash, fetcher: F) -> Self {
        Self {
            size,
            root,
            fetcher,
            verified: Mutex::new(HashMap::new()),
        }
    }

    /// Tree size.
    pub fn size(&self) -> u64 {
        self.size
    }

    fn cached(&self, path: &TilePath) -> Option<Arc<Vec<Hash>>> {
        self.verified
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(path)
            .cloned()
    }

    fn remember(&self, path: TilePath, hashes: Arc<Vec<Hash>>) {
        self.verified
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(path, hashes);
    }

    fn fetch_hashes(&self, path: &TilePath) -> Result<Vec<Hash>, TileError> {
        let data = self
            .fetcher
            .fetch(path)
            .map_err(|source| TileError::Fetch {
                path: path.to_string(),
                source,
            })?;
        decode_hash_tile(path, &data)
    }

    /// Fetches the edge tiles and checks that they hash to the root.
    fn verify_edges(&self) -> Result<(), TileError> {
        let edges = edge_tiles(self.size);
        let mut tiles = HashMap::new();
        for path in &edges {
            tiles.insert(path.kind, (path, self.fetch_hashes(path)?));
        }
        let mut nodes = Vec::new();
        subtree_nodes(0, self.size, &mut nodes);
        let mut border = Vec::with_capacity(nodes.len());
        for node in nodes {
            let (tile_level, first, count) = node_span(node);
            let slice = tiles
                .get(&TileKind::Hashes(tile_level))
                .and_then(|(path, hashes)| {
                    let start = usize::try_from(first.checked_sub(path.first()?)?).ok()?;
                    hashes.get(start..start.checked_add(count)?)
                })
                .ok_or_else(|| TileError::NotInTree {
                    path: format!("tile/{tile_level} (edge)"),
                    size: self.size,
                })?;
            border.push(reduce_full(slice));
        }
        let computed = if border.is_empty() {
            empty_root()
        } else {
            fold_right(&border)
        };
        if computed != self.root {
            return Err(TileError::RootMismatch {
                computed,
                expected: self.root,
            });
        }
        for (_, (path, hashes)) in tiles {
            self.remember(*path, Arc::new(hashes));
        }
        Ok(())
    }

    /// The authenticated hashes of hash tile `(level, index)` as it stands in this tree.
    pub fn tile(&self, level: u8, index: u64) -> Result<Arc<Vec<Hash>>, TileError> {
        let kind = TileKind::Hashes(level);
        let path = tile_in_tree(kind, index, self.size).ok_or_else(|| TileError::NotInTree {
            path: format!("tile/{level}/{index}"),
            size: self.size,
        })?;
        if let Some(hit) = self.cached(&path) {
            return Ok(hit);
        }
        if path.is_partial() {
            self.verify_edges()?;
            return self.cached(&path).ok_or(TileError::NotInTree {
                path: path.to_string(),
                size: self.size,
            });
        }
        let hashes = self.fetch_hashes(&path)?;
        let parent = self.tile(level + 1, index / TILE_WIDTH)?;
        let slot = (index % TILE_WIDTH) as usize;
        if parent.get(slot) != Some(&reduce_full(&hashes)) {
            return Err(TileError::TileHashMismatch(path.to_string()));
        }
        let hashes = Arc::new(hashes);
        if level > 0 {
            self.remember(path, Arc::clone(&hashes));
        }
        Ok(hashes)
    }

    /// The entries of bundle `index`, each checked against its authenticated leaf hash.
    pub fn entries(&self, index: u64) -> Result<Vec<Vec<u8>>, TileError> {
        let path = tile_in_tree(TileKind::Entries, index, self.size).ok_or_else(|| {
            TileError::NotInTree {
                path: format!("tile/entries/{index}"),
                size: self.size,
            }
        })?;
        let data = self
            .fetcher
            .fetch(&path)
            .map_err(|source| TileError::Fetch {
                path: path.to_string(),
                source,
            })?;
        let entries = decode_entry_bundle(&data)?;
        if entries.len() != usize::from(path.width) {
            return Err(TileError::BundleWidth {
                expected: u64::from(path.width),
                got: entries.len() as u64,
            });
        }
        let leaves = self.tile(0, index)?;
        for (i, (entry, leaf)) in entries.iter().zip(leaves.iter()).enumerate() {
            if leaf_hash(entry) != *leaf {
                return Err(TileError::EntryHashMismatch(index * TILE_WIDTH + i as u64));
            }
        }
        Ok(entries)
    }
}

/// Tile level, first position at tree level `8·tile level`, and hash count of a node.
fn node_span(node: NodeId) -> (u8, u64, usize) {
    let tile_level = node.level / TILE_HEIGHT as u8;
    let below = u32::from(node.level % TILE_HEIGHT as u8);
    (tile_level, node.index << below, 1usize << below)
}

impl<F: TileFetcher> HashSource for TileHashReader<F> {
    fn read_hashes(&self, nodes: &[NodeId]) -> Result<Vec<Hash>, TreeError> {
        let mut tiles: HashMap<(u8, u64), Arc<Vec<Hash>>> = HashMap::new();
        let mut out = Vec::with_capacity(nodes.len());
        for &node in nodes {
            let out_of_range = || TreeError::NodeOutOfRange {
                node,
                size: self.size,
            };
            if node.end_leaf().is_none_or(|end| end > self.size) {
                return Err(out_of_range());
            }
            let (tile_level, first, count) = node_span(node);
            let key = (tile_level, first / TILE_WIDTH);
            let tile = match tiles.get(&key) {
                Some(t) => Arc::clone(t),
                None => {
                    let t = self
                        .tile(key.0, key.1)
                        .map_err(|e| TreeError::Source(Box::new(e)))?;
                    tiles.insert(key, Arc::clone(&t));
                    t
                }
            };
            let start = (first % TILE_WIDTH) as usize;
            let slice = tile.get(start..start + count).ok_or_else(out_of_range)?;
            out.push(reduce_full(slice));
        }
        Ok(out)
    }
}
