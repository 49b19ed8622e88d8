//! What a signed-in person changes themselves (issue 15): the password they know and their
//! challenge questions (staff FAQ 14), each asking for the password first, audited and
//! notified; and a new email OTP from the `email_otp` screen, within the hourly limit.

use serde_json::json;

use crate::common::*;

const CHLOE: &str = "Chloe_Ng@students.edu.sg";
const MEI: &str = "Mei_Ling@schools.gov.sg";

fn change(new: &str, current: &str) -> serde_json::Value {
    json!({"action": "change_password", "new_password": new, "confirm_password": new, "current_password": current})
}

#[test]
fn a_signed_in_person_changes_the_password_they_know_after_typing_it_again() {
    let env = Env::new();
    let chloe = env.active_student(CHLOE, "Chloe Ng", "p1_3");
    let mut d = env.session();
    d.sign_in(CHLOE, &chloe.password);
    let r = d.expect(json!({"action": "change_my_password"}), "change_password");
    assert_eq!(r["current_password_required"], true, "{r}");
    // Cancel goes back to the applications, not out.
    d.expect(json!({"action": "cancel"}), "applications");
    d.expect(json!({"action": "change_my_password"}), "change_password");
    let r = d
        .send(json!({"action": "change_password", "new_password": OTHER_PASSWORD, "confirm_password": OTHER_PASSWORD}));
    assert_eq!((screen(&r), code(&r)), ("change_password", Some("current_password_wrong")), "{r}");
    let r = d.send(change(OTHER_PASSWORD, "Not-Her-Password-1"));
    assert_eq!((screen(&r), code(&r)), ("change_password", Some("current_password_wrong")), "{r}");
    assert_eq!(env.account(CHLOE).failed_passwords, 1, "a wrong current password counts like a wrong sign-in");
    d.expect(change(OTHER_PASSWORD, &chloe.password), "password_changing");
    d.expect(json!({"action": "continue"}), "password_changed");
    d.expect(json!({"action": "continue"}), "applications");
    assert!(env.events(CHLOE).iter().any(|e| e.event == "password_changed" && e.detail == "changed by the person"));
    // The new password works; the old one does not.
    d.expect(json!({"action": "sign_out"}), "signed_out");
    d.expect(json!({"action": "continue"}), "sign_in");
    assert_eq!(screen(&d.sign_in(CHLOE, &chloe.password)), "sign_in");
    assert_eq!(screen(&d.sign_in(CHLOE, OTHER_PASSWORD)), "applications");
    env.assert_audit_free_of(&[OTHER_PASSWORD, &chloe.password]);
}

#[test]
fn wrong_current_passwords_lock_the_account_like_wrong_sign_ins() {
    let env = Env::new();
    let chloe = env.active_student(CHLOE, "Chloe Ng", "p1_3");
    let mut d = env.session();
    d.sign_in(CHLOE, &chloe.password);
    d.expect(json!({"action": "change_my_password"}), "change_password");
    let threshold = env.engine.config().lockout.password_threshold;
    for _ in 1..threshold {
        d.expect_error(change(OTHER_PASSWORD, "Guess-Guess-2026"), "change_password", "current_password_wrong");
    }
    d.expect(change(OTHER_PASSWORD, "Guess-Guess-2026"), "account_locked");
    assert!(env.account(CHLOE).is_locked());
}

#[test]
fn a_signed_in_person_changes_their_questions_after_typing_the_password_and_is_notified() {
    let env = Env::with_data_key();
    let mei = env.active_staff(MEI, "Mei Ling");
    let mut d = env.session();
    d.sign_in(MEI, &mei.password);
    let r = d.expect(json!({"action": "change_my_questions"}), "set_questions");
    assert_eq!(r["current_password_required"], true, "{r}");
    let chosen = json!([
        {"question": "favourite_colour", "answer": "indigo"},
        {"question": "favourite_animal", "answer": "otter"},
        {"question": "favourite_book", "answer": "Kampung Boy"}]);
    let r = d.send(json!({"action": "set_questions", "questions": chosen}));
    assert_eq!((screen(&r), code(&r)), ("set_questions", Some("current_password_wrong")), "{r}");
    d.expect(
        json!({"action": "set_questions", "questions": chosen, "current_password": mei.password}),
        "confirm_questions",
    );
    d.expect(json!({"action": "confirm_questions"}), "questions_saved");
    d.expect(json!({"action": "continue"}), "applications");
    let set = env.events(MEI).into_iter().find(|e| e.event == "questions_set" && e.detail == "changed by the person");
    assert!(set.is_some(), "{:?}", env.event_names(MEI));
    // The staff member's work email hears of it.
    let notices: Vec<String> = std::fs::read_dir(env.dir().join("outbox"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(notices.iter().any(|m| m.contains("challenge questions of your MIMS account were changed")), "{notices:?}");
    // Self-service reset now asks the new questions, and takes the new answers.
    d.expect(json!({"action": "sign_out"}), "signed_out");
    d.expect(json!({"action": "continue"}), "sign_in");
    d.expect(json!({"action": "forgot_password"}), "sspr_search");
    let asked = d.expect(json!({"action": "sspr_search", "login": MEI}), "sspr_questions");
    let answers: Vec<&str> = asked["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| match q.as_str().unwrap() {
            "What is your favourite colour?" => "indigo",
            "What is your favourite animal?" => "otter",
            "What is your favourite book?" => "Kampung Boy",
            other => panic!("an old question is still asked: {other}"),
        })
        .collect();
    assert_eq!(answers.len(), 3, "staff answer all three");
    d.expect(json!({"action": "sspr_answer", "answers": answers}), "change_password");
}

#[test]
fn questions_an_administrator_cleared_are_set_again_after_the_authenticators_code_and_notified() {
    let env = Env::with_data_key();
    let (_, secret, password) = staff_with_a_tested_token(&env);
    env.admin().clear_questions(MEI).unwrap();
    // Someone with her password alone signs in: the new questions wait behind her code, and
    // Cancel there signs out (nobody gets past cleared questions without setting new ones).
    let mut other = env.session();
    let asked = other.sign_in(MEI, &password);
    assert_eq!((screen(&asked), asked["opens"].as_str()), ("totp_prompt", Some("change_questions")), "{asked}");
    other.expect_error(json!({"action": "submit_totp", "code": "000000"}), "totp_prompt", "otp_incorrect");
    other.expect(json!({"action": "cancel"}), "signed_out");
    assert!(!env.account(MEI).questions_set);
    // She signs in, gives her code and sets new questions; her work email hears of it.
    env.advance(30);
    let mut d = env.session();
    assert_eq!(screen(&d.sign_in(MEI, &password)), "totp_prompt");
    let r =
        d.expect(json!({"action": "submit_totp", "code": crate::staff_2fa::code_now(&env, &secret)}), "set_questions");
    assert_eq!(r["current_password_required"], false, "she has just typed it: {r}");
    d.expect(json!({"action": "set_questions", "questions": Driver::guide_answers()}), "confirm_questions");
    d.expect(json!({"action": "confirm_questions"}), "questions_saved");
    d.expect(json!({"action": "continue"}), "applications");
    assert!(env.account(MEI).questions_set);
    let notices: Vec<String> = std::fs::read_dir(env.dir().join("outbox"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(notices.iter().any(|m| m.contains("challenge questions of your MIMS account were changed")), "{notices:?}");
}

fn mailed_code(env: &Env, sequence: u64) -> Option<String> {
    let marker = format!("(OTP #{sequence}) is ");
    std::fs::read_dir(env.dir().join("outbox")).unwrap().find_map(|entry| {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        text.find(&marker).map(|at| text[at + marker.len()..at + marker.len() + 6].to_owned())
    })
}

#[test]
fn send_a_new_code_numbers_it_on_retires_the_last_and_stops_at_the_hourly_limit() {
    let env = Env::with_data_key();
    let mei = env.active_staff(MEI, "Mei Ling");
    let mut d = env.session();
    d.sign_in(MEI, &mei.password);
    d.expect(json!({"action": "open_app", "app": "identity_portal"}), "identity_portal");
    d.expect(json!({"action": "open_app", "app": "setup_2fa"}), "setup_2fa_username");
    d.expect(json!({"action": "setup_2fa", "login": MEI}), "choose_method");
    let first = d.expect(json!({"action": "choose_method", "method": "email_otp"}), "email_otp");
    assert_eq!(first["sequence"], 1);
    let second = d.expect(json!({"action": "resend_email_otp"}), "email_otp");
    assert_eq!(second["sequence"], 2, "OTP #N+1");
    let (old, new) = (mailed_code(&env, 1).unwrap(), mailed_code(&env, 2).unwrap());
    if old != new {
        d.expect_error(json!({"action": "submit_email_otp", "code": old}), "email_otp", "otp_incorrect");
    }
    // Sends 3 to 5 of the hour are allowed; the sixth is refused, audited, and sends nothing.
    for n in 3..=5 {
        assert_eq!(d.expect(json!({"action": "resend_email_otp"}), "email_otp")["sequence"], n);
    }
    let r = d.expect_error(json!({"action": "resend_email_otp"}), "email_otp", "otp_send_limit");
    assert_eq!(r["sequence"], 5, "still the newest code's screen");
    assert!(mailed_code(&env, 6).is_none());
    let refused = env.events(MEI).into_iter().filter(|e| e.event == "otp_sent" && e.outcome == "refused").count();
    assert_eq!(refused, 1);
    // The newest code still works; an hour later sending works again.
    d.expect(json!({"action": "submit_email_otp", "code": mailed_code(&env, 5).unwrap()}), "self_service");
    env.advance(3601);
    d.expect(json!({"action": "cancel"}), "applications");
}

/// Mei with a tested soft token, on the applications page; its secret.
fn staff_with_a_tested_token(env: &Env) -> (Driver, Vec<u8>, String) {
    let (mut d, secret, _, _) = crate::staff_2fa::first_test_passed(env);
    d.expect(json!({"action": "continue"}), "applications");
    (d, secret, NEW_PASSWORD.to_owned())
}

/// Changes Mei's password from the applications page and back to it.
fn change_own(d: &mut Driver, new: &str, current: &str) {
    d.expect(json!({"action": "change_my_password"}), "change_password");
    d.expect(change(new, current), "password_changing");
    d.expect(json!({"action": "continue"}), "password_changed");
    d.expect(json!({"action": "continue"}), "applications");
}

#[test]
fn changing_ones_own_password_gives_a_guesser_no_fresh_code_guesses() {
    let env = Env::with_data_key();
    let (mut d, _, password) = staff_with_a_tested_token(&env);
    let threshold = env.engine.config().lockout.password_threshold;
    d.expect(json!({"action": "open_app", "app": "icon"}), "totp_prompt");
    for _ in 1..threshold {
        d.expect_error(json!({"action": "submit_totp", "code": "000000"}), "totp_prompt", "otp_incorrect");
    }
    d.expect(json!({"action": "cancel"}), "applications");
    change_own(&mut d, OTHER_PASSWORD, &password);
    assert_eq!(env.account(MEI).failed_codes, threshold - 1, "the change clears no wrong code");
    d.expect(json!({"action": "open_app", "app": "icon"}), "totp_prompt");
    let r = d.send(json!({"action": "submit_totp", "code": "000000"}));
    assert_eq!(screen(&r), "account_locked", "the next wrong code locks: {r}");
    assert!(env.account(MEI).is_locked());
}

#[test]
fn a_password_change_confirmed_before_a_lock_does_not_lift_it() {
    let env = Env::with_data_key();
    let (mut d, secret, password) = staff_with_a_tested_token(&env);
    // A second session of hers, parked on the progress screen of a change.
    let mut parked = env.session();
    assert_eq!(screen(&parked.sign_in(MEI, &password)), "applications");
    parked.expect(json!({"action": "change_my_password"}), "totp_prompt");
    env.advance(30);
    let code = crate::staff_2fa::code_now(&env, &secret);
    parked.expect(json!({"action": "submit_totp", "code": code}), "change_password");
    parked.expect(change(OTHER_PASSWORD, &password), "password_changing");
    // Meanwhile the first one runs into the code lockout.
    d.expect(json!({"action": "open_app", "app": "icon"}), "totp_prompt");
    let threshold = env.engine.config().lockout.password_threshold;
    for _ in 1..threshold {
        d.expect_error(json!({"action": "submit_totp", "code": "000000"}), "totp_prompt", "otp_incorrect");
    }
    d.expect(json!({"action": "submit_totp", "code": "000000"}), "account_locked");
    // The parked change is refused: the lock stands and the password is the old one.
    parked.expect(json!({"action": "continue"}), "account_locked");
    let account = env.account(MEI);
    assert!(account.is_locked());
    assert_eq!(account.failed_codes, threshold);
    assert!(!env.events(MEI).iter().any(|e| e.event == "password_changed" && e.detail == "changed by the person"));
}

#[test]
fn a_password_reset_ends_the_accounts_other_sessions_at_their_next_action() {
    let env = Env::new();
    let chloe = env.active_student(CHLOE, "Chloe Ng", "p1_3");
    let mut elsewhere = env.session();
    elsewhere.sign_in(CHLOE, &chloe.password);
    elsewhere.expect(json!({"action": "open_app", "app": "icon"}), "dashboard");
    assert!(elsewhere.session.workspace_proof().unwrap().is_some(), "single sign-on would vouch for it");
    env.advance(60);
    // An administrator resets the password of an account believed taken.
    let issued = env.admin().reset_password(CHLOE).unwrap();
    assert!(elsewhere.session.workspace_proof().unwrap().is_none(), "single sign-on no longer vouches for it");
    let r = elsewhere.send(json!({"action": "cancel"}));
    assert_eq!((screen(&r), code(&r)), ("error", Some("password_changed_elsewhere")), "{r}");
    assert_eq!(r["message_text"]["id"], "password-changed-elsewhere", "{r}");
    elsewhere.expect(json!({"action": "continue"}), "sign_in");
    let ended = env.events(CHLOE).into_iter().rev().find(|e| e.event == "sign_out").unwrap();
    assert_eq!(ended.detail, "session ended: the password was changed elsewhere");
    // Her first sign-in with the temporary password sets a new one: that session goes on, and
    // one of hers signed in before that change ends.
    let mut here = env.session();
    here.sign_in(CHLOE, issued.temporary_password.expose());
    here.expect(
        json!({"action": "change_password", "new_password": OTHER_PASSWORD, "confirm_password": OTHER_PASSWORD}),
        "password_changing",
    );
    env.advance(60);
    let mut before = env.session();
    before.sign_in(CHLOE, issued.temporary_password.expose());
    env.advance(60);
    here.expect(json!({"action": "continue"}), "password_changed");
    here.expect(json!({"action": "continue"}), "applications");
    here.expect(json!({"action": "open_app", "app": "icon"}), "dashboard");
    let r = before.send(json!({"action": "cancel"}));
    assert_eq!(code(&r), Some("password_changed_elsewhere"), "{r}");
}

#[test]
fn a_reset_in_the_very_second_of_a_sign_in_still_ends_that_session_and_what_it_vouches_for() {
    let env = Env::new();
    let chloe = env.active_student(CHLOE, "Chloe Ng", "p1_3");
    let mut taken = env.session();
    taken.sign_in(CHLOE, &chloe.password);
    taken.expect(json!({"action": "open_app", "app": "icon"}), "dashboard");
    // The clock does not move: the reset lands in the second the session proved itself in.
    let issued = env.admin().reset_password(CHLOE).unwrap();
    assert!(taken.session.workspace_proof().unwrap().is_none(), "single sign-on no longer vouches for it");
    let r = taken.send(json!({"action": "cancel"}));
    assert_eq!(code(&r), Some("password_changed_elsewhere"), "{r}");
    // The same second's sign-in with the new (temporary) password holds.
    let mut owner = env.session();
    owner.sign_in(CHLOE, issued.temporary_password.expose());
    owner.expect(json!({"action": "check_password", "new_password": "x"}), "change_password");
}

#[test]
fn with_an_authenticator_ones_own_changes_ask_its_code_unless_given_on_this_session() {
    let env = Env::with_data_key();
    let (mut tested, secret, password) = staff_with_a_tested_token(&env);
    // Its test a moment ago was a second factor given here: no code asked again.
    tested.expect(json!({"action": "change_my_questions"}), "set_questions");
    // Someone else with her password alone, on another machine.
    let mut other = env.session();
    assert_eq!(screen(&other.sign_in(MEI, &password)), "applications");
    for (action, door) in [("change_my_password", "change_password"), ("change_my_questions", "change_questions")] {
        let asked = other.expect(json!({"action": action}), "totp_prompt");
        assert_eq!(asked["opens"], door, "{asked}");
        other.expect_error(json!({"action": "submit_totp", "code": "000000"}), "totp_prompt", "otp_incorrect");
        other.expect(json!({"action": "cancel"}), "applications");
    }
    assert_eq!(env.account(MEI).failed_codes, 2, "each wrong code counts");
    // Her own code opens the change; once given, the other change asks it no more.
    env.advance(30);
    other.expect(json!({"action": "change_my_password"}), "totp_prompt");
    other
        .expect(json!({"action": "submit_totp", "code": crate::staff_2fa::code_now(&env, &secret)}), "change_password");
    other.expect(json!({"action": "cancel"}), "applications");
    other.expect(json!({"action": "change_my_questions"}), "set_questions");
}

#[test]
fn an_administrators_change_of_a_work_email_is_told_at_both_addresses_and_a_reset_at_the_work_email() {
    let env = Env::with_data_key();
    let mei = env.active_staff(MEI, "Mei Ling");
    let mails = || -> Vec<String> {
        std::fs::read_dir(env.dir().join("outbox"))
            .map(|d| d.map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap()).collect())
            .unwrap_or_default()
    };
    let told = |to: &str, what: &str| mails().iter().any(|m| m.contains(&format!("To: {to}")) && m.contains(what));
    env.admin().set_work_email(&mei.login, Some("taken.over@ces.gov.sg")).unwrap();
    let changed = "The work email of your MIMS account was changed by an administrator";
    assert!(told("someone@ces.gov.sg", changed), "the address it had hears of it: {:#?}", mails());
    assert!(told("taken.over@ces.gov.sg", changed), "{:#?}", mails());
    env.admin().reset_password(&mei.login).unwrap();
    assert!(told("taken.over@ces.gov.sg", "account was reset by an administrator"), "{:#?}", mails());
}
