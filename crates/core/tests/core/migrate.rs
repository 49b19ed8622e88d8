//! Moving a school to another store (`gatehouse-cli migrate`, issue 13 §4): nothing is lost,
//! the 2FA secrets are re-sealed under the destination's key, a non-empty destination is
//! refused, and a copy that cannot finish writes nothing.

use gatehouse_core::admin::Admin;
use gatehouse_core::config::Config;
use gatehouse_core::migrate;
use gatehouse_core::otp::{self, OtpParams, TotpCheck};
use gatehouse_core::twofactor::{self, CodeFor, TokenEnrolment};
use serde_json::json;

use crate::common::*;

const SEED: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

/// A one-machine school (the embedded file) with a pupil who finished onboarding, a teacher
/// with a tested soft token and a hardware token in stock. The destinations follow
/// `GATEHOUSE_TEST_STORE`: another file, or PostgreSQL in `make test-fast`'s second pass.
fn school() -> (Env, Person, Person, Vec<u8>) {
    let env = Env::with_key_at(Place::sqlite(), [7; 32], Config::default());
    let pupil = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let teacher = env.active_staff("Grace_Lee@schools.gov.sg", "Grace Lee");
    let account = env.account(&teacher.login);
    let secret = otp::parse_base32("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP").unwrap();
    let id = twofactor::enrol_soft_token(&env.engine, &account, &secret, OtpParams::default(), "phone").unwrap();
    let code = otp::totp(&secret, &OtpParams::default(), env.engine.now() as u64);
    let tested = twofactor::verify(&env.engine, &account, &code, CodeFor::Test(id)).unwrap();
    assert!(matches!(tested, TotpCheck::Accepted { .. }), "{tested:?}");
    Admin::new(env.engine.clone(), "test").import_tokens(&format!("TOTP-1,{SEED}\n")).unwrap();
    (env, pupil, teacher, secret.to_vec())
}

#[test]
fn a_copied_school_signs_in_resets_and_takes_codes_on_the_destination_with_every_row_there() {
    let (src, pupil, teacher, secret) = school();
    let dst = Env::with_key_and([9; 32], Config::default());
    let report = migrate::copy(&src.engine, &dst.engine, false).expect("copy");
    assert_eq!(report.resealed, 2, "the soft token and the stock token");
    for t in &report.tables {
        assert_eq!(t.source, t.destination, "{t:?}");
    }
    let rows = |name: &str| report.tables.iter().find(|t| t.table == name).unwrap().source;
    assert_eq!(rows("accounts"), 2);
    assert_eq!(rows("answers"), 6);
    assert!(rows("audit") > 10);

    // The pupil signs in with the same password and resets it with the same answers.
    let mut d = dst.session();
    assert_eq!(screen(&d.sign_in(&pupil.login, &pupil.password)), "applications");
    let mut d = dst.session();
    d.expect(json!({"action": "forgot_password"}), "sspr_search");
    let shown = d.expect(json!({"action": "sspr_search", "login": pupil.login}), "sspr_questions");
    d.expect(json!({"action": "sspr_answer", "answers": Driver::answers_for(&shown)}), "change_password");

    // The teacher's authenticator opens under the destination's key; the replay guard came too.
    dst.advance(30);
    let account = dst.account(&teacher.login);
    let code = otp::totp(&secret, &OtpParams::default(), dst.engine.now() as u64);
    let check = twofactor::verify(&dst.engine, &account, &code, CodeFor::SignIn).unwrap();
    assert!(matches!(check, TotpCheck::Accepted { .. }), "{check:?}");
    // The stock token enrols there with a code from its seed.
    let stock = otp::totp(&otp::parse_base32(SEED).unwrap(), &OtpParams::default(), dst.engine.now() as u64);
    let pupil_account = dst.account(&pupil.login);
    let enrolled = twofactor::enrol_hard_token(&dst.engine, &pupil_account, "TOTP-1", &stock, None, "").unwrap();
    assert!(matches!(enrolled, TokenEnrolment::Enrolled(_)), "{enrolled:?}");

    // The source's key does not open the copied secrets: they were sealed again.
    let copied = &dst.store().authenticators(account.id).unwrap()[0];
    let original = &src.store().authenticators(account.id).unwrap()[0];
    assert_ne!(copied.secret_sealed, original.secret_sealed);
}

#[test]
fn a_copy_names_what_it_leaves_behind_open_sessions_and_live_email_codes_among_them() {
    let (src, _, _, _) = school();
    let now = src.engine.now();
    for n in 1..=2u8 {
        let hash = gatehouse_core::store::TokenHash([n; 32]);
        src.store()
            .create_session(&hash, gatehouse_core::store::SessionKind::Person, None, b"sealed", now, now + 600)
            .unwrap();
    }
    let dst = Env::with_key_and([9; 32], Config::default());
    let report = migrate::copy(&src.engine, &dst.engine, false).expect("copy");
    assert_eq!(report.left_behind, vec![migrate::LeftBehind { table: "sessions", rows: 2 }]);
    assert_eq!(dst.store().count_rows("sessions").unwrap(), 0);
}

#[test]
fn a_copy_never_gives_a_deleted_accounts_id_to_a_new_account() {
    let (src, _, teacher, _) = school();
    // The newest account goes before the move; apps may still know its id.
    let gone = src.account_id(&teacher.login);
    Admin::new(src.engine.clone(), "test").delete(&teacher.login).unwrap();
    let dst = Env::with_key_and([9; 32], Config::default());
    migrate::copy(&src.engine, &dst.engine, false).expect("copy");
    let next = dst.active_student("Eve_Tan@students.edu.sg", "Eve Tan", "p1_3");
    assert!(dst.account_id(&next.login).0 > gone.0, "{:?} after {gone:?}", dst.account_id(&next.login));
}

#[test]
fn a_copy_carries_each_class_and_each_disabled_account() {
    let (src, pupil, teacher, _) = school();
    let admin = Admin::new(src.engine.clone(), "test");
    let class = gatehouse_core::admin::AccountEdit { class: Some("3A".into()), ..Default::default() };
    admin.edit(&pupil.login, &class).unwrap();
    admin.disable(&teacher.login).unwrap();
    let dst = Env::with_key_and([9; 32], Config::default());
    migrate::copy(&src.engine, &dst.engine, false).expect("copy");
    assert_eq!(dst.account(&pupil.login).class.map(|c| c.as_str().to_owned()).as_deref(), Some("3A"));
    assert!(!dst.account(&pupil.login).disabled);
    assert!(dst.account(&teacher.login).disabled);
    let mut d = dst.session();
    let r = d.sign_in(&teacher.login, &teacher.password);
    assert_eq!(code(&r), Some("account_disabled"), "{r}");
}

#[test]
fn a_destination_with_accounts_is_refused_and_forcing_a_clash_writes_nothing() {
    let (src, _, _, _) = school();
    let dst = Env::with_key_and([9; 32], Config::default());
    dst.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let before = dst.store().table_counts().unwrap();

    let refused = migrate::copy(&src.engine, &dst.engine, false).unwrap_err();
    assert_eq!(refused.code(), "refused");
    assert!(refused.to_string().contains("--force"), "{refused}");

    let clash = migrate::copy(&src.engine, &dst.engine, true).unwrap_err();
    assert_eq!(clash.code(), "refused", "{clash}");
    assert!(clash.to_string().contains("nothing was written"), "{clash}");
    assert_eq!(dst.store().table_counts().unwrap(), before, "a failed copy leaves the destination as it was");
}

#[test]
fn a_school_without_second_factors_copies_without_a_data_key() {
    let src = Env::new();
    src.new_student("Ada_Lim@students.edu.sg", "Ada Lim", "p4_6");
    let dst = Env::new();
    let report = migrate::copy(&src.engine, &dst.engine, false).expect("nothing to re-seal, no key needed");
    assert_eq!(report.resealed, 0);
    assert_eq!(report.left_behind, vec![], "nothing left behind is not mentioned");
    assert!(report.tables.iter().all(|t| t.source == t.destination));
}

#[test]
fn an_empty_source_is_refused_as_a_mistaken_one_and_nothing_is_copied() {
    let (src, dst) = (Env::new(), Env::new());
    let err = migrate::copy(&src.engine, &dst.engine, false).unwrap_err();
    assert_eq!(err.text().map(|t| t.id().to_owned()).as_deref(), Some("migrate-source-empty"), "{err}");
    assert!(dst.store().table_counts().unwrap().iter().all(|(t, n)| *n == 0 || *t == "meta"));
}

#[test]
fn a_source_opened_with_another_data_key_is_refused_and_the_destination_stays_empty() {
    let (src, _, _, _) = school();
    // The same database, but a key that did not seal its secrets (a wrong key file).
    let foreign = gatehouse_core::Engine::with_services(
        src.place.open(std::time::Duration::from_secs(5)),
        Config::default(),
        src.clock.clone(),
        Box::new(<rand_chacha::ChaCha20Rng as rand::SeedableRng>::seed_from_u64(2)),
        gatehouse_core::mail::Mailer::none(),
        gatehouse_core::engine::KeyStore::Fixed(gatehouse_core::vault::Vault::from_key([8; 32])),
    );
    let dst = Env::with_key_and([9; 32], Config::default());
    let before = dst.store().table_counts().unwrap();
    let err = migrate::copy(&foreign, &dst.engine, false).unwrap_err();
    assert_eq!(err.code(), "storage", "{err}");
    assert_eq!(dst.store().table_counts().unwrap(), before, "nothing was copied");
}
