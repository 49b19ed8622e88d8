//! `gatehouse-cli session` as a thin client (`[server] url`): the real `gatehouse-server` on a
//! test PostgreSQL database, and a client data directory holding only gatehouse.toml and the
//! server's certificate.

use std::path::{Path, PathBuf};

use serde_json::json;

use gatehouse_testpg::server::ServerProcess;

use crate::common::*;

/// The `gatehouse-server` binary, as `make test-fast` builds it.
fn server_bin() -> PathBuf {
    gatehouse_testpg::server::debug_bins().join("gatehouse-server")
}

/// The school's `gatehouse-server` in `dir`, listening on `listen` (`127.0.0.1:0`: any free
/// port), with its defaults: only registered machines are let in.
fn start_server(dir: &Path, listen: &str) -> ServerProcess {
    ServerProcess::start(&server_bin(), dir, listen, "")
}

/// The school's server directory (PostgreSQL, a key file, a throw-away certificate) and a
/// student created there; returns the directory, the database and the temporary password.
fn school() -> (tempfile::TempDir, gatehouse_testpg::TestDatabase, String) {
    let database = gatehouse_testpg::database();
    let (dir, _) = postgres_dir(&database);
    let key = rcgen::generate_simple_self_signed(vec!["localhost".into(), "127.0.0.1".into()]).unwrap();
    std::fs::write(dir.path().join("server.crt"), key.cert.pem()).unwrap();
    std::fs::write(dir.path().join("server.key"), key.signing_key.serialize_pem()).unwrap();
    let (ok, v) = admin_json(
        dir.path(),
        &["create", "--login", "Mei_Tan@students.edu.sg", "--name", "Mei Tan", "--kind", "student", "--level", "p4_6"],
    );
    assert!(ok, "{v}");
    let temp = v["temporary_password"].as_str().unwrap().to_owned();
    (dir, database, temp)
}

/// A client data directory: gatehouse.toml with only `[server] url`, `ca_file` and a key store
/// of files (the credential in `device.credential`), the server's certificate, and the machine
/// registered with the running server as `name` with an enrolment code issued on the server.
fn client_dir(server_dir: &Path, url: &str, name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(server_dir.join("server.crt"), dir.path().join("server.pem")).unwrap();
    let config = format!("[server]\nurl = {url:?}\nca_file = \"server.pem\"\n\n[secrets]\nkey_store = \"file\"\n");
    std::fs::write(dir.path().join("gatehouse.toml"), config).unwrap();
    let (ok, issued) = admin_json(server_dir, &["device", "code"]);
    assert!(ok, "{issued}");
    let out = cli(dir.path(), &["device", "register", "--code", issued["code"].as_str().unwrap(), "--name", name]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    dir
}

#[test]
fn a_thin_client_signs_in_on_the_server_and_keeps_nothing_on_the_machine() {
    let (server_dir, _database, temp) = school();
    let server = start_server(server_dir.path(), "127.0.0.1:0");
    let client = client_dir(server_dir.path(), server.url(), "lab1-kiosk01");

    // A malformed line is answered as the embedded session answers it.
    let embedded_dir = tempfile::tempdir().unwrap();
    let mut embedded = Session::start(embedded_dir.path());
    let mut thin = Session::start(client.path());
    for bad in [&b"{\"action\": "[..], &b"not json"[..], &b"{\"action\":\"sign_in\",\"login\":7}"[..], &b"\xff\xfe"[..]]
    {
        let (want, got) = (embedded.send_raw(bad), thin.send_raw(bad));
        assert_eq!(got, want, "{}", String::from_utf8_lossy(bad));
        assert_eq!(got["error"]["code"], "bad_request");
        assert_eq!(got["signed_in"], false, "the server's signed_in comes through: {got}");
    }
    drop(embedded);

    let v = thin.sign_in("Mei_Tan@students.edu.sg", &temp);
    assert_eq!(v["screen"], "set_questions", "{v}");
    assert_eq!(v["error"], serde_json::Value::Null);
    assert_eq!(v["signed_in"], true, "{v}");
    drop(thin);
    assert_eq!(
        names(client.path()),
        ["device.credential", "gatehouse.toml", "server.pem"],
        "no database, no data key on the client: only its own credential"
    );
    assert!(!client.path().join("gatehouse.db").exists());
    // The config still shows what it holds.
    let out = cli(client.path(), &["config", "show"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains(&format!("url = {:?}", server.url())));
}

#[test]
fn a_thin_client_says_server_unreachable_and_goes_on_when_the_server_is_back() {
    let (server_dir, _database, temp) = school();
    let mut server = start_server(server_dir.path(), "127.0.0.1:0");
    let client = client_dir(server_dir.path(), server.url(), "lab1-kiosk02");
    let mut thin = Session::start(client.path());
    assert_eq!(thin.sign_in("Mei_Tan@students.edu.sg", &temp)["screen"], "set_questions");

    server.stop();
    for _ in 0..2 {
        let v = thin.send(json!({"action": "sign_out"}));
        assert_eq!(v["error"]["code"], "server_unreachable", "{v}");
        assert_eq!(v["error"]["id"], "server-unreachable", "{v}");
        assert!(v["error"]["message"].as_str().unwrap().contains("cannot be reached"), "{v}");
    }

    // Back on the same port: the same session goes on where it was.
    let listen = format!("127.0.0.1:{}", server.port());
    let _server = start_server(server_dir.path(), &listen);
    let v = thin.send_raw(b"{oops");
    assert_eq!(
        (v["screen"].as_str(), v["error"]["code"].as_str()),
        (Some("set_questions"), Some("bad_request")),
        "{v}"
    );
}

#[test]
fn a_thin_client_with_no_server_at_all_answers_every_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("gatehouse.toml"), "[server]\nurl = \"https://localhost:9\"\n").unwrap();
    let mut thin = Session::start(dir.path());
    for _ in 0..2 {
        assert_eq!(thin.send(json!({"action": "sign_in"}))["error"]["code"], "server_unreachable");
    }
    drop(thin);
    assert_eq!(names(dir.path()), ["gatehouse.toml"]);
}

#[test]
fn an_http_server_url_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("gatehouse.toml"), "[server]\nurl = \"http://localhost:8443\"\n").unwrap();
    let out = cli(dir.path(), &["session"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("https://"), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(names(dir.path()), ["gatehouse.toml"]);
}

/// The device contract against the real server, which refuses unregistered machines by default:
/// `gatehouse-cli device register` with an enrolment code from `admin device code`, the
/// credential on every request, and a revoked machine told so.
#[test]
fn a_machine_registered_with_an_enrolment_code_is_let_in_and_told_when_it_is_revoked() {
    let (server_dir, _database, temp) = school();
    let server = start_server(server_dir.path(), "127.0.0.1:0");
    let client = tempfile::tempdir().unwrap();
    std::fs::copy(server_dir.path().join("server.crt"), client.path().join("server.pem")).unwrap();
    let toml =
        format!("[server]\nurl = {:?}\nca_file = \"server.pem\"\n[secrets]\nkey_store = \"file\"\n", server.url());
    std::fs::write(client.path().join("gatehouse.toml"), toml).unwrap();

    let mut thin = Session::start(client.path());
    assert_eq!(thin.send(json!({"action": "sign_out"}))["error"]["code"], "device_unknown", "not yet registered");
    drop(thin);

    let (ok, issued) = admin_json(server_dir.path(), &["device", "code"]);
    assert!(ok, "{issued}");
    let code = issued["code"].as_str().unwrap();
    let out = cli(client.path(), &["device", "register", "--code", code, "--name", "library-laptop-3"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("as device “library-laptop-3”"));
    let again = cli(client.path(), &["device", "register", "--code", code, "--name", "library-laptop-4"]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("enrolment_code_invalid"), "a one-time code");

    let mut thin = Session::start(client.path());
    let v = thin.sign_in("Mei_Tan@students.edu.sg", &temp);
    assert_eq!(v["screen"], "set_questions", "{v}");
    let (ok, revoked) = admin_json(server_dir.path(), &["device", "revoke", "library-laptop-3"]);
    assert!(ok, "{revoked}");
    for _ in 0..2 {
        assert_eq!(thin.send(json!({"action": "sign_out"}))["error"]["code"], "device_revoked");
    }
    drop(thin);
    assert_eq!(names(client.path()), ["device.credential", "gatehouse.toml", "server.pem"]);
}
