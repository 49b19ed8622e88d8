//! Recovery codes (issue 17 §2): ten numbered single-use codes shown once when the 2FA set-up
//! completes, stored only hashed; each stands in for the second factor once wherever one is
//! asked (opening iCON, a reset of an account with 2FA, the console's sign-in); wrong ones
//! count towards the lockout; every use is audited and mailed; a new set cancels the old one,
//! and deleting the authenticators cancels the set.

use std::collections::BTreeSet;

use gatehouse_core::console::{self, SignInOutcome};
use gatehouse_core::recovery;
use gatehouse_core::store::dump::Value;
use gatehouse_core::types::SecretString;
use serde_json::{json, Value as Json};

use crate::common::*;
use crate::staff_2fa::{first_test_passed, MEI};

/// The codes a screen shows, in order.
fn codes_of(list: &Json) -> Vec<String> {
    list.as_array().expect("a list of codes").iter().map(|c| c["code"].as_str().unwrap().to_owned()).collect()
}

/// Mei through her first passed test: the session (on the completion page) and her codes.
fn with_codes(env: &Env) -> (Driver, Vec<u8>, Vec<String>) {
    let (d, secret, _, passed) = first_test_passed(env);
    (d, secret, codes_of(&passed["recovery_codes"]))
}

/// The text of every mail in the outbox.
fn mails(env: &Env) -> Vec<String> {
    let mut all: Vec<String> = std::fs::read_dir(env.dir().join("outbox"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    all.sort();
    all
}

/// From the applications page to the code prompt that opens iCON.
fn to_totp_prompt(d: &mut Driver) -> Json {
    d.expect(json!({"action": "open_app", "app": "icon"}), "totp_prompt")
}

#[test]
fn the_completion_of_the_set_up_shows_ten_numbered_grouped_codes_once() {
    let env = Env::with_data_key();
    let (mut d, _, codes) = with_codes(&env);
    let shown = d.current();
    assert_eq!(shown["completion_text"]["id"], "two-factor-set-up-completed");
    let numbers: Vec<u64> =
        shown["recovery_codes"].as_array().unwrap().iter().map(|c| c["number"].as_u64().unwrap()).collect();
    assert_eq!(numbers, (1..=10).collect::<Vec<_>>());
    for c in &codes {
        assert_eq!(c.len(), 19, "four groups of four: {c}");
        assert!(recovery::normalise(c).is_some(), "{c}");
    }
    assert_eq!(codes.iter().collect::<BTreeSet<_>>().len(), 10, "all different");
    // Only hashes are stored: no code is in any table (nor, on SQLite, anywhere in the file) or
    // in the audit log.
    let mut stored: Vec<u8> = std::fs::read(env.db_path()).unwrap_or_default();
    for table in gatehouse_core::store::dump::TABLES {
        for row in env.store().dump_table(table).unwrap().rows {
            for value in row {
                match value {
                    Value::Text(t) => stored.extend(t.into_bytes()),
                    Value::Blob(b) => stored.extend(b),
                    _ => {}
                }
            }
        }
    }
    assert_eq!(env.store().dump_table("recovery_codes").unwrap().rows.len(), 10);
    for c in &codes {
        let plain = recovery::normalise(c).unwrap();
        for form in [c.as_str(), plain.as_str()] {
            assert!(!stored.windows(form.len()).any(|w| w == form.as_bytes()), "{form} stored in clear");
        }
    }
    let all: Vec<&str> = codes.iter().map(String::as_str).collect();
    env.assert_audit_free_of(&all);
    assert!(env.event_names(MEI).contains(&"recovery_codes_issued".to_owned()));
    // Shown once: leaving the page drops them, and the authenticator's page never shows them again.
    let apps = d.expect(json!({"action": "continue"}), "applications");
    assert!(apps.get("recovery_codes").is_none());
    assert_eq!(recovery::left(&env.engine, env.account_id(MEI)).unwrap(), 10);
}

#[test]
fn a_recovery_code_opens_icon_once_in_place_of_the_authenticators_code() {
    let env = Env::with_data_key();
    let (mut d, _, codes) = with_codes(&env);
    d.expect(json!({"action": "continue"}), "applications");
    let prompt = to_totp_prompt(&mut d);
    assert_eq!(prompt["recovery_codes_left"], 10);
    let opened = d.send(json!({"action": "submit_recovery_code", "code": codes[3].to_lowercase()}));
    assert!(["terms", "dashboard"].contains(&screen(&opened)), "{opened}");
    assert_eq!(opened["reminder_text"]["id"], "recovery-code-accepted");
    assert_eq!(opened["reminder_text"]["args"]["number"], 4);
    assert_eq!(opened["reminder_text"]["args"]["left"], 9);
    // Used up: the same code again is wrong (and counted), the others still work.
    d.expect(json!({"action": "cancel"}), "applications");
    to_totp_prompt(&mut d);
    let again = d.expect_error(
        json!({"action": "submit_recovery_code", "code": codes[3]}),
        "totp_prompt",
        "recovery_code_incorrect",
    );
    assert_eq!(again["error"]["field"], "recovery_code");
    assert_eq!(again["recovery_codes_left"], 9);
    assert_eq!(env.account(MEI).failed_codes, 1);
    let other = d.send(json!({"action": "submit_recovery_code", "code": codes[0].replace('-', " ")}));
    assert!(["terms", "dashboard"].contains(&screen(&other)), "{other}");
    assert_eq!(env.account(MEI).failed_codes, 0, "a right code clears the count");
    // Each use is audited (number and count, never the code) and mailed to the work email.
    let used: Vec<String> = env
        .events(MEI)
        .into_iter()
        .filter(|e| e.event == "recovery_code_used")
        .map(|e| format!("{} {}", e.outcome, e.detail))
        .collect();
    assert_eq!(
        used,
        ["ok recovery code #4; 9 left", "failed wrong recovery code", "ok recovery code #1; 8 left"],
        "{used:?}"
    );
    let mailed: Vec<String> = mails(&env).into_iter().filter(|m| m.contains("was used in place of")).collect();
    assert_eq!(mailed.len(), 2, "{mailed:?}");
    assert!(
        mailed.iter().any(|m| m.contains("Recovery code #4 was used") && m.contains("You have 9 recove")),
        "{mailed:?}"
    );
}

#[test]
fn from_three_left_the_person_is_told_to_make_a_new_set() {
    let env = Env::with_data_key();
    let (mut d, _, codes) = with_codes(&env);
    d.expect(json!({"action": "continue"}), "applications");
    let mut last = Json::Null;
    for c in &codes[..7] {
        to_totp_prompt(&mut d);
        last = d.send(json!({"action": "submit_recovery_code", "code": c}));
        d.expect(json!({"action": "cancel"}), "applications");
    }
    assert_eq!(last["reminder_text"]["id"], "recovery-code-accepted-low");
    assert_eq!(last["reminder_text"]["args"]["left"], 3);
    assert!(last["reminder"].as_str().unwrap().contains("Only 3 recovery codes are left"), "{last}");
}

#[test]
fn a_wrong_recovery_code_counts_towards_the_lockout_like_a_wrong_totp_code() {
    let env = Env::with_data_key();
    let (mut d, _, codes) = with_codes(&env);
    d.expect(json!({"action": "continue"}), "applications");
    to_totp_prompt(&mut d);
    // Wrong TOTP codes and wrong recovery codes count together.
    d.expect_error(json!({"action": "submit_totp", "code": "000000"}), "totp_prompt", "otp_incorrect");
    for wrong in ["AAAA-BBBB-CCCC-DDDD", "not a code", "", "K7QF-2M9X-HB4R"] {
        if env.account(MEI).failed_codes + 1 >= 5 {
            break;
        }
        d.expect_error(
            json!({"action": "submit_recovery_code", "code": wrong}),
            "totp_prompt",
            "recovery_code_incorrect",
        );
    }
    assert_eq!(env.account(MEI).failed_codes, 4);
    // The fifth wrong code locks the account and ends the session.
    d.expect(json!({"action": "submit_recovery_code", "code": "ZZZZ-ZZZZ-ZZZZ-ZZZZ"}), "account_locked");
    assert!(env.account(MEI).is_locked());
    // Locked: a right code is not even checked, and stays unused.
    let account = env.account(MEI);
    assert_eq!(recovery::redeem(&env.engine, &account, &codes[0]).unwrap(), recovery::Redeemed::Locked);
    assert_eq!(recovery::left(&env.engine, account.id).unwrap(), 10);
    let refused = env.events(MEI).into_iter().filter(|e| e.event == "recovery_code_used" && e.outcome == "refused");
    assert_eq!(refused.count(), 1);
}

#[test]
fn a_reset_of_an_account_with_2fa_takes_a_recovery_code_in_place_of_the_totp_code() {
    let env = Env::with_data_key();
    let (_, _, codes) = with_codes(&env);
    let mut d = env.session();
    d.expect(json!({"action": "forgot_password"}), "sspr_search");
    let asked = d.expect(json!({"action": "sspr_search", "login": MEI}), "sspr_questions");
    let prompt = d.expect(json!({"action": "sspr_answer", "answers": Driver::answers_for(&asked)}), "sspr_totp");
    assert_eq!(prompt["recovery_codes_left"], 10);
    d.expect_error(
        json!({"action": "submit_recovery_code", "code": "AAAA-BBBB-CCCC-DDDD"}),
        "sspr_totp",
        "recovery_code_incorrect",
    );
    d.expect(json!({"action": "submit_recovery_code", "code": codes[9]}), "change_password");
    assert_eq!(recovery::left(&env.engine, env.account_id(MEI)).unwrap(), 9);
}

#[test]
fn a_recovery_code_never_stands_in_for_the_password() {
    let env = Env::with_data_key();
    let (_, _, codes) = with_codes(&env);
    let mut d = env.session();
    d.expect_error(json!({"action": "sign_in", "login": MEI, "password": codes[0]}), "sign_in", "login_failed");
    // Nor is it taken where no second factor is asked.
    d.refuses(json!({"action": "submit_recovery_code", "code": codes[0]}));
    assert_eq!(recovery::left(&env.engine, env.account_id(MEI)).unwrap(), 10);
}

#[test]
fn a_new_set_asks_for_the_password_and_cancels_the_old_one() {
    let env = Env::with_data_key();
    let (mut d, _, old) = with_codes(&env);
    d.expect(json!({"action": "cancel"}), "self_service");
    let list = d.current();
    assert_eq!(list["recovery_codes_left"], 10);
    assert_eq!(list["recovery_codes_low"], false);
    let no_password = d.expect_error(json!({"action": "new_recovery_codes"}), "self_service", "current_password_wrong");
    assert_eq!(no_password["error"]["field"], "current_password");
    d.expect_error(
        json!({"action": "new_recovery_codes", "current_password": "Wrong-Password-1"}),
        "self_service",
        "current_password_wrong",
    );
    let made = d.expect(json!({"action": "new_recovery_codes", "current_password": NEW_PASSWORD}), "recovery_codes");
    let new = codes_of(&made["codes"]);
    assert_eq!(new.len(), 10);
    assert!(new.iter().all(|c| !old.contains(c)));
    // Shown once: Continue back to the list, which only counts them.
    let back = d.expect(json!({"action": "continue"}), "self_service");
    assert_eq!(back["notice_text"]["id"], "recovery-codes-made");
    assert!(back.get("codes").is_none());
    // The old set no longer works; the new one does.
    let account = env.account(MEI);
    assert_eq!(recovery::redeem(&env.engine, &account, &old[0]).unwrap(), recovery::Redeemed::Wrong);
    assert!(matches!(recovery::redeem(&env.engine, &account, &new[0]).unwrap(), recovery::Redeemed::Accepted { .. }));
    let issued = env.events(MEI).into_iter().filter(|e| e.event == "recovery_codes_issued").count();
    assert_eq!(issued, 2);
    assert!(mails(&env).iter().any(|m| m.contains("A new set of 10 recovery codes")));
}

#[test]
fn without_a_tested_authenticator_there_are_no_recovery_codes_to_make() {
    let env = Env::with_data_key();
    let mut d = crate::staff_2fa::signed_in_staff(&env);
    crate::staff_2fa::to_self_service(&env, &mut d);
    let list = d.current();
    assert!(list["recovery_codes_left"].is_null(), "{list}");
    let r = d.expect_error(
        json!({"action": "new_recovery_codes", "current_password": NEW_PASSWORD}),
        "self_service",
        "invalid_input",
    );
    assert_eq!(r["error"]["id"], "recovery-codes-need-authenticator");
}

#[test]
fn deleting_the_authenticators_cancels_the_recovery_codes() {
    // By an administrator: all of them.
    let env = Env::with_data_key();
    let (_, _, codes) = with_codes(&env);
    env.admin().delete_authenticators(MEI).unwrap();
    assert_eq!(recovery::left(&env.engine, env.account_id(MEI)).unwrap(), 0);
    let account = env.account(MEI);
    assert_eq!(recovery::redeem(&env.engine, &account, &codes[0]).unwrap(), recovery::Redeemed::Wrong);

    // By the person: the last tested one.
    let env = Env::with_data_key();
    let (mut d, _, id, _) = first_test_passed(&env);
    d.expect(json!({"action": "delete_authenticator", "id": id}), "self_service");
    assert_eq!(recovery::left(&env.engine, env.account_id(MEI)).unwrap(), 0);
    assert!(env.event_names(MEI).contains(&"recovery_codes_cancelled".to_owned()));
    assert!(d.current()["recovery_codes_left"].is_null());
}

#[test]
fn the_console_shows_how_many_are_left_and_never_a_code() {
    let env = Env::with_data_key();
    let (_, _, codes) = with_codes(&env);
    let page = gatehouse_core::console_ops::AccountPage::of(&env.admin(), MEI).unwrap();
    assert_eq!(page.recovery_codes_left, 10);
    let shown = serde_json::to_string(&page).unwrap();
    assert!(codes.iter().all(|c| !shown.contains(c.as_str())), "{shown}");
}

#[test]
fn an_administrator_signs_in_to_the_console_with_a_recovery_code_in_place_of_the_totp_code() {
    let env = Env::with_data_key();
    let irene = crate::scope::administrator_at(&env, "Irene_Koh@schools.gov.sg", "Irene Koh", "la", "LA-1");
    let account = env.account(&irene);
    let codes: Vec<String> =
        recovery::issue(&env.engine, &account, &irene).unwrap().iter().map(|c| c.code.clone()).collect();
    let password = SecretString::new(NEW_PASSWORD.into());
    let signed = console::sign_in(&env.engine, &irene, &password, &codes[2], "console").unwrap();
    assert!(matches!(signed, SignInOutcome::SignedIn(_)), "{signed:?}");
    // Used up.
    let again = console::sign_in(&env.engine, &irene, &password, &codes[2], "console").unwrap();
    assert!(matches!(again, SignInOutcome::Refused(_)));
    // Not at a kiosk's exit, where wrong codes are not counted: there only the authenticator.
    let exit = console::kiosk_exit(&env.engine, &irene, &password, &codes[3]).unwrap();
    assert!(matches!(exit, SignInOutcome::Refused(_)));
    assert_eq!(recovery::left(&env.engine, account.id).unwrap(), 9);
}

#[test]
fn only_one_of_two_sign_ins_racing_with_one_code_gets_in() {
    let env = Env::with_data_key();
    let (_, _, codes) = with_codes(&env);
    let account = env.account(MEI);
    let code = codes[5].clone();
    let results: Vec<recovery::Redeemed> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..2)
            .map(|_| {
                let (engine, account, code) = (env.engine.clone(), account.clone(), code.clone());
                s.spawn(move || recovery::redeem(&engine, &account, &code).unwrap())
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let accepted = results.iter().filter(|r| matches!(r, recovery::Redeemed::Accepted { .. })).count();
    assert_eq!(accepted, 1, "{results:?}");
    assert_eq!(recovery::left(&env.engine, account.id).unwrap(), 9);
}
