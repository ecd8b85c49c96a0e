//! Tests of `vkey.rs`.

use super::*;

const VKEY: &str = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const SKEY: &str = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";

#[test]
fn go_note_test_keys_parse_and_match() {
    let v = VerifierKey::parse(VKEY).unwrap();
    let s = SignerKey::parse(SKEY).unwrap();
    assert_eq!(v.key_id(), 0xc74f20a3);
    assert_eq!(s.verifier_key(), v);
    assert_eq!(v.to_string(), VKEY);
    assert_eq!(s.to_private_string(), SKEY);
    assert!(!format!("{s:?}").contains("AYEK"));
}

// Every proper substring and every one-byte change of a key is rejected, as in Go's
// note_test.go TestNewVerifier / TestNewSigner.
#[test]
fn mangled_keys_are_rejected() {
    for (key, parse) in [
        (
            VKEY,
            (|k: &str| VerifierKey::parse(k).is_ok()) as fn(&str) -> bool,
        ),
        (SKEY, |k: &str| SignerKey::parse(k).is_ok()),
    ] {
        let b = key.as_bytes();
        for i in 0..=b.len() {
            for j in i + 1..=b.len() {
                if (i, j) != (0, b.len()) {
                    let s = String::from_utf8_lossy(&b[i..j]);
                    assert!(!parse(&s), "accepted substring {s:?}");
                }
            }
        }
        for i in 0..b.len() {
            let mut m = b.to_vec();
            m[i] += 1;
            let s = String::from_utf8_lossy(&m);
            assert!(!parse(&s), "accepted mangled {s:?}");
        }
    }
}

#[test]
fn generated_keys_round_trip() {
    let s = SignerKey::generate("example.com/log", KeyType::Ed25519).unwrap();
    let again = SignerKey::parse(&s.to_private_string()).unwrap();
    assert_eq!(again.verifier_key(), s.verifier_key());
    let v = VerifierKey::parse(&s.verifier_key().to_string()).unwrap();
    let sig = s.sign_ed25519(b"hi");
    assert!(v.verify_ed25519(b"hi", &sig));
    assert!(!v.verify_ed25519(b"ho", &sig));
}

#[test]
fn cosigner_key_ids_use_type_0x04() {
    let s = SignerKey::from_seed("w", KeyType::CosignatureV1, [7; 32]).unwrap();
    let p = s.verifier_key().public_key();
    assert_eq!(s.key_id(), key_id("w", KeyType::CosignatureV1, &p));
    assert_ne!(s.key_id(), key_id("w", KeyType::Ed25519, &p));
    let v = VerifierKey::parse(&s.verifier_key().to_string()).unwrap();
    assert_eq!(v.key_type(), KeyType::CosignatureV1);
}

#[test]
fn bad_names_are_rejected() {
    for name in ["", "a b", "a+b", "a\u{3000}b"] {
        assert!(SignerKey::from_seed(name, KeyType::Ed25519, [1; 32]).is_err());
    }
}
