//! The shell on Tauri's mock runtime: the real command table, state and main window, driven
//! through the IPC layer as the front-end drives it, with no window system.

use std::time::Instant;

use clap::Parser;
use gatehouse_app::{build_app, create_main, AppState, Args};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;

// The server tests' std-only helpers (the workspace's debug binaries, a throw-away PostgreSQL, a
// server process), compiled in rather than linked: gatehouse-testpg's PostgreSQL client would
// change the features of crates the window's GTK stack shares, and rebuild that stack in release
// for these tests alone.
#[path = "../../crates/testpg/src/server.rs"]
#[allow(dead_code)]
mod server;
use server::{Postgres, ServerProcess};

fn invoke(webview: &tauri::WebviewWindow<tauri::test::MockRuntime>, cmd: &str, body: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(body),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(webview, request).map(|r| r.deserialize::<Value>().unwrap())
}

#[test]
fn the_wizard_and_console_commands_answer_through_the_shell_on_the_mock_runtime() {
    let dir = tempfile::tempdir().unwrap();
    let args = Args::parse_from(["gatehouse", "--data-dir", dir.path().to_str().unwrap(), "--demo"]);
    let state = AppState::open(&args, Instant::now()).expect("the demo school opens");
    let app = build_app(mock_builder(), state, mock_context(noop_assets())).expect("the app builds");
    // The setup opens it when the event loop starts; the mock runtime has no loop to start.
    let main = create_main(app.handle()).expect("the main window opens");

    let first = invoke(&main, "current_screen", json!({})).unwrap();
    assert_eq!(first["screen"], "sign_in", "{first}");
    // The window starts in the school's language (English unless `[locale] default_language`).
    assert_eq!(invoke(&main, "app_info", json!({})).unwrap()["language"], "en");
    let wrong =
        json!({"request": {"action": "sign_in", "login": "Chloe_Ng@students.edu.sg", "password": "Not-Hers-123"}});
    let r = invoke(&main, "wizard", wrong).unwrap();
    assert_eq!((r["screen"].as_str(), r["error"]["code"].as_str()), (Some("sign_in"), Some("login_failed")), "{r}");
    assert_eq!(r["error"]["id"], "login-failed", "the error carries its message id: {r}");
    let right = json!({"request": {"action": "sign_in", "login": "Chloe_Ng@students.edu.sg", "password": "Blue-Otter-Lantern-7"}});
    assert_eq!(invoke(&main, "wizard", right).unwrap()["screen"], "applications");

    // An administrator's wrong code is refused with the core's error object, by message id.
    let sign_in = json!({"login": "Irene_Tan@schools.gov.sg", "password": "Blue-Otter-Lantern-7", "code": "000000"});
    let refused = invoke(&main, "admin_sign_in", sign_in).unwrap_err();
    assert_eq!(refused["code"], "admin_sign_in_failed", "{refused}");
    assert!(refused["id"].as_str().is_some_and(|id| !id.is_empty()), "{refused}");

    // The console's commands refuse without an administrator signed in, with the core's shape.
    let refused = invoke(&main, "console_whoami", json!({})).unwrap_err();
    assert_eq!(refused["code"], "not_signed_in", "{refused}");
    assert!(refused["message"].as_str().is_some_and(|m| !m.is_empty()), "{refused}");
    let refused = invoke(&main, "console_request", json!({"request": {"op": "transfers"}})).unwrap_err();
    assert_eq!(refused["code"], "not_signed_in", "{refused}");
    // The first run's live checklist is refused once a school has administrators.
    let typed = json!({"login": "Zed_Ong@schools.gov.sg", "name": "Zed Ong", "password": "Blue-Otter-Lantern-7"});
    let refused = invoke(&main, "first_admin_password_rules", typed).unwrap_err();
    assert_eq!(refused["id"], "first-run-done", "{refused}");
}

#[test]
fn a_kiosks_idle_reset_ends_an_administrators_console() {
    let dir = tempfile::tempdir().unwrap();
    let args = Args::parse_from(["gatehouse", "--data-dir", dir.path().to_str().unwrap(), "--demo", "--kiosk"]);
    let state = AppState::open(&args, Instant::now()).expect("the demo school opens");
    let app = build_app(mock_builder(), state, mock_context(noop_assets())).expect("the app builds");
    // A kiosk's window covers the monitor, which the mock runtime has none of (see `thin_app`).
    let main = tauri::WebviewWindowBuilder::new(app.handle(), "main", tauri::WebviewUrl::default())
        .build()
        .expect("the main window opens");
    let secret = gatehouse_core::otp::parse_base32(gatehouse_core::demo::ADMIN_TOTP_SECRET).unwrap();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let code = gatehouse_core::otp::totp(&secret, &gatehouse_core::otp::OtpParams::default(), now);
    let sign_in = json!({"login": "Irene_Tan@schools.gov.sg", "password": "Blue-Otter-Lantern-7", "code": code});
    invoke(&main, "admin_sign_in", sign_in).expect("the administrator signs in at the kiosk");
    assert!(invoke(&main, "console_whoami", json!({})).is_ok());
    // A class reset at the kiosk: its slips (temporary passwords) land in exports/.
    let reset = json!({"request": {"op": "reset", "logins": ["Chloe_Ng@students.edu.sg"]}});
    let answer = invoke(&main, "console_request", reset).expect("the reset is done");
    let slips = std::path::PathBuf::from(answer["slips"].as_str().expect("a slips file"));
    assert!(slips.exists(), "{answer}");
    // No viewer is started for them: it would be no window of the kiosk's, and outlive the console.
    let refused = invoke(&main, "console_open_file", json!({"path": slips})).unwrap_err();
    assert_eq!(refused["code"], "refused", "{refused}");
    // Nobody touches the kiosk: its idle reset ends the console with the person's session, and
    // the next person at it finds no slips.
    assert_eq!(invoke(&main, "reset_session", json!({})).unwrap()["screen"], "sign_in");
    let refused = invoke(&main, "console_whoami", json!({})).unwrap_err();
    assert_eq!(refused["code"], "not_signed_in", "{refused}");
    assert!(!slips.exists(), "the kiosk's console left {} behind", slips.display());
}

#[test]
fn a_kiosks_console_ends_at_the_kiosks_idle_time_without_the_window_asking() {
    use tauri::Listener;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let args = Args::parse_from(["gatehouse", "--data-dir", data, "--demo", "--kiosk", "--idle-seconds", "5"]);
    let state = AppState::open(&args, Instant::now()).expect("the demo school opens");
    let app = build_app(mock_builder(), state, mock_context(noop_assets())).expect("the app builds");
    let main = tauri::WebviewWindowBuilder::new(app.handle(), "main", tauri::WebviewUrl::default())
        .build()
        .expect("the main window opens");
    let heard = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let told = std::sync::Arc::clone(&heard);
    app.listen_any("console-session", move |e| told.lock().unwrap().push(e.payload().to_owned()));
    let secret = gatehouse_core::otp::parse_base32(gatehouse_core::demo::ADMIN_TOTP_SECRET).unwrap();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let code = gatehouse_core::otp::totp(&secret, &gatehouse_core::otp::OtpParams::default(), now);
    let sign_in = json!({"login": "Irene_Tan@schools.gov.sg", "password": "Blue-Otter-Lantern-7", "code": code});
    invoke(&main, "admin_sign_in", sign_in).expect("the administrator signs in at the kiosk");
    let reset = json!({"request": {"op": "reset", "logins": ["Chloe_Ng@students.edu.sg"]}});
    let answer = invoke(&main, "console_request", reset).expect("the reset is done");
    let slips = std::path::PathBuf::from(answer["slips"].as_str().expect("a slips file"));
    // She reads the list of temporary passwords for longer than the kiosk's idle time, moving
    // the mouse: the console window reports her input, and the console stays.
    for _ in 0..4 {
        std::thread::sleep(std::time::Duration::from_secs(2));
        invoke(&main, "console_activity", json!({})).expect("the console is still open while she uses it");
    }
    assert!(slips.exists(), "the console ended while in use");
    // She walks away, and the kiosk's window asks nothing (its sign-in screen is untouched): the
    // console ends by itself at the kiosk's idle time, not after 15 minutes, and its slips go.
    let left = Instant::now();
    while slips.exists() && left.elapsed() < std::time::Duration::from_secs(12) {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(!slips.exists(), "the console outlived the kiosk's idle time: {} is still there", slips.display());
    let waited = left.elapsed().as_secs_f64();
    assert!(waited >= 3.0, "the console ended before the kiosk's idle time: {waited:.1} s");
    let refused = invoke(&main, "console_whoami", json!({})).unwrap_err();
    assert_eq!(refused["code"], "not_signed_in", "ended by the shell, not only refused when asked: {refused}");
    assert!(invoke(&main, "console_activity", json!({})).is_err(), "no input keeps an ended console");
    // The kiosk's window heard that a console was open (it is not left alone meanwhile) and then
    // that it ended (told just after its files were deleted).
    let told = Instant::now();
    while heard.lock().unwrap().last().map(String::as_str) != Some("false") && told.elapsed().as_secs() < 3 {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let heard = heard.lock().unwrap().clone();
    assert_eq!(heard.first().map(String::as_str), Some("true"), "{heard:?}");
    assert_eq!(heard.last().map(String::as_str), Some("false"), "{heard:?}");
}

#[test]
fn a_kiosk_on_an_empty_install_never_offers_the_first_run() {
    // A kiosk is set up by the install's operator: a pupil at it must not make themselves the
    // school's first administrator, even before anyone has.
    let dir = tempfile::tempdir().unwrap();
    let args = Args::parse_from(["gatehouse", "--data-dir", dir.path().to_str().unwrap(), "--kiosk"]);
    let state = AppState::open(&args, Instant::now()).expect("an empty kiosk opens");
    let app = build_app(mock_builder(), state, mock_context(noop_assets())).expect("the app builds");
    let main = tauri::WebviewWindowBuilder::new(app.handle(), "main", tauri::WebviewUrl::default())
        .build()
        .expect("the main window opens");
    assert_eq!(invoke(&main, "app_info", json!({})).unwrap()["first_run"], false);
    let typed = json!({"login": "Zed_Ong@schools.gov.sg", "name": "Zed Ong", "password": "Blue-Otter-Lantern-7"});
    let refused = invoke(&main, "first_admin_password_rules", typed).unwrap_err();
    assert_eq!(refused["id"], "first-run-done", "{refused}");
    let details = json!({"details": {"login": "Zed_Ong@schools.gov.sg", "name": "Zed Ong", "kind": "school_staff",
        "location": "5521", "password": "Quiet-Harbour-Lamp-93", "confirm_password": "Quiet-Harbour-Lamp-93"}});
    let refused = invoke(&main, "first_admin_prepare", details).unwrap_err();
    assert_eq!(refused["id"], "first-run-done", "{refused}");
}

/// A thin client's data directory: `[server] url` (a port nobody listens on unless `url` is
/// given), the server's certificate, the device credential in a file (`key_store = "file"`).
fn thin_dir(url: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let toml = format!(
        "[server]\nurl = {url:?}\nca_file = \"ca.pem\"\n[secrets]\nkey_store = \"file\"\n[locale]\ndefault_language = \"ms\"\n"
    );
    std::fs::write(dir.path().join("gatehouse.toml"), toml).unwrap();
    let ca = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
    std::fs::write(dir.path().join("ca.pem"), ca.cert.pem()).unwrap();
    dir
}

fn thin_app(dir: &std::path::Path, kiosk: bool) -> tauri::WebviewWindow<tauri::test::MockRuntime> {
    let mut argv = vec!["gatehouse", "--data-dir", dir.to_str().unwrap()];
    if kiosk {
        argv.push("--kiosk");
    }
    let state = AppState::open(&Args::parse_from(argv), Instant::now()).expect("a thin client opens");
    let app = build_app(mock_builder(), state, mock_context(noop_assets())).expect("the app builds");
    // The app must outlive the test's window: leaked, as the process ends with the test.
    let app = Box::leak(Box::new(app));
    if !kiosk {
        return create_main(app.handle()).expect("the main window opens");
    }
    // A kiosk's window covers the monitor, which the mock runtime has none of: a plain window
    // with the same label (and so the same capability) stands in for it.
    tauri::WebviewWindowBuilder::new(app.handle(), "main", tauri::WebviewUrl::default())
        .build()
        .expect("the main window opens")
}

#[test]
fn a_thin_clients_data_directory_is_made_owner_only_and_a_ca_file_others_can_change_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let chmod = |p: &std::path::Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
    // Left writable by everyone: another local account could point this kiosk at a server (and
    // a certificate) of their own. It is tightened before anything in it is read.
    let dir = thin_dir("https://localhost:9");
    for (name, m) in [("gatehouse.toml", 0o666), ("ca.pem", 0o666)] {
        chmod(&dir.path().join(name), m);
    }
    chmod(dir.path(), 0o777);
    let args = Args::parse_from(["gatehouse", "--kiosk", "--data-dir", dir.path().to_str().unwrap()]);
    AppState::open(&args, Instant::now()).expect("a thin kiosk opens");
    assert_eq!(mode(dir.path()), 0o700);
    assert_eq!(mode(&dir.path().join("gatehouse.toml")), 0o600);
    assert_eq!(mode(&dir.path().join("ca.pem")), 0o600);
    // A certificate outside the data directory in a folder anyone may write to: refused, saying so.
    let shared = tempfile::tempdir().unwrap();
    std::fs::copy(dir.path().join("ca.pem"), shared.path().join("ca.pem")).unwrap();
    chmod(shared.path(), 0o777);
    let toml = format!(
        "[server]\nurl = \"https://localhost:9\"\nca_file = {:?}\n[secrets]\nkey_store = \"file\"\n",
        shared.path().join("ca.pem")
    );
    std::fs::write(dir.path().join("gatehouse.toml"), toml).unwrap();
    let e = AppState::open(&args, Instant::now()).err().expect("an untrusted ca_file is refused");
    let said = e.to_string();
    assert!(said.contains("server.ca_file") && said.contains("can be changed by other users"), "{said}");
}

fn names(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn a_thin_client_opens_no_database_and_says_the_server_cannot_be_reached() {
    let dir = thin_dir("https://localhost:9");
    let main = thin_app(dir.path(), false);

    let info = invoke(&main, "app_info", json!({})).unwrap();
    assert_eq!((info["server"].as_str(), info["first_run"].as_bool()), (Some("https://localhost:9"), Some(false)));
    assert_eq!(info["language"], "ms", "a thin client's window starts in its own [locale] default_language");
    for (cmd, body) in [
        ("current_screen", json!({})),
        ("wizard", json!({"request": {"action": "sign_in", "login": "Mei_Tan@students.edu.sg", "password": "x"}})),
        ("password_rules", json!({"password": "Tulip-Harbor-4827"})),
        ("reset_session", json!({})),
    ] {
        let e = invoke(&main, cmd, body).unwrap_err();
        assert_eq!(e["code"], "server_unreachable", "{cmd}: {e}");
        assert_eq!(e["id"], "server-unreachable", "{cmd}: the catalogue's sentence: {e}");
    }
    let e = invoke(&main, "open_dashboard_app", json!({"id": "icon"})).unwrap_err();
    assert_eq!(e["code"], "server_unreachable", "{e}");

    // The console is the server's: its sign-in cannot be checked now, nobody is signed in, and
    // the first administrator is made on the server.
    let sign_in = json!({"login": "Irene_Tan@schools.gov.sg", "password": "Blue-Otter-Lantern-7", "code": "000000"});
    assert_eq!(invoke(&main, "admin_sign_in", sign_in).unwrap_err()["code"], "server_unreachable");
    for (cmd, body) in [("console_whoami", json!({})), ("console_request", json!({"request": {"op": "transfers"}}))] {
        assert_eq!(invoke(&main, cmd, body).unwrap_err()["code"], "not_signed_in", "{cmd}");
    }
    let first = json!({"details": {"login": "a@schools.gov.sg", "name": "A", "kind": "school_staff", "location": "X",
        "password": "x", "confirm_password": "x"}});
    let e = invoke(&main, "first_admin_prepare", first).unwrap_err();
    assert_eq!(e["code"], "console_on_server", "{e}");
    assert!(e["message"].as_str().unwrap().contains("server"), "{e}");
    assert_eq!(names(dir.path()), ["ca.pem", "gatehouse.toml"], "no database, no key file, no secret");
}

#[test]
fn a_thin_kiosk_is_closed_by_its_break_glass_code_and_locks_after_five_wrong_ones() {
    let dir = thin_dir("https://localhost:9");
    gatehouse_client::break_glass::store(dir.path(), "HK7R-WQ3M-9TXA").unwrap();
    let main = thin_app(dir.path(), true);

    // The administrator's sign-in is checked by the server, which cannot be reached: the
    // break-glass code is the way.
    let sign_in = json!({"login": "Irene_Tan@schools.gov.sg", "password": "Blue-Otter-Lantern-7", "code": "000000"});
    assert_eq!(invoke(&main, "kiosk_exit", sign_in).unwrap_err()["code"], "server_unreachable");

    for _ in 0..4 {
        let e = invoke(&main, "kiosk_break_glass", json!({"code": "HK7R-WQ3M-9TXB"})).unwrap_err();
        assert_eq!(e["code"], "break_glass_wrong", "{e}");
    }
    let e = invoke(&main, "kiosk_break_glass", json!({"code": "HK7R-WQ3M-9TXB"})).unwrap_err();
    assert_eq!(e["code"], "break_glass_locked", "{e}");
    assert!(e["message"].as_str().unwrap().contains("5 minutes"), "{e}");
    let e = invoke(&main, "kiosk_break_glass", json!({"code": "HK7R-WQ3M-9TXA"})).unwrap_err();
    assert_eq!(e["code"], "break_glass_locked", "even the right code waits: {e}");
    assert_eq!(names(dir.path()), ["break-glass.phc", "ca.pem", "gatehouse.toml"]);
}

#[test]
fn a_thin_kiosk_without_a_break_glass_file_says_so_and_a_window_that_is_no_kiosk_has_no_code() {
    let dir = thin_dir("https://localhost:9");
    let kiosk = thin_app(dir.path(), true);
    assert_eq!(invoke(&kiosk, "kiosk_break_glass", json!({"code": "x"})).unwrap_err()["code"], "no_break_glass");
    gatehouse_client::break_glass::store(dir.path(), "HK7R-WQ3M-9TXA").unwrap();
    let person = thin_app(dir.path(), false);
    let e = invoke(&person, "kiosk_break_glass", json!({"code": "HK7R-WQ3M-9TXA"})).unwrap_err();
    assert_eq!(e["code"], "no_break_glass");
}

/// A debug binary of the workspace, as `make test-fast` built it (built here when it did not).
fn workspace_bin(name: &str) -> std::path::PathBuf {
    server::debug_bins().join(name)
}

/// The school's real `gatehouse-server` in `dir` (on its test PostgreSQL database), with its
/// defaults: only registered machines are let in.
fn start_server(dir: &std::path::Path, listen: &str) -> ServerProcess {
    ServerProcess::start(&workspace_bin("gatehouse-server"), dir, listen, "")
}

#[test]
fn a_thin_client_signs_in_on_the_real_server_waits_out_an_outage_and_keeps_nothing_on_the_machine() {
    // The school: PostgreSQL, a key file and a certificate on the server's side only.
    let school = tempfile::tempdir().unwrap();
    let password_file = school.path().join("db-password");
    let database = Postgres::start(&password_file);
    let (url, password_file) = (&database.url, password_file.display().to_string());
    let storage =
        format!("[storage]\nurl = {url:?}\npassword_file = {password_file:?}\n[secrets]\nkey_store = \"file\"\n");
    std::fs::write(school.path().join("gatehouse.toml"), storage).unwrap();
    let key = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
    std::fs::write(school.path().join("server.crt"), key.cert.pem()).unwrap();
    std::fs::write(school.path().join("server.key"), key.signing_key.serialize_pem()).unwrap();
    let create = ["admin", "create", "--json", "--login", "Mei_Tan@students.edu.sg", "--name", "Mei Tan"];
    let out = std::process::Command::new(workspace_bin("gatehouse-cli"))
        .arg("--data-dir")
        .arg(school.path())
        .args(create)
        .args(["--kind", "student", "--level", "p4_6"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let created: Value = serde_json::from_slice(&out.stdout).unwrap();
    let temporary = created["temporary_password"].as_str().unwrap().to_owned();
    let mut server = start_server(school.path(), "127.0.0.1:0");

    // The machine: its configuration and the server's certificate, nothing else.
    let client = tempfile::tempdir().unwrap();
    std::fs::write(client.path().join("server.pem"), key.cert.pem()).unwrap();
    let toml =
        format!("[server]\nurl = {:?}\nca_file = \"server.pem\"\n[secrets]\nkey_store = \"file\"\n", server.url());
    std::fs::write(client.path().join("gatehouse.toml"), toml).unwrap();
    // Registered as the school's IT team would: a code issued on the server, exchanged on the
    // machine for its own credential.
    let cli = |dir: &std::path::Path, args: &[&str]| {
        let out =
            std::process::Command::new(workspace_bin("gatehouse-cli")).arg("--data-dir").arg(dir).args(args).output();
        let out = out.unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    };
    let issued: Value = serde_json::from_slice(&cli(school.path(), &["admin", "device", "code", "--json"])).unwrap();
    cli(client.path(), &["device", "register", "--code", issued["code"].as_str().unwrap(), "--name", "shell-laptop"]);
    let main = thin_app(client.path(), false);

    assert_eq!(invoke(&main, "current_screen", json!({})).unwrap()["screen"], "sign_in");
    let sign_in = json!({"request": {"action": "sign_in", "login": "Mei_Tan@students.edu.sg", "password": temporary}});
    let r = invoke(&main, "wizard", sign_in).unwrap();
    assert_eq!((r["screen"].as_str(), &r["error"]), (Some("set_questions"), &Value::Null), "{r}");
    let r = invoke(&main, "wizard", json!({"request": {"action": "no_such_action"}})).unwrap();
    assert_eq!(r["screen"], "set_questions", "a refused request stays on the screen: {r}");
    assert!(r["error"]["code"].is_string(), "{r}");

    // The server goes away: every command says so, and nothing is lost on the server.
    let port = server.port().to_owned();
    server.stop();
    let e = invoke(&main, "wizard", json!({"request": {"action": "sign_out"}})).unwrap_err();
    assert_eq!(e["code"], "server_unreachable", "{e}");
    assert_eq!(invoke(&main, "current_screen", json!({})).unwrap_err()["code"], "server_unreachable");

    // Back on the same port: the same session goes on where it was.
    let _server = start_server(school.path(), &format!("127.0.0.1:{port}"));
    assert_eq!(invoke(&main, "current_screen", json!({})).unwrap()["screen"], "set_questions");
    // A reset ends the server's session and starts another, on sign-in.
    assert_eq!(invoke(&main, "reset_session", json!({})).unwrap()["screen"], "sign_in");
    assert_eq!(
        names(client.path()),
        ["device.credential", "gatehouse.toml", "server.pem"],
        "no database, no data key, no secret of the school: only the machine's own credential"
    );
}
