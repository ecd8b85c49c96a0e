//! Tests of `note.rs`.

use super::*;

const TEXT: &str = "If you think cryptography is the answer to your problem,\n\
                    then you don't know what your problem is.\n";
const PETER_SIG: &str = "\u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

fn peter() -> VerifierKey {
    VerifierKey::parse("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
        .unwrap()
}

#[test]
fn malformed_notes_get_specific_errors() {
    let k = [peter()];
    let cases: Vec<(String, NoteError)> = vec![
        (TEXT.to_owned(), NoteError::MissingBlankLine),
        (format!("{TEXT}\n"), NoteError::NoSignatures),
        (
            format!("{TEXT}\n{}", PETER_SIG.trim_end()),
            NoteError::MissingFinalNewline,
        ),
        (
            format!("\u{1}{TEXT}\n{PETER_SIG}"),
            NoteError::ControlCharacter { offset: 0, byte: 1 },
        ),
        (
            format!("{TEXT}\n{PETER_SIG}Unexpected line.\n"),
            NoteError::BadSignatureLine {
                line: 2,
                reason: "does not start with an em dash and a space",
            },
        ),
    ];
    for (msg, want) in cases {
        assert_eq!(open(msg.as_bytes(), &k), Err(want), "{msg:?}");
    }
    let mut bad = b"\xff".to_vec();
    bad.extend_from_slice(format!("{TEXT}\n{PETER_SIG}").as_bytes());
    assert_eq!(open(&bad, &k), Err(NoteError::NotUtf8 { offset: 0 }));
    let many = format!("{TEXT}\n{}", PETER_SIG.repeat(101));
    assert_eq!(open(many.as_bytes(), &k), Err(NoteError::TooManySignatures));
}

#[test]
fn repeated_signatures_by_one_key_count_once() {
    let msg = format!("{TEXT}\n{PETER_SIG}{PETER_SIG}");
    let n = open(msg.as_bytes(), &[peter()]).unwrap();
    assert_eq!(n.verified.len(), 1);
}

#[test]
fn ambiguous_keys_are_rejected() {
    let msg = format!("{TEXT}\n{PETER_SIG}");
    assert!(matches!(
        open(msg.as_bytes(), &[peter(), peter()]),
        Err(NoteError::AmbiguousKey { .. })
    ));
}

#[test]
fn text_must_end_in_newline() {
    let s = SignerKey::from_seed("a", KeyType::Ed25519, [1; 32]).unwrap();
    assert_eq!(sign("abc", &[&s]), Err(NoteError::TextNotNewlineTerminated));
}
