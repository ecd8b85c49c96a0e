//! Tiles — C2SP tlog-tiles: the tree and its entries as immutable static resources.
//!
//! * `tile/<L>/<N>[.p/<W>]`: hashes `MTH(D[(N·256+i)·256^L : (N·256+i+1)·256^L])` for
//!   `i < W` (tree level `8·L`), concatenated; `W = 256` (no suffix) for a full tile.
//! * `tile/entries/<N>[.p/<W>]`: entries `N·256 … N·256+W−1`, each as a big-endian `u16`
//!   length followed by the entry.
//! * `<N>` is written in zero-padded 3-digit groups, all but the last prefixed by `x`:
//!   1234067 → `x001/x234/067`.

use std::fmt;

use crate::checkpoint::parse_decimal;
use crate::hash::{HASH_SIZE, Hash};

/// Tree levels spanned by one tile.
pub const TILE_HEIGHT: u32 = 8;

/// Hashes (or entries) in a full tile.
pub const TILE_WIDTH: u64 = 256;

/// Highest tile level a path may name.
pub const MAX_TILE_LEVEL: u8 = 63;

/// Largest entry an entry bundle can hold (`u16` length prefix).
pub const MAX_BUNDLE_ENTRY: usize = u16::MAX as usize;

/// A tile path or tile contents are invalid, or a tile failed authentication.
#[derive(Debug, thiserror::Error)]
pub enum TileError {
    /// The path is not a tlog-tiles path.
    #[error("bad tile path {path:?}: {reason}")]
    BadPath {
        /// The path.
        path: String,
        /// What is wrong.
        reason: &'static str,
    },
    /// A tile width outside `1..=256`.
    #[error("tile width {0} is not in 1..=256")]
    BadWidth(u64),
    /// Hash tile contents of the wrong length.
    #[error("hash tile {path} must be {expected} bytes, got {got}")]
    WrongLength {
        /// The tile.
        path: String,
        /// Expected length.
        expected: usize,
        /// Actual length.
        got: usize,
    },
    /// An entry does not fit a `u16` length prefix.
    #[error("entry {index} of the bundle is {len} bytes, more than {MAX_BUNDLE_ENTRY}")]
    EntryTooLarge {
        /// Position in the bundle.
        index: usize,
        /// Its length.
        len: usize,
    },
    /// An entry bundle holds a truncated entry.
    #[error("entry bundle is truncated in entry {0}")]
    TruncatedBundle(usize),
    /// An entry bundle holds a different number of entries than its width.
    #[error("entry bundle holds {got} entries, expected {expected}")]
    BundleWidth {
        /// Width expected.
        expected: u64,
        /// Entries found.
        got: u64,
    },
    /// The tile does not exist in a tree of the given size.
    #[error("tile {path} is not part of a tree of size {size}")]
    NotInTree {
        /// The tile.
        path: String,
        /// Tree size.
        size: u64,
    },
    /// Fetching a tile failed.
    #[error("fetching {path} failed: {source}")]
    Fetch {
        /// The tile.
        path: String,
        /// Why.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The edge tiles do not hash to the checkpoint's root.
    #[error("tiles hash to root {computed}, checkpoint says {expected}")]
    RootMismatch {
        /// Root from the tiles.
        computed: Hash,
        /// Root of the checkpoint.
        expected: Hash,
    },
    /// A full tile does not hash to the hash recorded in its parent tile.
    #[error("tile {0} does not match its parent tile")]
    TileHashMismatch(String),
    /// An entry does not hash to its leaf hash in the level-0 tile.
    #[error("entry {0} does not match its leaf hash")]
    EntryHashMismatch(u64),
}

/// What a tile holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TileKind {
    /// Hashes of tree level `8·level`.
    Hashes(u8),
    /// Log entries (an entry bundle).
    Entries,
}

/// A tile: its kind, index `N` and width `W` (256 for a full tile).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TilePath {
    /// Hash level or entry bundle.
    pub kind: TileKind,
    /// Index of the tile within its level.
    pub index: u64,
    /// Number of hashes or entries, `1..=256`.
    pub width: u16,
}

/// Writes `n` in 3-digit groups, all but the last prefixed by `x`.
pub fn encode_tile_index(n: u64) -> String {
    let mut groups = Vec::new();
    let mut rest = n;
    loop {
        groups.push(rest % 1000);
        rest /= 1000;
        if rest == 0 {
            break;
        }
    }
    let last = groups.len() - 1;
    groups
        .iter()
        .rev()
        .enumerate()
        .map(|(i, g)| {
            if i == last {
                format!("{g:03}")
            } else {
                format!("x{g:03}")
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn three_digits(group: &str) -> Option<u64> {
    (group.len() == 3 && group.bytes().all(|b| b.is_ascii_digit()))
        .then(|| group.parse().ok())
        .flatten()
}

/// Parses an index written by [`encode_tile_index`]; non-canonical forms are rejected.
pub fn parse_tile_index(text: &str) -> Option<u64> {
    let groups: Vec<&str> = text.split('/').collect();
    let (last, init) = groups.split_last()?;
    let mut n: u64 = 0;
    for group in init {
        let digits = group.strip_prefix('x')?;
        n = n.checked_mul(1000)?.checked_add(three_digits(digits)?)?;
    }
    n = n.checked_mul(1000)?.checked_add(three_digits(last)?)?;
    (encode_tile_index(n) == text).then_some(n)
}

impl TilePath {
    /// A tile, checking the level and width.
    pub fn new(kind: TileKind, index: u64, width: u64) -> Result<Self, TileError> {
        if !(1..=TILE_WIDTH).contains(&width) {
            return Err(TileError::BadWidth(width));
        }
        if let TileKind::Hashes(level) = kind
            && level > MAX_TILE_LEVEL
        {
            return Err(TileError::BadPath {
                path: format!("tile/{level}"),
                reason: "level must be 0 to 63",
            });
        }
        Ok(Self {
            kind,
            index,
            width: width as u16,
        })
    }

    /// Parses `tile/<L>/<N>[.p/<W>]` or `tile/entries/<N>[.p/<W>]`.
    pub fn parse(path: &str) -> Result<Self, TileError> {
        let bad = |reason| TileError::BadPath {
            path: path.to_owned(),
            reason,
        };
        let rest = path
            .strip_prefix("tile/")
            .ok_or_else(|| bad("does not start with tile/"))?;
        let (kind, rest) = rest
            .split_once('/')
            .ok_or_else(|| bad("missing tile index"))?;
        let kind = if kind == "entries" {
            TileKind::Entries
        } else {
            let level = parse_decimal(kind)
                .filter(|&l| l <= u64::from(MAX_TILE_LEVEL))
                .ok_or_else(|| bad("level must be a decimal 0 to 63 or \"entries\""))?;
            TileKind::Hashes(level as u8)
        };
        let (index, width) = match rest.split_once(".p/") {
            Some((index, width)) => {
                let width = parse_decimal(width)
                    .filter(|w| (1..TILE_WIDTH).contains(w))
                    .ok_or_else(|| bad("partial width must be a decimal 1 to 255"))?;
                (index, width)
            }
            None => (rest, TILE_WIDTH),
        };
        let index = parse_tile_index(index)
            .ok_or_else(|| bad("index must be 3-digit groups like x001/x234/067"))?;
        Self::new(kind, index, width)
    }

    /// Whether the tile is partial (fewer than 256 hashes or entries).
    pub fn is_partial(&self) -> bool {
        u64::from(self.width) < TILE_WIDTH
    }

    /// Position, within its level, of the first hash (or entry) of the tile.
    pub fn first(&self) -> Option<u64> {
        self.index.checked_mul(TILE_WIDTH)
    }
}

impl fmt::Display for TilePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            TileKind::Hashes(level) => write!(f, "tile/{level}/")?,
            TileKind::Entries => f.write_str("tile/entries/")?,
        }
        f.write_str(&encode_tile_index(self.index))?;
        if self.is_partial() {
            write!(f, ".p/{}", self.width)?;
        }
        Ok(())
    }
}

/// Number of hashes (or entries) at a tile kind's level in a tree of `size`.
pub fn level_count(kind: TileKind, size: u64) -> u64 {
    match kind {
        TileKind::Entries => size,
        TileKind::Hashes(level) => size
            .checked_shr(TILE_HEIGHT * u32::from(level))
            .unwrap_or(0),
    }
}

/// The tile `(kind, index)` as it stands in a tree of `size` (partial at the right edge),
/// or `None` if it holds nothing yet.
pub fn tile_in_tree(kind: TileKind, index: u64, size: u64) -> Option<TilePath> {
    let count = level_count(kind, size);
    let first = index.checked_mul(TILE_WIDTH)?;
    (count > first).then(|| TilePath {
        kind,
        index,
        width: (count - first).min(TILE_WIDTH) as u16,
    })
}

/// Whether a tree of `size` holds every hash (or entry) of `tile`.
pub fn tile_available(tile: &TilePath, size: u64) -> bool {
    tile.first()
        .and_then(|f| f.checked_add(u64::from(tile.width)))
        .is_some_and(|end| end <= level_count(tile.kind, size))
}

fn tile_levels(size: u64) -> impl Iterator<Item = TileKind> {
    (0..=MAX_TILE_LEVEL)
        .map(TileKind::Hashes)
        .take_while(move |&k| level_count(k, size) > 0)
}

/// The partial hash tiles at the right edge of a tree of `size`: with the full tiles they
/// are what a client needs; alone they determine the root hash.
pub fn edge_tiles(size: u64) -> Vec<TilePath> {
    tile_levels(size)
        .filter_map(|kind| {
            let count = level_count(kind, size);
            tile_in_tree(kind, count / TILE_WIDTH, size)
        })
        .collect()
}

/// Every tile of a tree of `size` — hash tiles of all levels and entry bundles, full ones
/// and the right-edge partial ones. There are about `size / 128` of them.
pub fn tiles_for_size(size: u64) -> Vec<TilePath> {
    new_tiles(0, size)
}

/// The tiles whose contents are new when a tree grows from `old` to `new` leaves: what a
/// log publishes with a new checkpoint (compare Go's `tlog.NewTiles`).
pub fn new_tiles(old: u64, new: u64) -> Vec<TilePath> {
    let mut out = Vec::new();
    if new <= old {
        return out;
    }
    for kind in tile_levels(new).chain(std::iter::once(TileKind::Entries)) {
        let (before, after) = (level_count(kind, old), level_count(kind, new));
        if after <= before {
            continue;
        }
        for index in before / TILE_WIDTH..=(after - 1) / TILE_WIDTH {
            out.extend(tile_in_tree(kind, index, new));
        }
    }
    out
}

/// Concatenates 1 to 256 hashes into a hash tile.
pub fn encode_hash_tile(hashes: &[Hash]) -> Result<Vec<u8>, TileError> {
    if !(1..=TILE_WIDTH as usize).contains(&hashes.len()) {
        return Err(TileError::BadWidth(hashes.len() as u64));
    }
    Ok(hashes.iter().flat_map(|h| h.0).collect())
}

/// Splits a hash tile of `width` hashes.
pub fn decode_hash_tile(path: &TilePath, data: &[u8]) -> Result<Vec<Hash>, TileError> {
    let expected = usize::from(path.width) * HASH_SIZE;
    if data.len() != expected {
        return Err(TileError::WrongLength {
            path: path.to_string(),
            expected,
            got: data.len(),
        });
    }
    Ok(data
        .chunks_exact(HASH_SIZE)
        .filter_map(|c| Hash::from_slice(c).ok())
        .collect())
}

/// Encodes up to 256 entries as an entry bundle (`u16` big-endian length + bytes each).
pub fn encode_entry_bundle<T: AsRef<[u8]>>(entries: &[T]) -> Result<Vec<u8>, TileError> {
    if entries.len() as u64 > TILE_WIDTH {
        return Err(TileError::BadWidth(entries.len() as u64));
    }
    let total = entries.iter().map(|e| 2 + e.as_ref().len()).sum();
    let mut out = Vec::with_capacity(total);
    for (index, entry) in entries.iter().enumerate() {
        let entry = entry.as_ref();
        let len = u16::try_from(entry.len()).map_err(|_| TileError::EntryTooLarge {
            index,
            len: entry.len(),
        })?;
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(entry);
    }
    Ok(out)
}

/// Decodes an entry bundle; at most 256 entries, no trailing bytes.
pub fn decode_entry_bundle(data: &[u8]) -> Result<Vec<Vec<u8>>, TileError> {
    let mut entries = Vec::new();
    let mut rest = data;
    while !rest.is_empty() {
        let index = entries.len();
        if index as u64 >= TILE_WIDTH {
            return Err(TileError::BundleWidth {
                expected: TILE_WIDTH,
                got: index as u64 + 1,
            });
        }
        let (len, tail) = rest
            .split_first_chunk::<2>()
            .ok_or(TileError::TruncatedBundle(index))?;
        let len = usize::from(u16::from_be_bytes(*len));
        if tail.len() < len {
            return Err(TileError::TruncatedBundle(index));
        }
        let (entry, tail) = tail.split_at(len);
        entries.push(entry.to_vec());
        rest = tail;
    }
    Ok(entries)
}

#[cfg(test)]
#[path = "tile_tests.rs"]
mod tests;
