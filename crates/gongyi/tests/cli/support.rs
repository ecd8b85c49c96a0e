//! Running `gongyi` against a per-test database.

use gongyi_interchange::{Format, OrgWriter};
use gongyi_store::testing::TestDb;
use gongyi_synth::Synth;
use gongyi_types::Organization;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Env {
    pub db: TestDb,
    pub dir: PathBuf,
}

impl Env {
    pub async fn new() -> Env {
        let db = TestDb::new().await;
        let dir = std::env::temp_dir().join(format!(
            "gongyi-cli-{}-{}",
            std::process::id(),
            rand_suffix()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        Env { db, dir }
    }

    pub fn cmd(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_gongyi"));
        c.arg("--database-url")
            .arg(&self.db.url)
            .arg("--data-dir")
            .arg(&self.dir)
            .env("GONGYI_LOG", "warn");
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }

    pub async fn finish(self) {
        let _ = std::fs::remove_dir_all(&self.dir);
        self.db.drop_db().await;
    }
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
        % 1_000_000_000_000
}

pub fn orgs(n: u64) -> Vec<Organization> {
    let s = Synth::new(11, chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
    (0..n).map(|i| s.org(i).0).collect()
}

pub fn write(path: &Path, orgs: &[Organization], format: Format) {
    let mut w = OrgWriter::create(path, format).unwrap();
    for o in orgs {
        w.write(o).unwrap();
    }
    w.finish().unwrap();
}

pub fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// Starts `serve --listen 127.0.0.1:0 EXTRA…` and returns the child and the base URL it
/// printed; its log goes to `<dir>/serve-stderr.txt`. The caller kills and waits for it.
#[allow(clippy::zombie_processes)]
pub fn serve_logged(env: &Env, extra: &[&str]) -> (std::process::Child, String) {
    use std::io::BufRead;
    let mut child = env
        .cmd()
        .args(["serve", "--listen", "127.0.0.1:0"])
        .args(extra)
        .stdout(std::process::Stdio::piped())
        .stderr(std::fs::File::create(env.dir.join("serve-stderr.txt")).unwrap())
        .spawn()
        .unwrap();
    let out = child.stdout.take().unwrap();
    let mut lines = std::io::BufReader::new(out).lines();
    let mut printed = String::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        printed.push_str(&line);
        printed.push('\n');
        if let Some(rest) = line.split("已启动：http://").nth(1) {
            let base = format!("http://{}", rest.split('/').next().unwrap());
            std::fs::write(env.dir.join("serve-stdout.txt"), &printed).unwrap();
            // Keep draining stdout so the server never blocks on a full pipe.
            std::thread::spawn(move || lines.for_each(drop));
            return (child, base);
        }
    }
    panic!("serve printed no address: {printed}");
}

/// One active organization in good standing (synthetic organization `i` of `seed`, founded
/// 2021-01-05) with its annual reports of 2021 to `last_report` filed: what the credit tests
/// start from.
pub async fn org_with_reports(env: &Env, seed: u64, i: u64, last_report: i32) -> Organization {
    let (mut o, _) =
        Synth::new(seed, chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()).org(i);
    o.founded = chrono::NaiveDate::from_ymd_opt(2021, 1, 5).unwrap();
    o.status = gongyi_types::RegStatus::Active;
    o.credit = gongyi_types::CreditStatus::Normal;
    env.db
        .store
        .create_orgs(
            &[(o.clone(), gongyi_types::Sections::default())],
            "test",
            "2026-01-01T00:00:00Z",
        )
        .await
        .unwrap();
    for year in 2021..=last_report {
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
            .record_annual_report(o.uscc.as_str(), &r, "test", "2026-01-01T00:00:00Z")
            .await
            .unwrap();
    }
    o
}
