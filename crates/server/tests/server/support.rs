//! A school for the server tests: a data directory, a fresh PostgreSQL database, one key file
//! and one certificate that every server process of the school shares, server processes started
//! from the built binary, and an HTTPS client that trusts exactly that certificate. The server
//! benchmark (`benches/server`) builds its school from this module too.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use gatehouse_core::admin::{Admin, CreateRequest};
use gatehouse_core::config::Config;
use gatehouse_core::Engine;
use serde_json::{json, Value};

pub struct School {
    pub dir: tempfile::TempDir,
    database: gatehouse_testpg::TestDatabase,
    storage: String,
    cert_pem: String,
    /// The credential of the school's first registered machine, a kiosk (`lab-kiosk01`),
    /// which every server of [`School::server`] speaks as.
    pub kiosk: String,
}

impl School {
    pub fn new() -> Self {
        Self::on(gatehouse_testpg::database())
    }

    /// A school on `database` (e.g. of a PostgreSQL server of the test's own, to restart).
    pub fn on(database: gatehouse_testpg::TestDatabase) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let (url, password) = database.storage_url();
        let password_file = dir.path().join("db-password");
        gatehouse_testpg::write_password_file(&password_file, &password.unwrap_or_default()).unwrap();
        let key = rcgen::generate_simple_self_signed(vec!["localhost".into(), "127.0.0.1".into()]).unwrap();
        let cert_pem = key.cert.pem();
        std::fs::write(dir.path().join("server.crt"), &cert_pem).unwrap();
        std::fs::write(dir.path().join("server.key"), key.signing_key.serialize_pem()).unwrap();
        let storage = format!(
            "[storage]\nurl = {url:?}\npassword_file = {:?}\n\n[secrets]\nkey_store = \"file\"\nkey_file = {:?}\n",
            password_file.display().to_string(),
            dir.path().join("data.key").display().to_string(),
        );
        let mut school = Self { dir, database, storage, cert_pem, kiosk: String::new() };
        school.kiosk = school.register("lab-kiosk01", true);
        school
    }

    /// Registers a machine as the operator would (a one-use code), without a server; returns
    /// its credential.
    pub fn register(&self, name: &str, kiosk: bool) -> String {
        let code = self.code(1, kiosk);
        let (_, credential) = gatehouse_core::devices::enrol(&self.engine(), &code, name, kiosk).unwrap();
        credential.reveal().to_owned()
    }

    /// A fresh enrolment code for `uses` kiosks (`kiosk`) or other machines, valid for an hour.
    pub fn code(&self, uses: u32, kiosk: bool) -> String {
        let admin = Admin::new(self.engine(), "admin:test");
        admin.issue_enrolment_code(uses, 1, kiosk).unwrap().code.expose().to_owned()
    }

    /// gatehouse.toml for a server of this school: the shared `[storage]` and `[secrets]`, any
    /// port, the certificate, and `server` lines (e.g. `session_idle_seconds = 2`).
    pub fn config_text(&self, server: &str) -> String {
        format!(
            "{}\n[server]\nlisten = \"127.0.0.1:0\"\ncertificate = \"server.crt\"\nprivate_key = \"server.key\"\n{server}\n",
            self.storage
        )
    }

    /// An engine on the school's database, as an administrator's tool would open it.
    pub fn engine(&self) -> Arc<Engine> {
        let config = Config::from_toml(&self.config_text("")).unwrap();
        Engine::open_with(config, self.dir.path()).unwrap()
    }

    /// Creates a student; returns the temporary password.
    pub fn student(&self, login: &str, name: &str) -> String {
        let admin = Admin::new(self.engine(), "admin:test");
        let request = CreateRequest {
            login: login.into(),
            name: name.into(),
            kind: "student".into(),
            level: Some("p4_6".into()),
            location: Some("DEMO01".into()),
            ..CreateRequest::default()
        };
        admin.create(&request).unwrap().temporary_password.expose().to_owned()
    }

    /// Starts a server process with `server` lines added to its `[server]` section; its
    /// requests come from the school's kiosk ([`School::kiosk`]).
    pub fn server(&self, name: &str, server: &str) -> Server {
        let config = self.dir.path().join(format!("{name}.toml"));
        std::fs::write(&config, self.config_text(server)).unwrap();
        let mut server = Server::start(config, self.client(), Some(self.kiosk.clone()));
        server.tls = Some(self.tls());
        server
    }

    /// The database the school's servers share (for a query the engine has no call for).
    pub fn database(&self) -> &gatehouse_testpg::TestDatabase {
        &self.database
    }

    /// A TLS client configuration that trusts exactly this school's certificate.
    pub fn tls(&self) -> rustls::ClientConfig {
        let mut roots = rustls::RootCertStore::empty();
        roots.add(rustls::pki_types::CertificateDer::from(pem_body(&self.cert_pem))).unwrap();
        rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_root_certificates(roots)
            .with_no_client_auth()
    }

    pub fn client(&self) -> reqwest::blocking::Client {
        reqwest::blocking::Client::builder()
            .tls_backend_preconfigured(self.tls())
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap()
    }
}

/// The DER bytes of a one-certificate PEM.
fn pem_body(pem: &str) -> Vec<u8> {
    use base64::Engine as _;
    let b64: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    base64::engine::general_purpose::STANDARD.decode(b64).unwrap()
}

/// A running `gatehouse-server`; killed when dropped.
pub struct Server {
    child: Child,
    pub url: String,
    pub client: reqwest::blocking::Client,
    /// The `Gatehouse-Device` credential its requests carry.
    pub device: Option<String>,
    /// What its clients trust (the school's certificate), for a client of a test's own.
    pub tls: Option<rustls::ClientConfig>,
}

impl Server {
    /// Starts `gatehouse-server --config CONFIG` and waits for the line that says where it
    /// listens; its requests carry `device` as their `Gatehouse-Device` credential.
    pub fn start(config: PathBuf, client: reqwest::blocking::Client, device: Option<String>) -> Self {
        let mut child = spawn(&config, Stdio::inherit());
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let url = line
            .trim()
            .strip_prefix("gatehouse-server listening on ")
            .unwrap_or_else(|| panic!("the server did not start: {line:?}"))
            .replace("127.0.0.1", "localhost");
        Self { child, url, client, device, tls: None }
    }

    /// The same server, its requests from another machine (or from none).
    pub fn as_device(&self, device: Option<&str>) -> Client<'_> {
        Client { server: self, device: device.map(str::to_owned) }
    }

    /// The server's process id (the benchmark reads its memory from `/proc`).
    #[allow(dead_code)] // used by the benchmark only
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// `kill -9`: no shutdown, no goodbye.
    pub fn kill(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    fn me(&self) -> Client<'_> {
        Client { server: self, device: self.device.clone() }
    }

    pub fn get(&self, path: &str) -> (u16, String) {
        self.me().get(path)
    }

    /// Any request as this server's machine: see [`Client::call`].
    pub fn call(&self, method: reqwest::Method, path: &str, token: Option<&str>, body: Option<&Value>) -> (u16, Value) {
        self.me().call(method, path, token, body)
    }

    pub fn new_session(&self, body: Option<Value>) -> (String, Value) {
        self.me().new_session(body)
    }

    /// `POST /v1/sessions` `{"kind": kind}`: the status and the body.
    pub fn try_new_session_kind(&self, kind: &str) -> (u16, Value) {
        self.me().try_new_session(Some(serde_json::json!({ "kind": kind })))
    }

    pub fn act(&self, token: &str, action: &Value) -> (u16, Value) {
        self.me().act(token, action)
    }

    pub fn send_raw(&self, token: &str, body: Vec<u8>) -> (u16, Value) {
        self.me().send_raw(token, body)
    }

    pub fn expect(&self, token: &str, action: Value, screen: &str) -> Value {
        self.me().expect(token, action, screen)
    }

    pub fn current(&self, token: &str) -> (u16, Value) {
        self.me().current(token)
    }

    pub fn end(&self, token: &str) -> (u16, Value) {
        self.me().end(token)
    }
}

/// Requests to a server as one machine.
pub struct Client<'a> {
    server: &'a Server,
    device: Option<String>,
}

impl Client<'_> {
    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::blocking::RequestBuilder {
        let request = self.server.client.request(method, format!("{}{path}", self.server.url));
        match &self.device {
            Some(credential) => request.header("gatehouse-device", credential),
            None => request,
        }
    }

    /// Any request as this machine, with a bearer `token` and a JSON `body` when given: the
    /// status and the JSON answer.
    pub fn call(&self, method: reqwest::Method, path: &str, token: Option<&str>, body: Option<&Value>) -> (u16, Value) {
        let mut request = self.request(method, path);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        let r = request.send().unwrap();
        (r.status().as_u16(), r.json().unwrap())
    }

    pub fn get(&self, path: &str) -> (u16, String) {
        let r = self.request(reqwest::Method::GET, path).send().unwrap();
        (r.status().as_u16(), r.text().unwrap())
    }

    /// `POST /v1/sessions`: the token and the first screen.
    pub fn new_session(&self, body: Option<Value>) -> (String, Value) {
        let (status, v) = self.try_new_session(body);
        assert_eq!(status, 201, "{v}");
        (v["token"].as_str().unwrap().to_owned(), v["response"].clone())
    }

    /// `POST /v1/sessions`: the status and the body.
    pub fn try_new_session(&self, body: Option<Value>) -> (u16, Value) {
        let mut request = self.request(reqwest::Method::POST, "/v1/sessions");
        if let Some(body) = body {
            request = request.json(&body);
        }
        let r = request.send().unwrap();
        (r.status().as_u16(), r.json().unwrap())
    }

    /// `POST /v1/session/actions`: the status and the JSON body.
    pub fn act(&self, token: &str, action: &Value) -> (u16, Value) {
        self.send_raw(token, action.to_string().into_bytes())
    }

    pub fn send_raw(&self, token: &str, body: Vec<u8>) -> (u16, Value) {
        let r = self
            .request(reqwest::Method::POST, "/v1/session/actions")
            .bearer_auth(token)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .unwrap();
        (r.status().as_u16(), r.json().unwrap())
    }

    /// An action that must answer 200 with `screen`.
    pub fn expect(&self, token: &str, action: Value, screen: &str) -> Value {
        let (status, v) = self.act(token, &action);
        assert_eq!((status, v["screen"].as_str()), (200, Some(screen)), "{action} -> {v}");
        v
    }

    pub fn current(&self, token: &str) -> (u16, Value) {
        let r = self.request(reqwest::Method::GET, "/v1/session").bearer_auth(token).send().unwrap();
        (r.status().as_u16(), r.json().unwrap())
    }

    pub fn end(&self, token: &str) -> (u16, Value) {
        let r = self.request(reqwest::Method::DELETE, "/v1/session").bearer_auth(token).send().unwrap();
        (r.status().as_u16(), r.json().unwrap())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `gatehouse-server --config CONFIG` logging its warnings to `stderr`, its first line (where
/// it listens) to be read from its piped stdout.
fn spawn(config: &std::path::Path, stderr: Stdio) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_gatehouse-server"))
        .arg("--config")
        .arg(config)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .unwrap()
}

/// Starts `gatehouse-server --config CONFIG`, which must start, and stops it once it listens;
/// what it said on its way up (its warnings).
pub fn start_warnings(config: &std::path::Path) -> String {
    let mut child = spawn(config, Stdio::piped());
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    child.kill().unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(line.starts_with("gatehouse-server listening on "), "the server did not start: {line:?} {stderr}");
    stderr
}

/// Runs `gatehouse-server --config CONFIG`, which must stop at start; what it said.
pub fn refused_start(config: &std::path::Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_gatehouse-server")).arg("--config").arg(config).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "the server started: {stderr}");
    stderr
}

pub fn act(name: &str) -> Value {
    json!({ "action": name })
}

pub const NEW_PASSWORD: &str = "Sunny-Garden-Path-2026";

/// The student guide's first sign-in of `login`, step by step (the action and the screen it
/// answers), from the sign-in screen to the workspace dashboard.
pub fn first_sign_in_steps(login: &str, temporary: &str) -> [(Value, &'static str); 9] {
    [
        (json!({"action": "sign_in", "login": login, "password": temporary}), "set_questions"),
        (
            json!({"action": "set_questions", "questions": [
                {"question": "favourite_colour", "answer": "yellow"},
                {"question": "What is your favourite animal?", "answer": "hamster"},
                {"question": "favourite_book", "answer": "The Good Earth"}]}),
            "confirm_questions",
        ),
        (act("confirm_questions"), "questions_saved"),
        (act("continue"), "change_password"),
        (
            json!({"action": "change_password", "new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD}),
            "password_changing",
        ),
        (act("continue"), "password_changed"),
        (act("continue"), "applications"),
        (json!({"action": "open_app", "app": "icon"}), "terms"),
        (act("accept_terms"), "dashboard"),
    ]
}

/// The store's key of a browser's session cookie: SHA-256 under the label browser sessions are
/// kept under (never a machine token's plain SHA-256).
pub fn browser_session_key(cookie: &str) -> gatehouse_core::store::TokenHash {
    use sha2::{Digest, Sha256};
    let digest = Sha256::new().chain_update(b"gatehouse browser session\0").chain_update(cookie.as_bytes()).finalize();
    gatehouse_core::store::TokenHash(digest.into())
}
