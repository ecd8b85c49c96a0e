//! `gongyi export open-data` beside a running `serve`: the new generation is published at
//! once at `/data/`, its manifest verifies with `gongyi ledger verify-note` and the key at
//! `/ledger/vkey`, and each file matches the size and SHA-256 the manifest gives.

use crate::support::{Env, orgs, serve_logged, text, write};
use gongyi_interchange::Format;
use sha2::{Digest, Sha256};

#[tokio::test]
async fn export_open_data_beside_serve_is_published_and_verifies() {
    let env = Env::new().await;
    let path = env.dir.join("orgs.csv");
    write(&path, &orgs(40), Format::Csv);
    assert!(
        env.run(&["import", "orgs", &path.display().to_string()])
            .status
            .success()
    );
    let (mut server, base) = serve_logged(&env, &[]);
    let o = env.run(&["export", "open-data"]);
    let (out, err) = text(&o);
    assert!(o.status.success(), "{out}{err}");
    assert!(
        out.contains("orgs.csv.gz") && out.contains("40 行"),
        "{out}"
    );

    let manifest = reqwest::get(format!("{base}/data/manifest")).await.unwrap();
    assert_eq!(manifest.status(), 200);
    let manifest = manifest.text().await.unwrap();
    let vkey = reqwest::get(format!("{base}/ledger/vkey"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let file = env.dir.join("manifest.note");
    std::fs::write(&file, &manifest).unwrap();
    let v = env.run(&[
        "ledger",
        "verify-note",
        &file.display().to_string(),
        "--vkey",
        vkey.trim(),
    ]);
    let (out, err) = text(&v);
    assert!(v.status.success(), "{out}{err}");
    assert!(out.contains("签名有效"), "{out}");
    // A tampered manifest is refused with a non-zero exit.
    std::fs::write(&file, manifest.replacen(" 40", " 41", 1)).unwrap();
    assert!(
        !env.run(&[
            "ledger",
            "verify-note",
            &file.display().to_string(),
            "--vkey",
            vkey.trim()
        ])
        .status
        .success()
    );

    // Every line's file: the size and hash stated.
    for line in manifest.lines().skip(2).take_while(|l| !l.is_empty()) {
        let f: Vec<&str> = line.split(' ').collect();
        let bytes = reqwest::get(format!("{base}/data/{}", f[0]))
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        assert_eq!(bytes.len().to_string(), f[1], "{line}");
        assert_eq!(hex::encode(Sha256::digest(&bytes)), f[2], "{line}");
    }
    server.kill().unwrap();
    server.wait().unwrap();
    env.finish().await;
}
