//! Brute force (issue 6 §4), a slow suite: `make brute-force` (10,000 tries per attack;
//! `GATEHOUSE_BRUTE_TRIES` changes it, `.ci/run` uses 1,000).
//!
//! Scripted attacks of wrong passwords, TOTP codes, email OTPs and challenge answers against one
//! account and spread over many, through the same calls the window makes (wizard requests, or the
//! two-factor service the wizard calls), on a real SQLite file with simulated time. A "real
//! check" is one whose answer depends on the secret: a wrong password or code that is counted
//! (audit outcome `failed`); an attempt on a locked account is answered without one (outcome
//! `refused`, or a blocked screen). The suite proves that:
//! - lockouts and limits engage exactly as configured (5 wrong passwords, codes or answer sets);
//! - no more than 100 wrong passwords an hour reach a real check, also with automatic unlock;
//! - a locked account and an unknown login ID cost the attacker the same Argon2id work as an
//!   open account (counted exactly; the time is printed beside it);
//! - lockout is per account: an attack spread over many accounts from one machine (a lab behind
//!   one address) locks each attacked account and no other.

use std::sync::Arc;
use std::time::Instant;

use gatehouse_core::audit::{AuditQuery, Event, Outcome};
use gatehouse_core::clock::{parse_time, Clock, ManualClock, Timestamp};
use gatehouse_core::config::{Config, MAX_FAILURES_PER_HOUR};
use gatehouse_core::hashing::{self, PasswordHashString};
use gatehouse_core::otp::{self, OtpParams, TotpCheck};
use gatehouse_core::store::{Account, NewAccount, StoredAnswer};
use gatehouse_core::twofactor::{self, EmailOtpCheck};
use gatehouse_core::types::{AccountKind, EmailAddress, FullName, Level, Location, LoginId};
use gatehouse_core::{Engine, Session};
use serde_json::{json, Value};

mod support;

const T0: Timestamp = 1_767_603_600; // 2026-01-05T09:00:00Z
const PASSWORD: &str = "Blue-Otter-Lantern-7";
const WRONG: &str = "Wrong-Guess-2024!";
const ANSWER: &str = "kingfisher";
const THRESHOLD: u32 = 5;

fn tries() -> usize {
    std::env::var("GATEHOUSE_BRUTE_TRIES").ok().and_then(|v| v.trim().parse().ok()).unwrap_or(10_000)
}

struct Lab {
    _place: support::Place,
    clock: Arc<ManualClock>,
    engine: Arc<Engine>,
    password_hash: PasswordHashString,
    answer_hash: PasswordHashString,
}

impl Lab {
    fn new(toml: &str) -> Self {
        let support::Rig { place, clock, engine } = support::rig(Config::from_toml(toml).unwrap(), T0, 6);
        // One hash for every account (each check still runs a full Argon2id on it).
        let password_hash = hashing::hash(PASSWORD.as_bytes()).unwrap();
        let answer_hash = hashing::hash(ANSWER.as_bytes()).unwrap();
        Lab { _place: place, clock, engine, password_hash, answer_hash }
    }

    /// `n` active accounts (terms accepted, questions set); staff have a work email.
    fn accounts(&self, prefix: &str, n: usize, kind: AccountKind) -> Vec<String> {
        let (domain, level) = match kind {
            AccountKind::Student => ("students.edu.sg", Some(Level::Secondary)),
            _ => ("schools.gov.sg", None),
        };
        let logins: Vec<String> = (0..n).map(|i| format!("{prefix}_{i:05}@{domain}")).collect();
        let new: Vec<NewAccount> = logins
            .iter()
            .map(|login| NewAccount {
                login: LoginId::parse(login).unwrap(),
                name: FullName::parse("Brute Force Target").unwrap(),
                kind,
                level,
                location: Location::parse("5521").unwrap(),
                work_email: (kind != AccountKind::Student)
                    .then(|| EmailAddress::parse(&format!("{}@ces.gov.sg", login.split('@').next().unwrap())).unwrap()),
                generic: false,
                roles: vec![],
                password_hash: self.password_hash.clone(),
                temporary_until: None,
                terms_accepted_at: Some(T0 - 86_400),
                class: None,
            })
            .collect();
        let audit: Vec<_> =
            logins.iter().map(|l| self.engine.record("test", l, Event::AccountCreated, Outcome::Ok, "")).collect();
        let ids = self.engine.store().create_accounts(&new, &audit).unwrap();
        for (id, login) in ids.into_iter().zip(&logins) {
            let answers: Vec<StoredAnswer> = ["favourite_colour", "favourite_animal", "favourite_book"]
                .iter()
                .map(|q| StoredAnswer { question_id: (*q).into(), hash: self.answer_hash.clone() })
                .collect();
            let rec = self.engine.record(login, login, Event::QuestionsSet, Outcome::Ok, "");
            self.engine.store().set_answers(id, &answers, rec).unwrap();
        }
        logins
    }

    fn account(&self, login: &str) -> Account {
        self.engine.store().account_by_login(&LoginId::parse(login).unwrap()).unwrap().unwrap()
    }

    /// A tested soft token on the account; returns its secret.
    fn soft_token(&self, login: &str) -> Vec<u8> {
        let secret = otp::generate_secret(&mut rand::rngs::OsRng).to_vec();
        let a = self.account(login);
        let id = twofactor::enrol_soft_token(&self.engine, &a, &secret, OtpParams::default(), "phone").unwrap();
        let code = otp::totp(&secret, &OtpParams::default(), self.clock.now() as u64);
        assert!(matches!(
            twofactor::verify(&self.engine, &a, &code, twofactor::CodeFor::Test(id)).unwrap(),
            TotpCheck::Accepted { .. }
        ));
        secret
    }

    /// Times (simulated) of the audit events about `login` with this event and outcome.
    fn times(&self, login: &str, event: &str, outcome: &str) -> Vec<Timestamp> {
        let q = AuditQuery {
            subject: Some(login.into()),
            event: Some(event.into()),
            outcome: Some(outcome.into()),
            ..Default::default()
        };
        let mut t: Vec<Timestamp> =
            self.engine.store().audit(&q).unwrap().iter().map(|e| parse_time(&e.at).unwrap()).collect();
        t.sort_unstable();
        t
    }

    fn count(&self, login: &str, event: &str, outcome: &str) -> usize {
        self.times(login, event, outcome).len()
    }
}

/// The wizard as the window drives it.
struct Kiosk(Session);

impl Kiosk {
    fn send(&mut self, request: Value) -> Value {
        serde_json::to_value(self.0.apply_json(&request.to_string())).unwrap()
    }

    /// One password attempt from the sign-in screen; leaves the kiosk on sign-in again.
    fn sign_in(&mut self, login: &str, password: &str) -> Value {
        let r = self.send(json!({"action": "sign_in", "login": login, "password": password}));
        match r["screen"].as_str() {
            Some("sign_in") => {}
            Some("account_locked") => {
                self.send(json!({"action": "continue"}));
            }
            Some("applications") => {
                self.send(json!({"action": "sign_out"}));
                self.send(json!({"action": "continue"}));
            }
            _ => panic!("a sign-in answered {r}"),
        }
        r
    }

    /// One self-service attempt with every answer `answer`; leaves the kiosk on sign-in.
    fn answers(&mut self, login: &str, answer: &str) -> Value {
        self.send(json!({"action": "forgot_password"}));
        let q = self.send(json!({"action": "sspr_search", "login": login}));
        if q["screen"] == "error" {
            self.send(json!({"action": "continue"}));
            return q;
        }
        let n = q["questions"].as_array().unwrap_or_else(|| panic!("{q}")).len();
        let r = self.send(json!({"action": "sspr_answer", "answers": vec![answer; n]}));
        if r["screen"] != "sign_in" {
            self.send(json!({"action": "cancel"}));
            if self.0.screen_name() != "sign_in" {
                self.send(json!({"action": "continue"}));
            }
        }
        r
    }
}

fn kiosk(lab: &Lab) -> Kiosk {
    Kiosk(Session::new(lab.engine.clone()))
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The most events in any 60 minutes.
fn most_in_an_hour(times: &[Timestamp]) -> usize {
    (0..times.len()).map(|i| times[i..].iter().take_while(|t| **t < times[i] + 3600).count()).max().unwrap_or(0)
}

/// A six-digit code that is wrong for `secret` around now (and not within the clock-skew
/// diagnosis either), different for each `i`.
fn wrong_code(secret: &[u8], now: Timestamp, i: usize) -> String {
    let params = OtpParams::default();
    let near: Vec<String> = (-12..=12).map(|k| otp::totp(secret, &params, (now + k * 30) as u64)).collect();
    (0..).map(|j| format!("{:06}", (i * 7919 + j * 104_729) % 1_000_000)).find(|c| !near.contains(c)).unwrap()
}

#[test]
#[ignore = "slow: make brute-force"]
fn ten_thousand_wrong_passwords_on_one_account_reach_five_real_checks_and_cost_the_same_when_locked() {
    let n = tries();
    let lab = Lab::new("");
    let target = lab.accounts("Target", 1, AccountKind::Student).remove(0);
    let open = lab.accounts("Open", 1, AccountKind::Student).remove(0);
    let mut k = kiosk(&lab);
    let (mut open_ms, mut locked_ms, mut unknown_ms) = (vec![], vec![], vec![]);
    let (mut open_hashes, mut locked_hashes, mut unknown_hashes) = (0, 0, 0);
    let mut answered_wrong = 0;
    for i in 0..n {
        lab.clock.advance(1);
        let before = hashing::verifications();
        let t = Instant::now();
        let r = k.sign_in(&target, WRONG);
        let ms = t.elapsed().as_secs_f64() * 1e3;
        if r["error"]["code"] == "login_failed" {
            answered_wrong += 1;
        } else {
            assert_eq!(r["screen"], "account_locked", "{r}");
            if i >= THRESHOLD as usize {
                locked_ms.push(ms);
                locked_hashes += hashing::verifications() - before;
            }
        }
        // Beside it, for the cost: a wrong password on an open account (a right one every
        // fourth keeps it open, not timed) and on an unknown ID.
        if i % 10 == 0 {
            let before = hashing::verifications();
            let t = Instant::now();
            let r = k.sign_in(&open, WRONG);
            open_ms.push(t.elapsed().as_secs_f64() * 1e3);
            open_hashes += hashing::verifications() - before;
            assert_eq!(r["error"]["code"], "login_failed", "{r}");
            if open_ms.len() % 4 == 0 {
                assert_eq!(k.sign_in(&open, PASSWORD)["screen"], "applications");
            }
            let before = hashing::verifications();
            let t = Instant::now();
            k.sign_in(&format!("Ghost_{i}@students.edu.sg"), WRONG);
            unknown_ms.push(t.elapsed().as_secs_f64() * 1e3);
            unknown_hashes += hashing::verifications() - before;
        }
    }
    // Exactly as configured: four answered "wrong", the fifth locked; nothing after was counted.
    assert_eq!(answered_wrong, THRESHOLD as usize - 1);
    let a = lab.account(&target);
    assert!(a.is_locked());
    assert_eq!(a.failed_passwords, THRESHOLD);
    assert_eq!(lab.count(&target, "sign_in_failed", "failed"), THRESHOLD as usize);
    assert_eq!(lab.count(&target, "sign_in_failed", "refused"), n - THRESHOLD as usize);
    assert_eq!(lab.count(&target, "lockout", "ok"), 1);
    // The right password, after all that, does not get in either.
    assert_eq!(k.sign_in(&target, PASSWORD)["screen"], "account_locked");
    // The same work per attempt: one Argon2id verification, locked, open or unknown.
    assert_eq!(locked_hashes, locked_ms.len() as u64, "one verification per attempt on a locked account");
    assert_eq!(open_hashes, open_ms.len() as u64);
    assert_eq!(unknown_hashes, unknown_ms.len() as u64);
    let (o, l, u) = (median(open_ms), median(locked_ms), median(unknown_ms));
    println!(
        "brute force, passwords: {n} tries on one account, {THRESHOLD} real checks; median ms per try: open {o:.2}, \
         locked {l:.2} ({:.3} x open), unknown ID {u:.2} ({:.3} x open); 1 Argon2id verification per try in each case",
        l / o,
        u / o
    );
    assert!(!lab.account(&open).is_locked(), "the account beside it was never locked");
}

#[test]
#[ignore = "slow: make brute-force"]
fn wrong_passwords_spread_over_many_accounts_from_one_lab_lock_each_account_and_no_other() {
    let n = tries();
    let per_account = 20;
    let lab = Lab::new("");
    let targets = lab.accounts("Spread", n.div_ceil(per_account), AccountKind::Student);
    let bystanders = lab.accounts("Bystander", 20, AccountKind::Student);
    // One kiosk (one machine, one address) runs the whole attack, round-robin.
    let mut k = kiosk(&lab);
    for i in 0..n {
        lab.clock.advance(1);
        k.sign_in(&targets[i % targets.len()], WRONG);
    }
    for t in &targets {
        let a = lab.account(t);
        assert!(a.is_locked(), "{t}");
        assert_eq!(a.failed_passwords, THRESHOLD, "{t}");
        assert_eq!(lab.count(t, "sign_in_failed", "failed"), THRESHOLD as usize, "{t}");
    }
    // The same kiosk, straight after: everyone else signs in.
    for b in &bystanders {
        assert_eq!(k.sign_in(b, PASSWORD)["screen"], "applications", "{b}");
    }
    println!(
        "brute force, spread: {n} wrong passwords over {} accounts from one kiosk: each locked after exactly \
         {THRESHOLD} real checks; {} other accounts signed in from the same kiosk afterwards",
        targets.len(),
        bystanders.len()
    );
}

#[test]
#[ignore = "slow: make brute-force"]
fn with_automatic_unlock_no_hour_lets_more_than_a_hundred_wrong_passwords_reach_a_real_check() {
    let n = tries();
    // The most permissive lock the configuration accepts for 5 tries: 4 minutes (80 an hour).
    let lab = Lab::new("[lockout]\nauto_unlock_minutes = 4\n");
    let allowed = lab.engine.config().lockout.failures_per_hour() as usize;
    assert!(allowed <= MAX_FAILURES_PER_HOUR as usize);
    let target = lab.accounts("Hourly", 1, AccountKind::Student).remove(0);
    let mut k = kiosk(&lab);
    for _ in 0..n {
        // One try every 10 seconds, day and night.
        lab.clock.advance(10);
        k.sign_in(&target, WRONG);
    }
    let real = lab.times(&target, "sign_in_failed", "failed");
    let worst = most_in_an_hour(&real);
    let hours = (n * 10) as f64 / 3600.0;
    println!(
        "brute force, hourly: {n} tries over {hours:.1} simulated hours with a 4-minute automatic unlock: {} real \
         checks, at most {worst} in any hour (configured bound {allowed}, limit {MAX_FAILURES_PER_HOUR})",
        real.len()
    );
    assert!(worst <= allowed, "{worst} real checks in one hour");
    // Every lock period gave exactly the threshold, no more (plus the count of an open period the
    // attack ended in; a lock in force at the end is among the lockouts already).
    let lockouts = lab.count(&target, "lockout", "ok");
    let end = lab.account(&target);
    let open_period = if end.is_locked() { 0 } else { end.failed_passwords as usize };
    assert_eq!(real.len(), lockouts * THRESHOLD as usize + open_period);
    if n >= 1000 {
        assert!(lockouts >= 2, "the test must see locks lift and engage again");
    }
}

#[test]
#[ignore = "slow: make brute-force"]
fn ten_thousand_wrong_totp_codes_reach_five_real_checks_on_one_account_and_on_each_of_many() {
    let n = tries();
    let lab = Lab::new("");
    let target = lab.accounts("Totp", 1, AccountKind::SchoolStaff).remove(0);
    let secret = lab.soft_token(&target);
    let mut refused = 0;
    for i in 0..n {
        lab.clock.advance(1);
        // The attacker knows the password; each code goes through the check the TOTP screen uses.
        let a = lab.account(&target);
        let code = wrong_code(&secret, lab.clock.now(), i);
        match twofactor::verify(&lab.engine, &a, &code, twofactor::CodeFor::SignIn).unwrap() {
            TotpCheck::Refused => refused += 1,
            TotpCheck::Wrong | TotpCheck::ClockSkew { .. } => {}
            other => panic!("a wrong code gave {other:?}"),
        }
    }
    assert_eq!(refused, n - THRESHOLD as usize);
    assert_eq!(lab.count(&target, "totp_verified", "failed"), THRESHOLD as usize);
    assert!(lab.account(&target).is_locked());
    // The right code is not checked either.
    lab.clock.advance(30);
    let right = otp::totp(&secret, &OtpParams::default(), lab.clock.now() as u64);
    assert_eq!(
        twofactor::verify(&lab.engine, &lab.account(&target), &right, twofactor::CodeFor::SignIn).unwrap(),
        TotpCheck::Refused
    );

    // Spread over many accounts: each locks after exactly five; one untouched account passes.
    let many = lab.accounts("TotpMany", (n / 20).max(1), AccountKind::SchoolStaff);
    let secrets: Vec<Vec<u8>> = many.iter().map(|l| lab.soft_token(l)).collect();
    let bystander = lab.accounts("TotpBystander", 1, AccountKind::SchoolStaff).remove(0);
    let bystander_secret = lab.soft_token(&bystander);
    for i in 0..n {
        lab.clock.advance(1);
        let j = i % many.len();
        let code = wrong_code(&secrets[j], lab.clock.now(), i);
        twofactor::verify(&lab.engine, &lab.account(&many[j]), &code, twofactor::CodeFor::SignIn).unwrap();
    }
    for l in &many {
        assert_eq!(lab.count(l, "totp_verified", "failed"), THRESHOLD as usize, "{l}");
        assert!(lab.account(l).is_locked(), "{l}");
    }
    lab.clock.advance(30);
    let code = otp::totp(&bystander_secret, &OtpParams::default(), lab.clock.now() as u64);
    assert!(matches!(
        twofactor::verify(&lab.engine, &lab.account(&bystander), &code, twofactor::CodeFor::SignIn).unwrap(),
        TotpCheck::Accepted { .. }
    ));
    println!(
        "brute force, TOTP: {n} wrong codes on one account: {THRESHOLD} real checks, {refused} refused unchecked \
         (the right code too); {n} over {} accounts: {THRESHOLD} each; an untouched account's code accepted",
        many.len()
    );
}

#[test]
#[ignore = "slow: make brute-force"]
fn ten_thousand_wrong_email_otps_reach_five_real_checks_however_many_new_codes_are_asked_for() {
    let n = tries();
    // Two tries per code, so the attacker has to ask for new codes on the way.
    let lab = Lab::new("[two_factor]\nemail_otp_tries = 2\n");
    let target = lab.accounts("Otp", 1, AccountKind::SchoolStaff).remove(0);
    let to = lab.account(&target).work_email.unwrap();
    let mut sent = 0;
    let mut locked = 0;
    twofactor::send_email_otp(&lab.engine, &lab.account(&target), &to).unwrap();
    for i in 0..n {
        lab.clock.advance(1);
        let code = format!("{:06}", (i * 7919) % 1_000_000);
        match twofactor::check_email_otp(&lab.engine, &lab.account(&target), &code).unwrap() {
            EmailOtpCheck::Wrong { .. } => {}
            // Used up: the attacker asks for a new code (Cancel, then Next), as often as they like.
            EmailOtpCheck::Expired => {
                twofactor::send_email_otp(&lab.engine, &lab.account(&target), &to).unwrap();
                sent += 1;
            }
            EmailOtpCheck::Locked => locked += 1,
            EmailOtpCheck::Accepted => panic!("guessed a code at try {i} (one in a million: rerun)"),
        }
    }
    // 5 real checks at most; the wrong code that locks is the fifth.
    assert_eq!(lab.count(&target, "otp_verified", "failed"), THRESHOLD as usize);
    assert_eq!(locked, n - THRESHOLD as usize + 1);
    assert!(lab.account(&target).is_locked());
    assert_eq!(sent, 2, "two new codes were asked for before the lock");
    println!(
        "brute force, email OTP: {n} wrong codes on one account, codes mailed: {}; {THRESHOLD} real checks, the rest \
         refused unchecked",
        sent + 1
    );
}

#[test]
#[ignore = "slow: make brute-force"]
fn ten_thousand_wrong_answer_sets_reach_five_real_checks_on_one_account_and_on_each_of_many() {
    let n = tries();
    // Each wrong answer set needs a search first: their pace (which hides whether an ID exists,
    // `sspr::a_search_answers_at_its_pace_…`) would only stretch this count of checks.
    let lab = Lab::new("[lockout]\nsspr_searches_per_hour = 100000\nsspr_search_pace_ms = 0\n");
    let target = lab.accounts("Answers", 1, AccountKind::Student).remove(0);
    let mut k = kiosk(&lab);
    let mut blocked = 0;
    for _ in 0..n {
        lab.clock.advance(1);
        let r = k.answers(&target, "wrong answer");
        if r["code"] == "answers_locked" {
            blocked += 1;
        } else {
            assert_eq!(r["error"]["code"], "answers_incorrect", "{r}");
        }
    }
    assert_eq!(lab.count(&target, "sspr_answers", "failed"), THRESHOLD as usize);
    assert_eq!(blocked, n - THRESHOLD as usize + 1);
    assert!(lab.account(&target).sspr_blocked);
    // The right answers are not checked now either.
    assert_eq!(k.answers(&target, ANSWER)["code"], "answers_locked");

    let many = lab.accounts("AnswersMany", (n / 20).max(1), AccountKind::Student);
    for i in 0..n {
        lab.clock.advance(1);
        k.answers(&many[i % many.len()], "wrong answer");
    }
    for l in &many {
        assert_eq!(lab.count(l, "sspr_answers", "failed"), THRESHOLD as usize, "{l}");
        assert!(lab.account(l).sspr_blocked, "{l}");
    }
    let bystander = lab.accounts("AnswersBystander", 1, AccountKind::Student).remove(0);
    assert_eq!(k.answers(&bystander, ANSWER)["screen"], "change_password");
    println!(
        "brute force, answers: {n} wrong answer sets on one account: {THRESHOLD} real checks, then blocked (answers_locked); {n} \
         over {} accounts: {THRESHOLD} each; an untouched account's answers accepted",
        many.len()
    );
}
