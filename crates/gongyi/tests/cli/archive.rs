//! `gongyi archive check`: recorded files are verified against their size and SHA-256, files no
//! record refers to are listed and removed only with `--prune`, and a missing or altered file
//! fails the run.

use crate::support::{Env, text};
use gongyi_server::platform::archive::Archive;

fn pdf(tag: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {tag}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n").into_bytes()
}

#[tokio::test]
async fn archive_check_verifies_lists_and_prunes() {
    let env = Env::new().await;
    let archive = Archive::open(&env.dir.join("archive")).unwrap();
    let at = "2026-11-27T00:00:00Z";
    let mut recorded = vec![];
    for tag in ["甲", "乙", "丙"] {
        let s = archive.put(&pdf(tag), at).unwrap();
        env.db.store.record_attachment(&s.meta).await.unwrap();
        recorded.push(s.meta.sha256);
    }
    // Kept on disk, but its record was never written (the upload's transaction failed).
    let stray = archive.put(&pdf("孤"), at).unwrap().meta.sha256;
    let path = |sha: &str| env.dir.join("archive/sha256").join(&sha[..2]).join(sha);

    // All intact: success; the stray is listed only once it is old enough.
    let out = env.run(&["archive", "check"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(
        stdout.contains("登记的文件 3 个：完好 3，缺失 0，已被改动 0"),
        "{stdout}"
    );
    assert!(stdout.contains("未登记的文件 0 个"), "{stdout}");
    let out = env.run(&["archive", "check", "--min-age-minutes", "0"]);
    let (stdout, _) = text(&out);
    assert!(out.status.success());
    assert!(
        stdout.contains(&format!("未登记的文件：{}", path(&stray).display())),
        "{stdout}"
    );
    assert!(stdout.contains("未登记的文件 1 个"), "{stdout}");
    assert!(path(&stray).exists(), "listed, not deleted");

    // A temporary file an interrupted upload left behind.
    let tmp = path(&stray).with_file_name(".tmp-1-2");
    std::fs::write(&tmp, b"half").unwrap();
    // One recorded file altered, one gone: both named, exit status 1.
    std::fs::write(path(&recorded[0]), pdf("伪造")).unwrap();
    std::fs::remove_file(path(&recorded[1])).unwrap();
    let out = env.run(&["archive", "check", "--min-age-minutes", "0", "--prune"]);
    let (stdout, stderr) = text(&out);
    assert!(!out.status.success());
    assert!(
        stdout.contains(&format!("已被改动：{}", recorded[0])),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("缺失：{}", recorded[1])),
        "{stdout}"
    );
    assert!(stdout.contains("完好 1，缺失 1，已被改动 1"), "{stdout}");
    assert!(stderr.contains("2 个文件缺失或已被改动"), "{stderr}");
    // --prune removed the stray only: recorded files, even altered ones, are evidence.
    assert!(stdout.contains("已删除 2 个"), "{stdout}");
    assert!(!path(&stray).exists());
    assert!(!tmp.exists());
    assert!(path(&recorded[0]).exists());
    assert!(path(&recorded[2]).exists());
    env.finish().await;
}
