//! The PostgreSQL backend's tests. Those that need a server take its URL from
//! `GATEHOUSE_TEST_PG_URL` (e.g. `postgres://postgres@127.0.0.1:55432/postgres?sslmode=disable`,
//! a user that may create databases) and make a database of their own; without it they print a
//! notice and pass.

use std::sync::{Arc, Barrier};

use super::*;
use crate::audit::{AuditQuery, Event, Outcome};
use crate::store::conformance::{new_account, record, scenario, T0};
use crate::types::{AccountKind, Role};
#[test]
fn sslrootcert_is_taken_out_of_a_url_and_a_connection_string() {
    let (rest, v) = take_param("postgres://u@h/db?sslrootcert=%2Fetc%2Fca.pem&sslmode=require", "sslrootcert");
    assert_eq!(rest, "postgres://u@h/db?sslmode=require");
    assert_eq!(v.as_deref(), Some("/etc/ca.pem"));
    let (rest, v) = take_param("host=h sslrootcert=/etc/ca.pem dbname=x", "sslrootcert");
    assert_eq!(rest, "host=h dbname=x");
    assert_eq!(v.as_deref(), Some("/etc/ca.pem"));
    assert_eq!(take_param("postgres://u@h/db", "sslrootcert"), ("postgres://u@h/db".into(), None));
}

#[test]
fn the_password_of_a_url_is_found_and_redacted() {
    assert_eq!(password_in("postgres://gate:s%40cret@db.school:5432/g").as_deref(), Some("s%40cret"));
    assert_eq!(password_in("host=db password=hunter2 user=u").as_deref(), Some("hunter2"));
    assert_eq!(password_in("postgres://gate@db/g"), None);
    assert_eq!(redact("bad s@cret here".into(), Some("s%40cret")), "bad <redacted> here");
}

#[test]
fn debug_and_display_never_show_the_password() {
    let config: ::postgres::Config = "postgres://gate:hunter2@db.school:6432/gatehouse".parse().unwrap();
    assert_eq!(describe(&config), "postgres://gate@db.school:6432/gatehouse");
    let o = PgOptions { password: Some(Zeroizing::new("hunter2".into())), ..PgOptions::default() };
    assert!(!format!("{o:?}").contains("hunter2"));
}

#[test]
fn sslmode_disable_is_refused_for_a_remote_host() {
    let mut config: ::postgres::Config = "postgres://u@db.school/g?sslmode=disable".parse().unwrap();
    assert_eq!(tls_for(&mut config, None).err().map(|e| e.code()), Some("config"));
    let mut config: ::postgres::Config = "postgres://u@127.0.0.1/g?sslmode=disable".parse().unwrap();
    assert!(tls_for(&mut config, None).is_ok());
    // The README's socket form: a percent-encoded path as the URL's host.
    let mut config: ::postgres::Config = "postgres://u@%2Frun%2Fpostgresql/g".parse().unwrap();
    assert!(tls_for(&mut config, None).is_ok());
    assert_eq!(config.get_ssl_mode(), ::postgres::config::SslMode::Disable);
    let mut config: ::postgres::Config = "host=/run/postgresql user=u".parse().unwrap();
    assert!(tls_for(&mut config, None).is_ok());
    assert_eq!(config.get_ssl_mode(), ::postgres::config::SslMode::Disable);
}

/// A database of one test on the tests' own PostgreSQL server (`gatehouse-testpg`, started
/// once per test process and stopped when it ends), dropped when the test ends.
struct TestDb {
    admin_url: String,
    name: String,
    url: String,
    _database: gatehouse_testpg::TestDatabase,
}

/// A fresh database on the test server (loopback, no TLS).
fn fresh_database(_name: &str) -> Option<TestDb> {
    let database = gatehouse_testpg::database();
    let sep = if database.url.contains('?') { '&' } else { '?' };
    Some(TestDb {
        admin_url: gatehouse_testpg::TestPostgres::shared().superuser_url().to_owned(),
        name: database.name.clone(),
        url: format!("{}{sep}sslmode=disable", database.url),
        _database: database,
    })
}

fn connect(url: &str) -> PgStore {
    PgStore::connect(url, PgOptions::default()).expect("connect to the test database")
}

fn raw(url: &str) -> ::postgres::Client {
    ::postgres::Client::connect(url, ::postgres::NoTls).unwrap()
}

fn one_account(store: &PgStore, login: &str) -> AccountId {
    let a = new_account(login, AccountKind::Student, "SCHOOL-A", vec![]);
    store.create_accounts(&[a], &[]).unwrap()[0]
}

#[test]
fn every_area_answers_as_sqlite_does_for_the_same_calls() {
    let Some(db) = fresh_database("conformance") else { return };
    let url = db.url.clone();
    let sqlite = SqliteStore::open(std::path::Path::new(":memory:")).unwrap();
    let expected = scenario(&sqlite);
    let got = scenario(&connect(&url));
    for (i, (e, g)) in expected.iter().zip(&got).enumerate() {
        assert_eq!(g, e, "line {i} differs");
    }
    assert_eq!(got.len(), expected.len());
}

#[test]
fn imported_students_first_sign_ins_update_their_rows_on_their_own_pages_touching_no_index() {
    let Some(db) = fresh_database("sign-in-in-place") else { return };
    let store = connect(&db.url);
    let batch: Vec<_> = (0..300)
        .map(|n| new_account(&format!("pupil{n:03}@students.edu.sg"), AccountKind::Student, "SCHOOL-A", vec![]))
        .collect();
    let ids = store.create_accounts(&batch, &[]).unwrap();
    let mut client = raw(&db.url);
    let pages = |client: &mut ::postgres::Client| -> Vec<(i64, i64)> {
        let sql = "SELECT id, (ctid::text::point)[0]::bigint FROM accounts ORDER BY id";
        client.query(sql, &[]).unwrap().iter().map(|r| (r.get(0), r.get(1))).collect()
    };
    let before = pages(&mut client);
    assert!(before.last().unwrap().1 >= 2, "the batch fills several pages: {before:?}");
    let index_bytes = |client: &mut ::postgres::Client| -> i64 {
        let sql =
            "SELECT sum(pg_relation_size(indexrelid))::bigint FROM pg_index WHERE indrelid = 'accounts'::regclass";
        client.query_one(sql, &[]).unwrap().get(0)
    };
    let indexes_before = index_bytes(&mut client);
    for (n, id) in ids.iter().enumerate() {
        let rec = record(T0 + 60, "pupil", &format!("pupil{n:03}@students.edu.sg"), Event::SignIn, Outcome::Ok);
        assert!(store.record_sign_in(*id, T0 + 60, rec).unwrap());
    }
    // A row that moved to another page would have a new index entry in each of the five indexes.
    let moved: Vec<_> = pages(&mut client).into_iter().filter(|row| !before.contains(row)).collect();
    assert_eq!(moved, vec![], "rows (id, page) moved by a sign-in");
    assert_eq!(index_bytes(&mut client), indexes_before, "no index grew");
}

#[test]
fn migrations_apply_once_also_when_two_servers_start_together() {
    let Some(db) = fresh_database("migrations") else { return };
    let url = db.url.clone();
    let start = Arc::new(Barrier::new(2));
    let racers: Vec<_> = (0..2)
        .map(|_| {
            let (url, start) = (url.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                PgStore::connect(&url, PgOptions::default()).map(|s| s.schema_version())
            })
        })
        .collect();
    for r in racers {
        assert_eq!(r.join().unwrap().unwrap().unwrap(), schema::MIGRATIONS.len());
    }
    // Again, on a database already up to date: nothing to apply, the data is kept.
    let store = connect(&url);
    one_account(&store, "kept@students.edu.sg");
    let store = connect(&url);
    assert_eq!(store.schema_version().unwrap(), schema::MIGRATIONS.len());
    assert_eq!(store.count_accounts().unwrap(), 1);
}

#[test]
fn a_database_from_a_newer_gatehouse_is_refused_with_advice_to_upgrade() {
    let Some(db) = fresh_database("newer") else { return };
    let url = db.url.clone();
    drop(connect(&url));
    raw(&url).execute("UPDATE gatehouse_schema SET version = 99", &[]).unwrap();
    let e = PgStore::connect(&url, PgOptions::default()).unwrap_err();
    assert_eq!(e.code(), "storage");
    assert!(e.to_string().contains("schema version 99") && e.to_string().contains("upgrade Gatehouse"), "{e}");
}

#[test]
fn the_database_refuses_to_change_or_remove_audit_records() {
    let Some(db) = fresh_database("append_only") else { return };
    let url = db.url.clone();
    let store = connect(&url);
    store
        .append_audit(&record(T0, "admin:root", "x", crate::audit::Event::AppOpened, crate::audit::Outcome::Ok))
        .unwrap();
    let mut c = raw(&url);
    for sql in ["UPDATE audit SET detail = 'rewritten'", "DELETE FROM audit", "TRUNCATE audit"] {
        let e = c.batch_execute(sql).expect_err(sql);
        assert!(e.as_db_error().is_some_and(|d| d.message().contains("append-only")), "{sql}: {e}");
    }
    assert_eq!(store.audit(&AuditQuery::default()).unwrap().len(), 1);
}

#[test]
fn many_writers_never_count_past_the_threshold_and_lock_once() {
    let Some(db) = fresh_database("hammer") else { return };
    let url = db.url.clone();
    let store = Arc::new(PgStore::connect(&url, PgOptions { pool_size: 8, ..PgOptions::default() }).unwrap());
    let id = one_account(&store, "target@students.edu.sg");
    const THREADS: usize = 8;
    const THRESHOLD: u32 = 5;
    let start = Arc::new(Barrier::new(THREADS));
    let writers: Vec<_> = (0..THREADS)
        .map(|t| {
            let (store, start) = (store.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                (0..4)
                    .map(|i| {
                        let at = T0 + (t * 10 + i) as i64;
                        let wrong = record(
                            at,
                            "x",
                            "target@students.edu.sg",
                            crate::audit::Event::SignInFailed,
                            crate::audit::Outcome::Failed,
                        );
                        let lock = record(
                            at,
                            "x",
                            "target@students.edu.sg",
                            crate::audit::Event::Lockout,
                            crate::audit::Outcome::Ok,
                        );
                        store.record_password_failure(id, THRESHOLD, at, wrong, lock).unwrap()
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let outcomes: Vec<FailureOutcome> = writers.into_iter().flat_map(|w| w.join().unwrap()).collect();
    assert_eq!(outcomes.iter().filter(|o| o.newly_locked).count(), 1, "{outcomes:?}");
    assert!(outcomes.iter().all(|o| o.failures <= THRESHOLD), "{outcomes:?}");
    let counted: Vec<u32> = {
        let mut c: Vec<u32> = outcomes.iter().filter(|o| !o.locked || o.newly_locked).map(|o| o.failures).collect();
        c.sort_unstable();
        c
    };
    assert_eq!(counted, (1..=THRESHOLD).collect::<Vec<_>>(), "each count from 1 to the threshold once");
    let a = store.account(id).unwrap().unwrap();
    assert_eq!((a.failed_passwords, a.is_locked()), (THRESHOLD, true));
    let lockouts = AuditQuery { event: Some("lockout".into()), ..Default::default() };
    assert_eq!(store.audit(&lockouts).unwrap().len(), 1);
    let refused = AuditQuery { outcome: Some("refused".into()), ..Default::default() };
    assert_eq!(store.audit(&refused).unwrap().len(), THREADS * 4 - THRESHOLD as usize);
}

#[test]
fn a_totp_step_is_accepted_once_by_concurrent_sign_ins() {
    let Some(db) = fresh_database("totp_once") else { return };
    let url = db.url.clone();
    let store = Arc::new(PgStore::connect(&url, PgOptions { pool_size: 8, ..PgOptions::default() }).unwrap());
    let id = one_account(&store, "totp@students.edu.sg");
    let new = NewAuthenticator {
        kind: AuthenticatorKind::SoftToken,
        comment: "phone".into(),
        secret_sealed: vec![1],
        params: crate::otp::OtpParams::default(),
        serial: None,
        hotp_counter: None,
        created_by: "x".into(),
        model: None,
    };
    let audit =
        || record(T0, "x", "totp@students.edu.sg", crate::audit::Event::TotpVerified, crate::audit::Outcome::Ok);
    let auth = store.add_authenticator(id, &new, T0, audit()).unwrap();
    for step in [1000u64, 1001] {
        let start = Arc::new(Barrier::new(8));
        let racers: Vec<_> = (0..8)
            .map(|_| {
                let (store, start) = (store.clone(), start.clone());
                std::thread::spawn(move || {
                    start.wait();
                    store.use_totp_step(auth, step, T0, false, audit()).unwrap()
                })
            })
            .collect();
        let accepted = racers.into_iter().filter(|_| true).map(|r| r.join().unwrap()).filter(|ok| *ok).count();
        assert_eq!(accepted, 1, "step {step}");
    }
}

#[test]
fn a_login_id_taken_in_another_case_is_a_conflict() {
    let Some(db) = fresh_database("conflict") else { return };
    let url = db.url.clone();
    let store = connect(&url);
    one_account(&store, "Zoe_Tan@students.edu.sg");
    let again = new_account("zoe_tan@STUDENTS.edu.sg", AccountKind::Student, "SCHOOL-A", vec![Role::La]);
    let e = store.create_accounts(&[again], &[]).unwrap_err();
    assert!(matches!(e, Error::Conflict(_)), "{e:?}");
    assert_eq!(store.count_accounts().unwrap(), 1);
}

#[test]
fn an_unreachable_server_is_a_clear_storage_error_without_the_password() {
    // A port nothing listens on: bound, then released.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("postgres://gate:Sup3r-Secret@127.0.0.1:{port}/gatehouse?sslmode=disable");
    let options = PgOptions { connect_timeout: Duration::from_secs(2), ..PgOptions::default() };
    let e = PgStore::connect(&url, options).unwrap_err();
    let (text, debug) = (e.to_string(), format!("{e:?}"));
    assert_eq!(e.code(), "storage");
    assert!(e.is_internal(), "shown as SSPR 5019");
    assert!(text.contains(&format!("127.0.0.1:{port}")) && text.contains("cannot connect"), "{text}");
    assert!(!text.contains("Sup3r-Secret") && !debug.contains("Sup3r-Secret"), "{text}");
}

#[test]
fn a_server_that_goes_away_is_a_storage_error_and_the_store_recovers_when_it_is_back() {
    let Some(db) = fresh_database("goes_away") else { return };
    let url = db.url.clone();
    let options = PgOptions { connect_timeout: Duration::from_millis(500), ..PgOptions::default() };
    let store = PgStore::connect(&url, options).unwrap();
    let id = one_account(&store, "kim@students.edu.sg");
    let (mut admin, db) = (raw(&db.admin_url), db.name.clone());
    // As during a restart: every backend of the database ends and no new one is let in.
    admin.batch_execute(&format!("ALTER DATABASE {db} ALLOW_CONNECTIONS false")).unwrap();
    let ended = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1";
    admin.execute(ended, &[&db]).unwrap();
    let e = store.account(id).unwrap_err();
    assert_eq!(e.code(), "storage", "{e}");
    assert!(e.is_internal(), "shown as SSPR 5019");
    // A pooled connection used within seconds is not checked first: it reports the end of its
    // backend (or, when the socket was reset before that message was read, the lost
    // connection); a fresh one reports the refusal.
    let said = e.to_string();
    let expected = ["cannot reach the account store", "shutting down or restarting", "did it restart?"];
    assert!(expected.iter().any(|x| said.contains(x)), "{e}");
    let wrong = record(T0, "x", "kim", crate::audit::Event::SignInFailed, crate::audit::Outcome::Failed);
    let e = store.record_password_failure(id, 5, T0, wrong.clone(), wrong.clone()).unwrap_err();
    assert_eq!(e.code(), "storage", "{e}");
    // Back: the same store serves again, and the failed write left nothing half-written.
    admin.batch_execute(&format!("ALTER DATABASE {db} ALLOW_CONNECTIONS true")).unwrap();
    let a = store.account(id).unwrap().expect("the account is still there");
    assert_eq!(a.failed_passwords, 0);
    assert_eq!(store.record_password_failure(id, 5, T0, wrong.clone(), wrong).unwrap().failures, 1);
}

#[test]
fn off_a_socket_the_connection_is_tls_checked_against_the_given_authority() {
    let server = gatehouse_testpg::TestPostgres::new_with_tls().expect("a PostgreSQL server with TLS");
    let db = server.database();
    let ca = server.tls_ca_file().expect("the server's authority");
    let store = PgStore::connect(&format!("{}?sslrootcert={}", db.url, ca.display()), PgOptions::default())
        .expect("a TLS connection trusting the test authority");
    let row = store.conn().unwrap().query_one("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()", &[]);
    let row = row.unwrap();
    assert!(row.get::<_, bool>(0), "the connection is not encrypted");
    assert!(row.get::<_, String>(1).starts_with("TLSv1."), "{}", row.get::<_, String>(1));
    // The system's roots do not know the test authority: refused, and said so.
    let err = PgStore::connect(&db.url, PgOptions::default()).unwrap_err();
    assert_eq!(err.code(), "storage", "{err}");
    assert!(!err.to_string().contains(db.url.split(['@', ':']).nth(2).unwrap_or("?")), "{err}");
}

#[test]
fn a_server_without_tls_is_refused_unless_the_url_is_on_loopback_with_sslmode_disable() {
    let db = gatehouse_testpg::database();
    let err = PgStore::connect(&db.url, PgOptions::default()).unwrap_err();
    assert_eq!(err.code(), "storage", "{err}");
    PgStore::connect(&format!("{}?sslmode=disable", db.url), PgOptions::default()).expect("loopback without TLS");
}

#[test]
fn of_many_saves_of_one_session_version_exactly_one_is_written() {
    let Some(db) = fresh_database("session_race") else { return };
    let store = Arc::new(PgStore::connect(&db.url, PgOptions { pool_size: 8, ..PgOptions::default() }).unwrap());
    let hash = TokenHash([9; 32]);
    store.create_session(&hash, SessionKind::Person, None, b"v1", T0, T0 + 900).unwrap();
    let start = Arc::new(Barrier::new(8));
    let racers: Vec<_> = (0..8u8)
        .map(|i| {
            let (store, start) = (store.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                store.save_session(&hash, 1, &[i], T0 + 1, T0 + 901).map_err(|e| e.code())
            })
        })
        .collect();
    let results: Vec<_> = racers.into_iter().map(|r| r.join().unwrap()).collect();
    assert_eq!(results.iter().filter(|r| **r == Ok(2)).count(), 1, "{results:?}");
    assert!(results.iter().all(|r| *r == Ok(2) || *r == Err("session_changed")), "{results:?}");
    let stored = store.session(&hash, T0 + 2).unwrap().unwrap();
    assert_eq!(stored.version, 2);
    let winner = results.iter().position(|r| r.is_ok()).unwrap() as u8;
    assert_eq!(stored.sealed, vec![winner], "the winner's state is the one kept");
}
