//! Tests of `tile.rs`.

use super::*;

#[test]
fn index_encoding() {
    assert_eq!(encode_tile_index(0), "000");
    assert_eq!(encode_tile_index(1234067), "x001/x234/067");
    assert_eq!(encode_tile_index(1000), "x001/000");
    assert_eq!(parse_tile_index("x001/x234/067"), Some(1234067));
    for bad in [
        "1", "0001", "x000/001", "001/002", "x01/002", "", "x001/", "abc",
    ] {
        assert_eq!(parse_tile_index(bad), None, "{bad}");
    }
    assert_eq!(
        parse_tile_index(&encode_tile_index(u64::MAX)),
        Some(u64::MAX)
    );
}

#[test]
fn path_round_trip() {
    for path in [
        "tile/0/000",
        "tile/0/x001/x234/067.p/12",
        "tile/63/000.p/1",
        "tile/entries/x001/000",
        "tile/entries/005.p/255",
    ] {
        let t = TilePath::parse(path).unwrap();
        assert_eq!(t.to_string(), path);
    }
    for bad in [
        "tile/64/000",
        "tile/01/000",
        "tile/0/000.p/0",
        "tile/0/000.p/256",
        "tile/0/000.p/012",
        "tile/0/000/",
        "tiles/0/000",
        "tile/0",
        "tile/data/000",
    ] {
        assert!(TilePath::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn tiles_of_70000_leaves_match_the_spec_example() {
    // "a tree of size 70,000 will be represented by 273 full level 0 tiles, one partial
    // level 0 tile of width 112, one full level 1 tile, one partial level 1 tile of width
    // 17, and one partial level 2 tile of width 1" — C2SP tlog-tiles.
    let tiles = tiles_for_size(70_000);
    let count = |kind, partial| {
        tiles
            .iter()
            .filter(|t| t.kind == kind && t.is_partial() == partial)
            .count()
    };
    assert_eq!(count(TileKind::Hashes(0), false), 273);
    assert_eq!(count(TileKind::Hashes(1), false), 1);
    assert_eq!(count(TileKind::Hashes(2), false), 0);
    assert_eq!(
        edge_tiles(70_000)
            .iter()
            .map(|t| (t.kind, t.width))
            .collect::<Vec<_>>(),
        vec![
            (TileKind::Hashes(0), 112),
            (TileKind::Hashes(1), 17),
            (TileKind::Hashes(2), 1)
        ]
    );
    assert_eq!(count(TileKind::Entries, false), 273);
    assert_eq!(
        edge_tiles(256)
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        vec!["tile/1/000.p/1"]
    );
}

#[test]
fn new_tiles_cover_growth() {
    let t: Vec<String> = new_tiles(250, 260)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        t,
        vec![
            "tile/0/000",
            "tile/0/001.p/4",
            "tile/1/000.p/1",
            "tile/entries/000",
            "tile/entries/001.p/4"
        ]
    );
}

#[test]
fn entry_bundles() {
    let entries = vec![b"".to_vec(), b"ab".to_vec(), vec![7; 300]];
    let b = encode_entry_bundle(&entries).unwrap();
    assert_eq!(&b[..4], &[0, 0, 0, 2]);
    assert_eq!(decode_entry_bundle(&b).unwrap(), entries);
    assert!(matches!(
        decode_entry_bundle(&b[..b.len() - 1]),
        Err(TileError::TruncatedBundle(2))
    ));
    assert!(matches!(
        encode_entry_bundle(&[vec![0u8; 65_536]]),
        Err(TileError::EntryTooLarge { .. })
    ));
}
