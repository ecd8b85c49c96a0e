//! kill -9 at arbitrary moments loses no acknowledged entry, and every checkpoint signed
//! before the crash is consistent with the log after it.
//!
//! The parent test re-runs this test binary as a child (`crash_child`), which appends from
//! several threads and checkpoints in a loop, printing what was acknowledged; the parent
//! kills it with SIGKILL, reopens the log and checks everything the child reported.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use gongyi_ledger::checkpoint::Checkpoint;
use gongyi_ledger::{Log, leaf_hash, verify_consistency, verify_inclusion};

use crate::support::{ORIGIN, TempDir, log_key};

const CHILD_DIR: &str = "GONGYI_LEDGER_CRASH_CHILD_DIR";
const CHILD_ROUND: &str = "GONGYI_LEDGER_CRASH_CHILD_ROUND";

fn report(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

/// The writer process; does nothing unless started by `kill_9_loses_no_acknowledged_entry`.
#[test]
fn crash_child() {
    let (Ok(dir), Ok(round)) = (std::env::var(CHILD_DIR), std::env::var(CHILD_ROUND)) else {
        return;
    };
    let log = Arc::new(Log::open(&dir, log_key(), ORIGIN).unwrap());
    report("ready");
    for thread in 0..4 {
        let log = Arc::clone(&log);
        let round = round.clone();
        std::thread::spawn(move || {
            for seq in 0u64.. {
                let batch: Vec<Vec<u8>> = (0..1 + seq % 5)
                    .map(|j| format!("r{round} t{thread} s{seq} j{j}").into_bytes())
                    .collect();
                let range = log.append_batch(batch.clone()).unwrap();
                for (index, data) in range.zip(batch) {
                    report(&format!("ack {index} {}", String::from_utf8(data).unwrap()));
                }
            }
        });
    }
    loop {
        std::thread::sleep(Duration::from_millis(15));
        let note = log.checkpoint().unwrap();
        report(&format!("cp {}", STANDARD.encode(note)));
    }
}

#[test]
fn kill_9_loses_no_acknowledged_entry() {
    let dir = TempDir::new("crash");
    let mut acked: BTreeMap<u64, Vec<u8>> = BTreeMap::new();
    let mut checkpoints: Vec<Checkpoint> = Vec::new();
    for (round, run_for) in [120u64, 260, 50, 400].into_iter().enumerate() {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "crash::crash_child",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_DIR, dir.path())
            .env(CHILD_ROUND, round.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        // Wait for the child to open the log, let it run, then kill -9 it.
        // (libtest prints "test crash::crash_child ... " on the same line.)
        let started = Instant::now();
        let mut ready = false;
        while !ready {
            let left = Duration::from_secs(60).saturating_sub(started.elapsed());
            match rx.recv_timeout(left) {
                Ok(line) => ready = line.ends_with("ready"),
                Err(_) => break,
            }
        }
        assert!(ready, "child did not start");
        // Kill only once something was acknowledged (a busy machine may take a while), then
        // after `run_for` more.
        let mut early = Vec::new();
        while !early.iter().any(|l: &String| l.starts_with("ack ")) {
            let left = Duration::from_secs(60).saturating_sub(started.elapsed());
            match rx.recv_timeout(left) {
                Ok(line) => early.push(line),
                Err(_) => break,
            }
        }
        std::thread::sleep(Duration::from_millis(run_for));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        reader.join().unwrap();
        let keys = [log_key().verifier_key()];
        let mut acks_this_round = 0;
        for line in early.into_iter().chain(rx.try_iter()) {
            if let Some(rest) = line.strip_prefix("ack ") {
                let (index, data) = rest.split_once(' ').unwrap();
                let index: u64 = index.parse().unwrap();
                assert!(
                    acked.insert(index, data.as_bytes().to_vec()).is_none(),
                    "index {index} reused"
                );
                acks_this_round += 1;
            } else if let Some(b64) = line.strip_prefix("cp ") {
                let note = STANDARD.decode(b64).unwrap();
                checkpoints.push(Checkpoint::open(&note, ORIGIN, &keys).unwrap().0);
            }
        }
        assert!(acks_this_round > 0, "round {round} acknowledged nothing");

        let log = Log::open(dir.path(), log_key(), ORIGIN).unwrap();
        let size = log.size();
        let root = log.root();
        assert!(
            size > *acked.keys().last().unwrap(),
            "acknowledged entries lost"
        );
        for (&index, data) in &acked {
            assert_eq!(&log.entry(index).unwrap(), data, "entry {index}");
        }
        for cp in &checkpoints {
            assert!(cp.size <= size);
            assert_eq!(log.tree_hash(cp.size).unwrap(), cp.root);
            if cp.size > 0 {
                let proof = log.consistency_proof(cp.size, size).unwrap();
                verify_consistency(cp.size, size, &cp.root, &root, &proof).unwrap();
            }
        }
        let (&last, data) = acked.iter().next_back().unwrap();
        let proof = log.inclusion_proof(last, size).unwrap();
        verify_inclusion(&leaf_hash(data), last, size, &proof, &root).unwrap();
        log.verify_integrity().unwrap();
    }
}
