//! A checkpoint served by the running node verifies with an independent implementation of the
//! Go note format (`scripts/verify_note.py`, Python `cryptography`), which is itself checked
//! against notes signed by Go: the vectors of golang.org/x/mod/sumdb/note's note_test.go and
//! a signed tree head of Go's production checksum database, sum.golang.org.

use crate::support::{ORIGIN, TestApp, python_verify};
use gongyi_server::ledger::pump::pump;

const PETER_VKEY: &str = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const ENOCH_VKEY: &str = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
const GO_NOTE: &str = "If you think cryptography is the answer to your problem,\n\
                       then you don't know what your problem is.\n\n\
                       — PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n\
                       — EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";
/// Go's published key of sum.golang.org (cmd/go's default GOSUMDB).
const SUMDB_VKEY: &str = "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8";
const SUMDB_NOTE: &str = "go.sum database tree\n3784599\n7uvxIZ67TZygcq/AehTD8iHYt81Ih+Zl2Y7vXZbfszQ=\n\n\
                          — sum.golang.org Az3grn972wXskjQrsZhVGc93fTU2uOsmSTiId1Wn1lxDCup5z4ggl1/4gaUqOkMa6cMbYvjB7hn7yemNr7Zqanol/go=\n";

#[test]
fn the_python_verifier_accepts_notes_signed_by_go_and_rejects_changed_ones() {
    let both = [PETER_VKEY.to_owned(), ENOCH_VKEY.to_owned()];
    let (ok, out) = python_verify(GO_NOTE.as_bytes(), &both);
    assert!(ok, "{out}");
    assert!(
        out.contains("OK: signed by PeterNeumann, EnochRoot"),
        "{out}"
    );
    let (ok, out) = python_verify(SUMDB_NOTE.as_bytes(), &[SUMDB_VKEY.to_owned()]);
    assert!(ok, "{out}");
    for bad in [
        GO_NOTE.replace("answer", "answeR"),
        GO_NOTE.replace("x08go/", "x08go/A"),
    ] {
        let (ok, out) = python_verify(bad.as_bytes(), &both);
        assert!(!ok, "accepted {bad:?}: {out}");
    }
    let (ok, out) = python_verify(
        SUMDB_NOTE.replace("3784599", "3784598").as_bytes(),
        &[SUMDB_VKEY.to_owned()],
    );
    assert!(!ok && out.contains("does not verify"), "{out}");
    // A key whose stated hash is not the computed one is refused.
    let (ok, out) = python_verify(
        GO_NOTE.as_bytes(),
        &[PETER_VKEY.replace("c74f20a3", "c74f20a4")],
    );
    assert!(!ok && out.contains("key hash"), "{out}");
}

#[tokio::test]
async fn a_served_checkpoint_verifies_with_the_independent_verifier() {
    let app = TestApp::spawn().await;
    pump(&app.state.store, &app.ledger()).await.unwrap();
    let vkey = app.get("/ledger/vkey").await.text().await.unwrap();
    let note = app.get("/ledger/checkpoint").await.bytes().await.unwrap();
    assert!(note.starts_with(format!("{ORIGIN}\n{}\n", app.orgs.len()).as_bytes()));
    let (ok, out) = python_verify(&note, &[vkey.trim().to_owned()]);
    assert!(ok, "{out}");
    assert!(out.contains(&format!("OK: signed by {ORIGIN}")), "{out}");
    // One bit of the root hash changed: rejected.
    let mut bad = note.to_vec();
    let at = ORIGIN.len() + 1 + app.orgs.len().to_string().len() + 1 + 3;
    bad[at] ^= 1;
    let (ok, out) = python_verify(&bad, &[vkey.trim().to_owned()]);
    assert!(!ok, "{out}");
    app.finish().await;
}
