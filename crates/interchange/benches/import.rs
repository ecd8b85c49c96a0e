//! CSV import throughput: writes BENCH_ROWS (default 1,000,000) organizations to a temp CSV
//! with `OrgWriter`, then times `OrgReader` over it. Run with
//! `cargo bench -p gongyi-interchange --bench import`. With BENCH_FILE=path, that file is
//! written once if missing and kept, and later runs only time the parse (for profiling).

use gongyi_interchange::{Format, OrgReader, OrgWriter, RowOutcome};
use gongyi_types::{
    CreditStatus, DivisionCode, Fen, OrgFlags, OrgKind, Organization, RegStatus, Uscc,
};
use std::error::Error;
use std::time::Instant;

const DIVISIONS: [&str; 5] = ["110105", "310115", "440305", "510107", "100000"];

fn org(i: u32) -> Result<Organization, Box<dyn Error>> {
    let kind = OrgKind::ALL[i as usize % 3];
    let division = DIVISIONS[i as usize % DIVISIONS.len()];
    let founded = chrono::NaiveDate::from_ymd_opt(1990 + (i % 30) as i32, 1 + i % 12, 1 + i % 28)
        .ok_or("date")?;
    Ok(Organization {
        uscc: Uscc::assemble('5', kind.uscc_category(), division, &format!("{i:08}"))?,
        name: format!("基准测试社会组织第{i}号"),
        kind,
        status: RegStatus::Active,
        division: DivisionCode::parse(division)?,
        authority: "某某市某某区民政局".to_string(),
        supervisor: i
            .is_multiple_of(2)
            .then(|| "某某区科学技术协会".to_string()),
        legal_rep: "张三".to_string(),
        founded,
        capital: Fen(i64::from(i % 1000) * 1_000_000),
        address: "某某市某某区某某路100号".to_string(),
        scope: "开展学术交流、业务培训、咨询服务、公益活动".to_string(),
        cert_no: format!("{i:08}"),
        cert_valid_from: Some(founded),
        cert_valid_to: founded.checked_add_months(chrono::Months::new(60)),
        phone: Some("010-12345678".to_string()),
        email: None,
        website: None,
        flags: OrgFlags {
            charity: i.is_multiple_of(3),
            public_fundraising: false,
            volunteer: i.is_multiple_of(5),
            trade_association: false,
        },
        credit: CreditStatus::Normal,
    })
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() -> Result<(), Box<dyn Error>> {
    let rows: u32 = std::env::var("BENCH_ROWS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let keep = std::env::var_os("BENCH_FILE").map(std::path::PathBuf::from);
    let path = keep.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!(
            "gongyi-interchange-bench-{}.csv",
            std::process::id()
        ))
    });

    if !path.exists() {
        let t = Instant::now();
        let mut w = OrgWriter::create(&path, Format::Csv)?;
        for i in 0..rows {
            w.write(&org(i)?)?;
        }
        w.finish()?;
        let size = std::fs::metadata(&path)?.len();
        println!(
            "wrote {rows} rows, {:.1} MiB, in {:.2}s",
            size as f64 / 1048576.0,
            t.elapsed().as_secs_f64()
        );
        println!(
            "peak RSS after writing: {} KiB",
            peak_rss_kib().unwrap_or(0)
        );
    }
    let size = std::fs::metadata(&path)?.len();

    let t = Instant::now();
    let (mut ok, mut bad) = (0u64, 0u64);
    for outcome in OrgReader::open(&path)? {
        match outcome {
            RowOutcome::Ok(_) => ok += 1,
            RowOutcome::Bad(_) => bad += 1,
        }
    }
    let read_s = t.elapsed().as_secs_f64();
    if keep.is_none() {
        std::fs::remove_file(&path)?;
    }
    println!(
        "parsed {ok} ok + {bad} bad rows in {read_s:.2}s: {:.0} rows/s, {:.1} MiB/s",
        (ok + bad) as f64 / read_s,
        size as f64 / 1048576.0 / read_s
    );
    println!(
        "peak RSS after reading: {} KiB",
        peak_rss_kib().unwrap_or(0)
    );
    if bad > 0 || (keep.is_none() && ok != u64::from(rows)) {
        return Err("some rows did not parse".into());
    }
    Ok(())
}
