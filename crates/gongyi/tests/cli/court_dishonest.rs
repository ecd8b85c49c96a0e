//! `gongyi credit import-dishonest FILE`: the courts' 失信被执行人 file. A bad line (or a code
//! not registered here) is reported as FILE:LINE and nothing is imported; a good file lists
//! the organization on 严重违法失信名单 (item (六)) at once; importing it again changes nothing.

use crate::support::{Env, text};
use gongyi_types::{CreditStatus, RegStatus, Sections};

#[tokio::test]
async fn a_court_file_lists_the_organization_serious_and_bad_lines_import_nothing() {
    let env = Env::new().await;
    let (mut o, _) =
        gongyi_synth::Synth::new(7, chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()).org(2);
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
    for year in 2021..=2025 {
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
    let other = gongyi_types::Uscc::assemble('5', '1', "110105", "MJ999999").unwrap();
    let file = env.dir.join("shixin.csv");
    std::fs::write(
        &file,
        format!(
            "统一社会信用代码,执行案号,执行法院,发布日期,移除日期\n\
             {u},（2026）京0105执123号,北京市朝阳区人民法院,2026-10-10,\n\
             {other},（2026）京0105执124号,北京市朝阳区人民法院,2026-10-11,\n\
             {u},（2026）京0105执125号,北京市朝阳区人民法院,2026-10-32,\n"
        ),
    )
    .unwrap();
    let audits = env.db.store.audit_count().await.unwrap();
    let out = env.run(&["credit", "import-dishonest", file.to_str().unwrap()]);
    let (_, stderr) = text(&out);
    assert!(!out.status.success());
    assert!(
        stderr.contains("shixin.csv:4: 发布日期“2026-10-32”无效"),
        "{stderr}"
    );
    // Fix the date: the unregistered code is still refused, by its line.
    let fixed = std::fs::read_to_string(&file)
        .unwrap()
        .replace("2026-10-32", "2026-10-12");
    std::fs::write(&file, &fixed).unwrap();
    let out = env.run(&["credit", "import-dishonest", file.to_str().unwrap()]);
    let (_, stderr) = text(&out);
    assert!(!out.status.success());
    assert!(
        stderr.contains(&format!("shixin.csv:3: 统一社会信用代码 {other} 不在")),
        "{stderr}"
    );
    assert_eq!(env.db.store.audit_count().await.unwrap(), audits);
    assert_eq!(
        env.db.store.org(u).await.unwrap().unwrap().credit,
        CreditStatus::Normal
    );

    // Only the registered organization's lines: imported, listed at once.
    let only: String = fixed
        .lines()
        .filter(|l| !l.starts_with(other.as_str()))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&file, &only).unwrap();
    let out = env.run(&[
        "credit",
        "import-dishonest",
        file.to_str().unwrap(),
        "--today",
        "2026-11-27",
    ]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("新增 2 条"), "{stdout}");
    assert!(stdout.contains("列入 2 条"), "{stdout}");
    assert_eq!(
        env.db.store.org(u).await.unwrap().unwrap().credit,
        CreditStatus::Serious
    );
    let entries = env.db.store.credit_entries(u).await.unwrap();
    assert!(
        entries
            .iter()
            .all(|e| e.listed_reason.contains("第（六）项"))
    );
    assert!(entries.iter().any(|e| e.listed_reason.contains("执123号")));

    // Again: nothing changes.
    let out = env.run(&["credit", "import-dishonest", file.to_str().unwrap()]);
    let (stdout, _) = text(&out);
    assert!(
        stdout.contains("新增 0 条，更新 0 条，未变 2 条"),
        "{stdout}"
    );
    assert_eq!(env.db.store.credit_entries(u).await.unwrap().len(), 2);
    env.finish().await;
}
