//! The staff guide end to end through `gatehouse-cli session`: 2FA set-up with an email OTP read
//! from a real SMTP server on loopback (Python's aiosmtpd), a soft token enrolled from the QR
//! code decoded by a real reader (`zbarimg`), tested and used with codes from an independent
//! TOTP implementation (`oathtool`), and a self-service reset that asks for a code too. The data
//! key lives in the real Secret Service (`scripts/with-keyring.sh`, used by `make test`).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::common::*;

struct SmtpServer {
    child: Child,
    port: u16,
    maildir: PathBuf,
}

impl SmtpServer {
    fn start(dir: &Path) -> Self {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let maildir = dir.join("maildir");
        let child = Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 with aiosmtpd (make test installs it)");
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "the SMTP server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Self { child, port, maildir }
    }

    /// Every message received so far, oldest first.
    fn messages(&self) -> Vec<String> {
        let mut files: Vec<_> = std::fs::read_dir(self.maildir.join("new"))
            .map(|d| d.map(|e| e.unwrap().path()).collect())
            .unwrap_or_default();
        files.sort_by_key(|p| std::fs::metadata(p).unwrap().modified().unwrap());
        files.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect()
    }

    /// The code of OTP #`sequence` from the mail received for it.
    fn otp(&self, sequence: u64) -> String {
        let marker = format!("(OTP #{sequence}) is ");
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(m) = self.messages().iter().find(|m| m.contains(&marker)) {
                let at = m.find(&marker).unwrap() + marker.len();
                return m[at..at + 6].to_owned();
            }
            assert!(Instant::now() < deadline, "no mail with OTP #{sequence}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A TOTP code from oathtool, `offset` seconds from now.
fn oathtool(secret_base32: &str, offset: i64) -> String {
    let out = Command::new("oathtool")
        .args(["--totp", "-b", "-N", &format!("now {offset:+} seconds"), secret_base32])
        .output()
        .expect("oathtool (make test installs it)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// Decodes base32 (RFC 4648, no padding) with Python, independently of the code under test.
fn secret_bytes(base32: &str) -> Vec<u8> {
    let out = Command::new("python3")
        .args([
            "-c",
            "import base64,sys; s=sys.argv[1]; sys.stdout.buffer.write(base64.b32decode(s + '=' * (-len(s) % 8)))",
            base32,
        ])
        .output()
        .unwrap();
    out.stdout
}

fn zbarimg(png: &Path) -> String {
    let out = Command::new("zbarimg").args(["--raw", "-q"]).arg(png).output().expect("zbarimg (make test installs it)");
    assert!(out.status.success(), "zbarimg could not read the QR code");
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

fn require_keyring() {
    assert_eq!(
        std::env::var("GATEHOUSE_TEST_KEYRING").as_deref(),
        Ok("1"),
        "this test needs a Secret Service: run `make test` or `scripts/with-keyring.sh cargo test`"
    );
}

fn staff_dir(smtp: Option<&SmtpServer>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    if let Some(smtp) = smtp {
        std::fs::write(
            dir.path().join("gatehouse.toml"),
            format!("[smtp]\nhost = \"127.0.0.1\"\nport = {}\nsecurity = \"none\"\n", smtp.port),
        )
        .unwrap();
    }
    dir
}

/// Creates a staff account and walks its first sign-in to the applications page.
fn onboard(dir: &Path, login: &str, work_email: &str, extra: &[&str]) -> Session {
    let mut args = vec![
        "create",
        "--login",
        login,
        "--name",
        "Grace Lee Mei Ling",
        "--kind",
        "school_staff",
        "--location",
        "5521",
        "--work-email",
        work_email,
    ];
    args.extend_from_slice(extra);
    let (ok, v) = admin_json(dir, &args);
    assert!(ok, "{v}");
    let temp = v["temporary_password"].as_str().unwrap().to_owned();
    let mut s = Session::start_with(dir, &["--qr", dir.join("qr.png").to_str().unwrap()]);
    assert_eq!(s.sign_in(login, &temp)["screen"], "set_questions");
    s.expect(
        json!({"action": "set_questions", "questions": [
        {"question": "mothers_maiden_name", "answer": "Tan"}, {"question": "favourite_colour", "answer": "green"},
        {"question": "favourite_city", "answer": "Kyoto"}]}),
        "confirm_questions",
    );
    s.expect(act("confirm_questions"), "questions_saved");
    s.expect(act("continue"), "change_password");
    s.expect(change_password(NEW_PASSWORD), "password_changing");
    s.expect(act("continue"), "password_changed");
    s.expect(act("continue"), "applications");
    s
}

/// Section 1 steps 2–6: MIMS Identity Portal, Setup 2FA, login ID, Email OTP read from the SMTP server.
fn reach_self_service(s: &mut Session, smtp: &SmtpServer, login: &str) {
    let portal = s.expect(json!({"action": "open_app", "app": "identity_portal"}), "identity_portal");
    assert_eq!(portal["apps"][0]["name"], "Setup 2FA", "{portal}");
    assert_eq!(portal["signed_in"], true, "{portal}");
    s.expect(json!({"action": "open_app", "app": "setup_2fa"}), "setup_2fa_username");
    let wrong = s.send(json!({"action": "setup_2fa", "login": "someone_else@schools.gov.sg"}));
    assert_eq!(wrong["error"]["field"], "login");
    s.expect(json!({"action": "setup_2fa", "login": login.to_uppercase()}), "choose_method");
    let otp_screen = s.expect(json!({"action": "choose_method", "method": "email_otp"}), "email_otp");
    let sequence = otp_screen["sequence"].as_u64().unwrap();
    let masked = otp_screen["masked_address"].as_str().unwrap();
    assert!(masked.ends_with("•••@ces.gov.sg") && masked.chars().count() == 15, "{masked}");
    let code = smtp.otp(sequence);
    let wrong_code = if code == "000000" { "111111" } else { "000000" };
    let bad = s.send(json!({"action": "submit_email_otp", "code": wrong_code}));
    assert_eq!(bad["error"]["code"], "otp_incorrect", "{bad}");
    let service = s.expect(json!({"action": "submit_email_otp", "code": code}), "self_service");
    let names: Vec<&str> =
        service["enrolled"].as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Email OTP", "MIMS Password"]);
}

/// Section 1 steps 2–14: email OTP, soft token from the QR code, test. Returns the secret.
fn set_up_2fa(s: &mut Session, smtp: &SmtpServer, dir: &Path, login: &str) -> String {
    reach_self_service(s, smtp, login);
    let add = s.expect(act("add_soft_token"), "add_soft_token");
    let uri = add["otpauth_uri"].as_str().unwrap().to_owned();
    assert!(uri.starts_with("otpauth://totp/MIMS:"), "{uri}");
    assert!(add["qr_svg"].as_str().unwrap().contains("<svg"));
    // The QR code decodes, with a real reader, to exactly the URI.
    assert_eq!(zbarimg(&dir.join("qr.png")), uri);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.join("qr.png")).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the QR code holds the secret: owner-only");
    }
    // Going back and returning keeps the same secret (a reload must not regenerate it); the
    // QR code's file is there only while its screen shows.
    s.expect(act("go_back"), "self_service");
    assert!(!dir.join("qr.png").exists(), "the QR code (the secret) is removed once its screen is left");
    assert_eq!(s.expect(act("add_soft_token"), "add_soft_token")["otpauth_uri"], uri.as_str());
    assert_eq!(zbarimg(&dir.join("qr.png")), uri);
    let secret = add["secret"].as_str().unwrap().replace(' ', "");
    assert!(uri.contains(&format!("secret={secret}")));
    let saved = s.expect(json!({"action": "save_soft_token", "comment": "Google Authenticator"}), "self_service");
    let token =
        saved["enrolled"].as_array().unwrap().iter().find(|e| e["comment"] == "Google Authenticator").unwrap().clone();
    assert_eq!(token["status"], "Not tested yet");
    let edit = s.expect(json!({"action": "select_authenticator", "id": token["id"]}), "edit_authenticator");
    assert_eq!(edit["authenticator"]["serial"], Value::Null, "Token serial is not defined");
    s.expect(json!({"action": "test_authenticator"}), "test_authenticator");
    let wrong = s.send(json!({"action": "test_authenticator", "code": oathtool(&secret, 600)}));
    assert_eq!(wrong["error"]["code"], "otp_incorrect", "{wrong}");
    let skewed = s.send(json!({"action": "test_authenticator", "code": oathtool(&secret, -180)}));
    assert_eq!(skewed["error"]["code"], "clock_skew", "{skewed}");
    let passed = s.expect(json!({"action": "test_authenticator", "code": oathtool(&secret, 0)}), "edit_authenticator");
    assert_eq!(passed["banner"], "Authenticator \"Soft Token (OTP)\" passed the test");
    assert_eq!(passed["completion"], "You have successfully completed the MIMS 2FA set-up.");
    assert_eq!(s.expect(act("sign_out"), "signed_out")["signed_in"], false);
    secret
}

#[test]
fn staff_guide_sections_1_and_2_set_up_2fa_then_sign_in_to_icon_with_a_code() {
    require_keyring();
    let dir = tempfile::tempdir().unwrap();
    let smtp = SmtpServer::start(dir.path());
    let data = staff_dir(Some(&smtp));
    let login = "Grace_Lee@schools.gov.sg";
    let mut s = onboard(data.path(), login, "grace.lee@ces.gov.sg", &[]);
    let secret = set_up_2fa(&mut s, &smtp, data.path(), login);

    // Section 2: password, then ICON asks for the code. Sign out is offered only once signed in.
    assert_eq!(s.expect(act("continue"), "sign_in")["signed_in"], false);
    let apps = s.expect(json!({"action": "sign_in", "login": login, "password": NEW_PASSWORD}), "applications");
    assert_eq!(apps["signed_in"], true);
    s.expect(json!({"action": "open_app", "app": "icon"}), "totp_prompt");
    // The test used this time step; the next step's code (within the drift window) signs in.
    let code = oathtool(&secret, 30);
    s.expect(json!({"action": "submit_totp", "code": code}), "terms");
    s.expect(act("accept_terms"), "dashboard");
    s.expect(act("sign_out"), "signed_out");
    // The same code again is a replay.
    s.expect(act("continue"), "sign_in");
    s.expect(json!({"action": "sign_in", "login": login, "password": NEW_PASSWORD}), "applications");
    s.expect(json!({"action": "open_app", "app": "icon"}), "totp_prompt");
    let replay = s.send(json!({"action": "submit_totp", "code": code}));
    assert_eq!(replay["error"]["code"], "code_used", "{replay}");

    // The work email was told about the password change and the new token.
    let mails = smtp.messages();
    assert!(mails.iter().any(|m| m.contains("password of your MIMS account was changed")));
    assert!(mails.iter().any(|m| m.contains("soft token")));
    // Nothing secret in the database or its write-ahead log in clear (base32 or raw).
    let raw_secret = secret_bytes(&secret);
    for f in ["gatehouse.db", "gatehouse.db-wal"] {
        let bytes = std::fs::read(data.path().join(f)).unwrap();
        for needle in [secret.as_bytes(), raw_secret.as_slice(), NEW_PASSWORD.as_bytes()] {
            assert!(!bytes.windows(needle.len()).any(|w| w == needle), "{f} holds a secret in clear");
        }
    }
    // The administrator sees the token, never its secret, and can delete it.
    let (ok, shown) = admin_json(data.path(), &["show", "--login", login]);
    assert!(ok);
    assert_eq!(shown["authenticators"][0]["comment"], "Google Authenticator");
    assert_eq!(shown["authenticators"][0]["tested"], true);
    assert!(!shown.to_string().contains(&secret));
    // Once secrets are sealed, an unreachable keyring stops the app at start, naming the fix.
    let out = Command::new(bin())
        .arg("--data-dir")
        .arg(data.path())
        .args(["admin", "list"])
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("keyring is not reachable") && err.contains("key_store"), "{err}");
    // The database copied elsewhere, without the key, opens nothing.
    let copy = tempfile::tempdir().unwrap();
    for f in ["gatehouse.db", "gatehouse.db-wal"] {
        std::fs::copy(data.path().join(f), copy.path().join(f)).unwrap();
    }
    std::fs::write(copy.path().join("gatehouse.toml"), "[secrets]\nkey_store = \"file\"\n").unwrap();
    let out = cli(copy.path(), &["admin", "list"]);
    assert!(!out.status.success(), "a copy without its key must not open");
    assert!(String::from_utf8_lossy(&out.stderr).contains("key file"));

    let (ok, v) = admin_json(data.path(), &["delete-authenticators", "--login", login]);
    assert!(ok, "{v}");
    assert_eq!(v["deleted"], 1);
}

#[test]
fn staff_guide_section_4_a_reset_with_2fa_asks_for_a_code_too() {
    require_keyring();
    let dir = tempfile::tempdir().unwrap();
    let smtp = SmtpServer::start(dir.path());
    let data = staff_dir(Some(&smtp));
    let login = "Hui_Min@schools.gov.sg";
    let mut s = onboard(data.path(), login, "hui.min@ces.gov.sg", &[]);
    let secret = set_up_2fa(&mut s, &smtp, data.path(), login);
    s.expect(act("continue"), "sign_in");
    s.expect(act("forgot_password"), "sspr_search");
    let q = s.expect(json!({"action": "sspr_search", "login": login}), "sspr_questions");
    assert_eq!(q["questions"].as_array().unwrap().len(), 3, "staff answer all three");
    s.expect(json!({"action": "sspr_answer", "answers": ["tan", "GREEN", "kyoto"]}), "sspr_totp");
    let wrong = s.send(json!({"action": "submit_totp", "code": oathtool(&secret, 900)}));
    assert_eq!(wrong["error"]["code"], "otp_incorrect");
    s.expect(json!({"action": "submit_totp", "code": oathtool(&secret, 30)}), "change_password");
}

#[test]
fn a_work_email_at_the_icon_domain_gets_the_faq_11_explanation() {
    require_keyring();
    let data = staff_dir(None);
    let mut s = onboard(data.path(), "Ravi_Kumar@schools.gov.sg", "ravi_kumar@moe.edu.sg", &[]);
    s.expect(json!({"action": "open_app", "app": "identity_portal"}), "identity_portal");
    s.expect(json!({"action": "open_app", "app": "setup_2fa"}), "setup_2fa_username");
    s.expect(json!({"action": "setup_2fa", "login": "Ravi_Kumar@schools.gov.sg"}), "choose_method");
    let r = s.send(json!({"action": "choose_method", "method": "email_otp"}));
    assert_eq!(r["screen"], "error");
    assert_eq!(r["code"], "work_email_is_icon");
    assert!(r["message"].as_str().unwrap().contains("Local Administrator"));
    s.expect(act("continue"), "applications");
}

#[test]
fn without_smtp_the_otp_goes_to_the_outbox_and_a_generic_account_is_told_to_scan_together() {
    require_keyring();
    let data = staff_dir(None);
    let login = "Library@schools.gov.sg";
    let mut s = onboard(data.path(), login, "library.team@ces.gov.sg", &["--generic"]);
    s.expect(json!({"action": "open_app", "app": "identity_portal"}), "identity_portal");
    s.expect(json!({"action": "open_app", "app": "setup_2fa"}), "setup_2fa_username");
    s.expect(json!({"action": "setup_2fa", "login": login}), "choose_method");
    let screen = s.expect(json!({"action": "choose_method", "method": "email_otp"}), "email_otp");
    let marker = format!("(OTP #{}) is ", screen["sequence"]);
    // The outbox holds the password-change notice and the OTP, one .eml file each.
    let mails: Vec<String> = std::fs::read_dir(data.path().join("outbox"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert_eq!(mails.len(), 2);
    let mail = mails.iter().find(|m| m.contains(&marker)).expect("the OTP mail");
    let at = mail.find(&marker).expect("the OTP mail") + marker.len();
    s.expect(json!({"action": "submit_email_otp", "code": &mail[at..at + 6]}), "self_service");
    let add = s.expect(act("add_soft_token"), "add_soft_token");
    assert!(add["generic_note"].as_str().unwrap().contains("scan this same QR code now"));
}

#[test]
fn admin_mails_lists_a_persons_undelivered_mails_as_json_and_for_people_and_refuses_an_unknown_login() {
    require_keyring();
    let data = staff_dir(None);
    let login = "Grace_Lee@schools.gov.sg";
    let mut s = onboard(data.path(), login, "grace.lee@ces.gov.sg", &[]);
    s.expect(json!({"action": "open_app", "app": "identity_portal"}), "identity_portal");
    s.expect(json!({"action": "open_app", "app": "setup_2fa"}), "setup_2fa_username");
    s.expect(json!({"action": "setup_2fa", "login": login}), "choose_method");
    s.expect(json!({"action": "choose_method", "method": "email_otp"}), "email_otp");
    let (ok, answer) = admin_json(data.path(), &["mails", "--login", "grace_lee@SCHOOLS.gov.sg"]);
    assert!(ok, "{answer}");
    let mails = answer["mails"].as_array().expect("{\"mails\": [...]}");
    let subjects: Vec<&str> = mails.iter().map(|m| m["subject"].as_str().unwrap()).collect();
    assert_eq!(mails.len(), 2, "the password-change notice and the OTP: {subjects:?}");
    let otp = mails.iter().find(|m| m["subject"] == "MIMS OTP #1").expect("the OTP mail");
    assert!(otp["body"].as_str().unwrap().contains("(OTP #1) is "));
    assert_eq!((otp["email_otp"].as_bool(), otp["expired"].as_bool()), (Some(true), Some(false)));
    // ISO 8601 with the school's offset (Asia/Singapore by default).
    assert!(otp["sent"].as_str().unwrap().ends_with("+08:00"), "{otp}");
    let out = cli(data.path(), &["admin", "mails", "--login", login]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success() && text.contains("MIMS OTP #1") && text.contains("(OTP #1) is "), "{text}");
    assert!(text.contains(" am  ") || text.contains(" pm  "), "a time for people: {text}");
    let (ok, refused) = admin_json(data.path(), &["mails", "--login", "Nobody_Here@schools.gov.sg"]);
    assert!(!ok);
    assert_eq!(refused["error"]["code"], "not_found", "{refused}");
}

#[test]
fn a_data_key_store_that_cannot_be_reached_stops_with_the_fix() {
    // An install on the default key store, the OS keyring, with no sealed secret yet (the demo
    // school has one, its administrator's authenticator, and keeps its key in a file).
    let data = staff_dir(None);
    drop(onboard(data.path(), "Grace_Lee@schools.gov.sg", "grace.lee@ces.gov.sg", &[]));
    // Enrol nothing: the first use of the vault happens at enrolment. Point the keyring client
    // at a bus that does not exist and ask for an email OTP.
    let out = Command::new(bin())
        .arg("--data-dir")
        .arg(data.path())
        .arg("session")
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let input = [
        json!({"action": "sign_in", "login": "Grace_Lee@schools.gov.sg", "password": NEW_PASSWORD}),
        json!({"action": "open_app", "app": "identity_portal"}),
        json!({"action": "open_app", "app": "setup_2fa"}),
        json!({"action": "setup_2fa", "login": "Grace_Lee@schools.gov.sg"}),
        json!({"action": "choose_method", "method": "email_otp"}),
    ]
    .iter()
    .map(|v| v.to_string() + "\n")
    .collect::<String>();
    use std::io::Write;
    let mut child = out;
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    let last: Value = serde_json::from_str(String::from_utf8(output.stdout).unwrap().lines().last().unwrap()).unwrap();
    assert_eq!(last["code"], "SSPR 5019", "{last}");
    let log = String::from_utf8_lossy(&output.stderr);
    assert!(
        log.contains("key_store = \\\"file\\\"") || log.contains("key_store = \"file\""),
        "the log names the fix: {log}"
    );
}

fn hotp(secret_hex: &str, counter: u64) -> String {
    let out = Command::new("oathtool").args(["--hotp", "-c", &counter.to_string(), secret_hex]).output().unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

#[test]
fn hardware_tokens_are_imported_from_csv_and_pskc_and_enrolled_by_serial_and_code() {
    require_keyring();
    let dir = tempfile::tempdir().unwrap();
    let smtp = SmtpServer::start(dir.path());
    let data = staff_dir(Some(&smtp));
    // A broken file is refused whole, naming the line; nothing is imported.
    let broken = dir.path().join("broken.csv");
    std::fs::write(&broken, "TOTP-1,GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\nTOTP-2,???\n").unwrap();
    let (ok, v) = admin_json(data.path(), &["import-tokens", broken.to_str().unwrap()]);
    assert!(!ok && v["error"]["message"].as_str().unwrap().contains("line 2"), "{v}");
    assert_eq!(admin_json(data.path(), &["tokens"]).1["tokens"].as_array().unwrap().len(), 0);
    // A TOTP token from CSV and an HOTP token from PSKC (RFC 6030 layout).
    let csv = dir.path().join("tokens.csv");
    std::fs::write(&csv, "serial,secret\nTOTP-1,GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\n").unwrap();
    assert_eq!(admin_json(data.path(), &["import-tokens", csv.to_str().unwrap()]).1["imported"], 1);
    let pskc = dir.path().join("tokens.pskc");
    std::fs::write(
        &pskc,
        r#"<?xml version="1.0"?>
<KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc">
  <KeyPackage>
    <DeviceInfo><Manufacturer>Example</Manufacturer><SerialNo>HOTP-7</SerialNo></DeviceInfo>
    <Key Id="1" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp">
      <AlgorithmParameters><ResponseFormat Length="6" Encoding="DECIMAL"/></AlgorithmParameters>
      <Data><Secret><PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue></Secret><Counter><PlainValue>0</PlainValue></Counter></Data>
    </Key>
  </KeyPackage>
</KeyContainer>"#,
    )
    .unwrap();
    assert_eq!(admin_json(data.path(), &["import-tokens", pskc.to_str().unwrap()]).1["imported"], 1);
    let (ok, v) = admin_json(data.path(), &["import-tokens", csv.to_str().unwrap()]);
    assert!(!ok && v["error"]["code"] == "conflict", "a serial already in stock: {v}");

    let login = "Wei_Jie@schools.gov.sg";
    let mut s = onboard(data.path(), login, "wei.jie@ces.gov.sg", &[]);
    reach_self_service(&mut s, &smtp, login);
    s.expect(act("add_soft_token"), "add_soft_token");
    let wrong = s.send(json!({"action": "save_soft_token", "comment": "Key fob", "serial": "HOTP-7", "otp": "000000"}));
    assert_eq!(wrong["error"]["code"], "otp_incorrect", "{wrong}");
    // The token was pressed a few times before: the resynchronisation window finds counter 4.
    let secret_hex = "3132333435363738393031323334353637383930";
    let done = s.expect(
        json!({"action": "save_soft_token", "comment": "Key fob", "serial": "HOTP-7", "otp": hotp(secret_hex, 4)}),
        "edit_authenticator",
    );
    // Wei Jie's first tested authenticator: the completion, with ten recovery codes shown once.
    assert_eq!(done["authenticator"]["comment"], "Key fob");
    assert_eq!(done["authenticator"]["tested"], true);
    assert_eq!(done["completion_text"]["id"], "two-factor-set-up-completed");
    assert_eq!(done["recovery_codes"].as_array().unwrap().len(), 10, "{done}");
    let shown = admin_json(data.path(), &["show", "--login", login]).1;
    assert_eq!(shown["recovery_codes_left"], 10, "{shown}");
    assert!(!shown.to_string().contains(done["recovery_codes"][0]["code"].as_str().unwrap()));
    let stock = admin_json(data.path(), &["tokens"]).1;
    let bound: Vec<&Value> = stock["tokens"].as_array().unwrap().iter().filter(|t| !t["bound_to"].is_null()).collect();
    assert_eq!(bound.len(), 1);
    assert_eq!(bound[0]["serial"], "HOTP-7");
    // Sign-in to ICON with the token's next code; an old code is refused.
    s.expect(act("sign_out"), "signed_out");
    s.expect(act("continue"), "sign_in");
    s.expect(json!({"action": "sign_in", "login": login, "password": NEW_PASSWORD}), "applications");
    s.expect(json!({"action": "open_app", "app": "icon"}), "totp_prompt");
    assert_eq!(s.send(json!({"action": "submit_totp", "code": hotp(secret_hex, 4)}))["error"]["code"], "otp_incorrect");
    s.expect(json!({"action": "submit_totp", "code": hotp(secret_hex, 6)}), "terms");
    drop(s);

    // The fob is lost: unbinding frees it and removes it from Wei Jie's account.
    let (ok, v) = admin_json(data.path(), &["unbind-token", "--serial", "HOTP-7"]);
    assert!(ok, "{v}");
    let stock = admin_json(data.path(), &["tokens"]).1;
    assert!(stock["tokens"].as_array().unwrap().iter().all(|t| t["bound_to"].is_null()), "{stock}");
    // With no tested authenticator left, the recovery codes that stood in for it are cancelled.
    assert_eq!(admin_json(data.path(), &["show", "--login", login]).1["recovery_codes_left"], 0);
    let (ok, v) = admin_json(data.path(), &["unbind-token", "--serial", "HOTP-7"]);
    assert!(!ok && v["error"]["message"].as_str().unwrap().contains("not bound"), "{v}");
    let (ok, v) = admin_json(data.path(), &["unbind-token", "--serial", "NO-SUCH"]);
    assert!(!ok && v["error"]["message"].as_str().unwrap().contains("no hardware token"), "{v}");
}

#[test]
fn a_session_ended_by_ctrl_c_a_closed_terminal_or_kill_removes_the_qr_code_it_showed() {
    require_keyring();
    for signal in [libc::SIGINT, libc::SIGHUP, libc::SIGTERM] {
        let dir = tempfile::tempdir().unwrap();
        let smtp = SmtpServer::start(dir.path());
        let data = staff_dir(Some(&smtp));
        let login = "Grace_Lee@schools.gov.sg";
        let mut s = onboard(data.path(), login, "grace.lee@ces.gov.sg", &[]);
        reach_self_service(&mut s, &smtp, login);
        s.expect(act("add_soft_token"), "add_soft_token");
        let qr = data.path().join("qr.png");
        assert!(qr.exists());
        // SAFETY: sends a signal to the child process this test started.
        assert_eq!(unsafe { libc::kill(s.pid() as libc::pid_t, signal) }, 0);
        s.wait();
        assert!(!qr.exists(), "signal {signal}: the QR code (the secret) outlived the session");
    }
}
