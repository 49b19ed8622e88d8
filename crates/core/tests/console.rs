//! Administrator sign-in (password + a code of a tested authenticator) on the demo school, with
//! injected time: who may sign in, what everyone else is told, and that failures lock.

use std::sync::Arc;

use gatehouse_core::clock::ManualClock;
use gatehouse_core::config::Config;
use gatehouse_core::console::{self, codes, FirstAdministrator, FirstAdministratorRequest};
use gatehouse_core::demo::{self, ADMIN_LOGIN, ADMIN_TOTP_SECRET, PASSWORD};
use gatehouse_core::otp::{self, OtpParams};
use gatehouse_core::twofactor;
use gatehouse_core::types::{LoginId, SecretString};
use gatehouse_core::Engine;

mod support;

const T0: i64 = 1_767_603_600; // 2026-01-05T09:00:00Z

struct Env {
    _place: support::Place,
    clock: Arc<ManualClock>,
    engine: Arc<Engine>,
}

fn env() -> Env {
    let e = empty_env();
    demo::seed(&e.engine).unwrap();
    e
}

/// A new install: no accounts at all.
fn empty_env() -> Env {
    let support::Rig { place, clock, engine } = support::rig(Config::default(), T0, 5);
    Env { _place: place, clock, engine }
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
            .into_result()
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

#[test]
fn at_a_kiosks_exit_a_right_password_of_someone_who_cannot_close_it_is_answered_as_a_wrong_one() {
    let e = env();
    let exit = |login: &str, password: &str| {
        console::kiosk_exit(&e.engine, login, &SecretString::new(password.into()), &e.code())
            .unwrap()
            .into_result()
            .map_err(|r| r.code)
    };
    // With a key: a ceremony whatever the password, the same for a right one and a wrong one,
    // and after the touch (here an answer no key gave) the same refusal.
    let with_key = |login: &str, password: &str| {
        let pending = console::start_key_kiosk_exit(&e.engine, login, &SecretString::new(password.into()))
            .unwrap()
            .expect("a ceremony, not a refusal");
        let allowed = pending.ceremony.options["publicKey"]["allowCredentials"].clone();
        let refusal = console::finish_key_sign_in(&e.engine, pending, &serde_json::json!({"id": "forged"}))
            .unwrap()
            .into_result()
            .unwrap_err();
        (allowed, refusal.code, refusal.text.id().to_owned())
    };
    // Nothing counts there, so nothing may tell a right password from a wrong one: a student's,
    // an administrator's without an authenticator, or the demo administrator's, who has a code
    // but no key.
    for login in ["Chloe_Ng@students.edu.sg", "Grace_Lee@schools.gov.sg", ADMIN_LOGIN] {
        if login != ADMIN_LOGIN {
            assert_eq!(exit(login, PASSWORD).unwrap_err(), codes::SIGN_IN_FAILED, "{login}");
            assert_eq!(exit(login, "Wrong-Password-1").unwrap_err(), codes::SIGN_IN_FAILED, "{login}");
        }
        let right = with_key(login, PASSWORD);
        assert_eq!(right, with_key(login, "Wrong-Password-1"), "{login}");
        assert_eq!((right.1, right.2.as_str()), (codes::SIGN_IN_FAILED, "admin-key-sign-in-failed"), "{login}");
        assert_eq!(right.0.as_array().map(Vec::len), Some(1), "one key asked for: {right:?}");
    }
    // An ID nobody has is asked for a key too, the same one every time.
    let nobody = with_key("Nobody_Here@schools.gov.sg", PASSWORD);
    assert_eq!(nobody, with_key("nobody_here@schools.gov.sg", "Other-Password-2"));
    assert_ne!(nobody.0, with_key("Chloe_Ng@students.edu.sg", PASSWORD).0, "each ID its own");
    // The audit log keeps why.
    let audit = e.audit_details("Chloe_Ng@students.edu.sg");
    assert!(audit.iter().any(|d| d.ends_with("(kiosk exit): no administrator role")), "{audit:?}");
    let audit = e.audit_details("Grace_Lee@schools.gov.sg");
    assert!(audit.iter().any(|d| d.ends_with("no tested authenticator")), "{audit:?}");
}

#[test]
fn wrong_tries_at_a_kiosks_exit_are_audited_but_never_lock_the_administrator() {
    let e = env();
    let exit = |password: &str, code: &str| {
        console::kiosk_exit(&e.engine, ADMIN_LOGIN, &SecretString::new(password.into()), code)
            .unwrap()
            .into_result()
            .map_err(|r| r.code)
    };
    // Twice the lockout threshold of wrong passwords and of wrong codes, and an unknown ID.
    for _ in 0..10 {
        assert_eq!(exit("Wrong-Password-1", &e.code()).unwrap_err(), codes::SIGN_IN_FAILED);
        assert_eq!(exit(PASSWORD, &other(&e.code())).unwrap_err(), codes::SIGN_IN_FAILED);
    }
    let unknown = console::kiosk_exit(&e.engine, "Nobody_Here@schools.gov.sg", &SecretString::from(PASSWORD), "000000");
    assert_eq!(unknown.unwrap().into_result().unwrap_err().code, codes::SIGN_IN_FAILED);
    assert!(!e.locked(ADMIN_LOGIN), "the kiosk's exit never locks the administrator");
    let audit = e.audit_details(ADMIN_LOGIN);
    let not_counted = |what: &str| {
        audit.iter().filter(|d| d.ends_with(&format!("{what} (kiosk exit: not counted towards the lockout)"))).count()
    };
    assert_eq!((not_counted("wrong password"), not_counted("wrong code")), (10, 10), "{audit:?}");
    assert!(exit(PASSWORD, &e.code()).is_ok(), "the right password and code still close the kiosk");
    // The console's own sign-in still counts: five wrong passwords there lock as before.
    for _ in 0..5 {
        let _ = e.sign_in(ADMIN_LOGIN, "Wrong-Password-1", &e.code());
    }
    assert!(e.locked(ADMIN_LOGIN));
}

#[test]
fn wrong_kiosk_exits_sent_at_once_are_checked_no_more_than_one_by_one_would_be() {
    use gatehouse_core::slowdown::{Slowdown, FREE_TRIES};
    let e = env();
    let slowdown = std::sync::Mutex::new(Slowdown::default());
    let tries = 12;
    let barrier = std::sync::Barrier::new(tries);
    let answers: Vec<&'static str> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..tries)
            .map(|_| {
                s.spawn(|| {
                    barrier.wait();
                    let password = SecretString::new("Wrong-Password-1".into());
                    let outcome = console::kiosk_exit_slowed(&e.engine, &slowdown, ADMIN_LOGIN, &password, "000000");
                    outcome.unwrap().into_result().unwrap_err().code
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let checked = answers.iter().filter(|&&c| c == codes::SIGN_IN_FAILED).count();
    assert_eq!(checked, FREE_TRIES as usize + 1, "{answers:?}");
    assert_eq!(answers.iter().filter(|&&c| c == codes::KIOSK_EXIT_WAIT).count(), tries - checked);
    let audited =
        e.audit_details(ADMIN_LOGIN).iter().filter(|d| d.starts_with("sign_in_failed wrong password")).count();
    assert_eq!(audited, checked, "only the tries let through were checked");
}

#[test]
fn a_kiosk_waits_longer_after_each_wrong_exit_past_the_first_three_and_not_even_the_right_one_is_checked_meanwhile() {
    let e = env();
    let slowdown = std::sync::Mutex::new(gatehouse_core::slowdown::Slowdown::default());
    let exit = |password: &str, code: &str| {
        console::kiosk_exit_slowed(&e.engine, &slowdown, ADMIN_LOGIN, &SecretString::new(password.into()), code)
            .unwrap()
            .into_result()
            .map_err(|r| (r.code, r.message))
    };
    for _ in 0..4 {
        assert_eq!(exit("Wrong-Password-1", &e.code()).unwrap_err().0, codes::SIGN_IN_FAILED);
    }
    let (code, message) = exit(PASSWORD, &e.code()).unwrap_err();
    assert_eq!(code, codes::KIOSK_EXIT_WAIT);
    assert!(message.starts_with("Too many wrong tries on this kiosk. Try again in "), "{message}");
    let checked =
        e.audit_details(ADMIN_LOGIN).iter().filter(|d| d.starts_with("sign_in_failed wrong password")).count();
    assert_eq!(checked, 4, "the try made while the kiosk waits is not checked");
    assert!(!e.locked(ADMIN_LOGIN));
}

#[test]
fn a_signed_in_administrator_stays_one_only_while_their_account_is_unlocked_enabled_and_unchanged() {
    let e = env();
    let who = e.sign_in(ADMIN_LOGIN, PASSWORD, &e.code()).unwrap();
    assert!(console::still_administrator(&e.engine, &who).unwrap());
    let operator = gatehouse_core::admin::Admin::new(e.engine.clone(), "operator");
    operator.disable(ADMIN_LOGIN).unwrap();
    assert!(!console::still_administrator(&e.engine, &who).unwrap(), "disabled");
    operator.enable(ADMIN_LOGIN).unwrap();
    assert!(console::still_administrator(&e.engine, &who).unwrap());
    let mut other_roles = who.clone();
    other_roles.roles.pop();
    assert!(!console::still_administrator(&e.engine, &other_roles).unwrap(), "the roles differ from the account's");
    for _ in 0..5 {
        let _ = e.sign_in(ADMIN_LOGIN, "Wrong-Password-1", &e.code());
    }
    assert!(!console::still_administrator(&e.engine, &who).unwrap(), "locked");
}

#[test]
fn a_password_reset_after_an_administrators_sign_in_ends_their_console() {
    let e = env();
    let who = e.sign_in(ADMIN_LOGIN, PASSWORD, &e.code()).unwrap();
    e.clock.advance(60);
    // The operator resets the account believed taken: the console signed in before ends.
    gatehouse_core::admin::Admin::new(e.engine.clone(), "operator").reset_password(ADMIN_LOGIN).unwrap();
    assert!(!console::still_administrator(&e.engine, &who).unwrap());
}

#[test]
fn a_password_reset_in_the_second_of_an_administrators_sign_in_ends_their_console_too() {
    let e = env();
    let who = e.sign_in(ADMIN_LOGIN, PASSWORD, &e.code()).unwrap();
    assert!(who.stamp.is_some());
    assert!(who.shown().stamp.is_none(), "a window or a client is never given the stamp");
    gatehouse_core::admin::Admin::new(e.engine.clone(), "operator").reset_password(ADMIN_LOGIN).unwrap();
    assert!(!console::still_administrator(&e.engine, &who).unwrap());
}

#[test]
fn deleting_an_administrators_authenticators_ends_the_console_signed_in_with_them() {
    let e = env();
    let who = e.sign_in(ADMIN_LOGIN, PASSWORD, &e.code()).unwrap();
    e.clock.advance(60);
    // Their phone was lost: the operator deletes its authenticators (the password unchanged).
    let operator = gatehouse_core::admin::Admin::new(e.engine.clone(), "operator");
    assert!(operator.delete_authenticators(ADMIN_LOGIN).unwrap() > 0);
    assert!(!console::still_administrator(&e.engine, &who).unwrap());
}

impl Env {
    fn admin_account(&self) -> gatehouse_core::store::Account {
        self.engine.store().account_by_login(&LoginId::parse(ADMIN_LOGIN).unwrap()).unwrap().unwrap()
    }

    /// Enrols a new phone for the demo administrator (its own secret) and passes its test; its id.
    fn new_tested_phone(&self, seed: u8) -> gatehouse_core::types::AuthenticatorId {
        let account = self.admin_account();
        let secret = [seed; 20];
        let id =
            twofactor::enrol_soft_token(&self.engine, &account, &secret, OtpParams::default(), "New phone").unwrap();
        let code = otp::totp(&secret, &OtpParams::default(), self.clock_now());
        let check = twofactor::verify(&self.engine, &account, &code, twofactor::CodeFor::Test(id)).unwrap();
        assert!(matches!(check, otp::TotpCheck::Accepted { .. }), "{check:?}");
        id
    }

    /// The demo administrator's phone (the authenticator enrolled with the demo's secret).
    fn demo_phone(&self) -> gatehouse_core::types::AuthenticatorId {
        let all = self.engine.store().authenticators(self.admin_account().id).unwrap();
        all.iter().min_by_key(|a| a.id).unwrap().id
    }
}

#[test]
fn a_console_signed_in_with_a_phone_ends_when_that_phone_is_deleted_even_after_a_new_one_is_tested() {
    // Someone with the administrator's password and phone signs in to the console. The phone is
    // reported lost: the operator deletes her authenticators, and within minutes she sets up and
    // tests a new phone. The finder's console must not come back to life with it.
    let e = env();
    let taken = e.sign_in(ADMIN_LOGIN, PASSWORD, &e.code()).unwrap();
    assert!(console::still_administrator(&e.engine, &taken).unwrap());
    e.clock.advance(60);
    let operator = gatehouse_core::admin::Admin::new(e.engine.clone(), "operator");
    assert!(operator.delete_authenticators(ADMIN_LOGIN).unwrap() > 0);
    e.clock.advance(60);
    let phone = e.new_tested_phone(7);
    assert!(!console::still_administrator(&e.engine, &taken).unwrap(), "the lost phone's console ended");
    // She signs in with the new phone: that console holds.
    e.clock.advance(30);
    let secret = [7u8; 20];
    let code = otp::totp(&secret, &OtpParams::default(), e.clock_now());
    let hers = e.sign_in(ADMIN_LOGIN, PASSWORD, &code).unwrap();
    assert!(console::still_administrator(&e.engine, &hers).unwrap());
    assert!(!console::still_administrator(&e.engine, &taken).unwrap());
    // ...until that phone is deleted in turn.
    twofactor::delete(&e.engine, &e.admin_account(), phone, ADMIN_LOGIN).unwrap();
    assert!(!console::still_administrator(&e.engine, &hers).unwrap());
}

#[test]
fn a_console_signed_in_with_a_phone_ends_when_that_phone_is_deleted_even_while_another_authenticator_remains() {
    // The administrator has two tested phones. Someone with her password and the first phone
    // signs in with its code; she deletes that phone herself (Delete), keeping the second: the
    // finder's console ends, and hers, signed in with the second, holds.
    let e = env();
    let lost = e.demo_phone();
    let kept = e.new_tested_phone(9);
    e.clock.advance(30);
    let taken = e.sign_in(ADMIN_LOGIN, PASSWORD, &e.code()).unwrap();
    e.clock.advance(30);
    let code = otp::totp(&[9u8; 20], &OtpParams::default(), e.clock_now());
    let hers = e.sign_in(ADMIN_LOGIN, PASSWORD, &code).unwrap();
    assert!(console::still_administrator(&e.engine, &taken).unwrap());
    assert!(console::still_administrator(&e.engine, &hers).unwrap());
    twofactor::delete(&e.engine, &e.admin_account(), lost, ADMIN_LOGIN).unwrap();
    assert!(!console::still_administrator(&e.engine, &taken).unwrap(), "the deleted phone's console ended");
    assert!(console::still_administrator(&e.engine, &hers).unwrap(), "the kept phone's console holds");
    // A new phone enrolled since does not bring the deleted one's console back.
    e.clock.advance(60);
    e.new_tested_phone(11);
    assert!(!console::still_administrator(&e.engine, &taken).unwrap());
    twofactor::delete(&e.engine, &e.admin_account(), kept, ADMIN_LOGIN).unwrap();
    assert!(!console::still_administrator(&e.engine, &hers).unwrap());
}

#[test]
fn a_console_signed_in_with_a_recovery_code_holds_only_while_an_authenticator_of_that_time_remains() {
    let e = env();
    let codes = gatehouse_core::recovery::issue(&e.engine, &e.admin_account(), ADMIN_LOGIN).unwrap();
    let with_code = e.sign_in(ADMIN_LOGIN, PASSWORD, &codes[0].code).unwrap();
    assert!(console::still_administrator(&e.engine, &with_code).unwrap());
    e.clock.advance(60);
    e.new_tested_phone(13);
    assert!(console::still_administrator(&e.engine, &with_code).unwrap(), "the phone of the sign-in remains");
    twofactor::delete(&e.engine, &e.admin_account(), e.demo_phone(), ADMIN_LOGIN).unwrap();
    assert!(!console::still_administrator(&e.engine, &with_code).unwrap(), "only one enrolled since remains");
}

#[test]
fn a_console_session_sealed_before_the_authenticator_was_kept_still_opens() {
    // The server's console sessions hold the identity as JSON: one saved before `factor_by` and
    // `factor_at` were kept still reads, held by the authenticators of its sign-in's time.
    let e = env();
    let who = e.sign_in(ADMIN_LOGIN, PASSWORD, &e.code()).unwrap();
    let mut old = serde_json::to_value(&who).unwrap();
    let fields = old.as_object_mut().unwrap();
    assert!(fields.remove("factor_by").is_some() && fields.remove("factor_at").is_some(), "{fields:?}");
    let old: console::AdminIdentity = serde_json::from_value(old).unwrap();
    assert_eq!((old.factor_by, old.factor_at), (None, None));
    assert!(console::still_administrator(&e.engine, &old).unwrap());
    // The window and a client are not told which authenticator signed in.
    let shown = serde_json::to_value(who.shown()).unwrap();
    assert!(shown.get("factor_by").is_none() && shown.get("factor_at").is_none(), "{shown}");
    e.clock.advance(60);
    e.new_tested_phone(15);
    twofactor::delete(&e.engine, &e.admin_account(), e.demo_phone(), ADMIN_LOGIN).unwrap();
    assert!(!console::still_administrator(&e.engine, &old).unwrap());
}

fn first_request(password: &str, confirm: &str) -> FirstAdministratorRequest {
    FirstAdministratorRequest {
        login: "Mary_Lim@schools.gov.sg".into(),
        name: "Mary Lim".into(),
        kind: "school_staff".into(),
        location: "5521".into(),
        work_email: Some("mary.lim@ces.gov.sg".into()),
        password: SecretString::new(password.into()),
        confirm_password: SecretString::new(confirm.into()),
    }
}

#[test]
fn the_first_run_creates_the_first_administrator_only_after_a_code_from_the_new_authenticator() {
    let e = empty_env();
    assert!(console::needs_first_administrator(&e.engine).unwrap());
    let good = "Quiet-Harbour-Lamp-93";
    let (pending, enrolment) = FirstAdministrator::prepare(&e.engine, first_request(good, good)).unwrap();
    assert!(
        enrolment.otpauth_uri.starts_with("otpauth://totp/MIMS:Mary_Lim%40schools.gov.sg?"),
        "{}",
        enrolment.otpauth_uri
    );
    assert!(enrolment.qr_svg.contains("<svg"));
    let secret = otp::parse_base32(&enrolment.secret).unwrap();
    let code = otp::totp(&secret, &OtpParams::default(), e.clock_now());

    // A wrong code stores nothing and can be retried.
    assert_eq!(
        pending.finish(&e.engine, &other(&code)).unwrap().into_result().unwrap_err().code,
        codes::SIGN_IN_FAILED
    );
    assert_eq!(e.engine.store().count_accounts().unwrap(), 0);

    let who = pending.finish(&e.engine, &code).unwrap().into_result().unwrap();
    assert_eq!(who.roles.iter().map(|r| r.as_str()).collect::<Vec<_>>(), ["sa", "la", "ao"]);
    assert!(console::still_administrator(&e.engine, &who).unwrap(), "the first run's console holds");
    assert!(!console::needs_first_administrator(&e.engine).unwrap());
    // The password is the one they chose (not temporary) and the authenticator is tested:
    // a normal administrator sign-in works with the next code.
    e.clock.advance(30);
    let next = otp::totp(&secret, &OtpParams::default(), e.clock_now());
    assert!(console::sign_in(&e.engine, "Mary_Lim@schools.gov.sg", &SecretString::new(good.into()), &next, "test")
        .unwrap()
        .into_result()
        .is_ok());
    // There is no second first run.
    let again = FirstAdministrator::prepare(&e.engine, first_request(good, good)).unwrap_err().to_string();
    assert!(again.contains("already set up"), "{again}");
    assert!(pending.finish(&e.engine, &next).is_err());
}

#[test]
fn the_first_run_is_refused_once_any_account_exists_even_without_an_administrator() {
    // The operator imported the class with the command line, or deleted the only administrator:
    // whoever sits at the window must not make themselves the school's administrator.
    let e = empty_env();
    let good = "Quiet-Harbour-Lamp-93";
    let (pending, enrolment) = FirstAdministrator::prepare(&e.engine, first_request(good, good)).unwrap();
    let operator = gatehouse_core::admin::Admin::new(e.engine.clone(), "operator");
    operator
        .create(&gatehouse_core::admin::CreateRequest {
            login: "Chloe_Ng@students.edu.sg".into(),
            name: "Chloe Ng".into(),
            kind: "student".into(),
            level: Some("p1_3".into()),
            location: Some("5521".into()),
            work_email: None,
            generic: false,
            roles: vec![],
            class: None,
        })
        .unwrap();
    assert_eq!(administrators(&e), 0);
    assert!(!console::needs_first_administrator(&e.engine).unwrap());
    let refused = FirstAdministrator::prepare(&e.engine, first_request(good, good)).unwrap_err().to_string();
    assert!(refused.contains("already set up") && refused.contains("admin create"), "{refused}");
    // Details prepared before the account was made are refused too.
    let secret = otp::parse_base32(&enrolment.secret).unwrap();
    assert!(pending.finish(&e.engine, &otp::totp(&secret, &OtpParams::default(), e.clock_now())).is_err());
    assert_eq!(administrators(&e), 0);
}

#[test]
fn the_first_administrator_needs_a_staff_login_a_policy_password_and_the_same_password_twice() {
    let e = empty_env();
    let good = "Quiet-Harbour-Lamp-93";
    let err = |r| FirstAdministrator::prepare(&e.engine, r).unwrap_err().to_string();
    assert!(err(first_request("short", "short")).contains("does not meet this rule"));
    assert!(err(first_request(good, "Quiet-Harbour-Lamp-94")).contains("not the same"));
    let mut student = first_request(good, good);
    student.kind = "student".into();
    assert!(err(student).contains("staff account"));
    let mut wrong_domain = first_request(good, good);
    wrong_domain.login = "Mary_Lim@students.edu.sg".into();
    assert!(!err(wrong_domain).is_empty());
    assert_eq!(e.engine.store().count_accounts().unwrap(), 0);
}

/// How many accounts hold an administrator role.
fn administrators(e: &Env) -> usize {
    e.engine.store().list_accounts(&Default::default()).unwrap().iter().filter(|a| !a.roles.is_empty()).count()
}
