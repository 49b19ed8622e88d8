//! Crashes (issue 6 §2), a slow test: `make crash` (210 kills; `GATEHOUSE_CRASH_KILLS` changes
//! it, `.ci/run` uses 60). `gatehouse-cli` processes are killed with SIGKILL at random moments
//! while they change a password again and again (self-service reset), enrol soft tokens one after
//! another, or import a class from CSV. After every kill the data directory is opened again and
//! checked: the database's own consistency check passes and the CLI opens it; the account's
//! password is exactly the one the audit log says was set last (the old or the new one, never
//! neither); every authenticator has its enrolment record and no record lacks its authenticator;
//! every imported row is there whole, with its `account_created` record, or not at all, in whole
//! batches. The same run on the embedded SQLite file and on a PostgreSQL server (issue 13 §3).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

use crate::common::*;

const RESETTER: &str = "Chloe_Ng@students.edu.sg";
const ENROLLER: &str = "Grace_Lee@schools.gov.sg";
const IMPORT_ROWS: usize = 250;
/// The rows an import writes in one transaction (`IMPORT_BATCH` of gatehouse_core's admin.rs).
const IMPORT_BATCH: usize = 100;

fn kills() -> usize {
    std::env::var("GATEHOUSE_CRASH_KILLS").ok().and_then(|v| v.trim().parse().ok()).unwrap_or(210)
}

/// The password after `k` self-service changes.
fn chained(k: usize) -> String {
    if k == 0 {
        PASSWORD.to_owned()
    } else {
        format!("Crash-Lantern-{k:04}-Kite")
    }
}

/// A `gatehouse-cli session` that is going to be killed: a request answers `None` once it is.
struct Victim(Session);

impl Victim {
    fn start(dir: &Path) -> Self {
        Self(Session::start(dir))
    }

    fn expect(&mut self, request: Value, screen: &str) -> Option<Value> {
        let r = self.0.try_send(&request)?;
        assert_eq!(r["screen"], screen, "after {request}: {r}");
        Some(r)
    }
}

/// Kills `pid` with SIGKILL after `delay`, from another thread.
fn kill_after(pid: u32, delay: Duration) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        std::thread::sleep(delay);
        let _ = Command::new("kill").args(["-KILL", &pid.to_string()]).status();
    })
}

/// Self-service resets of [`RESETTER`], one after another, continuing the chain from `from`.
fn reset_loop(v: &mut Victim, from: usize) -> Option<()> {
    for k in from + 1.. {
        v.expect(act("forgot_password"), "sspr_search")?;
        let q = v.expect(json!({"action": "sspr_search", "login": RESETTER}), "sspr_questions")?;
        v.expect(answers_for(&q), "change_password")?;
        v.expect(change_password(&chained(k)), "password_changing")?;
        v.expect(act("continue"), "password_changed")?;
        v.expect(act("continue"), "sign_in")?;
    }
    Some(())
}

/// Signs [`ENROLLER`] in, reaches self-service with the mailed OTP, then saves soft tokens.
fn enrol_loop(v: &mut Victim, dir: &Path) -> Option<()> {
    v.expect(json!({"action": "sign_in", "login": ENROLLER, "password": PASSWORD}), "applications")?;
    v.expect(json!({"action": "open_app", "app": "identity_portal"}), "identity_portal")?;
    v.expect(json!({"action": "open_app", "app": "setup_2fa"}), "setup_2fa_username")?;
    v.expect(json!({"action": "setup_2fa", "login": ENROLLER}), "choose_method")?;
    let otp = v.expect(json!({"action": "choose_method", "method": "email_otp"}), "email_otp")?;
    let code = outbox_code(dir, otp["sequence"].as_u64().unwrap());
    v.expect(json!({"action": "submit_email_otp", "code": code}), "self_service")?;
    for i in 0.. {
        v.expect(act("add_soft_token"), "add_soft_token")?;
        v.expect(json!({"action": "save_soft_token", "comment": format!("phone {i}")}), "self_service")?;
    }
    Some(())
}

/// The code of OTP #`sequence` from the outbox (no SMTP server is configured in the demo).
fn outbox_code(dir: &Path, sequence: u64) -> String {
    let marker = format!("(OTP #{sequence}) is ");
    for e in std::fs::read_dir(dir.join("outbox")).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        if let Some(at) = text.find(&marker) {
            return text[at + marker.len()..at + marker.len() + 6].to_owned();
        }
    }
    panic!("no mail for OTP #{sequence}");
}

/// What the log records after a kill.
struct State {
    changes: usize,
    tokens: usize,
    imported: usize,
}

/// Opens the directory as the next start would and checks every invariant.
fn check(school: &School, import: Option<(&[String], &Path)>) -> State {
    let dir = school.path();
    let (ok, v) = admin_json(dir, &["show", "--login", RESETTER]);
    assert!(ok, "the data directory must open after a kill: {v}");
    let mut db = school.db();
    db.check_integrity();

    // The password is the one the log says was set last.
    let changes = db.count(
        "SELECT count(*) FROM audit WHERE event = 'password_changed' AND outcome = 'ok' AND subject = ?1",
        RESETTER,
    );
    let mut s = Session::start(dir);
    let r = s.sign_in(RESETTER, &chained(changes));
    assert_eq!(r["screen"], "applications", "after {changes} recorded changes the password is not the last one set");
    drop(s);

    // Every authenticator has its record, and every record its authenticator.
    let tokens = db.count(
        "SELECT count(*) FROM authenticators WHERE account_id = (SELECT id FROM accounts WHERE login = ?1) \
         AND length(secret_sealed) > 0",
        ENROLLER,
    );
    let enrolled = db.count("SELECT count(*) FROM audit WHERE event = 'token_enrolled' AND subject = ?1", ENROLLER);
    assert_eq!(tokens, enrolled, "authenticators against their enrolment records");

    // Each imported row wholly or not at all, and whole batches only.
    // And the temporary password of every account made is in the passwords file.
    let mut present = 0;
    if let Some((logins, passwords)) = import {
        let kept = std::fs::read_to_string(passwords).unwrap_or_default();
        let kept: std::collections::HashSet<&str> = kept.lines().filter_map(|l| l.split(',').next()).collect();
        for (i, login) in logins.iter().enumerate() {
            let row = db.texts("SELECT name, level, location, password_hash FROM accounts WHERE login = ?1", login);
            let created =
                db.count("SELECT count(*) FROM audit WHERE event = 'account_created' AND subject = ?1", login);
            match row.as_deref() {
                Some([name, level, location, hash]) => {
                    assert_eq!(
                        (name.as_str(), level.as_str(), location.as_str()),
                        (row_name(i).as_str(), "secondary", "5521")
                    );
                    assert!(hash.starts_with("$argon2id$"), "{login}: {hash}");
                    assert_eq!(created, 1, "{login} has its creation record");
                    assert!(kept.contains(login.as_str()), "{login} was made but its temporary password was lost");
                    present += 1;
                }
                Some(other) => panic!("{login}: {other:?}"),
                None => assert_eq!(created, 0, "{login} is recorded as created but is missing"),
            }
        }
        assert!(present % IMPORT_BATCH == 0 || present == logins.len(), "{present} rows: not whole batches");
    }
    State { changes, tokens, imported: present }
}

fn row_name(i: usize) -> String {
    let letters: String = format!("{i:03}").chars().map(|d| (b'a' + d.to_digit(10).unwrap() as u8) as char).collect();
    format!("Pupil {letters}")
}

#[test]
#[ignore = "slow: make crash"]
fn processes_killed_at_random_moments_lose_nothing_and_leave_nothing_half_done() {
    kill_at_random_moments(School::demo(Backend::Sqlite), kills());
}

#[test]
#[ignore = "slow: make crash"]
fn processes_killed_at_random_moments_lose_nothing_and_leave_nothing_half_done_in_postgresql() {
    kill_at_random_moments(School::demo(Backend::Postgres), kills());
}

fn kill_at_random_moments(school: School, n: usize) {
    let started = Instant::now();
    let dir = school.path();
    // The reset loop searches far more often than a machine's hourly cap on self-service searches.
    // One account enrols again after every kill: each time a new email code (no hourly cap here).
    school.configure("[lockout]\nsspr_searches_per_hour = 100000\n[two_factor]\nemail_otp_sends_per_hour = 10000\n");
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(0x6a7e);
    let mut changes = check(&school, None).changes;
    let (mut resets, mut enrolments, mut imports, mut partial, mut whole, mut tokens) = (0, 0, 0, 0, 0, 0);
    for round in 0..n {
        match round % 3 {
            0 => {
                let mut v = Victim::start(dir);
                let killer = kill_after(v.0.pid(), Duration::from_millis(rng.gen_range(20..900)));
                assert!(reset_loop(&mut v, changes).is_none(), "the loop only ends when the process dies");
                killer.join().unwrap();
                v.0.wait();
                changes = check(&school, None).changes;
                resets += 1;
            }
            1 => {
                let mut v = Victim::start(dir);
                let killer = kill_after(v.0.pid(), Duration::from_millis(rng.gen_range(20..600)));
                assert!(enrol_loop(&mut v, dir).is_none());
                killer.join().unwrap();
                v.0.wait();
                tokens = check(&school, None).tokens;
                enrolments += 1;
            }
            _ => {
                let logins: Vec<String> =
                    (0..IMPORT_ROWS).map(|i| format!("Crash_{round:03}_{i:03}@students.edu.sg")).collect();
                let mut text = String::from("login,name,kind,level,location\n");
                for (i, l) in logins.iter().enumerate() {
                    text.push_str(&format!("{l},{},student,secondary,5521\n", row_name(i)));
                }
                let csv = dir.join(format!("class-{round}.csv"));
                std::fs::write(&csv, text).unwrap();
                let mut child = Command::new(bin())
                    .arg("--data-dir")
                    .arg(dir)
                    .args(["admin", "import"])
                    .arg(&csv)
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap();
                std::thread::sleep(Duration::from_millis(rng.gen_range(50..4000)));
                let _ = child.kill();
                child.wait().unwrap();
                let passwords = dir.join(format!("class-{round}-passwords.csv"));
                let imported = check(&school, Some((&logins, &passwords))).imported;
                partial += usize::from(imported > 0 && imported < IMPORT_ROWS);
                whole += usize::from(imported == IMPORT_ROWS);
                imports += 1;
            }
        }
    }
    eprintln!(
        "{:?}, {n} SIGKILLs in {:.1} s: {resets} during password resets ({changes} changes recorded), {enrolments} during token \
         enrolments ({tokens} tokens recorded), {imports} during imports ({partial} cut part-way, whole batches \
         only; {whole} finished first); every restart opened a consistent database",
        school.backend(),
        started.elapsed().as_secs_f64()
    );
    assert_eq!(resets + enrolments + imports, n);
    assert!(changes > 0 && tokens > 0, "some changes and enrolments completed between kills");
}
