//! Generation speed: `cargo bench -p gongyi-synth` (plain main, no harness).
//! `GONGYI_SYNTH_BENCH_N` sets the number of organizations (default 1,000,000).

use gongyi_synth::Synth;
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let n: u64 = std::env::var("GONGYI_SYNTH_BENCH_N")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let today = chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap_or_default();
    let t0 = Instant::now();
    let synth = Synth::new(42, today);
    let setup = t0.elapsed();
    let t1 = Instant::now();
    let mut entries = 0usize;
    for i in 0..n {
        let (org, s) = synth.org(i);
        entries +=
            s.inspections.len() + s.annual_reports.len() + s.list_entries.len() + s.changes.len();
        black_box(&org);
    }
    let dt = t1.elapsed();
    println!(
        "setup {:.1} ms; {n} orgs in {:.2} s = {:.0} orgs/s single-threaded ({entries} section entries)",
        setup.as_secs_f64() * 1e3,
        dt.as_secs_f64(),
        n as f64 / dt.as_secs_f64()
    );
    let names: std::collections::HashSet<String> = (0..n).map(|i| synth.org(i).0.name).collect();
    println!(
        "distinct names: {} of {n} ({:.2} %)",
        names.len(),
        100.0 * names.len() as f64 / n as f64
    );
}
