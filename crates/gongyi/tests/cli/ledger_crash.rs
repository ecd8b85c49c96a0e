//! kill -9 of the real `gongyi serve` in the middle of a stream of officials' edits over HTTP
//! (each acknowledged edit's leaf is in the log before the response, see the ledger pump),
//! then a restart: every checkpoint served before the crash is still a prefix of the log
//! (its size is covered and the consistency proof from it verifies against its root), every
//! acknowledged edit has its leaf, and no audit row has two leaves.

use crate::support::{Env, serve_logged, text};
use gongyi_ledger::tile::{decode_entry_bundle, tiles_for_size};
use gongyi_ledger::{Checkpoint, Hash, TileKind, VerifierKey, verify_consistency};
use std::collections::{HashMap, HashSet};
use std::process::Child;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const ORIGIN: &str = "crash.test/ledger";
const PASSWORD: &str = "Crash-test-pass-1";

fn serve(env: &Env) -> (Child, String) {
    serve_logged(env, &["--ledger-origin", ORIGIN])
}

fn cookies(r: &reqwest::Response) -> Vec<String> {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").to_string())
        .collect()
}

fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker).unwrap() + marker.len();
    html[start..].split('"').next().unwrap().to_string()
}

/// Logs in through the form; returns the session cookie.
async fn login(client: &reqwest::Client, base: &str) -> String {
    let page = client.get(format!("{base}/login")).send().await.unwrap();
    let csrf_cookie = cookies(&page)
        .into_iter()
        .find(|c| c.starts_with("gongyi_login_csrf="))
        .unwrap();
    let csrf = hidden(&page.text().await.unwrap(), "csrf");
    let r = client
        .post(format!("{base}/login"))
        .header("cookie", csrf_cookie)
        .form(&[
            ("username", "root"),
            ("password", PASSWORD),
            ("csrf", &csrf),
            ("next", "/admin"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 303);
    cookies(&r)
        .into_iter()
        .find(|c| c.starts_with("gongyi_session=") && c.len() > "gongyi_session=".len())
        .unwrap()
}

async fn get(client: &reqwest::Client, url: &str) -> Vec<u8> {
    let r = client.get(url).send().await.unwrap();
    assert!(r.status().is_success(), "{url}: {}", r.status());
    r.bytes().await.unwrap().to_vec()
}

/// Every entry of the log of `size`, from its tiles.
async fn entries(client: &reqwest::Client, base: &str, size: u64) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for path in tiles_for_size(size) {
        if path.kind == TileKind::Entries {
            let bundle = get(client, &format!("{base}/ledger/{path}")).await;
            out.extend(decode_entry_bundle(&bundle).unwrap());
        }
    }
    out
}

#[tokio::test]
async fn kill_9_during_a_stream_of_edits_loses_no_acknowledged_leaf() {
    let env = Env::new().await;
    let o = env.run(&["seed", "--orgs", "40", "--seed", "9"]);
    assert!(o.status.success(), "{:?}", text(&o));
    let o = env
        .cmd()
        .args(["admin", "create-user", "--username", "root"])
        .args(["--division", "100000", "--role", "admin"])
        .env("GONGYI_NEW_PASSWORD", PASSWORD)
        .output()
        .unwrap();
    assert!(o.status.success(), "{:?}", text(&o));
    let usccs: Vec<String> = env
        .db
        .store
        .orgs_after(None, 40)
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.uscc.to_string())
        .collect();

    let (mut child, base) = serve(&env);
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let vkey_text = get(&client, &format!("{base}/ledger/vkey")).await;
    let vkey = VerifierKey::parse(String::from_utf8(vkey_text).unwrap().trim()).unwrap();
    let cookie = login(&client, &base).await;
    let html = client
        .get(format!("{base}/admin/orgs/{}/edit", usccs[0]))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = hidden(&html, "csrf");

    // Two writers: each acknowledged edit is (uscc, the name it set). A watcher records every
    // checkpoint served.
    let stop = Arc::new(AtomicBool::new(false));
    // Progress, so the kill waits for enough of it however busy the machine is.
    let acked_n = Arc::new(AtomicUsize::new(0));
    let seen_n = Arc::new(AtomicUsize::new(0));
    let mut writers = Vec::new();
    for w in 0..2usize {
        let (client, base, cookie, csrf, usccs, stop, acked_n) = (
            client.clone(),
            base.clone(),
            cookie.clone(),
            csrf.clone(),
            usccs.clone(),
            stop.clone(),
            acked_n.clone(),
        );
        writers.push(tokio::spawn(async move {
            let mut acked = Vec::new();
            let mut i = 0usize;
            while !stop.load(Ordering::Relaxed) {
                let uscc = &usccs[w + 3 * (i % 13)];
                let name = format!("北京市压力测试第{w}组第{i}号协会");
                i += 1;
                let r = client
                    .post(format!("{base}/admin/orgs/{uscc}/edit"))
                    .header("cookie", &cookie)
                    .form(&[("csrf", csrf.as_str()), ("name", name.as_str())])
                    .send()
                    .await;
                match r {
                    Ok(r) if r.status().as_u16() == 200 => {
                        acked.push((uscc.clone(), name));
                        acked_n.fetch_add(1, Ordering::Relaxed);
                    }
                    Ok(r) => panic!("edit refused: {}", r.status()),
                    Err(_) => break, // the server died: this one was never acknowledged
                }
            }
            acked
        }));
    }
    let watcher = {
        let (client, base, stop, seen_n) =
            (client.clone(), base.clone(), stop.clone(), seen_n.clone());
        tokio::spawn(async move {
            let mut seen: Vec<Vec<u8>> = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                match client.get(format!("{base}/ledger/checkpoint")).send().await {
                    Ok(r) if r.status().is_success() => {
                        let note = r.bytes().await.map(|b| b.to_vec()).unwrap_or_default();
                        if !note.is_empty() && seen.last() != Some(&note) {
                            seen.push(note);
                            seen_n.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    _ => break,
                }
                tokio::time::sleep(Duration::from_millis(25)).await;
            }
            seen
        })
    };

    // Let the stream run until a few checkpoints were served and edits acknowledged, then
    // kill -9 (std's Child::kill sends SIGKILL) with requests in flight.
    let deadline = Instant::now() + Duration::from_secs(120);
    while (acked_n.load(Ordering::Relaxed) < 12 || seen_n.load(Ordering::Relaxed) < 3)
        && Instant::now() < deadline
    {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    child.kill().unwrap();
    child.wait().unwrap();
    stop.store(true, Ordering::Relaxed);
    let mut acked = Vec::new();
    for w in writers {
        acked.extend(w.await.unwrap());
    }
    let seen = watcher.await.unwrap();
    assert!(acked.len() >= 10, "only {} edits acknowledged", acked.len());
    assert!(seen.len() >= 2, "only {} checkpoints seen", seen.len());

    // Restart on the same data directory.
    let started = Instant::now();
    let (mut child, base) = serve(&env);
    let note = get(&client, &format!("{base}/ledger/checkpoint")).await;
    let (now, _) = Checkpoint::open(&note, ORIGIN, &[&vkey]).unwrap();
    for old in &seen {
        let (old, _) = Checkpoint::open(old, ORIGIN, &[&vkey]).unwrap();
        assert!(old.size <= now.size, "checkpoint of {} lost", old.size);
        if old.size == now.size {
            assert_eq!(old.root, now.root);
            continue;
        }
        let url = format!(
            "{base}/api/v1/ledger/proof/consistency?from={}&to={}",
            old.size, now.size
        );
        let v: serde_json::Value = serde_json::from_slice(&get(&client, &url).await).unwrap();
        let proof: Vec<Hash> = v["proof"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| Hash::from_base64(h.as_str().unwrap()).unwrap())
            .collect();
        verify_consistency(old.size, now.size, &old.root, &now.root, &proof)
            .unwrap_or_else(|e| panic!("{} → {}: {e}", old.size, now.size));
    }

    // Every leaf names a distinct audit row; together they are exactly the database's org
    // audit rows (the restart's catch-up logged the rows whose leaves were not yet written).
    let all = entries(&client, &base, now.size).await;
    assert_eq!(all.len() as u64, now.size);
    let mut by_audit: HashMap<i64, u64> = HashMap::new();
    for (i, e) in all.iter().enumerate() {
        let leaf: serde_json::Value = serde_json::from_slice(e).unwrap();
        let id = leaf["audit_id"].as_i64().unwrap();
        assert!(
            by_audit.insert(id, i as u64).is_none(),
            "audit row {id} has two leaves"
        );
    }
    assert_eq!(
        env.db
            .store
            .audit_unlogged_count(gongyi_types::EntityKind::Org)
            .await
            .unwrap(),
        0
    );
    // Every acknowledged edit: its audit row (found by the digest of the record it wrote)
    // has a leaf.
    let mut checked = HashSet::new();
    for (uscc, _) in &acked {
        let rows = env
            .db
            .store
            .audit_for(gongyi_types::EntityKind::Org, uscc, 10_000)
            .await
            .unwrap();
        let updates = rows.iter().filter(|a| a.action == "org.update").count();
        let acked_here = acked.iter().filter(|(u, _)| u == uscc).count();
        assert!(
            updates >= acked_here,
            "{uscc}: {updates} audit rows < {acked_here} acks"
        );
        for a in rows {
            assert!(
                by_audit.contains_key(&a.id),
                "audit row {} has no leaf",
                a.id
            );
            checked.insert(a.id);
        }
    }
    println!(
        "kill -9 test: {} edits acknowledged, {} checkpoints seen (largest {}), {} leaves after restart, {} audit rows checked, restart + checks {:?}",
        acked.len(),
        seen.len(),
        seen.iter()
            .filter_map(|n| Checkpoint::open(n, ORIGIN, &[&vkey]).ok())
            .map(|(c, _)| c.size)
            .max()
            .unwrap_or(0),
        now.size,
        checked.len(),
        started.elapsed()
    );
    child.kill().unwrap();
    child.wait().unwrap();
    env.finish().await;
}
