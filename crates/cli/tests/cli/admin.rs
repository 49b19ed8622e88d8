use std::io::Write;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::{json, Value};

use crate::common::*;

#[test]
fn admin_create_prints_the_temporary_password_once_and_it_signs_in() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, v) = admin_json(
        dir.path(),
        &[
            "create",
            "--login",
            "Zara_Ong@students.edu.sg",
            "--name",
            "Zara Ong",
            "--kind",
            "student",
            "--level",
            "p1_3",
            "--location",
            "5521",
        ],
    );
    assert!(ok, "{v}");
    let temp = v["temporary_password"].as_str().unwrap();
    assert_eq!(v["account"]["state"], "temporary_password");
    assert_eq!(v["account"]["location"], "5521");
    let shown = admin_json(dir.path(), &["show", "--login", "zara_ong@students.edu.sg"]).1;
    assert!(!shown.to_string().contains(temp), "show never reveals the password");
    assert!(!shown.to_string().contains("argon2"), "nor its hash");
    let mut s = Session::start(dir.path());
    assert_eq!(s.sign_in("Zara_Ong@students.edu.sg", temp)["screen"], "set_questions");
}

/// `admin create` of a pupil with `env` and an info log: the temporary password and the log.
fn create_logging(dir: &Path, login: &str, env: &[(&str, &str)]) -> (String, String) {
    let out = Command::new(bin())
        .arg("--data-dir")
        .arg(dir)
        .args(["admin", "create", "--login", login, "--name", "Zara Ong", "--kind", "student"])
        .args(["--level", "p1_3", "--location", "5521", "--json"])
        .envs(env.iter().copied())
        .env("GATEHOUSE_LOG", "info")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    (v["temporary_password"].as_str().unwrap().to_owned(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn a_password_hashed_by_libsodium_signs_in_on_the_forced_fallback_and_the_other_way_round() {
    let dir = tempfile::tempdir().unwrap();
    let create = |login: &str, env: &[(&str, &str)]| create_logging(dir.path(), login, env);
    let fallback = [("GATEHOUSE_ARGON2", "rustcrypto")];
    let (by_libsodium, log) = create("Zara_Ong@students.edu.sg", &[]);
    assert!(log.contains("Argon2id backend backend=Libsodium"), "{log}");
    let (by_rustcrypto, log) = create("Zara_Tan@students.edu.sg", &fallback);
    assert!(log.contains("Argon2id backend backend=RustCrypto"), "{log}");

    let mut s = Session::start_with_env(dir.path(), &[], &fallback);
    assert_eq!(s.sign_in("Zara_Ong@students.edu.sg", &by_libsodium)["screen"], "set_questions");
    let mut s = Session::start(dir.path());
    assert_eq!(s.sign_in("Zara_Tan@students.edu.sg", &by_rustcrypto)["screen"], "set_questions");
    let mut s = Session::start_with_env(dir.path(), &[], &fallback);
    let refused = s.sign_in("Zara_Tan@students.edu.sg", &by_libsodium);
    assert_eq!(refused["screen"], "sign_in", "{refused}");
}

#[test]
fn a_misspelt_argon2_backend_is_named_in_a_warning_and_libsodium_hashes_as_usual() {
    let dir = tempfile::tempdir().unwrap();
    let create = |login: &str, backend: &str| create_logging(dir.path(), login, &[("GATEHOUSE_ARGON2", backend)]);
    let (password, log) = create("Zara_Ong@students.edu.sg", "rust-crypto");
    assert!(log.contains("GATEHOUSE_ARGON2 is neither libsodium nor rustcrypto; using libsodium"), "{log}");
    assert!(log.contains("value=\"rust-crypto\""), "{log}");
    assert!(log.contains("Argon2id backend backend=Libsodium"), "{log}");
    let mut s = Session::start(dir.path());
    assert_eq!(s.sign_in("Zara_Ong@students.edu.sg", &password)["screen"], "set_questions");
    // The name in another case is still the name.
    let (_, log) = create("Zara_Tan@students.edu.sg", " RustCrypto");
    assert!(log.contains("Argon2id backend backend=RustCrypto"), "{log}");
    assert!(!log.contains("neither"), "{log}");
}

#[test]
fn admin_create_refuses_a_login_that_does_not_fit_its_kind() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, v) = admin_json(
        dir.path(),
        &["create", "--login", "zara@schools.gov.sg", "--name", "Zara", "--kind", "student", "--level", "p1_3"],
    );
    assert!(!ok);
    assert_eq!(v["error"]["code"], "invalid_input");
    assert!(v["error"]["message"].as_str().unwrap().contains("@students.edu.sg"), "{v}");
    let out = cli(
        dir.path(),
        &["admin", "create", "--login", "t@schools.gov.sg", "--name", "T", "--kind", "school_staff", "--level", "p1_3"],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Only students have a level"));
    let (ok, v) =
        admin_json(dir.path(), &["create", "--login", "Kid@students.edu.sg", "--name", "Kid", "--kind", "student"]);
    assert!(!ok && v["error"]["message"].as_str().unwrap().contains("level"), "{v}");
}

#[test]
fn admin_create_refuses_a_duplicate_login_in_any_case() {
    let dir = demo_dir();
    let (ok, v) = admin_json(
        dir.path(),
        &["create", "--login", "ADA_LIM@students.edu.sg", "--name", "Ada", "--kind", "student", "--level", "p1_3"],
    );
    assert!(!ok);
    assert_eq!(v["error"]["code"], "conflict");
}

#[test]
fn admin_commands_on_an_unknown_login_say_so() {
    let dir = demo_dir();
    for cmd in ["show", "unlock", "clear-questions", "reset-password"] {
        let (ok, v) = admin_json(dir.path(), &[cmd, "--login", "Ghost@students.edu.sg"]);
        assert!(!ok, "{cmd}");
        assert_eq!(v["error"]["code"], "not_found", "{cmd}: {v}");
    }
}

#[test]
fn admin_unlock_lets_a_locked_student_sign_in() {
    let dir = demo_dir();
    let before = admin_json(dir.path(), &["show", "--login", "Dev_Kumar@students.edu.sg"]).1;
    assert_eq!(before["account"]["state"], "locked");
    let (ok, after) = admin_json(dir.path(), &["unlock", "--login", "Dev_Kumar@students.edu.sg"]);
    assert!(ok);
    assert_eq!(after["account"]["state"], "active");
    let mut s = Session::start(dir.path());
    assert_eq!(s.sign_in("Dev_Kumar@students.edu.sg", PASSWORD)["screen"], "applications");
}

#[test]
fn admin_clear_questions_makes_self_service_reset_show_sspr_5006() {
    let dir = demo_dir();
    let (ok, v) = admin_json(dir.path(), &["clear-questions", "--login", "Chloe_Ng@students.edu.sg"]);
    assert!(ok);
    assert_eq!(v["account"]["questions_set"], false);
    let mut s = Session::start(dir.path());
    s.expect(act("forgot_password"), "sspr_search");
    assert_eq!(s.send(json!({"action": "sspr_search", "login": "Chloe_Ng@students.edu.sg"}))["code"], "SSPR 5006");
}

#[test]
fn admin_set_work_email_updates_staff_and_refuses_students() {
    let dir = demo_dir();
    let (ok, v) = admin_json(
        dir.path(),
        &["set-work-email", "--login", "Henry_Wong@hq.moe.gov.sg", "--email", "henry.wong@ces.gov.sg"],
    );
    assert!(ok, "{v}");
    assert_eq!(v["account"]["work_email"], "henry.wong@ces.gov.sg");
    let (ok, v) =
        admin_json(dir.path(), &["set-work-email", "--login", "Ada_Lim@students.edu.sg", "--email", "a@ces.gov.sg"]);
    assert!(!ok && v["error"]["code"] == "invalid_input", "{v}");
}

#[test]
fn admin_list_filters_and_prints_accounts_under_one_key() {
    let dir = demo_dir();
    let (ok, v) = admin_json(dir.path(), &["list", "--kind", "student", "--level", "secondary"]);
    assert!(ok);
    let logins: Vec<&str> = v["accounts"].as_array().unwrap().iter().map(|a| a["login"].as_str().unwrap()).collect();
    assert_eq!(logins, ["Ben_Tan@students.edu.sg", "Eve_Goh@students.edu.sg", "Faris_Ali@students.edu.sg"]);
    let locked = admin_json(dir.path(), &["list", "--locked"]).1;
    assert_eq!(locked["accounts"].as_array().unwrap().len(), 1);
    let (ok, v) = admin_json(dir.path(), &["list", "--level", "p9"]);
    assert!(!ok && v["error"]["code"] == "invalid_input");
}

fn write(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::File::create(&p).unwrap().write_all(text.as_bytes()).unwrap();
    p
}

#[test]
fn admin_import_creates_good_rows_reports_bad_rows_by_line_and_writes_private_slips() {
    let dir = demo_dir();
    let csv = write(
        dir.path(),
        "class.csv",
        "name,login,kind,level,location\n\
         Ivy Tan,Ivy_Tan@students.edu.sg,student,p4_6,5521\n\
         Bad Domain,Bad_Domain@gmail.com,student,p4_6,5521\n\
         Jon Lee,Jon_Lee@students.edu.sg,student,,5521\n\
         Kim Ho,Kim_Ho@students.edu.sg,student,secondary,5521\n\
         Ivy Again,ivy_tan@students.edu.sg,student,p4_6,5521\n\
         Ada Dup,Ada_Lim@students.edu.sg,student,p4_6,5521\n\
         Short,Row@students.edu.sg\n\
         Lou Ng,Lou_Ng@students.edu.sg,teacher,,5521\n",
    );
    let out = cli(dir.path(), &["admin", "import", csv.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(2), "some rows were rejected: {}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["rows"], 8);
    assert_eq!(v["created_count"], 2);
    let lines: Vec<u64> = v["errors"].as_array().unwrap().iter().map(|e| e["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, [3, 4, 6, 7, 8, 9], "{v}");
    let reasons = v["errors"].to_string();
    assert!(
        reasons.contains("@students.edu.sg") && reasons.contains("level") && reasons.contains("line 2"),
        "{reasons}"
    );
    assert!(reasons.contains("already exists") && reasons.contains("expected 5 fields"), "{reasons}");
    let slips = dir.path().join("class-passwords.csv");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&slips).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let mut reader = csv::Reader::from_path(&slips).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][0], "Ivy_Tan@students.edu.sg");
    let mut s = Session::start(dir.path());
    assert_eq!(s.sign_in(&rows[1][0], &rows[1][4])["screen"], "set_questions");
    // A second import does not overwrite the slips of the first.
    let again = cli(dir.path(), &["admin", "import", csv.to_str().unwrap()]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists"));
}

#[test]
fn an_import_whose_passwords_file_cannot_be_written_creates_no_account() {
    let dir = demo_dir();
    let csv = write(
        dir.path(),
        "class.csv",
        "name,login,kind,level,location
Ivy Tan,Ivy_Tan@students.edu.sg,student,p4_6,5521
",
    );
    let nowhere = dir.path().join("no-such-folder").join("passwords.csv");
    let out =
        cli(dir.path(), &["admin", "import", csv.to_str().unwrap(), "--passwords-out", nowhere.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write"), "{}", String::from_utf8_lossy(&out.stderr));
    // Nothing was made whose temporary password would have been lost.
    let (ok, v) = admin_json(dir.path(), &["show", "--login", "Ivy_Tan@students.edu.sg"]);
    assert!(!ok, "{v}");
    // A file that fails as a whole leaves no empty passwords file behind.
    let bad = write(
        dir.path(),
        "bad.csv",
        "login,name,kind,level,location,shoe_size
",
    );
    let out = cli(dir.path(), &["admin", "import", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(!dir.path().join("bad-passwords.csv").exists());
}

/// The logins of a passwords file, each with its temporary password.
fn kept_passwords(path: &Path) -> std::collections::BTreeMap<String, String> {
    let mut file = csv::Reader::from_path(path).unwrap();
    file.records().map(|r| r.unwrap()).map(|r| (r[0].to_owned(), r[4].to_owned())).collect()
}

#[test]
fn an_import_stopped_by_a_signal_keeps_the_password_of_every_account_it_made() {
    for signal in [libc::SIGTERM, libc::SIGINT, libc::SIGKILL] {
        let dir = tempfile::tempdir().unwrap();
        let mut rows = String::from("name,login,kind,level,location\n");
        for n in 1..=1500 {
            rows.push_str(&format!("Pupil {n:04},Pupil_{n:04}@students.edu.sg,student,p1_3,5521\n"));
        }
        let csv = write(dir.path(), "class.csv", &rows);
        let out = dir.path().join("passwords.csv");
        let import = Command::new(bin())
            .arg("--data-dir")
            .arg(dir.path())
            .args(["admin", "import", csv.to_str().unwrap(), "--passwords-out", out.to_str().unwrap()])
            .env_remove("GATEHOUSE_DATA_DIR")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Stopped once a batch's passwords are kept (header and 100 rows), as it is written.
        let began = std::time::Instant::now();
        while std::fs::read_to_string(&out).map_or(0, |t| t.lines().count()) <= 100 {
            assert!(began.elapsed().as_secs() < 120, "no batch was kept");
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        // SAFETY: sends a signal to the child process this test started.
        assert_eq!(unsafe { libc::kill(import.id() as libc::pid_t, signal) }, 0);
        let ended = import.wait_with_output().unwrap();
        let (ok, listed) = admin_json(dir.path(), &["list"]);
        assert!(ok, "{listed}");
        let made: Vec<String> =
            listed["accounts"].as_array().unwrap().iter().map(|a| a["login"].as_str().unwrap().to_owned()).collect();
        assert!(made.len() < 1500, "signal {signal}: stopped only after the end");
        let kept = kept_passwords(&out);
        // Every account made has its password in the file: the kill at any moment included.
        let lost: Vec<&String> = made.iter().filter(|l| !kept.contains_key(*l)).collect();
        assert!(lost.is_empty(), "signal {signal}: the passwords of {lost:?} were lost");
        if signal == libc::SIGKILL {
            // Perhaps with a batch it did not make (killed between keeping and writing it).
            assert!(kept.len() - made.len() <= 100, "{} kept, {} made", kept.len(), made.len());
        } else {
            // Stopped between batches (the one kept is made): the file holds exactly the
            // accounts made, and says so.
            assert!(!made.is_empty(), "signal {signal}: nothing made");
            assert_eq!(kept.keys().collect::<Vec<_>>(), made.iter().collect::<Vec<_>>(), "signal {signal}");
            let said = String::from_utf8_lossy(&ended.stdout);
            let left = 1500 - made.len();
            assert!(said.contains(&format!("Stopped before the end: {left} rows were not imported")), "{said}");
            assert_eq!(ended.status.code(), Some(2), "{said}");
        }
        // A kept password is the account's.
        if let Some((login, password)) = kept.iter().find(|(l, _)| made.contains(l)) {
            let mut s = Session::start(dir.path());
            assert_eq!(s.sign_in(login, password)["screen"], "set_questions");
        }
    }
}

#[test]
fn an_import_file_granting_roles_is_refused_without_allow_roles_and_names_each_row() {
    // "The staff list" for IT, with one row that makes its author an administrator.
    let dir = tempfile::tempdir().unwrap();
    let csv = write(
        dir.path(),
        "staff.csv",
        "login,name,kind,level,location,roles\n\
         Fay_Koh@schools.gov.sg,Fay Koh,school_staff,,5521,\n\
         Zed_Ong@schools.gov.sg,Zed Ong,school_staff,,5521,sa;la;ao\n",
    );
    let (ok, v) = admin_json(dir.path(), &["import", csv.to_str().unwrap()]);
    let said = v["error"]["message"].as_str().unwrap_or_default();
    assert!(!ok && said.contains("line 3") && said.contains("--allow-roles"), "{v}");
    let (_, list) = admin_json(dir.path(), &["list"]);
    assert!(!list.to_string().contains("Fay_Koh"), "nothing was imported: {list}");
    assert!(!dir.path().join("staff-passwords.csv").exists());
    // Meant: imported, and the row that gives roles is named.
    let (ok, v) = admin_json(dir.path(), &["import", csv.to_str().unwrap(), "--allow-roles"]);
    assert!(ok, "{v}");
    assert_eq!(
        v["roles_granted"],
        serde_json::json!([{"line": 3, "login": "Zed_Ong@schools.gov.sg", "roles": "sa;la;ao"}])
    );
    assert_eq!(v["created_count"], 2, "{v}");
}

#[test]
fn admin_import_refuses_a_file_with_an_unknown_or_missing_column() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(dir.path(), "x.csv", "login,name,kind,level,location,shoe_size\n");
    let (ok, v) = admin_json(dir.path(), &["import", csv.to_str().unwrap()]);
    assert!(!ok && v["error"]["message"].as_str().unwrap().contains("shoe_size"), "{v}");
    let csv = write(dir.path(), "y.csv", "login,name,kind,level\n");
    let (ok, v) = admin_json(dir.path(), &["import", csv.to_str().unwrap()]);
    assert!(!ok && v["error"]["message"].as_str().unwrap().contains("location"), "{v}");
    let (ok, v) = admin_json(dir.path(), &["import", "/nonexistent/file.csv"]);
    assert!(!ok && v["error"]["message"].as_str().unwrap().contains("cannot read"), "{v}");
}

#[test]
fn admin_audit_records_each_action_and_exports_csv_and_json() {
    let dir = demo_dir();
    admin_json(dir.path(), &["unlock", "--login", "Dev_Kumar@students.edu.sg"]);
    let mut s = Session::start(dir.path());
    s.sign_in("Chloe_Ng@students.edu.sg", "Wrong-Password-99");
    drop(s);
    let (ok, v) = admin_json(dir.path(), &["audit", "--subject", "dev_kumar@students.edu.sg", "--event", "unlock"]);
    assert!(ok);
    let events = v["events"].as_array().unwrap();
    assert_eq!(events.len(), 1);
    assert!(events[0]["actor"].as_str().unwrap().starts_with("cli:"));
    let out = cli(dir.path(), &["admin", "audit", "--event", "sign_in_failed", "--format", "csv"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("id,at,actor,subject,event,outcome,machine,detail"), "{text}");
    assert!(text.contains("Chloe_Ng@students.edu.sg") && text.contains("wrong password"));
    assert!(!text.contains("Wrong-Password-99"), "no password in the audit log");
    let file = dir.path().join("audit.json");
    let out =
        cli(dir.path(), &["admin", "audit", "--limit", "0", "--format", "json", "--output", file.to_str().unwrap()]);
    assert!(out.status.success());
    let all: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert!(all["events"].as_array().unwrap().len() > 10);
    let (ok, v) = admin_json(dir.path(), &["audit", "--since", "yesterday"]);
    assert!(!ok && v["error"]["code"] == "invalid_input");
}

#[test]
fn admin_audit_until_a_date_includes_the_whole_of_the_schools_day_and_since_it_starts_at_its_midnight() {
    let dir = demo_dir();
    // A school whose day is not UTC's at this moment (UTC+14 from 11:00 UTC, UTC-12 before
    // 12:00 UTC): a date means the school's day, so "today" is its own.
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let zone = if now.rem_euclid(86_400) >= 11 * 3_600 { "Etc/GMT-14" } else { "Etc/GMT+12" };
    let toml = dir.path().join("gatehouse.toml");
    let config = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, format!("{config}\n[locale]\ntimezone = \"{zone}\"\n")).unwrap();
    admin_json(dir.path(), &["unlock", "--login", "Dev_Kumar@students.edu.sg"]);
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let today = gatehouse_core::clock::Zone::parse(zone).unwrap().iso(now)[..10].to_owned();
    assert_ne!(today, gatehouse_core::clock::rfc3339(now)[..10], "the school's day is not UTC's");
    let unlocks = |bounds: &[&str]| {
        let mut args = vec!["audit", "--event", "unlock"];
        args.extend_from_slice(bounds);
        let (ok, v) = admin_json(dir.path(), &args);
        assert!(ok, "{v}");
        v["events"].as_array().unwrap().len()
    };
    assert_eq!(unlocks(&["--until", &today]), 1, "the unlock a moment ago is within today");
    assert_eq!(unlocks(&["--since", &today]), 1);
    assert_eq!(unlocks(&["--since", &today, "--until", &today]), 1);
    assert_eq!(unlocks(&["--until", "2000-01-01"]), 0);
    let (ok, v) = admin_json(dir.path(), &["audit", "--until", "tomorrow"]);
    assert!(!ok && v["error"]["code"] == "invalid_input", "{v}");
    assert!(v["error"]["message"].as_str().unwrap().starts_with("until: \"tomorrow\""), "{v}");
}

#[cfg(unix)]
#[test]
fn a_command_whose_reader_goes_away_ends_quietly_instead_of_panicking() {
    use std::os::unix::process::ExitStatusExt;
    use std::process::Stdio;
    let dir = demo_dir();
    let mut cut_short = 0;
    for args in [&["config", "show"][..], &["admin", "audit"], &["admin", "list"]].iter().cycle().take(9) {
        let mut child = Command::new(bin())
            .arg("--data-dir")
            .arg(dir.path())
            .args(*args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // `| true`: the reader is gone before the first line
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        // Either everything fitted into the pipe before it closed, or the command ended there.
        let by_sigpipe = out.status.signal() == Some(libc::SIGPIPE);
        assert!(out.status.success() || by_sigpipe, "{args:?}: {:?}\n{stderr}", out.status);
        assert!(!stderr.contains("panicked") && !stderr.contains("Broken pipe"), "{args:?}: {stderr}");
        cut_short += usize::from(by_sigpipe);
    }
    assert!(cut_short > 0, "no command was cut short: the test proved nothing");
}

#[test]
fn config_init_writes_the_documented_defaults_and_a_bad_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    assert!(cli(dir.path(), &["config", "init"]).status.success());
    let text = std::fs::read_to_string(dir.path().join("gatehouse.toml")).unwrap();
    assert!(text.contains("password_threshold = 5"));
    let shown = String::from_utf8(cli(dir.path(), &["config", "show"]).stdout).unwrap();
    assert!(shown.contains("validity_days = 7"));
    std::fs::write(dir.path().join("gatehouse.toml"), "[lockout]\npassword_threshold = \"five\"\n").unwrap();
    let out = cli(dir.path(), &["admin", "list"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("gatehouse.toml") && err.contains("password_threshold"), "{err}");
}

/// Creates Real Kid, a real school's pupil, in `dir`.
fn create_real_kid(dir: &Path) {
    let create = [
        "create",
        "--login",
        "Real_Kid@students.edu.sg",
        "--name",
        "Real Kid",
        "--kind",
        "student",
        "--level",
        "p1_3",
        "--location",
        "5521",
    ];
    let (ok, v) = admin_json(dir, &create);
    assert!(ok, "{v}");
}

/// A real school's data directory (the keyring's data key, no demo configuration): Real Kid.
fn real_school() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    create_real_kid(dir.path());
    dir
}

fn logins(dir: &Path) -> Vec<String> {
    let (ok, v) = admin_json(dir, &["list"]);
    assert!(ok, "{v}");
    v["accounts"].as_array().unwrap().iter().map(|a| a["login"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn the_demo_is_never_seeded_into_a_data_directory_holding_a_real_school() {
    // Given the real school's directory, with or without a configuration of its own: the demo's
    // administrators (published password and authenticator secret) must never join it.
    for configured in [false, true] {
        let real = real_school();
        let config = real.path().join("gatehouse.toml");
        if configured {
            std::fs::write(&config, "[locale]\ndefault_language = \"en\"\n").unwrap();
        }
        let before = std::fs::read(&config).ok();
        for args in [&["demo"][..], &["--demo", "demo"], &["--demo", "admin", "list"], &["--demo", "session"]] {
            let out = cli(real.path(), args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(!out.status.success(), "{args:?} succeeded: {stderr}");
            assert!(stderr.contains("only set up in a data directory of its own"), "{args:?}: {stderr}");
        }
        assert_eq!(logins(real.path()), ["Real_Kid@students.edu.sg"], "no demo account joined it");
        assert_eq!(std::fs::read(&config).ok(), before, "its configuration is as it was");
        assert!(!real.path().join("gatehouse.key").exists(), "its data key stays where it was");
    }

    // The `demo` command without --data-dir is the OS data directory's demo/ folder, not the
    // school's own (here GATEHOUSE_DATA_DIR is unset and the home a temporary one).
    let home = tempfile::tempdir().unwrap();
    let out = Command::new(bin())
        .arg("demo")
        .env_remove("GATEHOUSE_DATA_DIR")
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(home.path().join("data/gatehouse/demo/gatehouse.db").exists());
    assert!(!home.path().join("data/gatehouse/gatehouse.db").exists());
}

#[test]
fn demo_reset_refuses_a_data_directory_with_real_accounts() {
    let dir = demo_dir();
    create_real_kid(dir.path());
    let out = cli(dir.path(), &["demo", "--reset"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("refusing"));
    // A pure demo directory resets: Ada is fresh again after her first sign-in.
    let demo = demo_dir();
    let mut s = Session::start(demo.path());
    s.sign_in("Ada_Lim@students.edu.sg", TEMP);
    drop(s);
    assert!(cli(demo.path(), &["demo", "--reset"]).status.success());
    let v = admin_json(demo.path(), &["show", "--login", "Ada_Lim@students.edu.sg"]).1;
    assert_eq!(v["account"]["last_sign_in"], serde_json::Value::Null);
}

#[test]
fn admin_device_issues_an_enrolment_code_lists_machines_and_revokes_one() {
    let dir = demo_dir();
    let (ok, issued) = admin_json(dir.path(), &["device", "code", "--uses", "30", "--hours", "48", "--kiosk"]);
    assert!(ok, "{issued}");
    let code = issued["code"].as_str().unwrap().to_owned();
    assert_eq!((code.len(), code.matches('-').count(), issued["uses"].as_u64()), (19, 3, Some(30)), "{issued}");
    assert_eq!(issued["kiosk"], true);
    // A kiosk registers with it (as the server does for `gatehouse-cli device register --kiosk`);
    // a laptop cannot.
    let engine = gatehouse_core::Engine::open(dir.path()).unwrap();
    assert!(gatehouse_core::devices::enrol(&engine, &code, "staff-laptop-1", false).is_err());
    gatehouse_core::devices::enrol(&engine, &code, "lab1-kiosk01", true).unwrap();
    let (ok, listed) = admin_json(dir.path(), &["device", "list"]);
    assert!(ok);
    assert_eq!(listed["devices"][0]["name"], "lab1-kiosk01");
    assert_eq!(
        (listed["devices"][0]["kiosk"].as_bool(), listed["devices"][0]["revoked_at"].is_null()),
        (Some(true), true)
    );
    let (ok, revoked) = admin_json(dir.path(), &["device", "revoke", "LAB1-kiosk01"]);
    assert!(ok, "{revoked}");
    assert!(revoked["revoked"]["revoked_at"].is_string(), "{revoked}");
    // An unknown machine, and a code outside its limits, are clear refusals.
    let (ok, unknown) = admin_json(dir.path(), &["device", "revoke", "lab9"]);
    assert_eq!((ok, unknown["error"]["code"].as_str()), (false, Some("refused")), "{unknown}");
    let (ok, too_many) = admin_json(dir.path(), &["device", "code", "--uses", "0"]);
    assert_eq!((ok, too_many["error"]["code"].as_str()), (false, Some("invalid_input")), "{too_many}");
    // The text form tells the operator what to do next, and the audit log has each step.
    let text = cli(dir.path(), &["admin", "device", "code"]);
    let out = String::from_utf8_lossy(&text.stdout);
    assert!(out.contains("gatehouse-cli device register --code CODE --name NAME"), "{out}");
    assert!(!out.contains("--kiosk"), "a code for other machines: {out}");
    let (_, log) = admin_json(dir.path(), &["audit", "--event", "device_code_issued"]);
    assert_eq!(log["events"].as_array().map(Vec::len), Some(2), "{log}");
    assert!(!log.to_string().contains(&code), "the code is never in the log");
}

#[test]
fn an_error_is_said_in_the_language_asked_for_or_the_schools_and_json_stays_language_free() {
    let dir = tempfile::tempdir().unwrap();
    let args =
        ["admin", "create", "--login", "t@schools.gov.sg", "--name", "T", "--kind", "school_staff", "--level", "p1_3"];
    let said = |out: Output| String::from_utf8_lossy(&out.stderr).into_owned();
    let mut with_language = vec!["--language", "zh-Hans"];
    with_language.extend_from_slice(&args);
    assert!(said(cli(dir.path(), &with_language)).contains("只有学生才有年级。"));
    let tamil = Command::new(bin())
        .arg("--data-dir")
        .arg(dir.path())
        .args(args)
        .env("GATEHOUSE_LANGUAGE", "ta")
        .output()
        .unwrap();
    assert!(said(tamil).contains("மாணவர்களுக்கு மட்டுமே நிலை உண்டு."));
    // Without a choice: the school's `[locale] default_language`.
    std::fs::write(dir.path().join("gatehouse.toml"), "[locale]\ndefault_language = \"ms\"\n").unwrap();
    assert!(said(cli(dir.path(), &args)).contains("Hanya pelajar yang mempunyai peringkat."));
    // JSON keeps the id and English, whatever the language.
    let mut json = with_language.clone();
    json.push("--json");
    let out = cli(dir.path(), &json);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (v["error"]["id"].as_str(), v["error"]["message"].as_str()),
        (Some("level-students-only"), Some("Only students have a level."))
    );
    let bad = said(cli(dir.path(), &["--language", "fr", "admin", "list"]));
    assert!(bad.contains("\"fr\" is not one of en, zh-Hans, ms, ta"), "{bad}");
}

#[test]
fn what_is_printed_for_people_is_in_the_language_asked_for_or_the_schools_with_columns_lined_up() {
    let dir = tempfile::tempdir().unwrap();
    let text = |out: Output| {
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let create = |login: &str, name: &str, language: &str| {
        let args = ["--language", language, "admin", "create", "--login", login, "--name", name, "--kind", "student"];
        let more = ["--level", "p4_6", "--class", "4A", "--location", "0701"];
        cli(dir.path(), &[&args[..], &more[..]].concat())
    };
    // The confirmation and the once-shown password in Malay; the password itself as issued.
    let created = text(create("Ada_Lim@students.edu.sg", "Ada Lim", "ms"));
    assert!(created.contains("Kata laluan sementara (ditunjukkan sekali sahaja): "), "{created}");
    assert!(!created.contains("Temporary password"), "{created}");
    let (_, v) = admin_json(dir.path(), &["show", "--login", "Ada_Lim@students.edu.sg"]);
    assert_eq!(v["account"]["has_temporary_password"], true);
    let created = text(create("Lin_Aida@students.edu.sg", "林爱达", "zh-Hans"));
    assert!(created.contains("临时密码（只显示这一次）："), "{created}");

    // Without a choice: the school's language, here for a class's new passwords, whose names are
    // in two scripts. Each column starts at the same terminal column on every line.
    std::fs::write(dir.path().join("gatehouse.toml"), "[locale]\ndefault_language = \"zh-Hans\"\n").unwrap();
    let table = text(cli(dir.path(), &["admin", "reset-password", "--class", "4A", "--location", "0701"]));
    let lines: Vec<&str> = table.lines().take(3).collect();
    assert!(lines[0].starts_with("登录ID"), "{table}");
    let column_of_password = |line: &str| {
        let password = line.split_whitespace().last().unwrap();
        unicode_width::UnicodeWidthStr::width(&line[..line.rfind(password).unwrap()])
    };
    assert!(
        lines.iter().all(|l| column_of_password(l) == column_of_password(lines[1])),
        "the passwords line up after a Chinese name:\n{table}"
    );
    assert!(table.contains("已重设 2 个密码"), "{table}");

    // An account's fields in Tamil; `--json` stays language-free whatever the language.
    let shown = text(cli(dir.path(), &["--language", "ta", "admin", "show", "--login", "Lin_Aida@students.edu.sg"]));
    assert!(shown.contains("உள்நுழைவு அடையாளம்:") && shown.contains("林爱达"), "{shown}");
    let json = text(cli(dir.path(), &["--language", "ta", "admin", "list", "--json"]));
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["accounts"][0]["kind"], "student", "codes in JSON, not words");
    assert!(!json.chars().any(|c| ('\u{0B80}'..='\u{0BFF}').contains(&c)), "no Tamil in JSON: {json}");
}

#[test]
fn admin_import_tokens_opens_an_encrypted_pskc_file_with_a_key_file_or_a_passphrase_from_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/pskc");
    let figure6 = fixtures.join("rfc6030-figure6.pskcxml");
    let figure6 = figure6.to_str().unwrap();
    // Without the key: refused, naming the element and what to give; nothing imported.
    let (ok, v) = admin_json(dir.path(), &["import-tokens", figure6]);
    assert!(!ok && v["error"]["message"].as_str().unwrap().contains("<EncryptionKey>"), "{v}");
    let key = write(dir.path(), "vendor.key", "12345678901234567890123456789012\n");
    let wrong = write(dir.path(), "wrong.key", "00000000000000000000000000000000\n");
    let (ok, v) = admin_json(dir.path(), &["import-tokens", figure6, "--key-file", wrong.to_str().unwrap()]);
    assert!(!ok, "{v}");
    assert_eq!(admin_json(dir.path(), &["tokens"]).1["tokens"], json!([]), "nothing half-imported");
    let (ok, v) = admin_json(dir.path(), &["import-tokens", figure6, "--key-file", key.to_str().unwrap()]);
    assert_eq!((ok, &v["imported"]), (true, &json!(1)), "{v}");

    // A passphrase from stdin (`-`), never on the command line.
    let figure7 = fixtures.join("rfc6030-figure7.pskcxml").to_str().unwrap().to_owned();
    let fresh = tempfile::tempdir().unwrap();
    let mut child = Command::new(bin())
        .arg("--data-dir")
        .arg(fresh.path())
        .args(["admin", "import-tokens", &figure7, "--passphrase-file", "-", "--json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"qwerty\n").unwrap();
    let out = child.wait_with_output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["imported"], 1, "{v} {}", String::from_utf8_lossy(&out.stderr));
    // Both at once is a usage error.
    let both = ["admin", "import-tokens", figure6, "--key-file", "k", "--passphrase-file", "p"];
    assert!(!cli(dir.path(), &both).status.success());
}
