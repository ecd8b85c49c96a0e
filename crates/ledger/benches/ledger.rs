//! `cargo bench -p gongyi-ledger`: durable append throughput and proof latency.
//!
//! A plain `main` timed with `Instant`. `LEDGER_BENCH_FILE_ENTRIES` sets the size of the
//! file-backed log used for served-proof latency (default 1,000,000).

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use gongyi_ledger::{
    KeyType, Log, MemoryHashes, SignerKey, TilePath, consistency_proof, inclusion_proof, leaf_hash,
    tree_hash, verify_consistency, verify_inclusion,
};

type BenchResult<T = ()> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

const ORIGIN: &str = "bench.gongyi.example/ledger";
const TREE_SIZE: u64 = 10_000_000;

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn key() -> BenchResult<SignerKey> {
    Ok(SignerKey::from_seed(ORIGIN, KeyType::Ed25519, [1; 32])?)
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("gongyi-ledger-bench-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn per_second(n: u64, d: Duration) -> f64 {
    n as f64 / d.as_secs_f64()
}

fn entry(i: u64) -> Vec<u8> {
    // ~100 bytes, the size of a donation commitment record.
    format!(
        "{{\"seq\":{i},\"commitment\":\"{}\"}}",
        leaf_hash(&i.to_le_bytes()).to_hex()
    )
    .into_bytes()
}

fn durable_appends() -> BenchResult {
    println!("== durable appends (file storage, fsync per commit) ==");
    let dir = temp_dir("batch");
    let log = Log::open(&dir, key()?, ORIGIN)?;
    let (batches, per_batch) = (200u64, 1000u64);
    let start = Instant::now();
    for b in 0..batches {
        log.append_batch((0..per_batch).map(|i| entry(b * per_batch + i)).collect())?;
    }
    let d = start.elapsed();
    println!(
        "append_batch x{per_batch}, 1 thread:   {:>9.0} entries/s ({} entries in {:.2?})",
        per_second(batches * per_batch, d),
        batches * per_batch,
        d
    );
    drop(log);
    let _ = std::fs::remove_dir_all(&dir);

    for (threads, per_call, calls) in [(4u64, 100u64, 250u64), (64, 1, 1000), (256, 1, 400)] {
        let dir = temp_dir("threads");
        let log = Arc::new(Log::open(&dir, key()?, ORIGIN)?);
        let start = Instant::now();
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let log = Arc::clone(&log);
                std::thread::spawn(move || -> BenchResult {
                    for c in 0..calls {
                        let base = (t * calls + c) * per_call;
                        log.append_batch((base..base + per_call).map(entry).collect())?;
                    }
                    Ok(())
                })
            })
            .collect();
        for h in handles {
            h.join().map_err(|_| "append thread panicked")??;
        }
        let d = start.elapsed();
        let total = threads * per_call * calls;
        println!(
            "{threads:>3} threads x append of {per_call:>3}:  {:>9.0} entries/s ({total} entries in {:.2?}, {:.0} µs per call)",
            per_second(total, d),
            d,
            d.as_secs_f64() * 1e6 / calls as f64
        );
        let start = Instant::now();
        log.checkpoint()?;
        println!(
            "    checkpoint (sync + sign + store): {:.2?}",
            start.elapsed()
        );
        drop(log);
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(())
}

fn memory_tree_proofs() -> BenchResult {
    println!("== proofs in a {TREE_SIZE}-entry tree (hashes in memory) ==");
    let start = Instant::now();
    let mut tree = MemoryHashes::with_capacity(TREE_SIZE);
    for i in 0..TREE_SIZE {
        tree.append_leaf_hash(leaf_hash(&i.to_le_bytes()));
    }
    println!("build (leaf + node hashes): {:.2?}", start.elapsed());
    let root = tree_hash(TREE_SIZE, &tree)?;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let n = 100_000u64;
    let indexes: Vec<u64> = (0..n).map(|_| rng.below(TREE_SIZE)).collect();

    let start = Instant::now();
    let proofs: Vec<_> = indexes
        .iter()
        .map(|&i| inclusion_proof(i, TREE_SIZE, &tree))
        .collect::<Result<_, _>>()?;
    let gen_time = start.elapsed();
    let start = Instant::now();
    for (&i, proof) in indexes.iter().zip(&proofs) {
        verify_inclusion(&leaf_hash(&i.to_le_bytes()), i, TREE_SIZE, proof, &root)?;
    }
    let verify_time = start.elapsed();
    println!(
        "inclusion proof: generate {:.2} µs, verify {:.2} µs (mean of {n}, {} hashes each)",
        gen_time.as_secs_f64() * 1e6 / n as f64,
        verify_time.as_secs_f64() * 1e6 / n as f64,
        proofs[0].len()
    );

    let m = 10_000u64;
    let sizes: Vec<u64> = (0..m).map(|_| 1 + rng.below(TREE_SIZE - 1)).collect();
    let start = Instant::now();
    let cons: Vec<_> = sizes
        .iter()
        .map(|&s| consistency_proof(s, TREE_SIZE, &tree))
        .collect::<Result<_, _>>()?;
    let gen_time = start.elapsed();
    let old_roots: Vec<_> = sizes
        .iter()
        .map(|&s| tree_hash(s, &tree))
        .collect::<Result<_, _>>()?;
    let start = Instant::now();
    for ((&s, proof), old) in sizes.iter().zip(&cons).zip(&old_roots) {
        verify_consistency(s, TREE_SIZE, old, &root, proof)?;
    }
    let verify_time = start.elapsed();
    println!(
        "consistency proof: generate {:.2} µs, verify {:.2} µs (mean of {m})",
        gen_time.as_secs_f64() * 1e6 / m as f64,
        verify_time.as_secs_f64() * 1e6 / m as f64
    );
    black_box(cons);
    Ok(())
}

fn file_log_proofs() -> BenchResult {
    let size: u64 = std::env::var("LEDGER_BENCH_FILE_ENTRIES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    println!("== proofs served by a file-backed log of {size} entries ==");
    let dir = temp_dir("served");
    let log = Log::open(&dir, key()?, ORIGIN)?;
    let start = Instant::now();
    let mut next = 0;
    while next < size {
        let count = 20_000.min(size - next);
        log.append_batch((next..next + count).map(entry).collect())?;
        next += count;
    }
    println!(
        "fill: {:.2?} ({:.0} entries/s in batches of 20,000)",
        start.elapsed(),
        per_second(size, start.elapsed())
    );
    log.checkpoint()?;
    let start = Instant::now();
    drop(log);
    let log = Log::open(&dir, key()?, ORIGIN)?;
    println!("reopen: {:.2?}", start.elapsed());
    let root = log.root();
    let mut rng = Rng(12345);
    let n = 20_000u64;
    let indexes: Vec<u64> = (0..n).map(|_| rng.below(size)).collect();
    let start = Instant::now();
    let proofs: Vec<_> = indexes
        .iter()
        .map(|&i| log.inclusion_proof(i, size))
        .collect::<Result<_, _>>()?;
    let gen_time = start.elapsed();
    for (&i, proof) in indexes.iter().zip(&proofs) {
        verify_inclusion(&leaf_hash(&entry(i)), i, size, proof, &root)?;
    }
    println!(
        "inclusion proof from storage: {:.2} µs (mean of {n})",
        gen_time.as_secs_f64() * 1e6 / n as f64
    );
    let start = Instant::now();
    for &i in indexes.iter().take(5_000) {
        black_box(log.entry(i)?);
    }
    println!(
        "entry read: {:.2} µs",
        start.elapsed().as_secs_f64() * 1e6 / 5_000.0
    );
    let start = Instant::now();
    for &i in indexes.iter().take(1_000) {
        let t = TilePath::parse(&format!(
            "tile/0/{}",
            gongyi_ledger::tile::encode_tile_index(i / 256 / 2)
        ))?;
        black_box(log.tile(&t)?);
    }
    println!(
        "level-0 tile read: {:.2} µs",
        start.elapsed().as_secs_f64() * 1e6 / 1_000.0
    );
    drop(log);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn main() -> BenchResult {
    if !std::env::args().any(|a| a == "--bench") {
        println!("gongyi-ledger benchmark: run with `cargo bench -p gongyi-ledger`");
        return Ok(());
    }
    durable_appends()?;
    memory_tree_proofs()?;
    file_log_proofs()
}
