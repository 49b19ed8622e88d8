//! Two kiosks, one database (a slow test: `make stress`). Two `gatehouse-cli session` processes
//! and an administrator's command loop work on the same data directory at once, over a thousand
//! mixed operations each: wrong passwords on a shared account and on one that must lock at
//! exactly the threshold, self-service password changes, unknown login IDs, administrator
//! resets. Afterwards the counters are exactly what the operations imply (no lost update), every
//! password is the last one set, and the database's own consistency check passes. The same run
//! on the embedded SQLite file and on a PostgreSQL server. A busy database may answer
//! `SSPR 5019`, never worse, and a retry works.

use std::path::{Path, PathBuf};
use std::thread;
use std::time::Instant;

use serde_json::{json, Value};

use crate::common::*;

/// The highest threshold the configuration accepts (at most 100 wrong passwords an hour).
const THRESHOLD: u64 = 100;
/// Wrong passwords per kiosk on the shared account (stays open: 2 × 45 < 100) and on the one
/// that locks (after exactly 100 of the 1,000; the rest are refused without being counted).
const SHARED_WRONG: usize = 45;
const LOCK_WRONG: usize = 500;
const SSPR_CHANGES: usize = 20;
const UNKNOWN: usize = 100;
const ADMIN_RESETS: usize = 15;

const SHARED: &str = "Ben_Tan@students.edu.sg";
const LOCKS: &str = "Faris_Ali@students.edu.sg";
const RESET: &str = "Eve_Goh@students.edu.sg";

struct Kiosk {
    s: Session,
    ops: usize,
    busy: usize,
}

impl Kiosk {
    /// Sends `request`; on `SSPR 5019` (the database was busy) continues and sends it again.
    fn send(&mut self, request: Value) -> Value {
        loop {
            self.ops += 1;
            let r = self.s.send(request.clone());
            if r["code"] == "SSPR 5019" || r["error"]["code"] == "SSPR 5019" {
                self.busy += 1;
                assert!(self.busy < 200, "the database stayed busy");
                self.s.send(act("continue"));
                continue;
            }
            assert_ne!(r["screen"], "error", "after {request}: {r}");
            return r;
        }
    }

    fn wrong_password(&mut self, login: &str) {
        let r = self.send(json!({"action": "sign_in", "login": login, "password": "Wrong-Guess-123"}));
        match r["screen"].as_str() {
            Some("sign_in") => assert_eq!(r["error"]["code"], "login_failed", "{r}"),
            Some("account_locked") => {
                self.send(act("continue"));
            }
            _ => panic!("a wrong password answered {r}"),
        }
    }

    /// Student guide §2a: Forgot Password?, the answers, a new password, back to sign-in.
    fn change_by_self_service(&mut self, login: &str, new_password: &str) {
        self.send(act("forgot_password"));
        let q = self.send(json!({"action": "sspr_search", "login": login}));
        let answers: Vec<&str> =
            q["questions"].as_array().unwrap().iter().map(|q| demo_answer(q.as_str().unwrap())).collect();
        let r = self.send(json!({"action": "sspr_answer", "answers": answers}));
        assert_eq!(r["screen"], "change_password", "{r}");
        let r = self
            .send(json!({"action": "change_password", "new_password": new_password, "confirm_password": new_password}));
        assert_eq!(r["screen"], "password_changing", "{r}");
        assert_eq!(self.send(act("continue"))["screen"], "password_changed");
        assert_eq!(self.send(act("continue"))["screen"], "sign_in");
    }
}

fn kiosk(dir: PathBuf, me: usize, own: &'static str) -> thread::JoinHandle<(usize, usize, String)> {
    thread::spawn(move || {
        let mut k = Kiosk { s: Session::start(&dir), ops: 0, busy: 0 };
        let mut last = String::new();
        for i in 0..LOCK_WRONG {
            k.wrong_password(LOCKS);
            if i < SHARED_WRONG {
                k.wrong_password(SHARED);
            }
            if i % (LOCK_WRONG / SSPR_CHANGES) == 0 {
                last = format!("Harbour-Kite-{me}{i:03}-Lamp");
                k.change_by_self_service(own, &last);
            }
            if i % (LOCK_WRONG / UNKNOWN) == 0 {
                let r = k.send(json!({"action": "sign_in", "login": format!("Nobody_{me}_{i}@students.edu.sg"), "password": "Wrong-Guess-123"}));
                assert_eq!(r["error"]["code"], "login_failed", "{r}");
            }
        }
        (k.ops, k.busy, last)
    })
}

fn show(dir: &Path, login: &str) -> Value {
    let (ok, v) = admin_json(dir, &["show", "--login", login]);
    assert!(ok, "{v}");
    v["account"].clone()
}

#[test]
#[ignore = "slow: make stress"]
fn two_kiosks_and_an_administrator_share_one_database_without_losing_an_update() {
    share_one_database(School::demo(Backend::Sqlite));
}

#[test]
#[ignore = "slow: make stress"]
fn two_kiosks_and_an_administrator_share_one_postgresql_database_without_losing_an_update() {
    share_one_database(School::demo(Backend::Postgres));
}

fn share_one_database(school: School) {
    let started = Instant::now();
    let dir = school.path();
    // Self-service searches are not what this test limits: lift the per-machine hourly cap.
    school.configure(&format!("[lockout]\npassword_threshold = {THRESHOLD}\nsspr_searches_per_hour = 100000\n"));

    let a = kiosk(dir.to_owned(), 0, "Chloe_Ng@students.edu.sg");
    let b = kiosk(dir.to_owned(), 1, "Grace_Lee@schools.gov.sg");
    let admin_dir = dir.to_owned();
    let admin = thread::spawn(move || {
        let mut last = String::new();
        for _ in 0..ADMIN_RESETS {
            let (ok, v) = admin_json(&admin_dir, &["reset-password", "--login", RESET]);
            assert!(ok || v["error"]["code"] == "busy", "{v}");
            if ok {
                last = v["temporary_password"].as_str().unwrap().to_owned();
            }
        }
        last
    });
    let (ops_a, busy_a, last_a) = a.join().unwrap();
    let (ops_b, busy_b, last_b) = b.join().unwrap();
    let last_reset = admin.join().unwrap();
    eprintln!("kiosk A: {ops_a} requests ({busy_a} busy), kiosk B: {ops_b} requests ({busy_b} busy)");
    assert!(ops_a >= 1000 && ops_b >= 1000, "at least 1,000 operations each");

    // Counters: every wrong password counted once, none lost.
    let shared = show(dir, SHARED);
    assert_eq!(shared["failed_passwords"], 2 * SHARED_WRONG as u64, "{shared}");
    assert_eq!(shared["locked"], false);
    let locked = show(dir, LOCKS);
    // Exactly the threshold, even when both kiosks checked a wrong password just before the lock
    // (found by this test: the count once reached 101 of 100).
    assert_eq!(locked["failed_passwords"], THRESHOLD, "{locked}");
    assert_eq!(locked["locked"], true, "{locked}");

    // Every password is the last one set.
    let mut s = Session::start(dir);
    for (login, password) in [("Chloe_Ng@students.edu.sg", &last_a), ("Grace_Lee@schools.gov.sg", &last_b)] {
        let r = s.sign_in(login, password);
        assert_eq!(r["screen"], "applications", "{login}: {r}");
        s.send(act("sign_out"));
        s.send(act("continue"));
    }
    assert!(!last_reset.is_empty());
    let r = s.sign_in(RESET, &last_reset);
    assert!(["set_questions", "change_password"].contains(&r["screen"].as_str().unwrap()), "{r}");
    drop(s);

    let mut db = school.db();
    db.check_integrity();
    // The audit log holds every counted failure, and on the locked account no more than the
    // threshold: a wrong password that raced the lock from the other kiosk is logged as refused.
    let mut failures = |login: &str| {
        db.count(
            "SELECT count(*) FROM audit WHERE event = 'sign_in_failed' AND outcome = 'failed' AND subject = ?1",
            login,
        )
    };
    assert_eq!(failures(SHARED), 2 * SHARED_WRONG);
    assert_eq!(failures(LOCKS), THRESHOLD as usize);
    eprintln!("{:?}: {:.1} s", school.backend(), started.elapsed().as_secs_f64());
}
