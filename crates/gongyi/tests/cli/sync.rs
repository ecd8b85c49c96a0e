//! `gongyi sync --from URL --vkey VKEY` between two nodes: killed with SIGKILL part-way, then
//! run again, the higher node ends with every record of the source exactly once (one audit
//! row each: nothing applied twice, nothing lost); a third run changes nothing. And the
//! higher node's own `serve` finds the records in search, following its change log.

use crate::support::{Env, orgs, serve_logged, text, write};
use gongyi_interchange::Format;
use std::time::{Duration, Instant};

#[tokio::test]
async fn sync_resumes_after_kill_9_with_nothing_lost_or_doubled() {
    let lower = Env::new().await;
    let all = orgs(4000);
    let path = lower.dir.join("orgs.csv");
    write(&path, &all, Format::Csv);
    assert!(
        lower
            .run(&["import", "orgs", &path.display().to_string()])
            .status
            .success()
    );
    let (mut source, base) = serve_logged(&lower, &[]);
    let vkey = reqwest::get(format!("{base}/ledger/vkey"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let vkey = vkey.trim().to_string();
    // The source's daily credit job runs at start (listing organizations without reports):
    // let it finish and reach the source's log, so the source holds still.
    let start = Instant::now();
    while lower
        .db
        .store
        .job_history("credit", 1)
        .await
        .unwrap()
        .is_empty()
    {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the credit job never finished"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(4500)).await;

    let higher = Env::new().await;
    let args = [
        "sync",
        "--from",
        &base,
        "--vkey",
        &vkey,
        "--division",
        "100000",
    ];
    let mut child = higher
        .cmd()
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Killed as soon as the first page is in (or when it has finished anyway).
    let start = Instant::now();
    loop {
        let n = higher.db.store.org_count().await.unwrap_or(0);
        if n > 0 || child.try_wait().unwrap().is_some() {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "sync never wrote"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let _ = child.kill();
    child.wait().unwrap();
    let after_kill = higher.db.store.org_count().await.unwrap();
    println!("after kill -9: {after_kill} of {} organizations", all.len());

    let o = higher.run(&args);
    let (out, err) = text(&o);
    assert!(o.status.success(), "{out}{err}");
    assert_eq!(
        higher.db.store.org_count().await.unwrap() as usize,
        all.len()
    );
    // The source's records as they are now (its daily credit job ran at start).
    for x in [&all[0], &all[1999], &all[3999]] {
        let at_source = lower.db.store.org(x.uscc.as_str()).await.unwrap();
        assert!(at_source.is_some());
        assert_eq!(
            higher.db.store.org(x.uscc.as_str()).await.unwrap(),
            at_source
        );
    }
    // Each record applied once: one audit row per organization, by the sync.
    assert_eq!(
        higher.db.store.audit_count().await.unwrap() as usize,
        all.len()
    );

    // Again: nothing new.
    let o = higher.run(&args);
    let (out, err) = text(&o);
    assert!(o.status.success(), "{out}{err}");
    assert!(out.contains("本次接收 0 家"), "{out}");
    assert_eq!(
        higher.db.store.audit_count().await.unwrap() as usize,
        all.len()
    );

    // A wrong key: a clear refusal, exit 1, nothing written.
    let other = higher.run(&["ledger", "keygen", "--name", "other.example/ledger"]);
    let other_vkey = text(&other)
        .0
        .lines()
        .find_map(|l| l.strip_prefix("验证密钥："))
        .unwrap()
        .to_string();
    let o = higher.run(&["sync", "--from", &base, "--vkey", &other_vkey]);
    assert!(!o.status.success());
    assert!(text(&o).1.contains("验证密钥"), "{:?}", text(&o));

    // The higher node's server finds what was synced.
    let (mut server, hbase) = serve_logged(&higher, &[]);
    let name = &all[1234].name;
    let q = serde_urlencoded::to_string([("q", name.as_str())]).unwrap();
    let v: serde_json::Value = reqwest::get(format!("{hbase}/api/v1/orgs?{q}"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["items"][0]["uscc"], all[1234].uscc.as_str(), "{v}");
    server.kill().unwrap();
    server.wait().unwrap();
    source.kill().unwrap();
    source.wait().unwrap();
    higher.finish().await;
    lower.finish().await;
}
