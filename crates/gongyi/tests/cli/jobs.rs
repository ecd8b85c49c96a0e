//! `gongyi jobs run --today`: the daily credit job from the command line, with a moved clock.

use crate::support::{Env, org_with_reports, text};
use gongyi_types::CreditStatus;

#[tokio::test]
async fn jobs_run_lists_overdue_reports_and_is_idempotent() {
    let env = Env::new().await;
    let o = org_with_reports(&env, 5, 1, 2024).await;
    let u = o.uscc.as_str();

    // Before the deadline nothing is due.
    let out = env.run(&["jobs", "run", "--today", "2026-05-31"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("检查 1 家社会组织，列入 0 条"), "{stdout}");

    let out = env.run(&["jobs", "run", "--today", "2026-06-01"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("列入 1 条"), "{stdout}");
    assert!(stdout.contains("信用状态变化 1 家"), "{stdout}");
    let org = env.db.store.org(u).await.unwrap().unwrap();
    assert_eq!(org.credit, CreditStatus::Abnormal);
    let entries = env.db.store.credit_entries(u).await.unwrap();
    assert_eq!(entries.len(), 1);
    assert!(entries[0].listed_reason.contains("2025年度工作报告"));

    // The same day again: nothing more.
    let out = env.run(&["jobs", "run", "--today", "2026-06-01"]);
    assert!(
        text(&out).0.contains("列入 0 条，移出 0 条"),
        "{:?}",
        text(&out)
    );

    // A malformed date is refused with a message, nothing changes.
    let out = env.run(&["jobs", "run", "--today", "2026-13-01"]);
    assert!(!out.status.success());
    assert!(text(&out).1.contains("--today"), "{:?}", text(&out));
    env.finish().await;
}
