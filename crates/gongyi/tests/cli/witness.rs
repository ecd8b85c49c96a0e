//! Two real `gongyi serve` processes: B witnesses A (its key in B's
//! `ledger/witnessed-logs.txt`), A pushes to B (`--witness-url`), and A's checkpoint soon
//! carries B's cosignature, which verifies with the key B prints and serves.

use crate::support::{Env, serve_logged};
use gongyi_ledger::{VerifierKey, note};
use std::time::{Duration, Instant};

async fn get_text(url: &str) -> String {
    let r = reqwest::get(url).await.unwrap();
    assert!(r.status().is_success(), "{url}: {}", r.status());
    r.text().await.unwrap()
}

#[tokio::test]
async fn serve_flags_make_b_witness_a() {
    let (a_env, b_env) = (Env::new().await, Env::new().await);
    let o = a_env.run(&["seed", "--orgs", "20"]);
    assert!(o.status.success());
    // A's first start creates its key; B is told the verifier key out of band.
    let (mut a, a_url) = serve_logged(&a_env, &["--ledger-origin", "a.test/ledger"]);
    let a_vkey = get_text(&format!("{a_url}/ledger/vkey")).await;
    a.kill().unwrap();
    a.wait().unwrap();
    std::fs::create_dir_all(b_env.dir.join("ledger")).unwrap();
    std::fs::write(
        b_env.dir.join("ledger/witnessed-logs.txt"),
        format!("# province A\n{a_vkey}"),
    )
    .unwrap();
    let (mut b, b_url) = serve_logged(&b_env, &["--witness-name", "b.test/witness"]);
    let printed = std::fs::read_to_string(b_env.dir.join("serve-stdout.txt")).unwrap();
    assert!(
        printed.contains("见证：为 1 个账本联署检查点（a.test/ledger）"),
        "{printed}"
    );
    let b_vkey = VerifierKey::parse(
        get_text(&format!("{b_url}/ledger/witness-vkey"))
            .await
            .trim(),
    )
    .unwrap();
    assert_eq!(b_vkey.name(), "b.test/witness");
    assert!(printed.contains(&b_vkey.to_string()));

    let (mut a, a_url) = serve_logged(
        &a_env,
        &["--ledger-origin", "a.test/ledger", "--witness-url", &b_url],
    );
    let a_vkey = VerifierKey::parse(a_vkey.trim()).unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    // 20 organizations seeded, plus what the credit job at start lists (a seeded 吊销 is
    // listed however old), so the log may still grow: wait for a checkpoint B cosigned whose
    // size B's state keeps.
    let state_path = b_env.dir.join("ledger/witness-state");
    loop {
        let cp = get_text(&format!("{a_url}/ledger/checkpoint")).await;
        let size: u64 = cp.lines().nth(1).unwrap_or("0").parse().unwrap_or(0);
        let state = std::fs::read_to_string(&state_path).unwrap_or_default();
        if let Ok(n) = note::open(cp.as_bytes(), &[&a_vkey, &b_vkey])
            && n.verified.len() == 2
            && cp.starts_with("a.test/ledger\n")
            && size >= 20
            && state.contains(" a.test/ledger\n")
            && state.contains(&format!("\n{size} "))
        {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "no cosignature by B kept in its state in 20 s: {cp}\n{state}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    for child in [&mut a, &mut b] {
        child.kill().unwrap();
        child.wait().unwrap();
    }
    a_env.finish().await;
    b_env.finish().await;
}
