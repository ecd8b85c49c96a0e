//! `gongyi jobs run --today`: the daily credit job from the command line, with a moved clock.

use crate::support::{Env, text};
use gongyi_types::{CreditStatus, RegStatus, Sections};

#[tokio::test]
async fn jobs_run_lists_overdue_reports_and_is_idempotent() {
    let env = Env::new().await;
    let (mut o, _) =
        gongyi_synth::Synth::new(5, chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()).org(1);
    o.founded = chrono::NaiveDate::from_ymd_opt(2021, 1, 5).unwrap();
    o.status = RegStatus::Active;
    o.credit = CreditStatus::Normal;
    env.db
        .store
        .create_orgs(
            &[(o.clone(), Sections::default())],
            "test",
            "2026-01-01T00:00:00Z",
        )
        .await
        .unwrap();
    let u = o.uscc.as_str();
    for year in 2021..=2024 {
        let r = gongyi_types::AnnualReport {
            year,
            filed_on: chrono::NaiveDate::from_ymd_opt(year + 1, 3, 1).unwrap(),
            income: gongyi_types::Fen(1),
            expenditure: gongyi_types::Fen(1),
            net_assets: gongyi_types::Fen(1),
            staff: 1,
            members: None,
            summary: "年报".into(),
        };
        env.db
            .store
            .record_annual_report(u, &r, "test", "2026-01-01T00:00:00Z")
            .await
            .unwrap();
    }

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
