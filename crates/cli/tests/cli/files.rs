//! Issue 11, item 4 through the command line: what `gatehouse-cli` writes (the configuration,
//! the data directory, audit exports) is readable by its owner only.

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
