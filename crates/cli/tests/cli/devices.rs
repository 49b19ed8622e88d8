//! `gatehouse-cli device register | forget` and the device credential on every session request,
//! against a small HTTPS stand-in for the server's `/v1/devices` and `/v1/session*` (the real
//! server's devices are built in parallel; these tests move to it once it has them). The
//! stand-in answers as the contract says and records the `Gatehouse-Device` header it receives.

use std::net::TcpListener;
use std::path::Path;
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::common::*;

const CODE: &str = "ENROL-2026-GOOD";
const CREDENTIAL: &str = "Y3JlZGVudGlhbC1vZi10aGlzLW1hY2hpbmUtMDAx";
/// A credential the stand-in treats as revoked.
const REVOKED: &str = "cmV2b2tlZC1jcmVkZW50aWFsLW9mLWEta2lvc2s";

/// What the stand-in received: each request's method and path, and its device header.
#[derive(Default)]
struct Seen(Mutex<Vec<(String, Option<String>)>>);

/// The stand-in server on a free loopback port (stopped with the test process).
struct Standin {
    url: String,
    cert_pem: String,
    seen: Arc<Seen>,
}

impl Standin {
    fn start() -> Standin {
        let key = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut tls = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(
                vec![key.cert.der().clone()],
                rustls::pki_types::PrivateKeyDer::try_from(key.signing_key.serialize_der()).unwrap(),
            )
            .unwrap();
        tls.alpn_protocols = vec![b"http/1.1".to_vec()];
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen = Arc::new(Seen::default());
        let app = Router::new()
            .route("/v1/devices", post(register))
            .route("/v1/sessions", post(create_session))
            .route("/v1/session/actions", post(screen))
            .route("/v1/session", get(screen).delete(end))
            .with_state(Arc::clone(&seen));
        let config = axum_server::tls_rustls::RustlsConfig::from_config(Arc::new(tls));
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
            runtime.block_on(async move {
                listener.set_nonblocking(true).unwrap();
                axum_server::from_tcp_rustls(listener, config).unwrap().serve(app.into_make_service()).await.unwrap();
            });
        });
        Standin { url: format!("https://localhost:{port}"), cert_pem: key.cert.pem(), seen }
    }

    /// A client data directory for this server (`key_store` "keyring" or "file").
    fn client_dir(&self, key_store: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("server.pem"), &self.cert_pem).unwrap();
        let toml =
            format!("[server]\nurl = {:?}\nca_file = \"server.pem\"\n[secrets]\nkey_store = {key_store:?}\n", self.url);
        std::fs::write(dir.path().join("gatehouse.toml"), toml).unwrap();
        dir
    }

    fn seen(&self) -> Vec<(String, Option<String>)> {
        self.seen.0.lock().unwrap().clone()
    }
}

fn error(status: StatusCode, code: &str, message: &str) -> Response {
    (status, Json(json!({"error": {"code": code, "message": message}}))).into_response()
}

fn note(seen: &Seen, what: &str, headers: &HeaderMap) -> Option<String> {
    let device = headers.get("gatehouse-device").map(|v| v.to_str().unwrap().to_owned());
    seen.0.lock().unwrap().push((what.to_owned(), device.clone()));
    device
}

async fn register(State(seen): State<Arc<Seen>>, headers: HeaderMap, body: String) -> Response {
    note(&seen, "POST /v1/devices", &headers);
    let Ok(request) = serde_json::from_str::<Value>(&body) else {
        return error(StatusCode::BAD_REQUEST, "bad_request", "The request could not be understood.");
    };
    if request["code"] != CODE || !request["kiosk"].is_boolean() {
        return error(StatusCode::FORBIDDEN, "enrolment_code_invalid", "This enrolment code is not valid.");
    }
    if request["name"] == "lab2-kiosk01" {
        return error(StatusCode::CONFLICT, "device_name_taken", "A device of this name is registered.");
    }
    let device = json!({"id": "dev_7", "name": request["name"]});
    (StatusCode::CREATED, Json(json!({"device": device, "credential": CREDENTIAL}))).into_response()
}

async fn create_session(State(seen): State<Arc<Seen>>, headers: HeaderMap) -> Response {
    if note(&seen, "POST /v1/sessions", &headers).as_deref() == Some(REVOKED) {
        return error(StatusCode::UNAUTHORIZED, "device_revoked", "This computer's registration was withdrawn.");
    }
    let body = json!({"token": "dG9rZW4tb2YtYS10ZXN0LXNlc3Npb24", "response": {"screen": "sign_in", "error": null}});
    (StatusCode::CREATED, Json(body)).into_response()
}

async fn screen(State(seen): State<Arc<Seen>>, headers: HeaderMap) -> Response {
    note(&seen, "session", &headers);
    // Written out: the server's field order, which `json!` (a sorted map) would not keep.
    ([(axum::http::header::CONTENT_TYPE, "application/json")], r#"{"screen":"sign_in","error":null}"#).into_response()
}

async fn end(State(seen): State<Arc<Seen>>, headers: HeaderMap) -> StatusCode {
    note(&seen, "DELETE /v1/session", &headers);
    StatusCode::NO_CONTENT
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn registering_keeps_the_credential_owner_only_and_never_prints_it() {
    let server = Standin::start();
    let dir = server.client_dir("file");
    let out = cli(dir.path(), &["device", "register", "--code", CODE, "--name", "library-laptop-3"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("as device “library-laptop-3” (id dev_7)"), "{}", stdout(&out));
    for text in [stdout(&out), stderr(&out)] {
        assert!(!text.contains(CREDENTIAL), "the credential is never printed: {text}");
    }
    let path = dir.path().join("device.credential");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), CREDENTIAL);
    #[cfg(unix)]
    assert_eq!(mode(&path), 0o600);
    assert_eq!(names(dir.path()), ["device.credential", "gatehouse.toml", "server.pem"], "no break-glass file");

    let out = cli(dir.path(), &["device", "forget"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!path.exists());
    assert!(stdout(&cli(dir.path(), &["device", "forget"])).contains("has no device credential"));
}

#[test]
fn a_kiosk_registration_prints_its_break_glass_code_once_and_keeps_only_the_hash() {
    let server = Standin::start();
    let dir = server.client_dir("file");
    let out = cli(dir.path(), &["device", "register", "--code", CODE, "--name", "lab2-kiosk07", "--kiosk"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let code = text
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 14 && l.split('-').map(str::len).eq([4, 4, 4]))
        .unwrap_or_else(|| panic!("no break-glass code in {text}"))
        .to_owned();
    assert_eq!(text.matches(&code).count(), 1, "printed once");
    assert!(!stderr(&out).contains(&code));
    let path = dir.path().join("break-glass.phc");
    let stored = std::fs::read_to_string(&path).unwrap();
    assert!(stored.starts_with("$argon2id$") && !stored.contains(&code), "{stored}");
    #[cfg(unix)]
    assert_eq!(mode(&path), 0o600);
    let mut glass = gatehouse_client::break_glass::load(dir.path()).unwrap().unwrap();
    assert_eq!(glass.check(&code.to_lowercase(), std::time::Instant::now()).unwrap(), Ok(()));
    assert!(glass.check("AAAA-BBBB-CCCC", std::time::Instant::now()).unwrap().is_err());
}

#[test]
fn a_wrong_enrolment_code_or_a_taken_name_is_refused_in_the_servers_words_and_nothing_is_kept() {
    let server = Standin::start();
    let dir = server.client_dir("file");
    for (code, name, expected) in
        [("WRONG", "lab2-kiosk09", "enrolment_code_invalid"), (CODE, "lab2-kiosk01", "device_name_taken")]
    {
        let out = cli(dir.path(), &["device", "register", "--code", code, "--name", name, "--kiosk"]);
        assert!(!out.status.success());
        assert!(stderr(&out).contains(expected), "{}", stderr(&out));
        assert!(stderr(&out).contains("nothing was registered"), "{}", stderr(&out));
        assert_eq!(names(dir.path()), ["gatehouse.toml", "server.pem"]);
    }
}

#[test]
fn a_registration_when_the_server_is_down_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("gatehouse.toml"), "[server]\nurl = \"https://localhost:9\"\n").unwrap();
    let out = cli(dir.path(), &["device", "register", "--code", CODE, "--name", "x"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("cannot be reached"), "{}", stderr(&out));
}

#[test]
fn device_commands_need_a_server_url() {
    let dir = tempfile::tempdir().unwrap();
    let out = cli(dir.path(), &["device", "forget"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("[server] url"), "{}", stderr(&out));
    assert!(!dir.path().join("gatehouse.db").exists(), "no database is opened");
}

/// The credential in the OS keyring (the real Secret Service under `scripts/with-keyring.sh`).
#[test]
fn every_session_request_carries_the_device_credential_from_the_keyring() {
    let server = Standin::start();
    let dir = server.client_dir("keyring");
    let out = cli(dir.path(), &["device", "register", "--code", CODE, "--name", "staff-laptop-12"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("in the OS keyring"), "{}", stdout(&out));
    assert_eq!(names(dir.path()), ["gatehouse.toml", "server.pem"], "nothing secret in the data directory");

    let mut thin = Session::start(dir.path());
    assert_eq!(thin.send(json!({"action": "sign_in", "login": "a", "password": "b"}))["screen"], "sign_in");
    // Refused before it is sent: the current screen (GET /v1/session) with the error.
    assert_eq!(thin.send_raw(b"\xff\xfe")["error"]["code"], "bad_request");
    drop(thin);
    let seen = server.seen();
    let session: Vec<_> = seen.iter().filter(|(what, _)| what != "POST /v1/devices").collect();
    assert!(session.len() >= 3, "{seen:?}");
    assert!(session.iter().all(|(_, device)| device.as_deref() == Some(CREDENTIAL)), "{seen:?}");

    assert!(cli(dir.path(), &["device", "forget"]).status.success());
    let mut thin = Session::start(dir.path());
    thin.send(json!({"action": "sign_out"}));
    drop(thin);
    assert_eq!(server.seen().last().unwrap().1, None, "forgotten: no header any more");
}

#[test]
fn a_revoked_device_is_told_so_on_each_line_and_not_retried_in_a_loop() {
    let server = Standin::start();
    let dir = server.client_dir("file");
    std::fs::write(dir.path().join("device.credential"), REVOKED).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.path().join("device.credential"), std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let mut thin = Session::start(dir.path());
    for _ in 0..2 {
        let v = thin.send(json!({"action": "sign_out"}));
        assert_eq!(v["error"]["code"], "device_revoked", "not server_unreachable: {v}");
    }
    drop(thin);
    let tries = server.seen().iter().filter(|(what, _)| what == "POST /v1/sessions").count();
    assert_eq!(tries, 2, "one try per line");
}
