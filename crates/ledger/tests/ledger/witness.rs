//! The tlog-witness add-checkpoint logic.

use gongyi_ledger::checkpoint::Checkpoint;
use gongyi_ledger::note;
use gongyi_ledger::witness::{MAX_PROOF_LINES, MemoryWitnessStore};
use gongyi_ledger::{
    AddCheckpointRequest, Hash, KeyType, Log, MemoryStorage, SignerKey, Witness, WitnessError,
    leaf_hash,
};

use crate::support::{ORIGIN, log_key};

const NOW: u64 = 1_700_000_000;

fn witness() -> Witness<MemoryWitnessStore> {
    let key = SignerKey::from_seed("witness.example/w1", KeyType::CosignatureV1, [5; 32]).unwrap();
    let mut w = Witness::new(key, MemoryWitnessStore::default()).unwrap();
    w.add_log(ORIGIN, vec![log_key().verifier_key()]);
    w
}

fn log_with(entries: std::ops::Range<u32>) -> Log {
    let log = Log::with_storage(MemoryStorage::new(), log_key(), ORIGIN).unwrap();
    log.append_batch(entries.map(|i| i.to_be_bytes().to_vec()).collect())
        .unwrap();
    log
}

fn request(log: &Log, old: u64) -> AddCheckpointRequest {
    let checkpoint = log.checkpoint().unwrap();
    let proof = if old == 0 || old == log.size() {
        Vec::new()
    } else {
        log.consistency_proof(old, log.size()).unwrap()
    };
    AddCheckpointRequest {
        old_size: old,
        proof,
        checkpoint,
    }
}

#[test]
fn witness_cosigns_consistent_checkpoints() {
    let w = witness();
    let log = log_with(0..10);
    let req = request(&log, 0);
    let body = req.encode();
    assert_eq!(AddCheckpointRequest::parse(&body).unwrap(), req);
    let line = w.add_checkpoint(&body, NOW).unwrap();
    assert!(line.starts_with("— witness.example/w1 ") && line.ends_with('\n'));

    // The client appends the line to its checkpoint and verifies both signatures.
    let mut cosigned = req.checkpoint.clone();
    cosigned.extend_from_slice(line.as_bytes());
    let n = note::open(&cosigned, &[log.verifier_key(), w.verifier_key()]).unwrap();
    assert_eq!(n.verified.len(), 2);

    log.append_batch((10..25u32).map(|i| i.to_be_bytes().to_vec()).collect())
        .unwrap();
    // Stale old size: 409 with the known size.
    let err = w
        .add_checkpoint(&request(&log, 0).encode(), NOW)
        .unwrap_err();
    assert!(matches!(
        err,
        WitnessError::Conflict {
            old: 0,
            known_size: 10
        }
    ));
    assert_eq!(err.http_status(), 409);
    // A proof with one bit changed: 422, nothing stored.
    let mut bad = request(&log, 10);
    bad.proof[0].0[0] ^= 1;
    let err = w.add_checkpoint_request(&bad, NOW).unwrap_err();
    assert!(matches!(err, WitnessError::InvalidProof(_)));
    assert_eq!(err.http_status(), 422);
    // The right proof: cosigned, and the stored size moves to 25.
    w.add_checkpoint_request(&request(&log, 10), NOW + 1)
        .unwrap();
    assert!(matches!(
        w.add_checkpoint_request(&request(&log, 10), NOW)
            .unwrap_err(),
        WitnessError::Conflict { known_size: 25, .. }
    ));
    // The same checkpoint again is fine.
    w.add_checkpoint_request(&request(&log, 25), NOW + 2)
        .unwrap();
}

#[test]
fn witness_refuses_a_fork() {
    let w = witness();
    let honest = log_with(0..10);
    w.add_checkpoint_request(&request(&honest, 0), NOW).unwrap();
    // Same origin and key, other entries: same size with another root.
    let fork = log_with(100..110);
    let err = w
        .add_checkpoint_request(&request(&fork, 10), NOW)
        .unwrap_err();
    assert!(matches!(
        err,
        WitnessError::InconsistentRoot { size: 10, .. }
    ));
    assert_eq!(err.http_status(), 409);
    // A larger fork cannot prove consistency with the cosigned head.
    let fork = log_with(100..120);
    let mut req = request(&fork, 10);
    req.proof = fork.consistency_proof(10, 20).unwrap();
    assert_eq!(
        w.add_checkpoint_request(&req, NOW)
            .unwrap_err()
            .http_status(),
        422
    );
}

#[test]
fn bad_requests_get_their_status() {
    let w = witness();
    let log = log_with(0..4);
    let other = SignerKey::from_seed(ORIGIN, KeyType::Ed25519, [1; 32]).unwrap();
    let root = log.root();
    let foreign = Checkpoint::new("unknown.example/log", 4, root)
        .unwrap()
        .sign(&[&log_key()])
        .unwrap();
    let unsigned = Checkpoint::new(ORIGIN, 4, root)
        .unwrap()
        .sign(&[&other])
        .unwrap();
    let cases: Vec<(Vec<u8>, u16)> = vec![
        (b"garbage".to_vec(), 400),
        (b"old 01\n\n".to_vec(), 400),
        (b"old 0\nnot-base64\n\n".to_vec(), 400),
        (b"old 0\n".to_vec(), 400),
        (b"old 0\n\nnot a note".to_vec(), 400),
        (
            [b"old 5\n\n".as_slice(), &log.checkpoint().unwrap()].concat(),
            400,
        ),
        ([b"old 0\n\n".as_slice(), &foreign].concat(), 404),
        ([b"old 0\n\n".as_slice(), &unsigned].concat(), 403),
        (
            [
                format!("old 0\n{}\n\n", leaf_hash(b"x").to_base64()).as_bytes(),
                &log.checkpoint().unwrap(),
            ]
            .concat(),
            422,
        ),
    ];
    for (body, status) in cases {
        let err = w.add_checkpoint(&body, NOW).unwrap_err();
        assert_eq!(
            err.http_status(),
            status,
            "{err} for {:?}",
            String::from_utf8_lossy(&body)
        );
    }
    let too_long = AddCheckpointRequest {
        old_size: 1,
        proof: vec![Hash::default(); MAX_PROOF_LINES + 1],
        checkpoint: log.checkpoint().unwrap(),
    };
    assert!(matches!(
        AddCheckpointRequest::parse(&too_long.encode()),
        Err(WitnessError::MalformedRequest(_))
    ));
    assert!(Witness::new(log_key(), MemoryWitnessStore::default()).is_err());
}
