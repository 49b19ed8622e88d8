//! Administrator sign-in (password + a code of a tested authenticator) on the demo school, with
//! injected time: who may sign in, what everyone else is told, and that failures lock.

use std::sync::Arc;

use gatehouse_core::clock::ManualClock;
use gatehouse_core::config::Config;
use gatehouse_core::console::{self, codes};
use gatehouse_core::demo::{self, ADMIN_LOGIN, ADMIN_TOTP_SECRET, PASSWORD};
use gatehouse_core::engine::KeyStore;
use gatehouse_core::mail::Mailer;
use gatehouse_core::otp::{self, OtpParams};
use gatehouse_core::store::SqliteStore;
use gatehouse_core::types::{LoginId, SecretString};
use gatehouse_core::vault::Vault;
use gatehouse_core::Engine;
use rand::SeedableRng;

const T0: i64 = 1_767_603_600; // 2026-01-05T09:00:00Z

struct Env {
    _dir: tempfile::TempDir,
    clock: Arc<ManualClock>,
    engine: Arc<Engine>,
}

fn env() -> Env {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(ManualClock::new(T0));
    let config = Config::default();
    let store = SqliteStore::open(&dir.path().join("gatehouse.db")).unwrap();
    let mailer = Mailer::from_config(&config.smtp, dir.path()).unwrap();
    let engine = Engine::with_services(
        Arc::new(store),
        config,
        clock.clone(),
        Box::new(rand_chacha::ChaCha20Rng::seed_from_u64(5)),
        mailer,
        KeyStore::Fixed(Vault::from_key([7; 32])),
    );
    demo::seed(&engine).unwrap();
    Env { _dir: dir, clock, engine }
}

impl Env {
    fn code(&self) -> String {
        let secret = otp::parse_base32(ADMIN_TOTP_SECRET).unwrap();
        otp::totp(&secret, &OtpParams::default(), self.clock_now())
    }

    fn clock_now(&self) -> u64 {
        self.engine.now() as u64
    }

    fn sign_in(&self, login: &str, password: &str, code: &str) -> Result<console::AdminIdentity, &'static str> {
        console::sign_in(&self.engine, login, &SecretString::new(password.into()), code, "test")
            .unwrap()
            .map_err(|r| r.code)
    }

    fn locked(&self, login: &str) -> bool {
        self.engine.store().account_by_login(&LoginId::parse(login).unwrap()).unwrap().unwrap().is_locked()
    }

    fn audit_details(&self, subject: &str) -> Vec<String> {
        let q = gatehouse_core::audit::AuditQuery { subject: Some(subject.into()), ..Default::default() };
        self.engine.store().audit(&q).unwrap().into_iter().map(|e| format!("{} {}", e.event, e.detail)).collect()
    }
}

fn other(code: &str) -> String {
    if code == "000000" { "111111" } else { "000000" }.into()
}

#[test]
fn the_demo_administrator_signs_in_with_password_and_a_current_code_and_it_is_audited() {
    let e = env();
    let who = e.sign_in(ADMIN_LOGIN, PASSWORD, &e.code()).unwrap();
    assert_eq!(who.login, ADMIN_LOGIN);
    assert_eq!(who.roles.iter().map(|r| r.as_str()).collect::<Vec<_>>(), ["sa", "la"]);
    let audit = e.audit_details(ADMIN_LOGIN);
    assert!(audit.iter().any(|d| d == "sign_in administrator sign-in (test) as sa+la"), "{audit:?}");
    // The same code cannot be used twice.
    assert_eq!(e.sign_in(ADMIN_LOGIN, PASSWORD, &e.code()).unwrap_err(), codes::SIGN_IN_FAILED);
    e.clock.advance(30);
    assert!(e.sign_in(ADMIN_LOGIN, PASSWORD, &e.code()).is_ok());
}

#[test]
fn a_wrong_password_a_wrong_code_and_an_unknown_id_get_the_same_answer() {
    let e = env();
    let code = e.code();
    assert_eq!(e.sign_in(ADMIN_LOGIN, "Wrong-Password-1", &code).unwrap_err(), codes::SIGN_IN_FAILED);
    assert_eq!(e.sign_in(ADMIN_LOGIN, PASSWORD, &other(&code)).unwrap_err(), codes::SIGN_IN_FAILED);
    assert_eq!(e.sign_in("Nobody_Here@schools.gov.sg", PASSWORD, &code).unwrap_err(), codes::SIGN_IN_FAILED);
    assert_eq!(e.sign_in("not a login", PASSWORD, &code).unwrap_err(), codes::SIGN_IN_FAILED);
    let audit = e.audit_details(ADMIN_LOGIN);
    assert!(audit.iter().any(|d| d == "sign_in_failed wrong password"), "{audit:?}");
    assert!(audit.iter().any(|d| d == "totp_verified wrong code"), "{audit:?}");
}

#[test]
fn five_wrong_codes_lock_the_administrator_and_then_even_the_right_code_is_refused() {
    let e = env();
    for _ in 0..4 {
        assert_eq!(e.sign_in(ADMIN_LOGIN, PASSWORD, &other(&e.code())).unwrap_err(), codes::SIGN_IN_FAILED);
    }
    assert_eq!(e.sign_in(ADMIN_LOGIN, PASSWORD, &other(&e.code())).unwrap_err(), codes::ACCOUNT_LOCKED);
    assert!(e.locked(ADMIN_LOGIN));
    assert_eq!(e.sign_in(ADMIN_LOGIN, PASSWORD, &e.code()).unwrap_err(), codes::ACCOUNT_LOCKED);
}

#[test]
fn five_wrong_passwords_lock_the_administrator_like_any_account() {
    let e = env();
    for _ in 0..4 {
        assert_eq!(e.sign_in(ADMIN_LOGIN, "Wrong-Password-1", &e.code()).unwrap_err(), codes::SIGN_IN_FAILED);
    }
    assert_eq!(e.sign_in(ADMIN_LOGIN, "Wrong-Password-1", &e.code()).unwrap_err(), codes::ACCOUNT_LOCKED);
    assert_eq!(e.sign_in(ADMIN_LOGIN, PASSWORD, &e.code()).unwrap_err(), codes::ACCOUNT_LOCKED);
}

#[test]
fn people_without_a_role_or_without_a_tested_authenticator_or_with_a_temporary_password_are_refused_by_reason() {
    let e = env();
    let code = e.code();
    // A student with the right password.
    assert_eq!(e.sign_in("Chloe_Ng@students.edu.sg", PASSWORD, &code).unwrap_err(), codes::NOT_ADMINISTRATOR);
    // Grace is SA and LA but has no authenticator.
    assert_eq!(e.sign_in("Grace_Lee@schools.gov.sg", PASSWORD, &code).unwrap_err(), codes::NO_AUTHENTICATOR);
    let audit = e.audit_details("Grace_Lee@schools.gov.sg");
    assert!(audit.iter().any(|d| d.ends_with("no tested authenticator")), "{audit:?}");
    // An administrator whose password an SA just reset must finish first sign-in first.
    let issued = gatehouse_core::admin::Admin::new(e.engine.clone(), "test").reset_password(ADMIN_LOGIN).unwrap();
    let temporary = issued.temporary_password.expose().to_owned();
    assert_eq!(e.sign_in(ADMIN_LOGIN, &temporary, &code).unwrap_err(), codes::TEMPORARY_PASSWORD);
}
