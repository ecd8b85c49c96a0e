//! Signed notes against the fixed vectors of Go's golang.org/x/mod/sumdb/note (note_test.go).

use gongyi_ledger::checkpoint::Checkpoint;
use gongyi_ledger::note::{self, Note, NoteError, NoteSigner};
use gongyi_ledger::{Hash, KeyType, SignerKey, VerifierKey};

const PETER_VKEY: &str = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const PETER_SKEY: &str =
    "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const ENOCH_VKEY: &str = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
const TEXT: &str = "If you think cryptography is the answer to your problem,\n\
                    then you don't know what your problem is.\n";
const PETER_SIG: &str = "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
const ENOCH_SIG: &str = "— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

fn peter() -> VerifierKey {
    VerifierKey::parse(PETER_VKEY).unwrap()
}

fn enoch() -> VerifierKey {
    VerifierKey::parse(ENOCH_VKEY).unwrap()
}

#[test]
fn signing_reproduces_go_byte_for_byte() {
    let signer = SignerKey::parse(PETER_SKEY).unwrap();
    let msg = note::sign(TEXT, &[&signer]).unwrap();
    assert_eq!(
        String::from_utf8(msg).unwrap(),
        format!("{TEXT}\n{PETER_SIG}")
    );

    // An existing signature by the same key is replaced, as Go's note.Sign does.
    let old = Note {
        text: TEXT.into(),
        verified: vec![note::Signature {
            name: "PeterNeumann".into(),
            key_id: 0xc74f20a3,
            signature: b"BAD".to_vec(),
        }],
        unverified: vec![],
    };
    let msg = note::sign_note(&old, &[&signer as &dyn NoteSigner]).unwrap();
    assert_eq!(
        String::from_utf8(msg).unwrap(),
        format!("{TEXT}\n{PETER_SIG}")
    );
}

#[test]
fn open_follows_go_semantics() {
    let both = format!("{TEXT}\n{PETER_SIG}{ENOCH_SIG}");
    let n = note::open(both.as_bytes(), &[peter()]).unwrap();
    assert_eq!(n.text, TEXT);
    assert_eq!(n.verified.len(), 1);
    assert_eq!(n.verified[0].key_id, 0xc74f20a3);
    assert_eq!(n.unverified.len(), 1);
    assert_eq!(n.unverified[0].key_id, 0xaf0cfe78);

    let n = note::open(both.as_bytes(), &[peter(), enoch()]).unwrap();
    assert_eq!(n.verified.len(), 2);
    assert!(n.unverified.is_empty());
    assert_eq!(n.encode(), both.as_bytes());

    let none: [VerifierKey; 0] = [];
    assert_eq!(
        note::open(both.as_bytes(), &none),
        Err(NoteError::UnknownKey {
            signers: vec!["PeterNeumann+c74f20a3".into(), "EnochRoot+af0cfe78".into()]
        })
    );
    let parsed = note::parse(both.as_bytes()).unwrap();
    assert_eq!(parsed.unverified.len(), 2);

    // A known key whose signature does not verify rejects the whole note.
    let bad = format!("{TEXT}\n{}ABCD{}", &PETER_SIG[..60], &PETER_SIG[60..]);
    assert_eq!(
        note::open(bad.as_bytes(), &[peter()]),
        Err(NoteError::InvalidSignature {
            name: "PeterNeumann".into(),
            key_id: 0xc74f20a3
        })
    );

    // Repeated signatures: verified ones once per key, unverified ones once per line.
    let enoch_abcd = format!("{}ABCD{}", &ENOCH_SIG[..60], &ENOCH_SIG[60..]);
    let msg = format!("{TEXT}\n{PETER_SIG}{PETER_SIG}{ENOCH_SIG}{ENOCH_SIG}{enoch_abcd}");
    let n = note::open(msg.as_bytes(), &[peter()]).unwrap();
    assert_eq!(n.verified.len(), 1);
    assert_eq!(n.unverified.len(), 2);
}

#[test]
fn malformed_notes_from_go_table_are_rejected() {
    let bad_name = format!(
        "{TEXT}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
    );
    let cases = [
        TEXT.to_owned(),
        format!("{TEXT}\n"),
        format!("{TEXT}\n{}", &PETER_SIG[..PETER_SIG.len() - 1]),
        format!("\x01{TEXT}\n{PETER_SIG}"),
        bad_name,
        format!("{TEXT}\n{PETER_SIG}Unexpected line.\n"),
        format!("{TEXT}\n{}", PETER_SIG.repeat(101)),
    ];
    for msg in cases {
        assert!(note::open(msg.as_bytes(), &[peter()]).is_err(), "{msg:?}");
    }
    let mut not_utf8 = vec![0xff];
    not_utf8.extend_from_slice(format!("{TEXT}\n{PETER_SIG}").as_bytes());
    assert!(matches!(
        note::open(&not_utf8, &[peter()]),
        Err(NoteError::NotUtf8 { .. })
    ));
}

#[test]
fn checkpoint_notes_round_trip() {
    let key = SignerKey::generate("example.com/log", KeyType::Ed25519).unwrap();
    let root = Hash::from_base64("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=").unwrap();
    let cp = Checkpoint::new("example.com/log", 20852163, root).unwrap();
    let signed = cp.sign(&[&key]).unwrap();
    let text = String::from_utf8(signed.clone()).unwrap();
    assert!(text.starts_with(
        "example.com/log\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n— example.com/log "
    ));
    let (opened, _) = Checkpoint::open(&signed, "example.com/log", &[key.verifier_key()]).unwrap();
    assert_eq!(opened, cp);
    assert!(Checkpoint::open(&signed, "example.com/other", &[key.verifier_key()]).is_err());
}

/// A signed tree head of Go's production checksum database, verified with the key Go
/// publishes (cmd/go's default GOSUMDB): byte compatibility with a note Go signed for real.
#[test]
fn a_sum_golang_org_tree_head_verifies_with_gos_published_key() {
    const SUMDB_VKEY: &str = "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8";
    const SUMDB_NOTE: &str = "go.sum database tree\n3784599\n7uvxIZ67TZygcq/AehTD8iHYt81Ih+Zl2Y7vXZbfszQ=\n\n\
                              — sum.golang.org Az3grn972wXskjQrsZhVGc93fTU2uOsmSTiId1Wn1lxDCup5z4ggl1/4gaUqOkMa6cMbYvjB7hn7yemNr7Zqanol/go=\n";
    let key = VerifierKey::parse(SUMDB_VKEY).unwrap();
    assert_eq!(key.key_id(), 0x033de0ae);
    let (cp, note) =
        Checkpoint::open(SUMDB_NOTE.as_bytes(), "go.sum database tree", &[&key]).unwrap();
    assert_eq!(cp.size, 3_784_599);
    assert_eq!(note.verified.len(), 1);
    let changed = SUMDB_NOTE.replace("3784599", "3784598");
    assert!(Checkpoint::open(changed.as_bytes(), "go.sum database tree", &[&key]).is_err());
}
