//! Two-factor services with injected time: email OTP life, tries and sequence; manual secrets;
//! TOTP lockout; notices. Mail goes to a real outbox folder; the data key is a fixed test key.

use std::sync::Arc;

use gatehouse_core::admin::{Admin, CreateRequest};
use gatehouse_core::audit::AuditQuery;
use gatehouse_core::clock::ManualClock;
use gatehouse_core::config::Config;
use gatehouse_core::otp::{self, OtpParams, TotpCheck};
use gatehouse_core::twofactor::{self, EmailOtpCheck};
use gatehouse_core::types::LoginId;
use gatehouse_core::Engine;

mod support;

const T0: i64 = 1_767_603_600; // 2026-01-05T09:00:00Z
const LOGIN: &str = "Mei_Ling@schools.gov.sg";

struct Env {
    place: support::Place,
    clock: Arc<ManualClock>,
    engine: Arc<Engine>,
}

fn env() -> Env {
    env_with(Config::default())
}

fn env_with(config: Config) -> Env {
    let support::Rig { place, clock, engine } = support::rig(config, T0, 9);
    Admin::new(engine.clone(), "test")
        .create(&CreateRequest {
            login: LOGIN.into(),
            name: "Mei Ling".into(),
            kind: "school_staff".into(),
            location: Some("5521".into()),
            work_email: Some("mei.ling@ces.gov.sg".into()),
            ..Default::default()
        })
        .unwrap();
    Env { place, clock, engine }
}

impl Env {
    fn account(&self) -> gatehouse_core::store::Account {
        self.engine.store().account_by_login(&LoginId::parse(LOGIN).unwrap()).unwrap().unwrap()
    }

    /// The code of OTP #`sequence` from the outbox.
    fn mailed_code(&self, sequence: u32) -> String {
        let marker = format!("(OTP #{sequence}) is ");
        for e in std::fs::read_dir(self.place.dir.path().join("outbox")).unwrap() {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            if let Some(at) = text.find(&marker) {
                return text[at + marker.len()..at + marker.len() + 6].to_owned();
            }
        }
        panic!("no mail for OTP #{sequence}");
    }

    fn send(&self) -> u32 {
        let a = self.account();
        twofactor::send_email_otp(&self.engine, &a, a.work_email.as_ref().unwrap()).unwrap()
    }
}

fn other(code: &str) -> String {
    if code == "000000" {
        "111111".into()
    } else {
        "000000".into()
    }
}

#[test]
fn email_otps_are_numbered_and_only_the_newest_is_live() {
    let e = env();
    assert_eq!(e.send(), 1);
    let first = e.mailed_code(1);
    assert_eq!(e.send(), 2);
    let second = e.mailed_code(2);
    let a = e.account();
    if first != second {
        assert_eq!(twofactor::check_email_otp(&e.engine, &a, &first).unwrap(), EmailOtpCheck::Wrong { tries_left: 4 });
    }
    assert_eq!(twofactor::check_email_otp(&e.engine, &a, &second).unwrap(), EmailOtpCheck::Accepted);
    // Used once: gone.
    assert_eq!(twofactor::check_email_otp(&e.engine, &a, &second).unwrap(), EmailOtpCheck::Expired);
}

#[test]
fn an_email_otp_lives_five_minutes() {
    let e = env();
    let seq = e.send();
    let code = e.mailed_code(seq);
    e.clock.advance(5 * 60);
    assert_eq!(twofactor::check_email_otp(&e.engine, &e.account(), &code).unwrap(), EmailOtpCheck::Expired);
    let seq = e.send();
    let code = e.mailed_code(seq);
    e.clock.advance(5 * 60 - 1);
    assert_eq!(twofactor::check_email_otp(&e.engine, &e.account(), &code).unwrap(), EmailOtpCheck::Accepted);
}

#[test]
fn an_email_otp_allows_its_tries_then_a_new_one_is_needed() {
    let e = env_with(Config::from_toml("[two_factor]\nemail_otp_tries = 3\n").unwrap());
    let seq = e.send();
    let code = e.mailed_code(seq);
    let a = e.account();
    for left in [2, 1] {
        assert_eq!(
            twofactor::check_email_otp(&e.engine, &a, &other(&code)).unwrap(),
            EmailOtpCheck::Wrong { tries_left: left }
        );
    }
    assert_eq!(twofactor::check_email_otp(&e.engine, &a, &other(&code)).unwrap(), EmailOtpCheck::Expired);
    assert_eq!(
        twofactor::check_email_otp(&e.engine, &a, &code).unwrap(),
        EmailOtpCheck::Expired,
        "even the right code, after 3 tries"
    );
    assert_eq!(e.account().failed_codes, 3);
}

#[test]
fn wrong_email_otps_count_towards_the_lockout_across_new_codes_and_then_no_code_is_checked() {
    let e = env_with(Config::from_toml("[two_factor]\nemail_otp_tries = 3\n").unwrap());
    let first = e.send();
    let code = e.mailed_code(first);
    for _ in 0..3 {
        twofactor::check_email_otp(&e.engine, &e.account(), &other(&code)).unwrap();
    }
    // A new code does not bring fresh guesses: the 5th wrong code in a row locks the account.
    let second = e.send();
    let code = e.mailed_code(second);
    let a = e.account();
    assert_eq!(
        twofactor::check_email_otp(&e.engine, &a, &other(&code)).unwrap(),
        EmailOtpCheck::Wrong { tries_left: 2 }
    );
    assert_eq!(twofactor::check_email_otp(&e.engine, &a, &other(&code)).unwrap(), EmailOtpCheck::Locked);
    assert!(e.account().is_locked());
    let third = e.send();
    let code = e.mailed_code(third);
    assert_eq!(
        twofactor::check_email_otp(&e.engine, &e.account(), &code).unwrap(),
        EmailOtpCheck::Locked,
        "the right code is not even checked"
    );
    let lockouts: Vec<String> = e
        .engine
        .store()
        .audit(&AuditQuery { event: Some("lockout".into()), ..Default::default() })
        .unwrap()
        .into_iter()
        .map(|r| r.detail)
        .collect();
    assert_eq!(lockouts, ["5 consecutive wrong codes"]);
    // An administrator's unlock gives the count back; the right code then works.
    Admin::new(e.engine.clone(), "test").unlock(LOGIN).unwrap();
    assert_eq!(twofactor::check_email_otp(&e.engine, &e.account(), &code).unwrap(), EmailOtpCheck::Accepted);
    assert_eq!(e.account().failed_codes, 0);
}

#[test]
fn email_otps_are_stored_only_as_a_keyed_mac() {
    let e = env();
    let seq = e.send();
    let code = e.mailed_code(seq);
    let live = e.engine.store().email_otp(e.account().id).unwrap().unwrap();
    assert_eq!(live.code_mac.len(), 32);
    assert!(!live.code_mac.windows(6).any(|w| w == code.as_bytes()));
}

#[test]
fn a_work_email_at_the_icon_domain_or_none_cannot_receive_an_otp() {
    let e = env();
    let admin = Admin::new(e.engine.clone(), "test");
    admin.set_work_email(LOGIN, Some("mei_ling@moe.edu.sg")).unwrap();
    assert_eq!(twofactor::work_email(&e.engine, &e.account()), Err(twofactor::EmailProblem::IconAddress));
    admin.set_work_email(LOGIN, None).unwrap();
    assert_eq!(twofactor::work_email(&e.engine, &e.account()), Err(twofactor::EmailProblem::NoWorkEmail));
}

#[test]
fn a_manual_secret_with_its_own_period_enrols_and_passes_a_test() {
    let e = env();
    let secret = otp::parse_base32("JBSW Y3DP EHPK 3PXP JBSW Y3DP").unwrap();
    let params = OtpParams { period: 60, ..OtpParams::default() };
    let a = e.account();
    let id = twofactor::enrol_soft_token(&e.engine, &a, &secret, params, "  ").unwrap();
    assert!(!twofactor::has_tested(&e.engine, &a).unwrap(), "untested tokens do not count");
    let code = otp::totp(&secret, &params, T0 as u64);
    assert!(matches!(
        twofactor::verify(&e.engine, &a, &code, twofactor::CodeFor::Test(id)).unwrap(),
        TotpCheck::Accepted { .. }
    ));
    assert!(twofactor::has_tested(&e.engine, &a).unwrap());
    let view = &twofactor::views(&e.engine, &a).unwrap()[0];
    assert_eq!(view.comment, "Soft Token (OTP)", "an empty comment gets the default");
    // The stored secret is sealed, not in clear.
    let stored = &e.engine.store().authenticators(a.id).unwrap()[0];
    assert!(!stored.secret_sealed.windows(secret.len()).any(|w| w == secret.as_slice()));
}

#[test]
fn a_code_used_on_one_of_two_tokens_sharing_a_secret_is_a_replay_on_the_other() {
    let e = env();
    let a = e.account();
    let secret = otp::generate_secret(&mut rand::rngs::OsRng);
    let params = OtpParams::default();
    let at = |t: i64| otp::totp(&secret, &params, t as u64);
    let first = twofactor::enrol_soft_token(&e.engine, &a, &secret, params, "phone").unwrap();
    let test = |id, code: &str| twofactor::verify(&e.engine, &a, code, twofactor::CodeFor::Test(id)).unwrap();
    assert!(matches!(test(first, &at(T0)), TotpCheck::Accepted { .. }));
    // The same QR code scanned again into a second app: the code just used tests nothing.
    let second = twofactor::enrol_soft_token(&e.engine, &a, &secret, params, "tablet").unwrap();
    assert_eq!(test(second, &at(T0)), TotpCheck::Replayed);
    e.clock.advance(30);
    assert!(matches!(test(second, &at(T0 + 30)), TotpCheck::Accepted { .. }));
    // Signing in: the code the second one's test used is spent on the first one too.
    let sign_in = |code: &str| twofactor::verify(&e.engine, &e.account(), code, twofactor::CodeFor::SignIn).unwrap();
    assert_eq!(sign_in(&at(T0 + 30)), TotpCheck::Replayed);
    e.clock.advance(30);
    assert!(matches!(sign_in(&at(T0 + 60)), TotpCheck::Accepted { .. }));
    assert_eq!(sign_in(&at(T0 + 60)), TotpCheck::Replayed, "once, whichever token shows it");
    let replays = events(&e, "totp_verified").into_iter().filter(|r| r.detail == "code already used").count();
    assert_eq!(replays, 2, "each replay audited");
}

/// Mei with a soft token through its test at T0: the account, the token's secret, and a code it
/// did not show.
fn with_a_tested_phone() -> (Env, gatehouse_core::store::Account, Vec<u8>, String) {
    let e = env();
    let a = e.account();
    let secret = otp::generate_secret(&mut rand::rngs::OsRng);
    let id = twofactor::enrol_soft_token(&e.engine, &a, &secret, OtpParams::default(), "phone").unwrap();
    let code = otp::totp(&secret, &OtpParams::default(), T0 as u64);
    twofactor::verify(&e.engine, &a, &code, twofactor::CodeFor::Test(id)).unwrap();
    let wrong = other(&otp::totp(&secret, &OtpParams::default(), T0 as u64 + 30));
    (e, a, secret.to_vec(), wrong)
}

#[test]
fn codes_sent_at_once_from_many_sessions_are_checked_no_more_often_than_the_lockout_allows() {
    const AT_ONCE: usize = 24;
    let (e, a, _, wrong) = with_a_tested_phone();
    // Every session sends its code at the same moment (one password, many sessions): each read
    // the count before any wrote, so before the fix each was checked.
    let barrier = std::sync::Barrier::new(AT_ONCE);
    let checks: Vec<TotpCheck> = std::thread::scope(|s| {
        let sent: Vec<_> = (0..AT_ONCE)
            .map(|_| {
                s.spawn(|| {
                    barrier.wait();
                    twofactor::verify(&e.engine, &a, &wrong, twofactor::CodeFor::SignIn).unwrap()
                })
            })
            .collect();
        sent.into_iter().map(|t| t.join().unwrap()).collect()
    });
    let all: Vec<String> = e
        .engine
        .store()
        .audit(&AuditQuery { subject: Some(LOGIN.into()), ..Default::default() })
        .unwrap()
        .into_iter()
        .map(|r| format!("{} {} {}", r.event, r.outcome, r.detail))
        .collect();
    assert_eq!(checks.iter().filter(|c| **c == TotpCheck::Wrong).count(), 5, "{checks:?} {all:#?}");
    assert_eq!(checks.iter().filter(|c| **c == TotpCheck::Refused).count(), AT_ONCE - 5, "{checks:?}");
    let query = AuditQuery { subject: Some(LOGIN.into()), ..Default::default() };
    let wrong_ones = e.engine.store().audit(&query).unwrap().into_iter().filter(|r| r.detail.starts_with("wrong code"));
    assert_eq!(wrong_ones.count(), 5);
    assert!(e.account().is_locked());
    assert_eq!(e.account().failed_codes, 5);
}

#[test]
fn checks_under_way_hold_their_tries_without_counting_as_wrong_and_a_right_code_wipes_none_of_them() {
    use gatehouse_core::audit::{Event, Outcome};
    use gatehouse_core::store::Tries;
    let e = env();
    let a = e.account();
    let store = e.engine.store();
    let take = || store.take_try(a.id, Tries::Codes, 5).unwrap();
    let wrong = || {
        let rec = e.engine.record(LOGIN, LOGIN, Event::TotpVerified, Outcome::Failed, "wrong code");
        let lock = e.engine.record("system", LOGIN, Event::Lockout, Outcome::Ok, "5 consecutive wrong codes");
        store.record_totp_failure(a.id, 5, T0, rec, lock).unwrap()
    };
    // Five checks under way: no sixth is made.
    assert!((0..5).all(|_| take()));
    assert!(!take(), "the failures and the checks under way make the threshold");
    // One is wrong: one failure, no lock (the others are not wrong yet).
    let first = wrong();
    assert_eq!((first.failures, first.locked), (1, false));
    // One is right: its write clears the failures (as using a step does), and it gives back its
    // try — the three still under way keep theirs.
    store.clear_totp_failures(a.id).unwrap();
    store.give_back_try(a.id, Tries::Codes).unwrap();
    assert_eq!(e.account().failed_codes, 0);
    assert!(take() && take(), "three under way: two more may start");
    assert!(!take());
    // All five turn out wrong: counted, every one, and the account locks only at the fifth.
    for n in 1..=5 {
        let out = wrong();
        assert_eq!((out.failures, out.locked), (n, n == 5));
    }
    assert!(e.account().is_locked());
    assert!(!take());
    // An unlock forgets the failures and any check a stopped process left under way.
    Admin::new(e.engine.clone(), "test").unlock(LOGIN).unwrap();
    assert!((0..5).all(|_| take()));
}

#[test]
fn five_wrong_codes_lock_the_account_and_a_password_success_does_not_reset_the_count() {
    let (e, a, secret, wrong) = with_a_tested_phone();
    for _ in 0..4 {
        assert_eq!(twofactor::verify(&e.engine, &a, &wrong, twofactor::CodeFor::SignIn).unwrap(), TotpCheck::Wrong);
        // A correct password in between (a new sign-in) must not give four fresh guesses.
        e.engine
            .store()
            .record_sign_in(
                a.id,
                T0,
                e.engine.record(
                    LOGIN,
                    LOGIN,
                    gatehouse_core::audit::Event::SignIn,
                    gatehouse_core::audit::Outcome::Ok,
                    "",
                ),
            )
            .unwrap();
    }
    assert!(!e.account().is_locked());
    twofactor::verify(&e.engine, &a, &wrong, twofactor::CodeFor::SignIn).unwrap();
    assert!(e.account().is_locked(), "the 5th wrong code locks");
    // From now on no code is checked, not even the right one (self-service reset of a locked
    // account asks for a code too, so this is what bounds the guesses there).
    e.clock.advance(60);
    let right = otp::totp(&secret, &OtpParams::default(), T0 as u64 + 60);
    assert_eq!(twofactor::verify(&e.engine, &a, &right, twofactor::CodeFor::SignIn).unwrap(), TotpCheck::Refused);
    Admin::new(e.engine.clone(), "test").unlock(LOGIN).unwrap();
    assert!(matches!(
        twofactor::verify(&e.engine, &e.account(), &right, twofactor::CodeFor::SignIn).unwrap(),
        TotpCheck::Accepted { .. }
    ));
}

#[test]
fn deleting_a_token_sends_a_notice_to_the_work_email() {
    let e = env();
    let a = e.account();
    let id = twofactor::enrol_soft_token(
        &e.engine,
        &a,
        &otp::generate_secret(&mut rand::rngs::OsRng),
        OtpParams::default(),
        "old phone",
    )
    .unwrap();
    twofactor::delete(&e.engine, &a, id, LOGIN).unwrap();
    let mails: Vec<String> = std::fs::read_dir(e.place.dir.path().join("outbox"))
        .unwrap()
        .map(|f| std::fs::read_to_string(f.unwrap().path()).unwrap())
        .collect();
    assert!(mails.iter().any(|m| m.contains("added")), "enrolment notice");
    assert!(mails.iter().any(|m| m.contains("removed")), "deletion notice");
    assert!(twofactor::views(&e.engine, &a).unwrap().is_empty());
}

const TOTP_SEED: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
/// RFC 4226's test secret ("12345678901234567890"), as an HOTP token in a PSKC file.
const HOTP_SECRET: &[u8] = b"12345678901234567890";

fn import_stock(e: &Env) {
    let admin = Admin::new(e.engine.clone(), "test");
    admin.import_tokens(&format!("TOTP-1,{TOTP_SEED}\nTOTP-2,{TOTP_SEED}\n")).unwrap();
    admin
        .import_tokens(
            r#"<?xml version="1.0"?>
<KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc">
  <KeyPackage>
    <DeviceInfo><SerialNo>HOTP-7</SerialNo></DeviceInfo>
    <Key Id="1" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp">
      <AlgorithmParameters><ResponseFormat Length="6" Encoding="DECIMAL"/></AlgorithmParameters>
      <Data><Secret><PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue></Secret><Counter><PlainValue>0</PlainValue></Counter></Data>
    </Key>
  </KeyPackage>
</KeyContainer>"#,
        )
        .unwrap();
}

fn enrol(e: &Env, serial: &str, code: &str, next: Option<&str>) -> twofactor::TokenEnrolment {
    twofactor::enrol_hard_token(&e.engine, &e.account(), serial, code, next, "").unwrap()
}

fn hotp(counter: u64) -> String {
    otp::hotp(HOTP_SECRET, otp::OtpAlgorithm::Sha1, 6, counter)
}

fn totp_now(e: &Env) -> String {
    otp::totp(&otp::parse_base32(TOTP_SEED).unwrap(), &OtpParams::default(), e.engine.now() as u64)
}

fn events(e: &Env, event: &str) -> Vec<gatehouse_core::audit::AuditEntry> {
    e.engine.store().audit(&AuditQuery { event: Some(event.into()), ..Default::default() }).unwrap()
}

#[test]
fn wrong_codes_while_enrolling_a_hardware_token_are_audited_and_count_towards_the_account_lockout() {
    let e = env();
    import_stock(&e);
    for i in 1..=4u32 {
        assert_eq!(
            enrol(&e, "TOTP-1", &other(&totp_now(&e)), None),
            twofactor::TokenEnrolment::Failed(TotpCheck::Wrong)
        );
        assert_eq!(e.account().failed_codes, i, "each wrong enrolment code counts like a wrong TOTP code");
    }
    let failed: Vec<_> = events(&e, "token_enrolled").into_iter().filter(|x| x.outcome == "failed").collect();
    assert_eq!(failed.len(), 4);
    assert!(failed.iter().all(|x| x.subject == LOGIN && x.detail.contains("TOTP-1")), "{failed:?}");
    // The fifth wrong code, on another token, locks the account; then no code is checked at all.
    assert_eq!(enrol(&e, "TOTP-2", "000001", None), twofactor::TokenEnrolment::Failed(TotpCheck::Wrong));
    assert!(e.account().is_locked());
    let right = totp_now(&e);
    assert_eq!(enrol(&e, "TOTP-2", &right, None), twofactor::TokenEnrolment::Failed(TotpCheck::Refused));
    assert!(e.engine.store().hardware_token("TOTP-2").unwrap().unwrap().bound_to.is_none());
    assert_eq!(events(&e, "token_enrolled").first().unwrap().outcome, "refused", "newest first");
}

#[test]
fn a_hardware_token_locks_after_five_wrong_enrolment_codes_from_any_accounts_until_an_administrator_frees_it() {
    let e = env();
    import_stock(&e);
    let admin = Admin::new(e.engine.clone(), "test");
    // Guessers on several accounts share the token's five tries (each account stays under its own
    // lockout threshold).
    let mut guessers = Vec::new();
    for i in 0..3 {
        let login = format!("Guesser_{i}@schools.gov.sg");
        admin
            .create(&CreateRequest {
                login: login.clone(),
                name: format!("Guesser {i}"),
                kind: "school_staff".into(),
                location: Some("5521".into()),
                ..Default::default()
            })
            .unwrap();
        guessers.push(e.engine.store().account_by_login(&LoginId::parse(&login).unwrap()).unwrap().unwrap());
    }
    let wrong = other(&totp_now(&e));
    for n in 0..5 {
        let who = &guessers[n % 3];
        let r = twofactor::enrol_hard_token(&e.engine, who, "TOTP-1", &wrong, None, "").unwrap();
        assert_eq!(r, twofactor::TokenEnrolment::Failed(TotpCheck::Wrong));
    }
    assert_eq!(e.engine.store().hardware_token("TOTP-1").unwrap().unwrap().failed_codes, 5);
    assert!(events(&e, "lockout").iter().any(|x| x.detail.contains("TOTP-1 locked after 5 wrong codes")));
    // Locked: even the right code from the token's true holder is not checked.
    assert_eq!(enrol(&e, "TOTP-1", &totp_now(&e), None), twofactor::TokenEnrolment::TokenLocked);
    assert_eq!(e.account().failed_codes, 0, "a locked token checks nothing, so nothing is counted");
    let view = admin.tokens().unwrap().into_iter().find(|t| t.serial == "TOTP-1").unwrap();
    assert!(view.locked);
    // The administrator frees it; the holder enrols it with the right code.
    admin.unbind_token("TOTP-1").unwrap();
    assert!(events(&e, "token_freed").iter().any(|x| x.detail.contains("TOTP-1") && x.outcome == "ok"));
    assert!(!admin.tokens().unwrap().into_iter().find(|t| t.serial == "TOTP-1").unwrap().locked);
    assert!(matches!(enrol(&e, "TOTP-1", &totp_now(&e), None), twofactor::TokenEnrolment::Enrolled(_)));
}

#[test]
fn an_hotp_token_takes_one_code_within_the_look_ahead_but_needs_two_consecutive_codes_beyond_it() {
    let e = env();
    import_stock(&e);
    // Pressed 50 times before: one code at counter 50 (inside the old window of 100) is refused.
    assert_eq!(enrol(&e, "HOTP-7", &hotp(50), None), twofactor::TokenEnrolment::Failed(TotpCheck::Wrong));
    // Two codes that are not consecutive are refused too.
    assert_eq!(enrol(&e, "HOTP-7", &hotp(51), Some(&hotp(53))), twofactor::TokenEnrolment::Failed(TotpCheck::Wrong));
    // Two consecutive codes resynchronise it; the next sign-in takes the code after them only.
    let enrolled = enrol(&e, "HOTP-7", &hotp(52), Some(&hotp(53)));
    assert!(matches!(enrolled, twofactor::TokenEnrolment::Enrolled(_)), "{enrolled:?}");
    assert_eq!(
        twofactor::verify(&e.engine, &e.account(), &hotp(53), twofactor::CodeFor::SignIn).unwrap(),
        TotpCheck::Wrong
    );
    assert!(matches!(
        twofactor::verify(&e.engine, &e.account(), &hotp(54), twofactor::CodeFor::SignIn).unwrap(),
        TotpCheck::Accepted { .. }
    ));
}

#[test]
fn a_fresh_hotp_token_enrols_with_one_code_within_the_look_ahead() {
    let e = env();
    import_stock(&e);
    assert!(matches!(enrol(&e, "HOTP-7", &hotp(3), None), twofactor::TokenEnrolment::Enrolled(_)));
    assert_eq!(e.engine.store().hardware_token("HOTP-7").unwrap().unwrap().failed_codes, 0);
}

/// How a used HOTP token goes back to the stock.
#[derive(Clone, Copy)]
enum BackToStock {
    Unbound,
    DeletedByItsHolder,
    AllAuthenticatorsDeleted,
    HolderDeleted,
}

/// HOTP-7 (imported at counter 0) is enrolled by Mei Ling with the code of counter 3 and taken at
/// 150 sign-ins (the device's next code is the 155th, counter 154), then goes back to the stock
/// `how`; Tan Wei enrols it: a code it already gave is refused, its next code is taken, and the
/// stock moves on with it.
fn an_hotp_token_back_in_the_stock_enrols_with_its_next_code_only(how: BackToStock) {
    let e = env();
    import_stock(&e);
    let admin = Admin::new(e.engine.clone(), "test");
    let mei = e.account();
    assert!(matches!(enrol(&e, "HOTP-7", &hotp(3), None), twofactor::TokenEnrolment::Enrolled(_)));
    for counter in 4..154 {
        let check = twofactor::verify(&e.engine, &mei, &hotp(counter), twofactor::CodeFor::SignIn).unwrap();
        assert!(matches!(check, TotpCheck::Accepted { .. }), "sign-in {counter}: {check:?}");
    }
    let id = e.engine.store().authenticators(mei.id).unwrap()[0].id;
    match how {
        BackToStock::Unbound => admin.unbind_token("HOTP-7").unwrap(),
        BackToStock::DeletedByItsHolder => twofactor::delete(&e.engine, &mei, id, LOGIN).unwrap(),
        BackToStock::AllAuthenticatorsDeleted => assert_eq!(admin.delete_authenticators(LOGIN).unwrap(), 1),
        BackToStock::HolderDeleted => drop(admin.delete(LOGIN).unwrap()),
    }
    let token = e.engine.store().hardware_token("HOTP-7").unwrap().unwrap();
    assert!(token.bound_to.is_none());
    assert_eq!(token.counter, 154, "the stock keeps the counter its holder reached");
    admin
        .create(&CreateRequest {
            login: "Tan_Wei@schools.gov.sg".into(),
            name: "Tan Wei".into(),
            kind: "school_staff".into(),
            location: Some("5521".into()),
            ..Default::default()
        })
        .unwrap();
    let tan = e.engine.store().account_by_login(&LoginId::parse("Tan_Wei@schools.gov.sg").unwrap()).unwrap().unwrap();
    let enrol_tan = |code: &str, next: Option<&str>| {
        twofactor::enrol_hard_token(&e.engine, &tan, "HOTP-7", code, next, "").unwrap()
    };
    // Codes it already gave, one or two consecutive, take the counter back: refused.
    assert_eq!(enrol_tan(&hotp(5), None), twofactor::TokenEnrolment::Failed(TotpCheck::Wrong));
    assert_eq!(enrol_tan(&hotp(150), Some(&hotp(151))), twofactor::TokenEnrolment::Failed(TotpCheck::Wrong));
    let enrolled = enrol_tan(&hotp(154), None);
    assert!(matches!(enrolled, twofactor::TokenEnrolment::Enrolled(_)), "its next code: {enrolled:?}");
    assert_eq!(e.engine.store().hardware_token("HOTP-7").unwrap().unwrap().counter, 155, "enrolment moves the stock");
    let sign_in = |code: &str| twofactor::verify(&e.engine, &tan, code, twofactor::CodeFor::SignIn).unwrap();
    assert_eq!(sign_in(&hotp(154)), TotpCheck::Wrong, "the enrolment's code is spent");
    assert!(matches!(sign_in(&hotp(155)), TotpCheck::Accepted { .. }));
}

#[test]
fn an_hotp_token_unbound_after_use_enrols_again_with_its_next_code_and_never_with_a_code_it_already_gave() {
    an_hotp_token_back_in_the_stock_enrols_with_its_next_code_only(BackToStock::Unbound);
}

#[test]
fn an_hotp_token_its_holder_deleted_after_use_enrols_again_with_its_next_code_and_never_with_a_code_it_already_gave() {
    an_hotp_token_back_in_the_stock_enrols_with_its_next_code_only(BackToStock::DeletedByItsHolder);
}

#[test]
fn an_hotp_token_freed_with_all_its_holders_authenticators_enrols_again_with_its_next_code_only() {
    an_hotp_token_back_in_the_stock_enrols_with_its_next_code_only(BackToStock::AllAuthenticatorsDeleted);
}

#[test]
fn an_hotp_token_whose_holder_was_deleted_enrols_again_with_its_next_code_only() {
    an_hotp_token_back_in_the_stock_enrols_with_its_next_code_only(BackToStock::HolderDeleted);
}

/// An administrator of location 5521 with `roles`, signed in to the console.
fn console_admin(e: &Env, login: &str, roles: &[gatehouse_core::types::Role], location: &str) -> Admin {
    let identity = gatehouse_core::console::AdminIdentity {
        login: login.into(),
        roles: roles.to_vec(),
        location: gatehouse_core::types::Location::parse(location).unwrap(),
        signed_in_at: e.engine.now(),
        stamp: None,
        factor_by: None,
        factor_at: None,
    };
    Admin::scoped(e.engine.clone(), identity)
}

#[test]
fn a_local_administrator_reads_a_staff_members_undelivered_mails_newest_first_and_an_old_otp_is_marked_expired() {
    use gatehouse_core::console_ops::{self, ConsoleRequest};
    use gatehouse_core::types::Role;
    let e = env();
    e.send();
    e.clock.advance(6 * 60);
    e.send();
    let first = e.mailed_code(1);
    let second = e.mailed_code(2);
    let la = console_admin(&e, "Lim_Boon@schools.gov.sg", &[Role::La], "5521");
    let answer = console_ops::run(&la, ConsoleRequest::Mails { login: LOGIN.to_lowercase() }).unwrap();
    let mails = answer["mails"].as_array().unwrap();
    assert_eq!(mails.len(), 2, "{answer}");
    assert_eq!(mails[0]["subject"], "MIMS OTP #2");
    assert!(mails[0]["body"].as_str().unwrap().contains(&format!("(OTP #2) is {second}")));
    assert_eq!((mails[0]["email_otp"].as_bool(), mails[0]["expired"].as_bool()), (Some(true), Some(false)));
    assert_eq!(mails[1]["subject"], "MIMS OTP #1");
    assert!(mails[1]["body"].as_str().unwrap().contains(&first));
    assert_eq!(mails[1]["expired"], true, "an OTP older than its five minutes is marked expired");
    // Each read is audited by count, never with what the mails say.
    let q = AuditQuery { event: Some("mails_viewed".into()), ..Default::default() };
    let audit = e.engine.store().audit(&q).unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!((audit[0].actor.as_str(), audit[0].subject.as_str()), ("Lim_Boon@schools.gov.sg", LOGIN));
    assert_eq!(audit[0].detail, "2 undelivered mail(s) shown");
    assert!(!audit[0].detail.contains(&first) && !audit[0].detail.contains(&second));
}

#[test]
fn a_login_id_made_again_shows_none_of_the_deleted_accounts_undelivered_mails() {
    use gatehouse_core::types::Role;
    let e = env();
    e.send();
    e.clock.advance(60);
    let operator = Admin::new(e.engine.clone(), "test");
    operator.delete(LOGIN).unwrap();
    let again = CreateRequest {
        login: LOGIN.into(),
        name: "Mei Ling Tan".into(),
        kind: "school_staff".into(),
        location: Some("5521".into()),
        ..Default::default()
    };
    operator.create(&again).unwrap();
    let la = console_admin(&e, "Lim_Boon@schools.gov.sg", &[Role::La], "5521");
    assert!(la.undelivered_mails(LOGIN).unwrap().is_empty(), "the deleted account's code is not the new one's");
    let q = AuditQuery { event: Some("mails_viewed".into()), ..Default::default() };
    assert_eq!(e.engine.store().audit(&q).unwrap()[0].detail, "0 undelivered mail(s) shown");
}

#[test]
fn undelivered_mails_are_refused_outside_scope_for_unknown_logins_and_for_another_administrator() {
    use gatehouse_core::types::Role;
    let e = env();
    e.send();
    let refused = |admin: &Admin, login: &str| admin.undelivered_mails(login).unwrap_err().code();
    // An SA administers students; an LA of another location other staff.
    assert_eq!(refused(&console_admin(&e, "Sam_Ho@schools.gov.sg", &[Role::Sa], "5521"), LOGIN), "refused");
    assert_eq!(refused(&console_admin(&e, "Lim_Boon@schools.gov.sg", &[Role::La], "7000"), LOGIN), "refused");
    let la = console_admin(&e, "Lim_Boon@schools.gov.sg", &[Role::La], "5521");
    assert_eq!(refused(&la, "Nobody_Here@schools.gov.sg"), "not_found");
    // Another administrator's mails may carry a live OTP for their account: not through the console.
    Admin::new(e.engine.clone(), "test")
        .create(&CreateRequest {
            login: "Ada_Wee@schools.gov.sg".into(),
            name: "Ada Wee".into(),
            kind: "school_staff".into(),
            location: Some("5521".into()),
            roles: vec!["la".into()],
            ..Default::default()
        })
        .unwrap();
    assert_eq!(refused(&la, "Ada_Wee@schools.gov.sg"), "refused");
    let q = AuditQuery { event: Some("mails_viewed".into()), outcome: Some("refused".into()), ..Default::default() };
    assert_eq!(e.engine.store().audit(&q).unwrap().len(), 3, "each refusal in scope is audited");
    // The machine's operator reads anyone's.
    assert_eq!(Admin::new(e.engine.clone(), "cli:root").undelivered_mails(LOGIN).unwrap().len(), 1);
}

#[test]
fn with_smtp_configured_the_console_says_there_is_no_outbox() {
    use gatehouse_core::types::Role;
    let e = env_with(Config::from_toml("[smtp]\nhost = \"smtp.example.org\"\n").unwrap());
    let la = console_admin(&e, "Lim_Boon@schools.gov.sg", &[Role::La], "5521");
    let err = la.undelivered_mails(LOGIN).unwrap_err();
    assert_eq!(err.code(), "refused");
    assert!(err.to_string().contains("no outbox"), "{err}");
}

/// The body of the newest mail about the account whose subject is `subject` (decoded, as the
/// console shows it).
fn mail_text(e: &Env, subject: &str) -> String {
    let mails = Admin::new(e.engine.clone(), "test").undelivered_mails(LOGIN).unwrap();
    mails.into_iter().find(|m| m.subject == subject).map(|m| m.body).unwrap_or_else(|| panic!("no mail {subject:?}"))
}

#[test]
fn an_email_otp_and_a_change_notice_say_their_times_in_the_schools_time_zone() {
    // T0 is 09:00 UTC on 5 Jan 2026: 5 pm in Singapore; the code lives five minutes.
    let e = env();
    e.send();
    assert!(mail_text(&e, "MIMS OTP #1").contains("It expires in 5 minutes, at 5 Jan 2026, 5:05 pm."));
    twofactor::notify(&e.engine, &e.account(), gatehouse_core::text::Text::new("authenticator-removed-notice"));
    assert!(mail_text(&e, "MIMS account change").contains("Time: 5 Jan 2026, 5:00 pm, machine"));
    let london = env_with(Config::from_toml("[locale]\ntimezone = \"Europe/London\"\n").unwrap());
    london.send();
    assert!(mail_text(&london, "MIMS OTP #1").contains("at 5 Jan 2026, 9:05 am."));
}

#[test]
fn a_persons_mails_are_in_the_language_they_chose_and_otherwise_in_the_schools() {
    use gatehouse_core::text::{Language, Text};
    let greeting = |l: Language| Text::new("mail-greeting").arg("name", "Mei Ling").format(l);
    // The school's language, Malay, for a person who never chose one.
    let e = env_with(Config::from_toml("[locale]\ndefault_language = \"ms\"\n").unwrap());
    e.send();
    let subject = Text::new("mail-otp-subject").num("sequence", 1).format(Language::Malay);
    let body = mail_text(&e, &subject);
    assert!(body.starts_with(&greeting(Language::Malay)), "{body}");
    assert!(body.contains(&Text::new("mail-otp-not-you").format(Language::Malay)), "{body}");
    assert!(body.contains("5 Jan 2026, 5:05 PTG"), "the time as Malay writes it: {body}");
    // She chose Chinese: her code and her change notices come in it, subject included (which
    // the outbox stores as RFC 2047 encoded words and the console reads back).
    e.engine.store().set_language(e.account().id, Language::Chinese).unwrap();
    e.send();
    let subject = Text::new("mail-otp-subject").num("sequence", 2).format(Language::Chinese);
    let body = mail_text(&e, &subject);
    assert!(body.starts_with(&greeting(Language::Chinese)), "{body}");
    assert!(body.contains("2026年1月5日 下午5:05"), "{body}");
    let code = body.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6).expect("a six-digit code");
    assert_eq!(
        twofactor::check_email_otp(&e.engine, &e.account(), code).unwrap(),
        EmailOtpCheck::Accepted,
        "the code in the Chinese mail is the live one"
    );
    twofactor::notify(&e.engine, &e.account(), Text::new("authenticator-removed-notice"));
    let body = mail_text(&e, &Text::new("mail-change-subject").format(Language::Chinese));
    assert!(body.contains(&Text::new("authenticator-removed-notice").format(Language::Chinese)), "{body}");
    assert!(!body.contains("Dear"), "{body}");
}

#[test]
fn the_email_otp_reads_back_in_each_language_with_the_name_and_a_live_code() {
    use gatehouse_core::text::{Language, Text};
    for language in Language::ALL {
        let e =
            env_with(Config::from_toml(&format!("[locale]\ndefault_language = \"{}\"\n", language.code())).unwrap());
        e.send();
        // As the console reads it back from the outbox (subject decoded, body decoded).
        let body = mail_text(&e, &Text::new("mail-otp-subject").num("sequence", 1).format(language));
        let greeting = Text::new("mail-greeting").arg("name", "Mei Ling").format(language);
        assert!(body.starts_with(&greeting), "{language}: {body}");
        let code = body.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6).expect("a six-digit code");
        let said = Text::new("mail-otp-body").num("sequence", 1).arg("code", code).format(language);
        assert!(body.contains(&said), "{language}: {said:?} not in {body}");
        assert_eq!(
            twofactor::check_email_otp(&e.engine, &e.account(), code).unwrap(),
            EmailOtpCheck::Accepted,
            "{language}"
        );
    }
}

#[test]
fn a_default_language_other_than_the_four_is_refused_at_start() {
    for bad in ["fr", "", "zh-Hant", "English"] {
        let err = Config::from_toml(&format!("[locale]\ndefault_language = \"{bad}\"\n")).unwrap_err().to_string();
        assert!(err.contains("locale.default_language") && err.contains("zh-Hans"), "{bad}: {err}");
    }
    for good in ["en", "zh-Hans", "ms", "ta", "zh-SG"] {
        Config::from_toml(&format!("[locale]\ndefault_language = \"{good}\"\n")).unwrap();
    }
}
