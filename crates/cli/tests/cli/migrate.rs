//! `gatehouse-cli migrate`: a school's data directory copied into another store, every table
//! compared, and the copy refused into a store that already holds a school.

use serde_json::Value;

use crate::common::*;

/// Runs `migrate --from FROM --to TO --json` with `dir` as the data directory.
fn migrate(dir: &std::path::Path, from: &str, to: &str, extra: &[&str]) -> (bool, Value, String) {
    let mut args = vec!["migrate", "--from", from, "--to", to, "--json"];
    args.extend_from_slice(extra);
    let out = cli(dir, &args);
    let text = String::from_utf8(out.stdout).unwrap();
    let value = serde_json::from_str(text.trim()).unwrap_or(Value::Null);
    (out.status.success(), value, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn the_demo_school_copied_to_another_data_directory_signs_in_there_and_a_second_copy_is_refused() {
    let school = demo_dir();
    let target = tempfile::tempdir().unwrap();
    let (from, to) = (school.path().to_str().unwrap(), target.path().to_str().unwrap());
    let (ok, report, err) = migrate(school.path(), from, to, &[]);
    assert!(ok, "{err}");
    let tables = report["tables"].as_array().unwrap();
    assert!(tables.iter().all(|t| t["source"] == t["destination"]), "{report}");
    let accounts = tables.iter().find(|t| t["table"] == "accounts").unwrap();
    assert!(accounts["source"].as_u64().unwrap() >= 3, "{report}");
    // A one-machine school has no sessions, machines or live codes to leave behind.
    assert_eq!(report["left_behind"], serde_json::json!([]), "{report}");

    let mut s = Session::start(target.path());
    assert_eq!(s.sign_in("Ada_Lim@students.edu.sg", TEMP)["screen"], "set_questions");

    let (ok, _, err) = migrate(school.path(), from, to, &[]);
    assert!(!ok);
    assert!(err.contains("already holds") && err.contains("--force"), "{err}");
}

#[test]
fn a_mistyped_or_empty_source_is_refused_and_nothing_is_created_or_copied() {
    let school = demo_dir();
    let place = tempfile::tempdir().unwrap();
    let target = place.path().join("target");
    let to = target.to_str().unwrap();
    // A path that does not exist: refused by name, and not made.
    let typo = place.path().join("gatehuose");
    let (ok, _, err) = migrate(school.path(), typo.to_str().unwrap(), to, &[]);
    assert!(!ok);
    assert!(err.contains("is not a Gatehouse data directory") && err.contains("gatehuose"), "{err}");
    assert!(!typo.exists() && !target.exists(), "nothing was created");
    // A data directory with a configuration but no school in it: nothing to copy.
    let empty = place.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    std::fs::write(empty.join("gatehouse.toml"), "").unwrap();
    let (ok, _, err) = migrate(school.path(), empty.to_str().unwrap(), to, &[]);
    assert!(!ok);
    assert!(err.contains("holds no accounts and no audit records"), "{err}");
    let (ok, report, err) = migrate(school.path(), school.path().to_str().unwrap(), to, &[]);
    assert!(ok, "the real copy after the refusals finds an empty destination: {err} {report}");
}

#[test]
fn a_storage_url_with_a_password_in_it_is_refused_before_anything_is_opened() {
    let school = demo_dir();
    let from = school.path().to_str().unwrap();
    let (ok, _, err) = migrate(school.path(), from, "postgres://gatehouse:hunter2@127.0.0.1:1/gatehouse", &[]);
    assert!(!ok);
    assert!(err.contains("password_file") && !err.contains("hunter2"), "{err}");
}

#[test]
fn the_demo_school_moves_into_postgresql_and_signs_in_there_with_the_same_passwords() {
    let school = demo_dir();
    let db = gatehouse_testpg::database();
    let (server, url) = postgres_dir(&db);
    let (ok, report, err) = migrate(server.path(), school.path().to_str().unwrap(), &url, &[]);
    assert!(ok, "{err}");
    let tables = report["tables"].as_array().unwrap();
    assert!(tables.iter().all(|t| t["source"] == t["destination"]), "{report}");
    assert!(tables.iter().any(|t| t["table"] == "audit" && t["source"].as_u64().unwrap() > 0), "{report}");

    // The accounts now live in PostgreSQL: a session on the server's directory finds them.
    let mut s = Session::start(server.path());
    assert_eq!(s.sign_in("Ada_Lim@students.edu.sg", TEMP)["screen"], "set_questions");
    assert!(!server.path().join("gatehouse.db").exists(), "the embedded file was not used");

    let (ok, _, err) = migrate(server.path(), school.path().to_str().unwrap(), &url, &[]);
    assert!(!ok && err.contains("already holds"), "{err}");
}
