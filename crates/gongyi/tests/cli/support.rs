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
