//! FIDO2 security keys through the wizard (issue 17 §1), with a software authenticator and
//! WebAuthn client (1Password's passkey-rs) whose registrations and assertions the real verifier
//! (webauthn-rs) checks: enrolment by a touch, a touch instead of a code to open iCON, in a reset
//! and in a key's test; and the refusals — a replayed answer, another origin, another relying
//! party, a cloned key's counter, an answer without a ceremony — each audited and counted.

use gatehouse_softkey::SoftKey;
use serde_json::{json, Value};
use url::Url;

use crate::common::*;
use crate::staff_2fa::{code_now, enrol_and_open_test, signed_in_staff, to_self_service, MEI};

/// Mei on the self-service page, enrolling `key` (her first authenticator): the completion.
fn enrolled(env: &Env, key: &mut SoftKey) -> (Driver, Value) {
    let mut d = signed_in_staff(env);
    to_self_service(env, &mut d);
    let screen = d.expect(json!({"action": "add_security_key"}), "add_security_key");
    let credential = key.register(&screen["security_key"]);
    let done = d.expect(
        json!({"action": "add_security_key", "credential": credential, "comment": "Blue key", "model": "YubiKey 5 NFC"}),
        "edit_authenticator",
    );
    (d, done)
}

/// From the completion to the code prompt that opens iCON, with a ceremony started.
fn to_key_prompt(d: &mut Driver) -> Value {
    d.expect(json!({"action": "continue"}), "applications");
    let prompt = d.expect(json!({"action": "open_app", "app": "icon"}), "totp_prompt");
    assert_eq!(prompt["security_keys"], true, "{prompt}");
    assert!(prompt["security_key"].is_null(), "no ceremony until asked: {prompt}");
    d.expect(json!({"action": "use_security_key"}), "totp_prompt")
}

fn key_events(env: &Env, event: &str) -> Vec<String> {
    env.events(MEI).into_iter().filter(|e| e.event == event).map(|e| format!("{} {}", e.outcome, e.detail)).collect()
}

#[test]
fn a_staff_member_enrols_a_security_key_with_a_touch_and_it_completes_the_set_up() {
    let env = Env::with_data_key();
    let mut d = signed_in_staff(&env);
    to_self_service(&env, &mut d);
    let screen = d.expect(json!({"action": "add_security_key"}), "add_security_key");
    let ceremony = &screen["security_key"];
    assert_eq!(ceremony["origin"], "https://mims.moe.gov.sg");
    assert_eq!(ceremony["options"]["publicKey"]["rp"]["id"], "mims.moe.gov.sg");
    assert_eq!(ceremony["options"]["publicKey"]["user"]["name"], MEI);
    let mut key = SoftKey::new(true);
    let credential = key.register(ceremony);
    let done = d.expect(
        json!({"action": "add_security_key", "credential": credential, "comment": "Blue key", "model": "YubiKey 5 NFC"}),
        "edit_authenticator",
    );
    assert_eq!(done["authenticator"]["kind"], "security_key");
    assert_eq!(done["authenticator"]["comment"], "Blue key");
    assert_eq!(done["authenticator"]["model"], "YubiKey 5 NFC");
    assert_eq!(done["authenticator"]["tested"], true);
    assert_eq!(done["banner_text"]["id"], "security-key-added");
    assert_eq!(done["completion_text"]["id"], "two-factor-set-up-completed");
    assert_eq!(done["recovery_codes"].as_array().unwrap().len(), 10);
    assert_eq!(key_events(&env, "token_enrolled"), ["ok security key \"Blue key\""]);
    assert_eq!(key_events(&env, "token_tested"), ["ok touch at enrolment"]);
    // Listed like the other authenticators.
    let list = d.expect(json!({"action": "cancel"}), "self_service");
    let item = list["enrolled"].as_array().unwrap().iter().find(|e| e["comment"] == "Blue key").cloned().unwrap();
    assert_eq!(item["status"], "Tested");
    // One key is not enrolled twice: the next ceremony excludes it.
    let again = d.expect(json!({"action": "add_security_key"}), "add_security_key");
    let excluded = &again["security_key"]["options"]["publicKey"]["excludeCredentials"];
    assert_eq!(excluded[0]["id"], credential["id"], "{again}");
}

#[test]
fn a_touch_opens_icon_in_place_of_a_code_and_the_counter_moves_on() {
    let env = Env::with_data_key();
    let mut key = SoftKey::new(true);
    let (mut d, _) = enrolled(&env, &mut key);
    let asked = to_key_prompt(&mut d);
    let ceremony = &asked["security_key"];
    assert_eq!(ceremony["options"]["publicKey"]["rpId"], "mims.moe.gov.sg");
    let answer = key.sign(ceremony);
    let opened = d.send(json!({"action": "use_security_key", "credential": answer}));
    assert!(["terms", "dashboard"].contains(&screen(&opened)), "{opened}");
    assert_eq!(key_events(&env, "security_key_used"), ["ok security key \"Blue key\""]);
    let stored = env.store().authenticators(env.account_id(MEI)).unwrap();
    assert_eq!(stored[0].last_step, Some(1), "the signature counter is kept");
}

#[test]
fn a_replayed_answer_is_refused_audited_and_counted() {
    let env = Env::with_data_key();
    let mut key = SoftKey::new(true);
    let (mut d, _) = enrolled(&env, &mut key);
    let asked = to_key_prompt(&mut d);
    let answer = key.sign(&asked["security_key"]);
    let opened = d.send(json!({"action": "use_security_key", "credential": answer.clone()}));
    assert!(["terms", "dashboard"].contains(&screen(&opened)), "{opened}");
    // The same answer again, to a new ceremony.
    d.expect(json!({"action": "cancel"}), "applications");
    d.expect(json!({"action": "open_app", "app": "icon"}), "totp_prompt");
    // Without a ceremony an answer is not even looked at.
    let early =
        d.expect_error(json!({"action": "use_security_key", "credential": answer}), "totp_prompt", "invalid_input");
    assert_eq!(early["error"]["id"], "security-key-not-asked");
    d.expect(json!({"action": "use_security_key"}), "totp_prompt");
    let replayed = d.expect_error(
        json!({"action": "use_security_key", "credential": answer}),
        "totp_prompt",
        "security_key_refused",
    );
    assert!(replayed["security_key"].is_null(), "the ceremony is used up: {replayed}");
    assert_eq!(
        key_events(&env, "security_key_used"),
        ["ok security key \"Blue key\"", "failed security key: the answer is to another challenge"]
    );
    assert_eq!(env.account(MEI).failed_codes, 1);
}

#[test]
fn an_answer_naming_another_origin_or_relying_party_is_refused() {
    let env = Env::with_data_key();
    let mut key = SoftKey::new(true);
    let (mut d, _) = enrolled(&env, &mut key);
    let asked = to_key_prompt(&mut d);
    // Another origin under the same domain (a page the school does not run).
    let other_origin = Url::parse("https://login.mims.moe.gov.sg").unwrap();
    let answer = key.sign_with(asked["security_key"]["options"].clone(), &other_origin);
    d.expect_error(json!({"action": "use_security_key", "credential": answer}), "totp_prompt", "security_key_refused");
    // The right origin, but signed for another relying party id.
    let asked = d.expect(json!({"action": "use_security_key"}), "totp_prompt");
    let mut options = asked["security_key"]["options"].clone();
    options["publicKey"]["rpId"] = json!("moe.gov.sg");
    let answer = key.sign_with(options, &SoftKey::origin(&asked["security_key"]));
    d.expect_error(json!({"action": "use_security_key", "credential": answer}), "totp_prompt", "security_key_refused");
    // Something that is not an assertion at all.
    d.expect(json!({"action": "use_security_key"}), "totp_prompt");
    d.expect_error(
        json!({"action": "use_security_key", "credential": {"id": "x"}}),
        "totp_prompt",
        "security_key_refused",
    );
    let refused = key_events(&env, "security_key_used");
    assert_eq!(refused.len(), 3, "{refused:?}");
    assert_eq!(refused[0], "failed security key: the answer names another origin");
    assert_eq!(refused[1], "failed security key: the answer is for another relying party");
    assert!(refused[2].starts_with("failed security key: not a WebAuthn assertion"), "{refused:?}");
    assert_eq!(env.account(MEI).failed_codes, 3);
}

/// A school whose server's browser page is `public_url` (security keys registered to the
/// default relying party, mims.moe.gov.sg).
fn env_with_page(public_url: &str) -> Env {
    let mut config = gatehouse_core::config::Config::default();
    config.server.public_url = public_url.to_owned();
    Env::with_data_key_and(config)
}

#[test]
fn a_key_may_answer_from_the_servers_browser_page_when_it_lies_within_the_relying_party() {
    let env = env_with_page("https://login.mims.moe.gov.sg:8443");
    let mut key = SoftKey::new(true);
    let page = Url::parse("https://login.mims.moe.gov.sg:8443").unwrap();
    // Enrolled on the page (as a browser's navigator.credentials would), used there and in the app.
    let mut d = signed_in_staff(&env);
    to_self_service(&env, &mut d);
    let adding = d.expect(json!({"action": "add_security_key"}), "add_security_key");
    let credential = key.register_at(&adding["security_key"], &page);
    d.expect(
        json!({"action": "add_security_key", "credential": credential, "comment": "Blue key"}),
        "edit_authenticator",
    );
    let asked = to_key_prompt(&mut d);
    let answer = key.sign_with(asked["security_key"]["options"].clone(), &page);
    let opened = d.send(json!({"action": "use_security_key", "credential": answer}));
    assert!(["terms", "dashboard"].contains(&screen(&opened)), "{opened}");
    // The same page on another port, or without it, is another origin.
    d.expect(json!({"action": "cancel"}), "applications");
    d.expect(json!({"action": "open_app", "app": "icon"}), "totp_prompt");
    let asked = d.expect(json!({"action": "use_security_key"}), "totp_prompt");
    let elsewhere = Url::parse("https://login.mims.moe.gov.sg").unwrap();
    let answer = key.sign_with(asked["security_key"]["options"].clone(), &elsewhere);
    d.expect_error(json!({"action": "use_security_key", "credential": answer}), "totp_prompt", "security_key_refused");
}

#[test]
fn a_cloned_keys_counter_gives_it_away() {
    let env = Env::with_data_key();
    let mut key = SoftKey::new(true);
    let (mut d, _) = enrolled(&env, &mut key);
    let mut copy = key.clone_key();
    let asked = to_key_prompt(&mut d);
    let opened = d.send(json!({"action": "use_security_key", "credential": key.sign(&asked["security_key"])}));
    assert!(["terms", "dashboard"].contains(&screen(&opened)), "{opened}");
    d.expect(json!({"action": "cancel"}), "applications");
    d.expect(json!({"action": "open_app", "app": "icon"}), "totp_prompt");
    let asked = d.expect(json!({"action": "use_security_key"}), "totp_prompt");
    // The copy signs with the counter it had when it was copied: not above the one seen last.
    let answer = copy.sign(&asked["security_key"]);
    d.expect_error(json!({"action": "use_security_key", "credential": answer}), "totp_prompt", "security_key_refused");
    let used = key_events(&env, "security_key_used");
    assert_eq!(
        used.last().unwrap(),
        "failed security key: the signature counter did not go up: the key may have been cloned"
    );
    // Which of the two is the copy cannot be told: the owner's work email hears of it.
    let mails: Vec<String> = std::fs::read_dir(env.dir().join("outbox"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap().replace("=\r\n", ""))
        .collect();
    assert_eq!(mails.iter().filter(|m| m.contains("may have been copied")).count(), 1, "{mails:?}");
}

#[test]
fn a_clone_answering_a_ceremony_started_before_the_key_was_used_elsewhere_is_refused() {
    let env = Env::with_data_key();
    let mut key = SoftKey::new(true);
    let (mut waiting, _) = enrolled(&env, &mut key);
    let mut copy = key.clone_key();
    // A ceremony is started and left open (whoever knows the password can do that) …
    let asked = to_key_prompt(&mut waiting);
    // … while the owner signs in twice elsewhere with the real key.
    for _ in 0..2 {
        let mut d = env.session();
        d.expect(json!({"action": "sign_in", "login": MEI, "password": NEW_PASSWORD}), "applications");
        d.expect(json!({"action": "open_app", "app": "icon"}), "totp_prompt");
        let ceremony = d.expect(json!({"action": "use_security_key"}), "totp_prompt");
        let opened = d.send(json!({"action": "use_security_key", "credential": key.sign(&ceremony["security_key"])}));
        assert!(["terms", "dashboard"].contains(&screen(&opened)), "{opened}");
    }
    // The copy's counter is above the one the old ceremony saw, but not above the key's now.
    let answer = copy.sign(&asked["security_key"]);
    waiting.expect_error(
        json!({"action": "use_security_key", "credential": answer}),
        "totp_prompt",
        "security_key_refused",
    );
    assert_eq!(
        key_events(&env, "security_key_used").last().unwrap(),
        "failed security key: the signature counter did not go up: the key may have been cloned"
    );
    let stored = env.store().authenticators(env.account_id(MEI)).unwrap();
    assert_eq!(stored[0].last_step, Some(2), "the key's counter stays where the real key left it");
}

#[test]
fn wrong_answers_lock_the_account_like_wrong_codes() {
    let env = Env::with_data_key();
    let mut key = SoftKey::new(true);
    let (mut d, _) = enrolled(&env, &mut key);
    to_key_prompt(&mut d);
    for _ in 0..4 {
        d.expect_error(json!({"action": "use_security_key", "credential": {}}), "totp_prompt", "security_key_refused");
        d.expect(json!({"action": "use_security_key"}), "totp_prompt");
    }
    d.expect(json!({"action": "use_security_key", "credential": {}}), "account_locked");
    assert!(env.account(MEI).is_locked());
}

#[test]
fn a_reset_of_an_account_with_a_security_key_takes_a_touch() {
    let env = Env::with_data_key();
    let mut key = SoftKey::presence_only();
    enrolled(&env, &mut key);
    let mut d = env.session();
    d.expect(json!({"action": "forgot_password"}), "sspr_search");
    let asked = d.expect(json!({"action": "sspr_search", "login": MEI}), "sspr_questions");
    let prompt = d.expect(json!({"action": "sspr_answer", "answers": Driver::answers_for(&asked)}), "sspr_totp");
    assert_eq!(prompt["security_keys"], true);
    let ceremony = d.expect(json!({"action": "use_security_key"}), "sspr_totp");
    d.expect(
        json!({"action": "use_security_key", "credential": key.sign(&ceremony["security_key"])}),
        "change_password",
    );
}

#[test]
fn a_security_key_is_tested_with_a_touch_from_its_page() {
    let env = Env::with_data_key();
    let mut key = SoftKey::new(true);
    let (mut d, done) = enrolled(&env, &mut key);
    let id = done["authenticator"]["id"].clone();
    d.expect(json!({"action": "cancel"}), "self_service");
    d.expect(json!({"action": "select_authenticator", "id": id}), "edit_authenticator");
    let test = d.expect(json!({"action": "test_authenticator"}), "test_authenticator");
    assert!(test["security_key"].is_null());
    let asked = d.expect(json!({"action": "use_security_key"}), "test_authenticator");
    let passed = d.expect(
        json!({"action": "use_security_key", "credential": key.sign(&asked["security_key"])}),
        "edit_authenticator",
    );
    assert_eq!(passed["banner_text"]["id"], "authenticator-passed-test");
    assert!(passed["completion"].is_null(), "the set-up was completed before");
    // A code is no answer for a key: the person is told how the key is tested, and nothing is
    // counted towards the lockout (it was not a guess at anything).
    d.expect(json!({"action": "test_authenticator"}), "test_authenticator");
    let typed = d.expect_error(
        json!({"action": "test_authenticator", "code": "123456"}),
        "test_authenticator",
        "invalid_input",
    );
    assert_eq!(typed["error"]["id"], "security-key-takes-no-code", "{typed}");
    assert_eq!(typed["error"]["field"], "code", "{typed}");
    assert_eq!(env.account(MEI).failed_codes, 0);
}

#[test]
fn an_enrolment_for_another_relying_party_is_refused_and_a_new_ceremony_offered() {
    let env = Env::with_data_key();
    let mut d = signed_in_staff(&env);
    to_self_service(&env, &mut d);
    let screen = d.expect(json!({"action": "add_security_key"}), "add_security_key");
    let mut ceremony = screen["security_key"].clone();
    ceremony["options"]["publicKey"]["rp"]["id"] = json!("example.org");
    let mut key = SoftKey::new(true);
    let credential = key.register_at(&ceremony, &Url::parse("https://example.org").unwrap());
    let refused = d.expect_error(
        json!({"action": "add_security_key", "credential": credential}),
        "add_security_key",
        "security_key_refused",
    );
    assert_ne!(
        refused["security_key"]["options"]["publicKey"]["challenge"],
        screen["security_key"]["options"]["publicKey"]["challenge"]
    );
    assert!(env.store().authenticators(env.account_id(MEI)).unwrap().is_empty());
    let audit = key_events(&env, "token_enrolled");
    assert_eq!(audit.len(), 1);
    assert!(audit[0].starts_with("refused security key: the answer names another origin"), "{audit:?}");
}

#[test]
fn an_administrator_signs_in_to_the_console_with_a_touch_and_a_wrong_answer_counts() {
    use gatehouse_core::console::{self, SignInOutcome};
    use gatehouse_core::security_keys;
    use gatehouse_core::types::SecretString;

    let env = Env::with_data_key();
    let irene = crate::scope::administrator_at(&env, "Irene_Koh@schools.gov.sg", "Irene Koh", "la", "LA-1");
    let password = SecretString::new(NEW_PASSWORD.into());
    // Only a token so far: no key to touch.
    let refused = console::start_key_sign_in(&env.engine, &irene, &password, "console").unwrap().unwrap_err();
    assert_eq!(refused.text.id(), "admin-no-security-key");
    // Her key, enrolled as the window would.
    let account = env.account(&irene);
    let (ceremony, state) = security_keys::start_enrolment(&env.engine, &account).unwrap();
    let mut key = SoftKey::new(true);
    let answer = key.register(&serde_json::to_value(&ceremony).unwrap());
    let enrolled = security_keys::finish_enrolment(&env.engine, &account, &state, &answer, "Red key", None).unwrap();
    assert!(matches!(enrolled, security_keys::Enrolled::Yes(_)), "{enrolled:?}");
    // A wrong password is refused before any key is asked.
    let wrong = SecretString::new("Wrong-Password-1".into());
    assert!(console::start_key_sign_in(&env.engine, &irene, &wrong, "console").unwrap().is_err());
    // The touch: signed in, and the audit says how.
    let pending = console::start_key_sign_in(&env.engine, &irene, &password, "console").unwrap().unwrap();
    let answer = key.sign(&serde_json::to_value(&pending.ceremony).unwrap());
    let outcome = console::finish_key_sign_in(&env.engine, pending, &answer).unwrap();
    assert!(matches!(outcome, SignInOutcome::SignedIn(_)), "{outcome:?}");
    let last = env.events(&irene).into_iter().rev().find(|e| e.event == "sign_in").unwrap();
    assert_eq!(last.detail, "administrator sign-in (console) as la with a security key");
    // An answer that is not the key's: refused, audited and counted like a wrong code.
    let before = env.account(&irene).failed_codes;
    let pending = console::start_key_sign_in(&env.engine, &irene, &password, "console").unwrap().unwrap();
    let outcome = console::finish_key_sign_in(&env.engine, pending, &json!({"id": "forged"})).unwrap();
    assert!(matches!(&outcome, SignInOutcome::Refused(r) if r.code == "security_key_refused"), "{outcome:?}");
    assert_eq!(env.account(&irene).failed_codes, before + 1);
    let refused = env.events(&irene).into_iter().filter(|e| e.event == "security_key_used" && e.outcome == "failed");
    assert_eq!(refused.count(), 1);
    // Her touch, but more than two minutes after the ceremony began: not looked at, not counted.
    let pending = console::start_key_sign_in(&env.engine, &irene, &password, "console").unwrap().unwrap();
    let answer = key.sign(&serde_json::to_value(&pending.ceremony).unwrap());
    env.clock.advance(console::KEY_WAIT_SECONDS + 1);
    let outcome = console::finish_key_sign_in(&env.engine, pending, &answer).unwrap();
    assert!(matches!(&outcome, SignInOutcome::Refused(r) if r.code == "security_key_timeout"), "{outcome:?}");
    assert_eq!(env.account(&irene).failed_codes, before + 1);
    let late = env.events(&irene).into_iter().rev().find(|e| e.event == "security_key_used").unwrap();
    assert_eq!((late.outcome.as_str(), late.detail.as_str()), ("refused", "not checked: the ceremony expired"));
    // The operator resets her password (believed taken) while the key is being found, in the
    // same second: her touch then opens nothing, and nothing is counted.
    let pending = console::start_key_sign_in(&env.engine, &irene, &password, "console").unwrap().unwrap();
    env.admin().reset_password(&irene).unwrap();
    let answer = key.sign(&serde_json::to_value(&pending.ceremony).unwrap());
    let outcome = console::finish_key_sign_in(&env.engine, pending, &answer).unwrap();
    assert!(matches!(&outcome, SignInOutcome::Refused(r) if r.code == "admin_sign_in_failed"), "{outcome:?}");
    assert_eq!(env.account(&irene).failed_codes, 0, "the reset cleared the count; the refusal adds nothing");
    let reset = env.events(&irene).into_iter().rev().find(|e| e.event == "security_key_used").unwrap();
    assert_eq!(reset.detail, "not checked: the password was set again after it was checked");
}

#[test]
fn halves_of_a_kiosks_exit_begun_and_never_finished_slow_the_kiosk_like_wrong_tries() {
    use gatehouse_core::console;
    use gatehouse_core::slowdown::{Slowdown, FREE_TRIES};
    use gatehouse_core::types::SecretString;
    use std::sync::Mutex;

    let env = Env::with_data_key();
    let irene = crate::scope::administrator_at(&env, "Irene_Koh@schools.gov.sg", "Irene Koh", "la", "LA-1");
    let slowdown = Mutex::new(Slowdown::default());
    let begin = |password: &str| {
        let password = SecretString::new(password.into());
        console::slowed(
            &slowdown,
            || console::start_key_kiosk_exit(&env.engine, &irene, &password),
            console::judge_key_start,
        )
        .unwrap()
    };
    // Guesses at her password, each only begun: the answers (right or wrong) would come after
    // a touch, but the Argon2id work is done at each start.
    for guess in 0..=FREE_TRIES {
        let started = begin(&format!("Guess-Number-{guess}"));
        assert!(started.is_ok(), "let through: {started:?}");
    }
    let waiting = begin(NEW_PASSWORD).unwrap_err();
    assert_eq!(waiting.code, "kiosk_exit_wait");
}

#[test]
fn an_administrator_closes_a_kiosk_with_a_touch_and_a_wrong_answer_slows_the_kiosk_but_does_not_count() {
    use gatehouse_core::console::{self, SignInOutcome};
    use gatehouse_core::security_keys;
    use gatehouse_core::slowdown::{Slowdown, FREE_TRIES};
    use gatehouse_core::types::SecretString;
    use std::sync::Mutex;

    let env = Env::with_data_key();
    let irene = crate::scope::administrator_at(&env, "Irene_Koh@schools.gov.sg", "Irene Koh", "la", "LA-1");
    let password = SecretString::new(NEW_PASSWORD.into());
    let account = env.account(&irene);
    let (ceremony, state) = security_keys::start_enrolment(&env.engine, &account).unwrap();
    let mut key = SoftKey::new(true);
    let answer = key.register(&serde_json::to_value(&ceremony).unwrap());
    security_keys::finish_enrolment(&env.engine, &account, &state, &answer, "Red key", None).unwrap();
    let slowdown = Mutex::new(Slowdown::default());
    let start = || {
        console::slowed(
            &slowdown,
            || console::start_key_kiosk_exit(&env.engine, &irene, &password),
            console::judge_key_start,
        )
        .unwrap()
        .and_then(|started| started)
    };
    let finish = |pending, answer: &Value| {
        console::slowed_finish(&slowdown, || console::finish_key_sign_in(&env.engine, pending, answer)).unwrap()
    };
    // Forged answers: each refused and audited, none counted towards her lockout; past the free
    // tries the kiosk waits before it checks anything again.
    for _ in 0..FREE_TRIES + 1 {
        let pending = start().expect("her password is right");
        assert!(pending.is_kiosk_exit());
        let outcome = finish(pending, &json!({"id": "forged"}));
        assert!(matches!(&outcome, SignInOutcome::Refused(r) if r.code == "admin_sign_in_failed"), "{outcome:?}");
    }
    assert_eq!(env.account(&irene).failed_codes, 0);
    let refused: Vec<String> = env
        .events(&irene)
        .into_iter()
        .filter(|e| e.event == "security_key_used" && e.outcome == "failed")
        .map(|e| e.detail)
        .collect();
    assert_eq!(refused.len(), FREE_TRIES as usize + 1);
    assert!(refused.iter().all(|d| d.ends_with("(kiosk exit: not counted towards the lockout)")), "{refused:?}");
    let waiting = start().unwrap_err();
    assert_eq!(waiting.code, "kiosk_exit_wait");
    // Once the wait is over, her touch closes the kiosk, audited as such.
    *slowdown.lock().unwrap() = Slowdown::default();
    let pending = start().unwrap();
    let answer = key.sign(&serde_json::to_value(&pending.ceremony).unwrap());
    assert!(matches!(finish(pending, &answer), SignInOutcome::SignedIn(_)));
    let last = env.events(&irene).into_iter().rev().find(|e| e.event == "sign_in").unwrap();
    assert_eq!(last.detail, "administrator sign-in (kiosk exit) as la with a security key");
}

#[test]
fn at_a_kiosks_exit_a_wrong_password_asks_for_the_same_touch_and_is_refused_after_it_like_a_wrong_key() {
    use gatehouse_core::console::{self, SignInOutcome};
    use gatehouse_core::security_keys;
    use gatehouse_core::types::SecretString;

    let env = Env::with_data_key();
    let irene = crate::scope::administrator_at(&env, "Irene_Koh@schools.gov.sg", "Irene Koh", "la", "LA-1");
    let account = env.account(&irene);
    let (ceremony, state) = security_keys::start_enrolment(&env.engine, &account).unwrap();
    let mut key = SoftKey::new(true);
    let answer = key.register(&serde_json::to_value(&ceremony).unwrap());
    security_keys::finish_enrolment(&env.engine, &account, &state, &answer, "Red key", None).unwrap();
    let start = |password: &str| {
        console::start_key_kiosk_exit(&env.engine, &irene, &SecretString::new(password.into()))
            .unwrap()
            .expect("a ceremony whatever the password")
    };
    let refusal =
        |outcome: SignInOutcome| outcome.into_result().map(|a| a.login).map_err(|r| (r.code, r.text.id().to_owned()));
    // The same key asked for, whether the password was right or not.
    let (right, wrong) = (start(NEW_PASSWORD), start("Wrong-Password-1"));
    let allowed = |p: &console::KeySignIn| p.ceremony.options["publicKey"]["allowCredentials"].clone();
    assert_eq!(allowed(&right), allowed(&wrong));
    assert_ne!(right.ceremony.options["publicKey"]["challenge"], wrong.ceremony.options["publicKey"]["challenge"]);
    // Her real touch after a wrong password, and a forged answer after the right one: one refusal.
    let touched = key.sign(&serde_json::to_value(&wrong.ceremony).unwrap());
    let after_wrong = refusal(console::finish_key_sign_in(&env.engine, wrong, &touched).unwrap());
    let forged = refusal(console::finish_key_sign_in(&env.engine, right, &json!({"id": "forged"})).unwrap());
    assert_eq!(after_wrong, forged);
    assert_eq!(forged, Err(("admin_sign_in_failed", "admin-key-sign-in-failed".to_owned())));
    // The audit log keeps why; nothing counted towards her lockout.
    let details: Vec<String> =
        env.events(&irene).into_iter().map(|e| format!("{} {} {}", e.event, e.outcome, e.detail)).collect();
    assert!(details.iter().any(|d| d.starts_with("sign_in_failed failed wrong password")), "{details:?}");
    assert!(
        details
            .iter()
            .any(|d| d
                == "security_key_used refused not checked: the password or the account had been refused (kiosk exit)"),
        "{details:?}"
    );
    assert!(
        details.iter().any(|d| d == "security_key_asked ok administrator sign-in (kiosk exit): the password was right"),
        "{details:?}"
    );
    assert_eq!(env.account(&irene).failed_codes, 0);
    assert_eq!(env.account(&irene).failed_passwords, 0);
    // With the right password, her touch closes the kiosk.
    let pending = start(NEW_PASSWORD);
    let touched = key.sign(&serde_json::to_value(&pending.ceremony).unwrap());
    assert_eq!(refusal(console::finish_key_sign_in(&env.engine, pending, &touched).unwrap()), Ok(irene.clone()));
}

#[test]
fn deleting_the_security_key_whose_touch_opened_a_session_ends_that_sessions_second_factor() {
    // Mei has a security key and her phone. A colleague who knows her password took the key and
    // opened iCON with a touch; she deletes the key from her own session, opened with her phone.
    let env = Env::with_data_key();
    let mut key = SoftKey::new(true);
    let (mut mine, done) = enrolled(&env, &mut key);
    let key_id = done["authenticator"]["id"].clone();
    mine.expect(json!({"action": "cancel"}), "self_service");
    let (phone, _) = enrol_and_open_test(&mut mine);
    mine.expect(json!({"action": "test_authenticator", "code": code_now(&env, &phone)}), "edit_authenticator");
    let mut taken = env.session();
    assert_eq!(screen(&taken.sign_in(MEI, NEW_PASSWORD)), "applications");
    taken.expect(json!({"action": "open_app", "app": "icon"}), "totp_prompt");
    let asked = taken.expect(json!({"action": "use_security_key"}), "totp_prompt");
    let opened = taken.send(json!({"action": "use_security_key", "credential": key.sign(&asked["security_key"])}));
    if screen(&opened) == "terms" {
        taken.expect(json!({"action": "accept_terms"}), "dashboard");
    }
    assert!(taken.session.workspace_proof().unwrap().is_some());

    mine.expect(json!({"action": "cancel"}), "self_service");
    mine.expect(json!({"action": "select_authenticator", "id": key_id}), "edit_authenticator");
    mine.expect(json!({"action": "delete_authenticator", "id": key_id}), "self_service");
    assert_eq!(taken.session.workspace_proof().unwrap(), None, "single sign-on no longer vouches for it");
    let r = taken.send(json!({"action": "show_help"}));
    assert_eq!((screen(&r), r["opens"].as_str()), ("totp_prompt", Some("icon")), "{r}");
    // Her own session, whose factor her phone's test gave, goes on.
    mine.expect(json!({"action": "show_help"}), "self_service");
}
