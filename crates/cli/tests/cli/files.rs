//! Issue 11, items 4 and 5 through the command line: what `gatehouse-cli` writes (the
//! configuration, the data directory, audit exports, the temporary-passwords file) is readable by
//! its owner only, and a CSV cell a spreadsheet would run is written after a quote and read back
//! by the import to the original text.

use std::path::Path;

use crate::common::*;

#[cfg(unix)]
#[track_caller]
fn assert_mode(path: &Path, expected: u32) {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).permissions().mode();
    assert_eq!(mode & 0o777, expected, "{} is {:o}", path.display(), mode & 0o777);
}

#[cfg(unix)]
#[test]
fn config_init_writes_an_owner_only_folder_and_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("new").join("gatehouse");
    let out = cli(&dir, &["config", "init"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_mode(&tmp.path().join("new"), 0o700);
    assert_mode(&dir, 0o700);
    assert_mode(&dir.join("gatehouse.toml"), 0o600);
}

#[cfg(unix)]
#[test]
fn the_demo_data_directory_is_owner_only_while_a_session_writes_to_it() {
    let dir = demo_dir();
    let mut s = Session::start(dir.path());
    assert_eq!(s.sign_in("Ada_Lim@students.edu.sg", "Wrong-Password-1")["screen"], "sign_in");
    assert_mode(dir.path(), 0o700);
    for file in ["gatehouse.toml", "gatehouse.key", "gatehouse.db", "gatehouse.db-wal", "gatehouse.db-shm"] {
        assert_mode(&dir.path().join(file), 0o600);
    }
}

#[cfg(unix)]
#[test]
fn an_audit_export_to_a_file_is_owner_only_even_over_an_older_readable_one() {
    let dir = demo_dir();
    let older = dir.path().join("audit.csv");
    std::fs::write(&older, "an earlier export, readable by all\n").unwrap();
    std::fs::set_permissions(&older, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    for path in [dir.path().join("new-audit.csv"), older] {
        let out = cli(dir.path(), &["admin", "audit", "--format", "csv", "--output", path.to_str().unwrap()]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert_mode(&path, 0o600);
        assert!(std::fs::read_to_string(&path).unwrap().starts_with("id,at,actor,subject"));
    }
}

#[test]
fn the_audit_csv_export_quotes_a_formula_typed_as_a_login_id() {
    let dir = demo_dir();
    let mut s = Session::start(dir.path());
    s.sign_in("=HYPERLINK(\"http://x\",\"y\")", "Wrong-Password-1");
    drop(s);
    let out = cli(dir.path(), &["admin", "audit", "--format", "csv", "--subject", "=hyperlink(\"http://x\",\"y\")"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(r#","'=hyperlink(""http://x"",""y"")","#), "{text}");
    assert!(!text.contains(r#","=hyperlink"#), "{text}");
}

/// Formula names of a class list: a live link, a function call, arithmetic.
const NAMES: [&str; 3] = ["=HYPERLINK(\"http://x\",\"y\")", "@SUM(1)", "-2+3"];

fn import_file(dir: &Path, file: &str, rows: &[(String, &str)]) -> std::path::PathBuf {
    let path = dir.join(file);
    let mut w = csv::Writer::from_path(&path).unwrap();
    w.write_record(["login", "name", "kind", "level", "location"]).unwrap();
    for (login, name) in rows {
        w.write_record([login.as_str(), name, "student", "p4_6", "5521"]).unwrap();
    }
    w.flush().unwrap();
    path
}

#[test]
fn the_passwords_csv_quotes_formula_names_and_an_import_of_such_cells_gives_the_names_back() {
    let dir = demo_dir();
    let rows: Vec<(String, &str)> =
        NAMES.iter().enumerate().map(|(i, n)| (format!("Pupil_{i}@students.edu.sg"), *n)).collect();
    let class = import_file(dir.path(), "class.csv", &rows);
    let out = cli(dir.path(), &["admin", "import", class.to_str().unwrap(), "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let slips = dir.path().join("class-passwords.csv");
    let written: Vec<csv::StringRecord> =
        csv::Reader::from_path(&slips).unwrap().records().map(Result::unwrap).collect();
    assert_eq!(written.len(), 3);
    for (record, name) in written.iter().zip(NAMES) {
        assert_eq!(&record[1], format!("'{name}"), "the name cell starts with a quote");
        assert_eq!(admin_json(dir.path(), &["show", "--login", &record[0]]).1["account"]["name"], name);
    }
    // The name cells exactly as Gatehouse wrote them, imported for new accounts.
    let again: Vec<(String, &str)> =
        written.iter().enumerate().map(|(i, r)| (format!("Again_{i}@students.edu.sg"), &r[1])).collect();
    let class2 = import_file(dir.path(), "again.csv", &again);
    let out = cli(dir.path(), &["admin", "import", class2.to_str().unwrap(), "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for (i, name) in NAMES.iter().enumerate() {
        let login = format!("Again_{i}@students.edu.sg");
        assert_eq!(admin_json(dir.path(), &["show", "--login", &login]).1["account"]["name"], *name);
    }
}
