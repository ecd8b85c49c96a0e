//! Spawns the app on 127.0.0.1:0 with a fresh database, a small realistic data set, a fixed
//! clock, and three officials.

use chrono::{NaiveDate, TimeZone, Utc};
use gongyi_search::{OrgDoc, SearchIndex};
use gongyi_server::{AppState, Config, FixedClock};
use gongyi_store::NewUser;
use gongyi_store::testing::TestDb;
use gongyi_synth::Synth;
use gongyi_types::{DivisionCode, OrgKind, Organization, Sections, Uscc};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

static LEDGERS: AtomicU64 = AtomicU64::new(0);
/// The origin of every test node's ledger.
pub const ORIGIN: &str = "gongyi.test/ledger";

pub const PASSWORD: &str = "Test-password-1";
/// A county official of 北京市朝阳区.
pub const CHAOYANG: &str = "chaoyang";
/// A county official of 北京市海淀区.
pub const HAIDIAN: &str = "haidian";
/// A provincial official of 浙江省.
pub const ZHEJIANG: &str = "zhejiang";

pub struct TestApp {
    pub base: String,
    pub db: TestDb,
    pub state: AppState,
    pub client: reqwest::Client,
    pub orgs: Vec<Organization>,
    pub ledger_dir: std::path::PathBuf,
    /// The node's clock: tests move it with `clock.set(..)`.
    pub clock: FixedClock,
}

/// A second server on a [`TestApp`]'s database ([`TestApp::replica`]).
pub struct Replica {
    pub base: String,
    pub state: AppState,
}

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

/// An organization with a chosen name, registrar and kind (other fields from the generator).
pub fn org(i: u64, name: &str, division: &str, kind: OrgKind) -> (Organization, Sections) {
    let (mut o, s) = Synth::new(99, today()).org(i);
    let body = format!("TU{:06}", i);
    o.uscc = Uscc::assemble('5', kind.uscc_category(), division, &body).unwrap();
    o.name = name.to_string();
    o.kind = kind;
    o.division = DivisionCode::parse(division).unwrap();
    o.credit = s.credit_status();
    (o, s)
}

/// Organizations every test can rely on, plus generated ones.
pub fn fixtures() -> Vec<(Organization, Sections)> {
    let mut v = vec![
        org(1, "中国社会工作联合会", "100000", OrgKind::SocialGroup),
        org(
            2,
            "北京市朝阳区阳光社会工作服务中心",
            "110105",
            OrgKind::SocialService,
        ),
        org(
            3,
            "北京市海淀区青少年发展基金会",
            "110108",
            OrgKind::Foundation,
        ),
        org(
            4,
            "杭州市西湖区老年人体育协会",
            "330106",
            OrgKind::SocialGroup,
        ),
    ];
    // One with no sections at all, so empty sections can be seen.
    let mut empty = org(5, "北京市朝阳区书法家协会", "110105", OrgKind::SocialGroup);
    empty.1 = Sections::default();
    empty.0.credit = gongyi_types::CreditStatus::Normal;
    v.push(empty);
    let synth = Synth::new(7, today());
    v.extend((0..150).map(|i| synth.org(i)));
    v
}

/// What a test node is configured with beyond the defaults.
#[derive(Default)]
pub struct Setup {
    /// Use this ledger directory (prepared by the test) instead of a new one.
    pub ledger_dir: Option<std::path::PathBuf>,
    /// Logs this node witnesses.
    pub witness_logs: Vec<gongyi_ledger::VerifierKey>,
    /// Witnesses this node pushes its checkpoints to.
    pub witness_urls: Vec<String>,
    /// Complaints per address and hour (default: the platform's).
    pub complaints_per_hour: Option<u32>,
    /// Reverse proxies whose `X-Forwarded-For` counts.
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

/// A fresh ledger directory name for a test.
pub fn ledger_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "gongyi_ledger_{}_{}",
        std::process::id(),
        LEDGERS.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        Self::spawn_with(Setup::default()).await
    }

    pub async fn spawn_with(setup: Setup) -> TestApp {
        let db = TestDb::new().await;
        let items = fixtures();
        db.store
            .create_orgs(&items, "test", "2026-11-27T00:00:00Z")
            .await
            .unwrap();
        for (username, division, role) in [
            (CHAOYANG, "110105", "officer"),
            (HAIDIAN, "110108", "officer"),
            (ZHEJIANG, "330000", "officer"),
        ] {
            let hash = gongyi_server::auth::password::hash(PASSWORD).unwrap();
            let u = NewUser {
                username: username.into(),
                display_name: format!("{username} 工作人员"),
                password_hash: hash,
                role: role.into(),
                division: division.into(),
            };
            db.store
                .create_user(&u, "test", "2026-11-27T00:00:00Z")
                .await
                .unwrap();
        }
        let index = Arc::new(SearchIndex::in_memory().unwrap());
        index
            .rebuild(items.iter().map(|(o, _)| OrgDoc::from_org(o)))
            .unwrap();
        let clock = FixedClock::new(Utc.with_ymd_and_hms(2026, 11, 27, 2, 0, 0).unwrap());
        let mut config = Config {
            secure_cookies: false,
            ..Config::default()
        };
        if let Some(n) = setup.complaints_per_hour {
            config.complaints_per_hour = n;
        }
        config.trusted_proxies = setup.trusted_proxies.clone();
        let ledger_dir = setup.ledger_dir.unwrap_or_else(ledger_dir);
        let ledger = gongyi_server::ledger::LedgerHandle::open(&ledger_dir, ORIGIN)
            .unwrap()
            .with_witnesses(&setup.witness_urls);
        let mut state = AppState::new(db.store.clone(), index, Arc::new(clock.clone()), config)
            .with_ledger(Arc::new(ledger))
            .with_archive(Arc::new(
                gongyi_server::platform::archive::Archive::open(
                    &ledger_dir.with_extension("archive"),
                )
                .unwrap(),
            ))
            .with_open_data(gongyi_server::exchange::OpenData::new(
                ledger_dir.with_extension("open-data"),
            ));
        if !setup.witness_logs.is_empty() {
            let w = gongyi_server::ledger::WitnessHandle::open(
                &ledger_dir,
                "witness.test/w1",
                &setup.witness_logs,
            )
            .unwrap();
            state = state.with_witness(Arc::new(w));
        }
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let s = state.clone();
        tokio::spawn(async move { gongyi_server::serve(s, listener).await });
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        TestApp {
            base,
            db,
            state,
            client,
            orgs: items.into_iter().map(|(o, _)| o).collect(),
            ledger_dir,
            clock,
        }
    }

    /// A second server on the same database, as a replica behind a load balancer is: its own
    /// connection pool, its own index built from the database, the same clock, no ledger.
    pub async fn replica(&self) -> Replica {
        let store = gongyi_store::Store::connect(&self.db.url).await.unwrap();
        let index = Arc::new(SearchIndex::in_memory().unwrap());
        let mut docs = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let page = store.orgs_after(after.as_deref(), 1000).await.unwrap();
            let Some(last) = page.last() else { break };
            after = Some(last.uscc.to_string());
            docs.extend(page.iter().map(OrgDoc::from_org));
        }
        index.rebuild(docs.into_iter()).unwrap();
        let config = Config {
            secure_cookies: false,
            ..Config::default()
        };
        let state = AppState::new(store, index, Arc::new(self.clock.clone()), config);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let s = state.clone();
        tokio::spawn(async move { gongyi_server::serve(s, listener).await });
        Replica { base, state }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    pub async fn get_with(&self, path: &str, cookie: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .header("cookie", cookie)
            .send()
            .await
            .unwrap()
    }

    /// The body of a page fetched with a session cookie.
    pub async fn page_with(&self, path: &str, cookie: &str) -> String {
        self.get_with(path, cookie).await.text().await.unwrap()
    }

    pub async fn json(&self, path: &str) -> (u16, serde_json::Value) {
        let r = self.get(path).await;
        let status = r.status().as_u16();
        (status, r.json().await.unwrap())
    }

    /// Posts a form with the session cookie (the fields include the CSRF token where needed).
    pub async fn post_form(
        &self,
        path: &str,
        cookie: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .header("cookie", cookie)
            .form(fields)
            .send()
            .await
            .unwrap()
    }

    /// Logs in through the form; returns the session cookie (`name=value`).
    pub async fn login(&self, username: &str, password: &str) -> Result<String, reqwest::Response> {
        let page = self.get("/login").await;
        let csrf_cookie = set_cookies(&page)
            .into_iter()
            .find(|c| c.starts_with("gongyi_login_csrf="))
            .unwrap();
        let html = page.text().await.unwrap();
        let csrf = hidden(&html, "csrf");
        let r = self
            .client
            .post(self.url("/login"))
            .header("cookie", csrf_cookie)
            .form(&[
                ("username", username),
                ("password", password),
                ("csrf", &csrf),
                ("next", "/admin"),
            ])
            .send()
            .await
            .unwrap();
        match set_cookies(&r)
            .into_iter()
            .find(|c| c.starts_with("gongyi_session=") && c.len() > "gongyi_session=".len())
        {
            Some(c) if r.status().as_u16() == 303 => Ok(c),
            _ => Err(r),
        }
    }

    /// The node's ledger.
    pub fn ledger(&self) -> Arc<gongyi_server::ledger::LedgerHandle> {
        self.state.ledger.clone().unwrap()
    }

    pub async fn finish(self) {
        let _ = std::fs::remove_dir_all(&self.ledger_dir);
        self.db.drop_db().await;
    }
}

/// An activation code for `uscc`'s online-services account, issued as its registration
/// authority would (the official's page is tested in `auth.rs`).
pub async fn activation_code(app: &TestApp, uscc: &str) -> String {
    use gongyi_server::auth::activation;
    let code = activation::generate();
    let digest = activation::digest(&activation::normalize(&code).unwrap());
    app.db
        .store
        .issue_activation_code(
            uscc,
            &digest,
            "user:chaoyang",
            "2026-11-27T00:00:00Z",
            "2026-12-27T00:00:00Z",
        )
        .await
        .unwrap();
    code
}

/// The `name=value` part of every Set-Cookie header.
pub fn set_cookies(r: &reqwest::Response) -> Vec<String> {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").to_string())
        .collect()
}

/// The value of a hidden input in a page.
pub fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no hidden {name} in page"))
        + marker.len();
    html[start..].split('"').next().unwrap().to_string()
}

/// Runs the independent Python verifier `scripts/verify_note.py` on `note` with `vkeys` (every
/// one must have signed); returns whether it accepted and what it printed. Fails the test if
/// python3 cannot be run.
pub fn python_verify(note: &[u8], vkeys: &[String]) -> (bool, String) {
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/verify_note.py");
    let file = ledger_dir().with_extension("note");
    std::fs::write(&file, note).unwrap();
    let mut cmd = std::process::Command::new("python3");
    cmd.arg(&script).arg("--all");
    for k in vkeys {
        cmd.arg("--vkey").arg(k);
    }
    let out = cmd
        .arg(&file)
        .output()
        .unwrap_or_else(|e| panic!("python3 is needed for the independent verifier: {e}"));
    let _ = std::fs::remove_file(&file);
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), printed)
}

/// The double-submit cookie and the hidden token of a login or registration form at `path`.
pub async fn form_csrf(app: &TestApp, path: &str) -> (String, String) {
    let r = app.get(path).await;
    assert_eq!(r.status(), 200, "{path}");
    let c = set_cookies(&r)
        .into_iter()
        .find(|c| c.starts_with("gongyi_login_csrf="))
        .unwrap();
    let html = r.text().await.unwrap();
    (c, hidden(&html, "csrf"))
}

/// Registers a person's account (for 成立登记) with `phone` and `password` through the form.
pub async fn register_person(app: &TestApp, phone: &str, password: &str) -> reqwest::Response {
    let (c, t) = form_csrf(app, "/account/register?kind=person").await;
    app.post_form(
        "/account/register",
        &c,
        &[
            ("csrf", t.as_str()),
            ("kind", "person"),
            ("contact_name", "王发起"),
            ("phone", phone),
            ("password", password),
            ("password2", password),
        ],
    )
    .await
}
