//! Help, migrate, create-user, demo on a database that has data.

use crate::support::{Env, text};

#[tokio::test]
async fn help_lists_every_command() {
    let env = Env::new().await;
    let (out, _) = text(&env.run(&["--help"]));
    for c in [
        "serve", "migrate", "seed", "import", "export", "reindex", "admin", "bench",
    ] {
        assert!(out.contains(c), "--help lacks {c}:\n{out}");
    }
    let o = env.run(&["migrate"]);
    assert!(o.status.success());
    assert!(text(&o).0.contains("数据库结构版本"));
    env.finish().await;
}

#[tokio::test]
async fn create_user_validates_and_refuses_duplicates() {
    let env = Env::new().await;
    let o = env
        .cmd()
        .args([
            "admin",
            "create-user",
            "--username",
            "wang",
            "--division",
            "110105",
            "--role",
            "officer",
        ])
        .env("GONGYI_NEW_PASSWORD", "Strong-pass-2026")
        .output()
        .unwrap();
    assert!(o.status.success(), "{:?}", text(&o));
    let u = env.db.store.user_by_name("wang").await.unwrap().unwrap();
    assert!(u.password_hash.starts_with("$argon2id$"));
    let o = env
        .cmd()
        .args([
            "admin",
            "create-user",
            "--username",
            "wang",
            "--division",
            "110105",
        ])
        .env("GONGYI_NEW_PASSWORD", "Strong-pass-2026")
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(text(&o).1.contains("已存在"));
    let o = env
        .cmd()
        .args([
            "admin",
            "create-user",
            "--username",
            "li",
            "--division",
            "119999",
        ])
        .env("GONGYI_NEW_PASSWORD", "Strong-pass-2026")
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(text(&o).1.contains("119999"));
    let o = env
        .cmd()
        .args([
            "admin",
            "create-user",
            "--username",
            "li",
            "--division",
            "110105",
        ])
        .env("GONGYI_NEW_PASSWORD", "short")
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(text(&o).1.contains("密码至少需要10个字符"));
    env.finish().await;
}

#[tokio::test]
async fn seed_is_deterministic_and_indexes() {
    let env = Env::new().await;
    let o = env.run(&["seed", "--orgs", "300", "--seed", "5"]);
    assert!(o.status.success(), "{:?}", text(&o));
    assert_eq!(env.db.store.org_count().await.unwrap(), 300);
    assert!(text(&o).0.contains("索引 300 家"));
    // The data directory (database, archive, keys) is the owner's alone.
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&env.dir).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o700);
    // The same again conflicts and says how to go on; nothing half-written.
    let o = env.run(&["seed", "--orgs", "300", "--seed", "5"]);
    assert!(!o.status.success());
    assert!(text(&o).1.contains("--start"));
    assert_eq!(env.db.store.org_count().await.unwrap(), 300);
    let o = env.run(&["seed", "--orgs", "100", "--seed", "5", "--start", "300"]);
    assert!(o.status.success());
    assert_eq!(env.db.store.org_count().await.unwrap(), 400);
    env.finish().await;
}

/// Starts `serve` and returns the child and the base URL it printed; the caller kills and
/// waits for it.
#[allow(clippy::zombie_processes)]
fn serve(env: &Env, extra: &[&str]) -> (std::process::Child, String) {
    use std::io::BufRead;
    let mut child = env
        .cmd()
        .args(["serve", "--listen", "127.0.0.1:0"])
        .args(extra)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let out = child.stdout.take().unwrap();
    let mut printed = String::new();
    for line in std::io::BufReader::new(out).lines() {
        let line = line.unwrap();
        printed.push_str(&line);
        printed.push('\n');
        if let Some(rest) = line.split("http://").nth(1) {
            let base = format!("http://{}", rest.split('/').next().unwrap());
            std::fs::write(env.dir.join("serve-stdout.txt"), &printed).unwrap();
            return (child, base);
        }
    }
    panic!("serve printed no address: {printed}");
}

#[tokio::test]
async fn demo_fills_an_empty_database_and_leaves_a_full_one_alone() {
    let env = Env::new().await;
    let (mut child, base) = serve(&env, &["--demo", "--demo-orgs", "200"]);
    let printed = std::fs::read_to_string(env.dir.join("serve-stdout.txt")).unwrap();
    assert!(printed.contains("演示账号"), "{printed}");
    let health: serde_json::Value = reqwest_get(&format!("{base}/healthz")).await;
    // 200 synthetic organizations and 3 national ones named 中国社会…, which the pinyin
    // initials of the README's example find.
    assert_eq!(health["orgs_indexed"], 203);
    let zgsh = reqwest_get(&format!("{base}/api/v1/orgs?q=zgsh")).await;
    assert_eq!(zgsh["total"], 3, "{zgsh}");
    for item in zgsh["items"].as_array().unwrap() {
        assert!(
            item["name"].as_str().unwrap().starts_with("中国社会"),
            "{zgsh}"
        );
        assert_eq!(item["division"], "100000");
    }
    assert!(env.db.store.user_count().await.unwrap() >= 3);
    let list = reqwest_get(&format!("{base}/api/v1/illegal-orgs?per_page=100")).await;
    assert_eq!(
        list["total"], 50,
        "the demo publishes an illegal-organization list"
    );
    // Complaints and cases in every state of the procedure, one from an inspection.
    let counts = env.db.store.enforcement_counts().await.unwrap();
    assert_eq!((counts.complaints, counts.cases), (8, 9), "{counts:?}");
    let all = env
        .db
        .store
        .cases_in(gongyi_types::DivisionCode::NATIONAL, None, 100)
        .await
        .unwrap();
    for state in gongyi_types::enforcement::case_rules::ALL_STATES {
        assert!(
            all.iter().any(|c| c.state == state),
            "no demo case in {state:?}"
        );
    }
    assert!(printed.contains("网上办事演示账号"), "{printed}");
    // An activation code for an organization without an account, to try opening one.
    let line = printed
        .lines()
        .skip_while(|l| !l.starts_with("激活码"))
        .nth(1)
        .unwrap_or_else(|| panic!("no activation code printed: {printed}"));
    let uscc = line.trim().split(" / ").next().unwrap();
    let codes = env.db.store.activation_codes(uscc).await.unwrap();
    assert_eq!(codes.len(), 1, "{line}");
    assert!(codes[0].used_at.is_none());
    // Applications in every state; officials never see drafts, so the queue shows the rest.
    let queue = env
        .db
        .store
        .application_queue(
            gongyi_types::DivisionCode::NATIONAL,
            &Default::default(),
            100,
        )
        .await
        .unwrap();
    let states: std::collections::BTreeSet<&str> = queue.iter().map(|a| a.state.code()).collect();
    assert_eq!(states.len(), 8, "{states:?}");
    let mut drafts = 0;
    for id in 1..=20 {
        if let Some(a) = env.db.store.application(id).await.unwrap() {
            drafts += usize::from(a.state.code() == "draft");
        }
    }
    assert!(drafts >= 1, "a draft too");
    child.kill().unwrap();
    child.wait().unwrap();
    let audits = env.db.store.audit_count().await.unwrap();
    let (mut child, base) = serve(&env, &["--demo"]);
    let printed = std::fs::read_to_string(env.dir.join("serve-stdout.txt")).unwrap();
    assert!(printed.contains("未做任何改动"), "{printed}");
    let health: serde_json::Value = reqwest_get(&format!("{base}/healthz")).await;
    assert_eq!(health["orgs_indexed"], 203);
    assert_eq!(env.db.store.org_count().await.unwrap(), 203);
    assert_eq!(env.db.store.audit_count().await.unwrap(), audits);
    child.kill().unwrap();
    child.wait().unwrap();
    env.finish().await;
}

async fn reqwest_get(url: &str) -> serde_json::Value {
    reqwest::get(url).await.unwrap().json().await.unwrap()
}

/// The audit benchmark at a small size: builds a log, serves it with the real server, audits it
/// twice (the second time also checking consistency with the first) and prints the figure.
#[tokio::test]
async fn bench_ledger_audit_audits_a_served_log() {
    let env = Env::new().await;
    let dir = env.dir.join("bench-audit");
    let o = env.run(&[
        "bench",
        "ledger-audit",
        "--entries",
        "3000",
        "--dir",
        &dir.display().to_string(),
    ]);
    let (out, err) = text(&o);
    assert!(o.status.success(), "{out}{err}");
    assert!(out.contains("重算并核对了全部 3000 条记录的哈希"), "{out}");
    assert!(out.contains("与上次看到的检查点（3000 条）一致"), "{out}");
    assert!(out.contains("== gongyi ledger audit，3000 条"), "{out}");
    env.finish().await;
}

#[tokio::test]
async fn create_org_account_needs_a_registered_organization() {
    let env = Env::new().await;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let (o, s) = gongyi_synth::Synth::new(5, today).org(0);
    env.db
        .store
        .create_orgs(&[(o.clone(), s)], "test", "2026-11-27T00:00:00Z")
        .await
        .unwrap();
    let run = |uscc: &str| {
        env.cmd()
            .args([
                "admin",
                "create-org-account",
                "--uscc",
                uscc,
                "--contact-name",
                "李经办",
                "--phone",
                "010-12345678",
            ])
            .output()
            .unwrap()
    };
    let out = run(o.uscc.as_str());
    assert!(out.status.success(), "{:?}", text(&out));
    assert!(text(&out).0.contains("初始密码"));
    let a = env
        .db
        .store
        .applicant_by_login(o.uscc.as_str())
        .await
        .unwrap()
        .unwrap();
    assert!(a.password_hash.starts_with("$argon2id$"));
    // Twice, and a code not in the registry, are refused.
    assert!(!run(o.uscc.as_str()).status.success());
    let out = run("53100000500019795A");
    assert!(!out.status.success());
    assert!(text(&out).1.contains("登记信息中没有"));
    env.finish().await;
}

/// `admin issue-activation-code` prints a code for a registered organization (its digest is
/// stored, once; a second code retires the first); an unknown organization is refused.
#[tokio::test]
async fn issue_activation_code_prints_a_code_once_stored_as_a_digest() {
    let env = Env::new().await;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let (o, s) = gongyi_synth::Synth::new(5, today).org(0);
    env.db
        .store
        .create_orgs(&[(o.clone(), s)], "test", "2026-11-27T00:00:00Z")
        .await
        .unwrap();
    let run = |uscc: &str| {
        env.cmd()
            .args(["admin", "issue-activation-code", "--uscc", uscc])
            .output()
            .unwrap()
    };
    let out = run(o.uscc.as_str());
    assert!(out.status.success(), "{:?}", text(&out));
    let line = text(&out).0;
    let code = line.split('\t').nth(1).unwrap().to_string();
    assert_eq!(code.len(), 19, "{line}");
    assert!(run(o.uscc.as_str()).status.success());
    let codes = env
        .db
        .store
        .activation_codes(o.uscc.as_str())
        .await
        .unwrap();
    assert_eq!(codes.len(), 2);
    let out = run("53100000500019795A");
    assert!(!out.status.success());
    assert!(text(&out).1.contains("登记信息中没有"));
    env.finish().await;
}
