//! Export → import gives back equal organizations, in every format.

use crate::support::{TempFile, org, read_all};
use gongyi_interchange::{Format, OrgWriter, export};
use gongyi_types::{Fen, Organization};

fn round_trip(format: Format, orgs: &[Organization]) {
    let f = TempFile::new(format.extension());
    let n = export(orgs.iter().cloned(), format, f.path()).unwrap();
    assert_eq!(n, orgs.len() as u64);
    let (ok, bad, warnings) = read_all(f.path());
    assert!(bad.is_empty(), "{format:?}: {bad:?}");
    assert!(warnings.is_empty(), "{format:?}: {warnings:?}");
    let back: Vec<Organization> = ok.into_iter().map(|p| p.org).collect();
    assert_eq!(back.len(), orgs.len());
    for (a, b) in orgs.iter().zip(&back) {
        assert_eq!(a, b, "{format:?}");
    }
}

fn sample() -> Vec<Organization> {
    let mut orgs: Vec<Organization> = (0..300).map(org).collect();
    orgs[1].capital = Fen(1); // 0.01 yuan
    orgs[2].capital = Fen(999_999_999_999_999); // beyond a double's exact decimals: text in XLSX
    orgs[4].capital = Fen(i64::from(i32::MAX) * 1000 + 7);
    orgs
}

#[test]
fn csv_round_trips() {
    round_trip(Format::Csv, &sample());
}

#[test]
fn xlsx_round_trips() {
    round_trip(Format::Xlsx, &sample());
}

#[test]
fn jsonl_round_trips() {
    round_trip(Format::Jsonl, &sample());
}

#[test]
fn incremental_writer_and_line_numbers() {
    let f = TempFile::new("csv");
    let mut w = OrgWriter::create(f.path(), Format::Csv).unwrap();
    for i in 0..5 {
        w.write(&org(i)).unwrap();
    }
    assert_eq!(w.written(), 5);
    assert_eq!(w.finish().unwrap(), 5);
    let bytes = std::fs::read(f.path()).unwrap();
    assert!(bytes.starts_with(b"\xef\xbb\xbf"), "BOM for Excel");
    let (ok, _, _) = read_all(f.path());
    // org(0) and org(3) have a two-line address, so records start on these physical lines
    assert_eq!(
        ok.iter().map(|p| p.line).collect::<Vec<_>>(),
        [2, 4, 5, 6, 8]
    );
}

#[test]
fn jsonl_keys_are_stable() {
    let f = TempFile::new("jsonl");
    export([org(0)], Format::Jsonl, f.path()).unwrap();
    let text = std::fs::read_to_string(f.path()).unwrap();
    let v: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    let mut expected = vec![
        "uscc",
        "name",
        "kind",
        "status",
        "division",
        "authority",
        "supervisor",
        "legal_rep",
        "founded",
        "capital_fen",
        "address",
        "scope",
        "cert_no",
        "cert_valid_from",
        "cert_valid_to",
        "phone",
        "email",
        "website",
        "charity",
        "public_fundraising",
        "volunteer",
        "trade_association",
        "credit",
    ];
    let mut keys = keys.clone();
    keys.sort_unstable();
    expected.sort_unstable();
    assert_eq!(keys, expected);
    assert_eq!(v["kind"], "social_group");
    assert_eq!(v["founded"], "2000-01-01");
}
