//! No command needs the server stopped: `import`, `seed` and `jobs run` beside a running
//! `serve` write the database only, and the server follows the change log into its index
//! within about a second (the contract: searchable within 2 s); what is committed while the
//! server is down is replayed when it starts again.

use crate::support::{Env, orgs, serve_logged, text, write};
use gongyi_interchange::Format;
use std::time::{Duration, Instant};

/// Polls `url` until `ok` holds of its JSON, at most `within`; how long it took.
async fn until(url: &str, within: Duration, ok: impl Fn(&serde_json::Value) -> bool) -> Duration {
    let start = Instant::now();
    loop {
        let v: serde_json::Value = reqwest::get(url).await.unwrap().json().await.unwrap();
        if ok(&v) {
            return start.elapsed();
        }
        assert!(start.elapsed() < within, "not seen within {within:?}: {v}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn q(name: &str) -> String {
    serde_urlencoded::to_string([("q", name)]).unwrap()
}

#[tokio::test]
async fn import_and_jobs_while_serving_are_searchable_within_two_seconds() {
    let env = Env::new().await;
    let (mut server, base) = serve_logged(&env, &[]);
    let new = orgs(30);
    let path = env.dir.join("new.csv");
    write(&path, &new, Format::Csv);
    let o = env.run(&["import", "orgs", &path.display().to_string()]);
    let (out, err) = text(&o);
    assert!(o.status.success(), "{out}{err}");
    assert!(out.contains("服务进程"), "{out}");
    let name = &new[17].name;
    let took = until(
        &format!("{base}/api/v1/orgs?{}", q(name)),
        Duration::from_secs(2),
        |v| v["items"][0]["name"] == name.as_str(),
    )
    .await;
    println!("an import while serving was searchable after {took:?}");
    // A changed name (a re-import) replaces the document: the old name is gone.
    let mut renamed = new.clone();
    renamed[3].name = format!("{}（更名）", new[3].name);
    write(&path, &renamed, Format::Csv);
    assert!(
        env.run(&["import", "orgs", &path.display().to_string()])
            .status
            .success()
    );
    until(
        &format!("{base}/api/v1/orgs?{}", q(&renamed[3].name)),
        Duration::from_secs(2),
        |v| v["items"][0]["uscc"] == renamed[3].uscc.as_str(),
    )
    .await;
    // The credit job beside the server: the new standings are what the API filters by.
    let o = env.run(&["jobs", "run", "--today", "2030-07-01"]);
    assert!(o.status.success(), "{:?}", text(&o));
    let listed = env.db.store.credit_standings().await.unwrap().len() as u64;
    assert!(listed > 0);
    until(
        &format!("{base}/api/v1/orgs?per_page=1"),
        Duration::from_secs(2),
        |v| {
            let c = &v["facets"]["credit"];
            c["abnormal"].as_u64().unwrap_or(0) + c["serious"].as_u64().unwrap_or(0) == listed
        },
    )
    .await;
    let metrics = reqwest::get(format!("{base}/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(metrics.contains("gongyi_changes_lag 0"), "{metrics}");
    server.kill().unwrap();
    server.wait().unwrap();

    // Written while no server runs and without the index (a re-import of the same rows takes
    // the index's lock itself): a restart resumes from the mark its index kept.
    let mut later = renamed.clone();
    later[5].name = format!("{}（再更名）", renamed[5].name);
    write(&path, &later, Format::Csv);
    assert!(
        env.run(&["import", "orgs", &path.display().to_string()])
            .status
            .success()
    );
    let (mut server, base) = serve_logged(&env, &[]);
    until(
        &format!("{base}/api/v1/orgs?{}", q(&later[5].name)),
        Duration::from_secs(2),
        |v| v["items"][0]["uscc"] == later[5].uscc.as_str(),
    )
    .await;
    server.kill().unwrap();
    server.wait().unwrap();
    env.finish().await;
}
