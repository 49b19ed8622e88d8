//! Issue 11, item 4: the data directory is owner-only (0700) and every file in it 0600 from its
//! creation, whatever writes it; a directory left readable by an earlier version is tightened when
//! it is opened, and one that cannot be made private is refused by name.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use gatehouse_core::admin::Admin;
use gatehouse_core::mail::Mail;
use gatehouse_core::store::DB_FILE_NAME;
use gatehouse_core::types::EmailAddress;
use gatehouse_core::{demo, Engine};

use crate::common::*;

/// `dir` and everything under it, each with its permission bits.
fn modes(dir: &Path) -> Vec<(PathBuf, u32)> {
    let mut out = vec![(dir.to_owned(), std::fs::metadata(dir).unwrap().permissions().mode() & 0o777)];
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(modes(&path));
        } else {
            out.push((path.clone(), std::fs::metadata(&path).unwrap().permissions().mode() & 0o777));
        }
    }
    out
}

/// Every folder under `dir` is 0700 and every file 0600; answers the names of the files.
#[track_caller]
fn assert_owner_only(dir: &Path) -> Vec<String> {
    let all = modes(dir);
    let loose: Vec<String> = all
        .iter()
        .filter(|(p, m)| *m != if p.is_dir() { 0o700 } else { 0o600 })
        .map(|(p, m)| format!("{} {m:o}", p.display()))
        .collect();
    assert!(loose.is_empty(), "readable by others: {loose:#?}");
    all.iter().filter(|(p, _)| p.is_file()).map(|(p, _)| p.strip_prefix(dir).unwrap().display().to_string()).collect()
}

fn chmod(p: &Path, mode: u32) {
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Creates a student, signs them in once (a write to the WAL) and mails a notice to the outbox.
fn use_it(engine: &Arc<Engine>, login: &str) {
    let issued = Admin::new(Arc::clone(engine), "admin:test")
        .create(&student_request(login, "Ada Lim", "p4_6"))
        .expect("create");
    let mut d = Driver::new(Arc::clone(engine));
    assert_eq!(screen(&d.sign_in(login, issued.temporary_password.expose())), "set_questions");
    let to = EmailAddress::parse("ada.lim@ces.gov.sg").unwrap();
    let login = gatehouse_core::types::LoginId::parse(login).unwrap();
    let body = "Your password was changed.".into();
    let mail = Mail { to: &to, login: &login, subject: "Gatehouse notice", body, sent: engine.now(), expires: None };
    engine.mailer().send(mail).expect("outbox");
}

#[test]
fn a_fresh_data_directory_and_every_file_written_in_it_are_owner_only() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("gatehouse");
    demo::write_config(&dir).unwrap(); // the configuration Gatehouse writes (key in a key file)
    let engine = Engine::open(&dir).unwrap();
    use_it(&engine, "Ada_Lim@students.edu.sg");
    engine.vault().expect("the key file is created on first use");
    let mut files = assert_owner_only(&dir);
    files.sort();
    let outbox: Vec<&String> = files.iter().filter(|f| f.starts_with("outbox/") && f.ends_with(".eml")).collect();
    assert_eq!(outbox.len(), 1, "{files:?}");
    for f in ["gatehouse.db", "gatehouse.db-wal", "gatehouse.db-shm", "gatehouse.key", "gatehouse.toml"] {
        assert!(files.iter().any(|x| x == f), "{f} was written: {files:?}");
    }
}

#[test]
fn a_data_directory_left_readable_by_the_previous_version_is_tightened_when_opened() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("gatehouse");
    use_it(&Engine::open(&dir).unwrap(), "Ada_Lim@students.edu.sg");
    std::fs::create_dir(dir.join("exports")).unwrap();
    std::fs::write(dir.join("exports/audit-20260105-0900.csv"), "id,at\n").unwrap();
    std::fs::write(dir.join("gatehouse.toml"), "[lockout]\npassword_threshold = 5\n").unwrap();
    // A kiosk of the previous version still running: its WAL and shared memory exist.
    let kiosk = rusqlite::Connection::open(dir.join(DB_FILE_NAME)).unwrap();
    let n: i64 = kiosk.query_row("SELECT count(*) FROM accounts", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 1);
    for (path, _) in modes(&dir) {
        chmod(&path, if path.is_dir() { 0o755 } else { 0o644 });
    }
    assert!(dir.join("gatehouse.db-wal").exists() && dir.join("gatehouse.db-shm").exists());

    let engine = Engine::open(&dir).expect("opens, after tightening");
    let files = assert_owner_only(&dir);
    assert!(files.len() >= 6, "{files:?}");
    assert_eq!(engine.store().count_accounts().unwrap(), 1, "the data is untouched");
    use_it(&engine, "Ben_Tan@students.edu.sg");
    assert_owner_only(&dir);
    drop(kiosk);
}

#[test]
fn a_data_directory_holding_another_users_file_is_refused_naming_it() {
    let tmp = tempfile::tempdir().unwrap();
    let me = std::fs::metadata(tmp.path()).unwrap().uid();
    let (dir, foreign) = if me == 0 {
        // As root: the database given to `nobody`, who could then read it.
        let dir = tmp.path().join("gatehouse");
        drop(Engine::open(&dir).unwrap());
        let db = dir.join(DB_FILE_NAME);
        chmod(&db, 0o644);
        std::os::unix::fs::chown(&db, Some(65534), Some(65534)).unwrap();
        (dir, db)
    } else {
        // Not root: a folder that belongs to root (nothing is written: the check comes first).
        (PathBuf::from("/"), PathBuf::from("/"))
    };
    let e = Engine::open(&dir).unwrap_err();
    assert_eq!(e.code(), "storage");
    let msg = e.to_string();
    assert!(msg.contains(&foreign.display().to_string()) && msg.contains("another user"), "{msg}");
}
