//! Temp files and sample organizations.

use chrono::NaiveDate;
use gongyi_interchange::{OrgReader, ParsedRow, RowError, RowOutcome};
use gongyi_types::{
    CreditStatus, DivisionCode, Fen, OrgFlags, OrgKind, Organization, RegStatus, Uscc,
};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// A uniquely named file under the temp dir, removed on drop.
pub struct TempFile(pub PathBuf);

impl TempFile {
    pub fn new(ext: &str) -> Self {
        static N: AtomicU32 = AtomicU32::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let name = format!("gongyi-interchange-test-{}-{n}.{ext}", std::process::id());
        Self(std::env::temp_dir().join(name))
    }
    pub fn with(ext: &str, bytes: impl AsRef<[u8]>) -> Self {
        let t = Self::new(ext);
        std::fs::write(&t.0, bytes).unwrap();
        t
    }
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A valid code for organization number `i` of `kind` registered in `division`.
pub fn uscc(kind: OrgKind, division: &str, i: u32) -> Uscc {
    Uscc::assemble('5', kind.uscc_category(), division, &format!("MJ{i:06}")).unwrap()
}

/// Varied organizations: all kinds, statuses and credit states, optional fields on and off.
pub fn org(i: u32) -> Organization {
    let kind = OrgKind::ALL[i as usize % 3];
    let division = ["110105", "310115", "440305", "100000", "510107"][i as usize % 5];
    let some = |s: String| if i.is_multiple_of(2) { Some(s) } else { None };
    Organization {
        uscc: uscc(kind, division, i),
        name: format!("测试社会组织{i}号，含“引号”, 逗号"),
        kind,
        status: RegStatus::ALL[i as usize % RegStatus::ALL.len()],
        division: DivisionCode::parse(division).unwrap(),
        authority: format!(
            "{}民政局",
            DivisionCode::parse(division).unwrap().full_name()
        ),
        supervisor: some(format!("主管单位{i}")),
        legal_rep: "李四".to_string(),
        founded: date(2000 + (i % 20) as i32, 1 + i % 12, 1 + i % 28),
        capital: Fen(i64::from(i) * 123_457 % 1_000_000_000_000),
        address: if i.is_multiple_of(3) {
            "多行\n地址".to_string()
        } else {
            String::new()
        },
        scope: format!("业务范围{i}"),
        cert_no: if i.is_multiple_of(4) {
            String::new()
        } else {
            format!("{:08}", i)
        },
        cert_valid_from: i.is_multiple_of(2).then(|| date(2021, 2, 3)),
        cert_valid_to: i.is_multiple_of(2).then(|| date(2026, 2, 2)),
        phone: some("0755-12345678".to_string()),
        email: some(format!("org{i}@example.org")),
        website: some("https://example.org".to_string()),
        flags: OrgFlags {
            charity: i.is_multiple_of(2),
            public_fundraising: i.is_multiple_of(3),
            volunteer: i.is_multiple_of(5),
            trade_association: i.is_multiple_of(7),
        },
        credit: CreditStatus::ALL[i as usize % 3],
    }
}

/// Reads a file: its good rows and all row errors.
pub fn read_all(path: &Path) -> (Vec<ParsedRow>, Vec<RowError>, Vec<String>) {
    let mut r = OrgReader::open(path).unwrap();
    let (mut ok, mut bad) = (vec![], vec![]);
    for o in r.by_ref() {
        match o {
            RowOutcome::Ok(p) => ok.push(p),
            RowOutcome::Bad(e) => bad.extend(e),
        }
    }
    (ok, bad, r.warnings().to_vec())
}

/// (line, column, code) of each error, to compare exactly.
pub fn summary(errs: &[RowError]) -> Vec<(u64, &str, &str)> {
    errs.iter()
        .map(|e| (e.line, e.column.as_str(), e.code))
        .collect()
}
