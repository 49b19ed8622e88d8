//! The SQLite store (DESIGN §7): durability across reopen, migrations, refusal of foreign or newer
//! files, two connections on one file, the append-only audit log, and a busy database shown as
//! SSPR 5019 with a working retry.

use std::sync::Arc;
use std::time::Duration;

use gatehouse_core::audit::{Event, Outcome};
use gatehouse_core::config::Config;
use gatehouse_core::store::prelude::*;
use gatehouse_core::store::{SqliteStore, DB_FILE_NAME};
use gatehouse_core::types::LoginId;
use gatehouse_core::Engine;
use rusqlite::Connection;
use serde_json::json;

use crate::common::*;

#[test]
fn data_survives_dropping_the_engine_and_opening_the_directory_again() {
    if skip_on_postgres("data survives dropping the engine and opening the directory again") {
        return;
    }
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let dir = env.dir().to_owned();
    let Env { place: tmp, engine, .. } = env;
    drop(engine);
    let engine = Engine::open(&dir).expect("reopen");
    let a = engine.store().account_by_login(&LoginId::parse(&chloe.login).unwrap()).unwrap().expect("account survived");
    assert!(a.questions_set && a.terms_accepted_at.is_some());
    let mut d = Driver::new(engine);
    assert_eq!(screen(&d.sign_in(&chloe.login, &chloe.password)), "applications");
    drop(tmp);
}

#[test]
fn a_new_file_is_created_and_migrated_to_the_latest_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fresh.db");
    let store = SqliteStore::open(&path).unwrap();
    let latest = store.schema_version().unwrap();
    assert!(latest >= 1);
    assert_eq!(store.count_accounts().unwrap(), 0);
    assert_eq!(store.integrity_check().unwrap(), "ok");
    drop(store);
    // Opening again applies nothing and keeps the version.
    assert_eq!(SqliteStore::open(&path).unwrap().schema_version().unwrap(), latest);
}

#[test]
fn a_zero_byte_file_is_migrated_like_a_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    std::fs::write(&path, b"").unwrap();
    let store = SqliteStore::open(&path).unwrap();
    let fresh = SqliteStore::open(&dir.path().join("fresh.db")).unwrap();
    assert_eq!(store.schema_version().unwrap(), fresh.schema_version().unwrap());
    assert_eq!(store.count_accounts().unwrap(), 0);
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_with_a_storage_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("garbage.db");
    std::fs::write(&path, b"this is a shopping list, not a database\n".repeat(200)).unwrap();
    let e = SqliteStore::open(&path).unwrap_err();
    assert_eq!(e.code(), "storage");
    assert!(e.to_string().contains(&path.display().to_string()), "{e}");
    assert!(e.to_string().contains("not a usable Gatehouse database"), "{e}");
    // The file is left as it was.
    assert!(std::fs::read(&path).unwrap().starts_with(b"this is a shopping list"));
}

#[test]
fn a_database_from_a_newer_gatehouse_is_refused_with_advice_to_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE_NAME);
    drop(SqliteStore::open(&path).unwrap());
    Connection::open(&path).unwrap().pragma_update(None, "user_version", 99).unwrap();
    let e = SqliteStore::open(&path).unwrap_err();
    assert_eq!(e.code(), "storage");
    let msg = e.to_string();
    assert!(msg.contains("99") && msg.to_lowercase().contains("upgrade"), "{msg}");
    // Nothing was changed by the refused open.
    let v: i64 = Connection::open(&path).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, 99);
}

#[test]
fn the_file_is_in_wal_mode_and_passes_the_integrity_check() {
    if skip_on_postgres("the file is in wal mode and passes the integrity check") {
        return;
    }
    let env = Env::new();
    env.new_student("Ada_Lim@students.edu.sg", "Ada Lim", "p4_6");
    let raw = Connection::open(env.db_path()).unwrap();
    let mode: String = raw.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let store = SqliteStore::open(&env.db_path()).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

#[test]
fn two_engines_on_one_file_see_each_others_writes() {
    let env = Env::new();
    let other = env.reopen();
    let ada = env.new_student("Ada_Lim@students.edu.sg", "Ada Lim", "p4_6");
    // The second engine (a second kiosk) signs the new student in.
    let mut d = Driver::new(Arc::clone(&other));
    d.expect(json!({"action": "sign_in", "login": ada.login, "password": ada.password}), "set_questions");
    d.set_guide_questions();
    // ...and the first sees the answers the second saved.
    assert!(env.account(&ada.login).questions_set);
    let ben = gatehouse_core::admin::Admin::new(other, "admin:other")
        .create(&student_request("Ben_Tan@students.edu.sg", "Ben Tan", "secondary"))
        .unwrap();
    assert_eq!(env.account(&ben.login).name.as_str(), "Ben Tan");
}

#[test]
fn concurrent_failures_from_two_connections_are_all_counted() {
    let env = Env::new();
    let chloe = env.new_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let id = env.account_id(&chloe.login);
    // Two connections (two kiosks) to the one store, SQLite file or PostgreSQL database.
    let stores: Vec<_> = (0..2).map(|_| env.place.open(std::time::Duration::from_secs(5))).collect();
    std::thread::scope(|s| {
        for store in &stores {
            let engine = Arc::clone(&env.engine);
            let login = chloe.login.clone();
            s.spawn(move || {
                for _ in 0..50 {
                    let rec =
                        || engine.record(&login, &login, Event::SignInFailed, Outcome::Failed, "concurrency test");
                    store.record_password_failure(id, 1_000, T0, rec(), rec()).expect("counted");
                }
            });
        }
    });
    let a = env.account(&chloe.login);
    assert_eq!(a.failed_passwords, 100, "lost updates");
    assert!(!a.is_locked());
    assert_eq!(env.event_names(&chloe.login).iter().filter(|e| *e == "sign_in_failed").count(), 100);
}

#[test]
fn concurrent_failures_lock_exactly_once_at_the_threshold() {
    let env = Env::new();
    let chloe = env.new_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let id = env.account_id(&chloe.login);
    let stores: Vec<_> = (0..2).map(|_| env.place.open(std::time::Duration::from_secs(5))).collect();
    let newly: usize = std::thread::scope(|s| {
        let handles: Vec<_> = stores
            .iter()
            .map(|store| {
                let engine = Arc::clone(&env.engine);
                let login = chloe.login.clone();
                s.spawn(move || {
                    (0..10)
                        .filter(|_| {
                            let rec = |e| engine.record(&login, &login, e, Outcome::Failed, "");
                            store
                                .record_password_failure(id, 5, T0, rec(Event::SignInFailed), rec(Event::Lockout))
                                .unwrap()
                                .newly_locked
                        })
                        .count()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    });
    assert_eq!(newly, 1);
    assert_eq!(env.event_names(&chloe.login).iter().filter(|e| *e == "lockout").count(), 1);
}

#[test]
fn the_audit_log_refuses_update_and_delete() {
    if skip_on_postgres("the audit log refuses update and delete") {
        return;
    }
    let env = Env::new();
    env.new_student("Ada_Lim@students.edu.sg", "Ada Lim", "p4_6");
    let before = env.all_events();
    let raw = Connection::open(env.db_path()).unwrap();
    let e = raw.execute("UPDATE audit SET detail = 'tampered'", []).unwrap_err();
    assert!(e.to_string().contains("append-only"), "{e}");
    let e = raw.execute("DELETE FROM audit", []).unwrap_err();
    assert!(e.to_string().contains("append-only"), "{e}");
    assert_eq!(env.all_events(), before);
}

#[test]
fn the_engine_reads_the_configuration_file_of_its_data_directory() {
    if skip_on_postgres("the engine reads the configuration file of its data directory") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("gatehouse.toml"), "[lockout]\npassword_threshold = 3\n").unwrap();
    let engine = Engine::open(dir.path()).unwrap();
    assert_eq!(engine.config().lockout.password_threshold, 3);
    assert!(dir.path().join(DB_FILE_NAME).exists());
    // A bad file is a config error naming the file, not a silent default.
    std::fs::write(dir.path().join("gatehouse.toml"), "[lockout]\npassword_threshold = 0\n").unwrap();
    let e = Engine::open(dir.path()).unwrap_err();
    assert_eq!(e.code(), "config");
    assert!(e.to_string().contains("gatehouse.toml"), "{e}");
}

// --- a busy database (another process holds the write lock) shows SSPR 5019 ---

/// An engine whose store gives up after 50 ms, and a raw connection to hold the lock with.
fn busy_env() -> (Env, Arc<Engine>, Connection) {
    let env = Env::new();
    let engine = engine_on(&env.db_path(), Config::default(), Arc::clone(&env.clock), Duration::from_millis(50));
    let raw = Connection::open(env.db_path()).unwrap();
    (env, engine, raw)
}

fn hold(raw: &Connection) {
    raw.execute_batch("BEGIN EXCLUSIVE").unwrap();
}

fn release(raw: &Connection) {
    raw.execute_batch("COMMIT").unwrap();
}

#[track_caller]
fn assert_5019(r: &serde_json::Value) {
    assert_eq!(screen(r), "error", "{r}");
    assert_eq!(r["code"], "SSPR 5019");
    assert_eq!(code(r), Some("SSPR 5019"));
    assert!(r["message"].as_str().unwrap().starts_with("System having issue to process this request"), "{r}");
}

#[test]
fn a_sign_in_while_the_database_is_busy_shows_sspr_5019_and_succeeds_on_retry() {
    if skip_on_postgres("a busy SQLite file; PostgreSQL's restart proof is tests/postgres.rs") {
        return;
    }
    let (env, engine, raw) = busy_env();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let mut d = Driver::new(engine);
    hold(&raw);
    assert_5019(&d.sign_in(&chloe.login, &chloe.password));
    // Continue before the lock is gone: back to sign-in, and it fails the same way again.
    d.expect(json!({"action": "continue"}), "sign_in");
    assert_5019(&d.sign_in(&chloe.login, &chloe.password));
    release(&raw);
    d.expect(json!({"action": "continue"}), "sign_in");
    assert_eq!(screen(&d.sign_in(&chloe.login, &chloe.password)), "applications");
}

#[test]
fn saving_questions_while_the_database_is_busy_shows_sspr_5019_and_continue_returns_to_the_confirmation() {
    if skip_on_postgres("a busy SQLite file; PostgreSQL's restart proof is tests/postgres.rs") {
        return;
    }
    let (env, engine, raw) = busy_env();
    let ada = env.new_student("Ada_Lim@students.edu.sg", "Ada Lim", "p4_6");
    let mut d = Driver::new(engine);
    d.expect(json!({"action": "sign_in", "login": ada.login, "password": ada.password}), "set_questions");
    d.expect(json!({"action": "set_questions", "questions": Driver::guide_answers()}), "confirm_questions");
    hold(&raw);
    assert_5019(&d.send(json!({"action": "confirm_questions"})));
    assert!(!env.account(&ada.login).questions_set);
    release(&raw);
    let r = d.expect(json!({"action": "continue"}), "confirm_questions");
    assert_eq!(r["questions"][2]["answer"], "The Good Earth");
    d.expect(json!({"action": "confirm_questions"}), "questions_saved");
    assert!(env.account(&ada.login).questions_set);
}

#[test]
fn a_password_change_while_the_database_is_busy_can_be_retried_from_the_progress_screen() {
    if skip_on_postgres("a busy SQLite file; PostgreSQL's restart proof is tests/postgres.rs") {
        return;
    }
    let (env, engine, raw) = busy_env();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let mut d = Driver::new(engine);
    d.expect(json!({"action": "forgot_password"}), "sspr_search");
    let shown = d.expect(json!({"action": "sspr_search", "login": chloe.login}), "sspr_questions");
    d.expect(json!({"action": "sspr_answer", "answers": Driver::answers_for(&shown)}), "change_password");
    d.expect(
        json!({"action": "change_password", "new_password": OTHER_PASSWORD, "confirm_password": OTHER_PASSWORD}),
        "password_changing",
    );
    hold(&raw);
    assert_5019(&d.send(json!({"action": "continue"})));
    release(&raw);
    d.expect(json!({"action": "continue"}), "password_changing");
    d.expect(json!({"action": "continue"}), "password_changed");
    d.expect(json!({"action": "continue"}), "sign_in");
    assert_eq!(screen(&d.sign_in(&chloe.login, OTHER_PASSWORD)), "applications");
}

#[test]
fn wrong_passwords_counted_before_a_busy_spell_are_not_lost() {
    if skip_on_postgres("a busy SQLite file; PostgreSQL's restart proof is tests/postgres.rs") {
        return;
    }
    let (env, engine, raw) = busy_env();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let mut d = Driver::new(engine);
    for _ in 0..4 {
        assert_eq!(code(&d.sign_in(&chloe.login, WRONG_PASSWORD)), Some("login_failed"));
    }
    hold(&raw);
    // Neither a wrong nor a right password can be recorded now; neither changes the count.
    assert_5019(&d.sign_in(&chloe.login, WRONG_PASSWORD));
    d.expect(json!({"action": "continue"}), "sign_in");
    assert_5019(&d.sign_in(&chloe.login, &chloe.password));
    release(&raw);
    assert_eq!(env.account(&chloe.login).failed_passwords, 4);
    d.expect(json!({"action": "continue"}), "sign_in");
    assert_eq!(screen(&d.sign_in(&chloe.login, WRONG_PASSWORD)), "account_locked");
}

#[test]
fn sign_out_while_the_database_is_busy_still_signs_the_person_out() {
    if skip_on_postgres("a busy SQLite file; PostgreSQL's restart proof is tests/postgres.rs") {
        return;
    }
    let (env, engine, raw) = busy_env();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let mut d = Driver::new(engine);
    assert_eq!(screen(&d.sign_in(&chloe.login, &chloe.password)), "applications");
    hold(&raw);
    let r = d.send(json!({"action": "sign_out"}));
    release(&raw);
    assert_eq!(screen(&r), "signed_out", "a busy database kept the person signed in: {r}");
    // Nothing of the person's session can be reached any more.
    d.expect(json!({"action": "continue"}), "sign_in");
    d.refuses(json!({"action": "open_app", "app": "icon"}));
}

#[test]
fn the_audit_log_pages_through_more_than_100000_events_newest_first_with_filters() {
    if skip_on_postgres("the audit log pages through more than 100000 events newest first with filters") {
        return;
    }
    let env = Env::new();
    {
        // 120,000 events written straight into the file (one transaction), as years of use would.
        let mut conn = Connection::open(env.db_path()).unwrap();
        let tx = conn.transaction().unwrap();
        {
            let mut insert = tx
                .prepare(
                    "INSERT INTO audit (at, actor, subject, event, outcome, machine, detail) \
                     VALUES (?1, ?2, ?3, ?4, 'ok', 'lab-1', '')",
                )
                .unwrap();
            for i in 0..120_000i64 {
                let subject = format!("Student_{}@students.edu.sg", i % 1000);
                let event = if i % 10 == 0 { "unlock" } else { "sign_in" };
                insert.execute(rusqlite::params![1_767_000_000 + i, "system", subject, event]).unwrap();
            }
        }
        tx.commit().unwrap();
    }
    let q = |offset: usize, event: Option<&str>| gatehouse_core::audit::AuditQuery {
        event: event.map(str::to_owned),
        limit: 100,
        offset,
        ..Default::default()
    };
    let first = env.store().audit(&q(0, None)).unwrap();
    assert_eq!(first.len(), 100);
    assert!(first.windows(2).all(|w| w[0].id > w[1].id), "newest first");
    let deep = env.store().audit(&q(110_000, None)).unwrap();
    assert_eq!(deep.len(), 100);
    assert!(deep[0].id < first[99].id);
    let last = env.store().audit(&q(119_950, None)).unwrap();
    assert_eq!(last.len(), 50, "the last page is partial");
    let unlocks = env.store().audit(&q(11_950, Some("unlock"))).unwrap();
    assert_eq!(unlocks.len(), 50, "12,000 unlocks, paged by the filter");
    assert!(unlocks.iter().all(|e| e.event == "unlock"));
}

#[test]
fn an_in_memory_store_leaves_no_file_behind() {
    let store = SqliteStore::open(std::path::Path::new(":memory:")).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert!(!std::path::Path::new(":memory:").exists(), "a file named :memory: was created");
}

#[test]
fn tries_a_stopped_process_left_taken_are_forgotten_by_the_next_process_alone_and_never_while_another_runs() {
    use gatehouse_core::store::Tries;
    let env = Env::new();
    let ada = env.new_student("Ada_Lim@students.edu.sg", "Ada Lim", "p4_6");
    let id = env.account_id(&ada.login);
    let Env { place, engine, .. } = env;
    let take = |store: &dyn Store, tries| store.take_try(id, tries, 5).unwrap();
    // A running process (a kiosk, a server) with five checks of each kind under way.
    for tries in [Tries::Codes, Tries::Answers] {
        assert!((0..5).all(|_| take(engine.store(), tries)));
    }
    // Another process opens the store meanwhile (the command line, a second server): the
    // checks under way keep their tries, so no more start.
    let other = place.open(Duration::from_secs(5));
    for tries in [Tries::Codes, Tries::Answers] {
        assert!(!take(other.as_ref(), tries), "{tries:?}: opening the store gave a running process's tries back");
    }
    drop(other);
    // The running process is killed with them taken; the next to open the store alone checks
    // again: no try of a process that is gone still counts.
    drop(engine);
    let next = place.open(Duration::from_secs(5));
    for tries in [Tries::Codes, Tries::Answers] {
        assert!((0..5).all(|_| take(next.as_ref(), tries)), "{tries:?}");
    }
}

#[test]
fn a_file_whose_checks_left_under_way_cannot_be_forgotten_still_opens_and_signs_people_in() {
    use gatehouse_core::store::Tries;
    if skip_on_postgres("a trigger in the SQLite file makes the store fail") {
        return;
    }
    let env = Env::new();
    let ada = env.active_student("Ada_Lim@students.edu.sg", "Ada Lim", "p4_6");
    let id = env.account_id(&ada.login);
    assert!(env.store().take_try(id, Tries::Answers, 5).unwrap(), "a check left under way");
    let db = rusqlite::Connection::open(env.db_path()).unwrap();
    db.execute_batch(
        "CREATE TRIGGER keep_pending BEFORE UPDATE OF pending_answers ON accounts \
         WHEN NEW.pending_answers < OLD.pending_answers BEGIN SELECT abs(-9223372036854775807 - 1); END;",
    )
    .unwrap();
    // Forgetting fails (logged) when the process starts again: the store opens all the same,
    // and the try stays counted.
    let Env { place, engine, config, clock, .. } = env;
    drop(engine);
    let restarted = engine_with(place.open(Duration::from_secs(5)), config, clock);
    let mut d = Driver::new(Arc::clone(&restarted));
    assert_eq!(screen(&d.sign_in(&ada.login, &ada.password)), "applications");
    assert!((0..4).all(|_| restarted.store().take_try(id, Tries::Answers, 5).unwrap()));
    assert!(!restarted.store().take_try(id, Tries::Answers, 5).unwrap());
}
