//! Replicas: two servers on one database (behind a load balancer) each see the other's
//! writes in their own search index, through the change log they follow; a daily job runs
//! once across them (a claim in `job_runs`), a failed run is tried again, a dead holder's
//! claim is taken over after it expires.

use crate::support::{CHAOYANG, PASSWORD, Replica, TestApp, hidden};
use gongyi_server::platform::daily::{Attempt, run_once};
use gongyi_store::job_runs::Claim;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Renames organization `i` through the server at `base`, as the Chaoyang official.
async fn rename(app: &TestApp, base: &str, i: usize, name: &str) {
    let o = &app.orgs[i];
    let path = format!("{base}/admin/orgs/{}/edit", o.uscc);
    let login = app.login(CHAOYANG, PASSWORD).await.unwrap();
    let html = app
        .client
        .get(&path)
        .header("cookie", &login)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = hidden(&html, "csrf");
    let r = app
        .client
        .post(&path)
        .header("cookie", &login)
        .form(&[("csrf", csrf.as_str()), ("name", name)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200, "{}", r.text().await.unwrap());
}

/// How long until `base`'s search finds `name` as organization `uscc` (panics after 20 s).
async fn found_after(app: &TestApp, base: &str, name: &str, uscc: &str, from: Instant) -> Duration {
    loop {
        let v: serde_json::Value = app
            .client
            .get(format!("{base}/api/v1/orgs"))
            .query(&[("q", name)])
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if v["items"][0]["uscc"] == uscc && v["items"][0]["name"] == name {
            return from.elapsed();
        }
        assert!(
            from.elapsed() < Duration::from_secs(20),
            "{base} never found {name}: {v}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn two_replicas_each_find_the_others_write() {
    let a = TestApp::spawn().await;
    let b: Replica = a.replica().await;
    let start = a.state.store.last_change_id().await.unwrap();
    gongyi_server::registry::follow::spawn(a.state.clone(), start);
    gongyi_server::registry::follow::spawn(b.state.clone(), start);

    // Written through A (whose own index shows it at once), found in B's search.
    let t = Instant::now();
    rename(&a, &a.base, 1, "朝阳区副本甲社会工作服务中心").await;
    let uscc1 = a.orgs[1].uscc.to_string();
    let lag = found_after(&a, &b.base, "朝阳区副本甲社会工作服务中心", &uscc1, t).await;
    eprintln!("a write on A found on B after {lag:?}");
    // And the other way: written through B (the login is in the database, so any replica
    // serves it), found in A's search.
    let t = Instant::now();
    rename(&a, &b.base, 1, "朝阳区副本乙社会工作服务中心").await;
    let lag = found_after(&a, &a.base, "朝阳区副本乙社会工作服务中心", &uscc1, t).await;
    eprintln!("a write on B found on A after {lag:?}");
    // Each replica also serves the other's record from the database.
    let v: serde_json::Value = a
        .client
        .get(format!("{}/api/v1/orgs/{uscc1}", a.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["name"], "朝阳区副本乙社会工作服务中心");
    a.finish().await;
}

#[tokio::test]
async fn a_daily_job_runs_once_across_replicas() {
    let a = TestApp::spawn().await;
    let b = a.replica().await;
    let day = a.state.clock.today();
    let runs = Arc::new(AtomicUsize::new(0));
    let job = |state: gongyi_server::AppState, runs: Arc<AtomicUsize>| async move {
        runs.fetch_add(1, Ordering::SeqCst);
        let r = gongyi_server::credit::run_job(
            &state.store,
            gongyi_server::credit::Views::of(&state),
            &state.config.credit_policy,
            state.clock.today(),
            &state.now_str(),
            |_| {},
        )
        .await?;
        Ok::<String, anyhow::Error>(format!("orgs={}", r.orgs))
    };
    // Both replicas start the day's run at the same moment: one runs it.
    let (ra, rb) = tokio::join!(
        run_once(&a.state, "credit", day, "replica-a", || job(
            a.state.clone(),
            runs.clone()
        )),
        run_once(&b.state, "credit", day, "replica-b", || job(
            b.state.clone(),
            runs.clone()
        )),
    );
    let (ra, rb) = (ra.unwrap(), rb.unwrap());
    assert_eq!(runs.load(Ordering::SeqCst), 1, "{ra:?} {rb:?}");
    let ran: Vec<&Attempt> = [&ra, &rb]
        .into_iter()
        .filter(|r| matches!(r, Attempt::Ran(_)))
        .collect();
    assert_eq!(ran.len(), 1, "{ra:?} {rb:?}");
    // Asked again that day, neither runs it.
    for (state, holder) in [(&a.state, "replica-a"), (&b.state, "replica-b")] {
        let r = run_once(state, "credit", day, holder, || {
            job(state.clone(), runs.clone())
        })
        .await
        .unwrap();
        assert_eq!(r, Attempt::Elsewhere(Claim::Done));
    }
    assert_eq!(runs.load(Ordering::SeqCst), 1);
    let history = a.state.store.job_history("credit", 10).await.unwrap();
    assert_eq!(history.len(), 1);
    assert!(history[0].3.starts_with("orgs="), "{history:?}");

    // A run that fails is released: the next attempt (any replica) runs it.
    let failed = run_once(&a.state, "extract", day, "replica-a", || async {
        anyhow::bail!("disk full")
    })
    .await;
    assert!(failed.is_err());
    let r = run_once(&b.state, "extract", day, "replica-b", || async {
        Ok("ok".into())
    })
    .await
    .unwrap();
    assert_eq!(r, Attempt::Ran("ok".into()));

    // A holder that died: its claim blocks others until it expires, then it is taken over.
    let now = a.state.clock.now();
    let ts = gongyi_store::timestamp;
    let c = a
        .state
        .store
        .claim_job(
            "report",
            &day.to_string(),
            "dead",
            &ts(now),
            &ts(now + chrono::Duration::minutes(30)),
        )
        .await
        .unwrap();
    assert_eq!(c, Claim::Won);
    let r = run_once(&b.state, "report", day, "replica-b", || async {
        Ok("x".into())
    })
    .await
    .unwrap();
    assert_eq!(
        r,
        Attempt::Elsewhere(Claim::Running {
            holder: "dead".into()
        })
    );
    a.clock.set(now + chrono::Duration::minutes(31));
    let r = run_once(&b.state, "report", day, "replica-b", || async {
        Ok("taken over".into())
    })
    .await
    .unwrap();
    assert_eq!(r, Attempt::Ran("taken over".into()));
    a.finish().await;
}
