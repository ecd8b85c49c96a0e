//! `gongyi credit import-dishonest FILE`: the courts' 失信被执行人 file. A bad line (or a code
//! not registered here) is reported as FILE:LINE and nothing is imported; a good file lists
//! the organization on 严重违法失信名单 (item (六)) at once; importing it again changes nothing.

use crate::support::{Env, org_with_reports, text};
use gongyi_types::CreditStatus;

#[tokio::test]
async fn a_court_file_lists_the_organization_serious_and_bad_lines_import_nothing() {
    let env = Env::new().await;
    let o = org_with_reports(&env, 7, 2, 2025).await;
    let u = o.uscc.as_str();
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
