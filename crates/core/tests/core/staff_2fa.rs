//! The staff guide's 2FA set-up through the wizard (section 1): the Identity Portal's
//! applications with "Setup 2FA" (step 3), the completion after the first passed test (step 14),
//! the code prompt right after a test, and where someone is signed in (`signed_in`).

use gatehouse_core::otp::{self, OtpParams};
use serde_json::{json, Value};

use crate::common::*;

pub(crate) const MEI: &str = "Mei_Ling@schools.gov.sg";
const COMPLETED: &str = "You have successfully completed the MIMS 2FA set-up.";
const PASSED: &str = "Authenticator \"Soft Token (OTP)\" passed the test";
/// The seed of the stock hardware tokens the tests import.
const TOKEN_SEED: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

/// The code of OTP #`sequence` from the outbox.
pub(crate) fn mailed_code(env: &Env, sequence: u64) -> String {
    let marker = format!("(OTP #{sequence}) is ");
    std::fs::read_dir(env.dir().join("outbox"))
        .unwrap()
        .find_map(|entry| {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            text.find(&marker).map(|at| text[at + marker.len()..at + marker.len() + 6].to_owned())
        })
        .unwrap_or_else(|| panic!("no mail with OTP #{sequence}"))
}

/// Mei, signed in on the applications page.
pub(crate) fn signed_in_staff(env: &Env) -> Driver {
    let mei = env.active_staff(MEI, "Mei Ling");
    let mut d = env.session();
    assert_eq!(screen(&d.sign_in(MEI, &mei.password)), "applications");
    d
}

/// From the applications page through the guide's steps 2–6 to the self-service page.
pub(crate) fn to_self_service(env: &Env, d: &mut Driver) {
    d.expect(json!({"action": "open_app", "app": "identity_portal"}), "identity_portal");
    d.expect(json!({"action": "open_app", "app": "setup_2fa"}), "setup_2fa_username");
    d.expect(json!({"action": "setup_2fa", "login": MEI}), "choose_method");
    let otp = d.expect(json!({"action": "choose_method", "method": "email_otp"}), "email_otp");
    let code = mailed_code(env, otp["sequence"].as_u64().unwrap());
    d.expect(json!({"action": "submit_email_otp", "code": code}), "self_service");
}

/// Enrols the QR code's soft token and opens its test; returns its secret and id.
pub(crate) fn enrol_and_open_test(d: &mut Driver) -> (Vec<u8>, u64) {
    let shown = d.expect(json!({"action": "add_soft_token"}), "add_soft_token");
    let secret = otp::parse_base32(shown["secret"].as_str().unwrap()).unwrap().to_vec();
    let list = d.expect(json!({"action": "save_soft_token", "comment": "Google Authenticator"}), "self_service");
    let id = list["enrolled"].as_array().unwrap().iter().filter_map(|a| a["id"].as_u64()).max().unwrap();
    d.expect(json!({"action": "select_authenticator", "id": id}), "edit_authenticator");
    d.expect(json!({"action": "test_authenticator"}), "test_authenticator");
    (secret, id)
}

pub(crate) fn code_now(env: &Env, secret: &[u8]) -> String {
    otp::totp(secret, &OtpParams::default(), env.engine.now() as u64)
}

/// Mei's soft token, enrolled and through its test with the code shown now. Returns the session
/// on `edit_authenticator`, the token's secret and id, and what the pass showed.
pub(crate) fn first_test_passed(env: &Env) -> (Driver, Vec<u8>, u64, Value) {
    let mut d = signed_in_staff(env);
    to_self_service(env, &mut d);
    let (secret, id) = enrol_and_open_test(&mut d);
    let passed =
        d.expect(json!({"action": "test_authenticator", "code": code_now(env, &secret)}), "edit_authenticator");
    (d, secret, id, passed)
}

#[test]
fn staff_open_the_identity_portal_and_click_setup_2fa_as_in_the_guides_step_3() {
    let env = Env::with_data_key();
    let mut d = signed_in_staff(&env);
    let portal = d.expect(json!({"action": "open_app", "app": "identity_portal"}), "identity_portal");
    assert_eq!(portal["apps"], json!([{"id": "setup_2fa", "name": "Setup 2FA"}]));
    assert_eq!(portal["message"], "Staff will have to set up 2-Factor Authentication (2FA) upon first login.");
    assert_eq!(portal["message_text"]["id"], "setup-2fa-first-login");
    d.expect(json!({"action": "open_app", "app": "setup_2fa"}), "setup_2fa_username");
    d.expect(json!({"action": "cancel"}), "applications");
    // Cancel on the Identity Portal returns to the applications too.
    d.expect(json!({"action": "open_app", "app": "identity_portal"}), "identity_portal");
    d.expect(json!({"action": "cancel"}), "applications");
}

#[test]
fn the_identity_portal_refuses_other_actions_and_other_apps_and_stays_as_it_was() {
    let env = Env::with_data_key();
    let mut d = signed_in_staff(&env);
    d.expect(json!({"action": "open_app", "app": "identity_portal"}), "identity_portal");
    for foreign in [
        json!({"action": "setup_2fa", "login": MEI}),
        json!({"action": "continue"}),
        json!({"action": "add_soft_token"}),
        json!({"action": "submit_totp", "code": "123456"}),
        json!({"action": "choose_method", "method": "email_otp"}),
        json!({"action": "change_my_password"}),
    ] {
        let r = d.refuses(foreign);
        assert!(r["error"]["message"].as_str().unwrap().contains("identity_portal"), "{r}");
    }
    for app in ["icon", "identity_portal", "Setup 2FA", ""] {
        let line = json!({"action": "open_app", "app": app}).to_string();
        d.refuses_line(&line, "app_unavailable");
    }
    d.survives_garbage();
    d.expect(json!({"action": "open_app", "app": "setup_2fa"}), "setup_2fa_username");
}

#[test]
fn students_have_no_identity_portal_to_open() {
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let mut d = env.session();
    d.sign_in(&chloe.login, &chloe.password);
    d.refuses_line(&json!({"action": "open_app", "app": "identity_portal"}).to_string(), "app_unavailable");
    d.refuses_line(&json!({"action": "open_app", "app": "setup_2fa"}).to_string(), "app_unavailable");
}

#[test]
fn the_two_factor_required_error_names_the_setup_2fa_that_is_there_after_continue() {
    let env = Env::with_data_key();
    let mut d = signed_in_staff(&env);
    let r = d.expect_error(json!({"action": "open_app", "app": "icon"}), "error", "two_factor_required");
    let message = r["message"].as_str().unwrap();
    assert!(message.contains("Click Continue, open 'MIMS Identity Portal' under Applications"), "{message}");
    assert!(message.contains("click 'Setup 2FA'"), "{message}");
    assert!(!message.contains("sign in again"), "no new sign-in is needed: {message}");
    // Each step the text names is there.
    let apps = d.expect(json!({"action": "continue"}), "applications");
    assert!(apps["apps"].as_array().unwrap().iter().any(|a| a["name"] == "MIMS Identity Portal"), "{apps}");
    let portal = d.expect(json!({"action": "open_app", "app": "identity_portal"}), "identity_portal");
    assert_eq!(portal["apps"][0]["name"], "Setup 2FA");
}

#[test]
fn the_first_authenticator_to_pass_its_test_completes_the_set_up_and_continue_leads_to_the_applications() {
    let env = Env::with_data_key();
    let (mut d, secret, id, passed) = first_test_passed(&env);
    assert_eq!(passed["banner"], PASSED);
    assert_eq!(passed["completion"], COMPLETED);
    assert_eq!(passed["completion_text"]["id"], "two-factor-set-up-completed");
    // Coming back to the page shows neither; a later test shows only the banner.
    d.expect(json!({"action": "cancel"}), "self_service");
    let plain = d.expect(json!({"action": "select_authenticator", "id": id}), "edit_authenticator");
    assert!(plain["banner"].is_null() && plain["completion"].is_null(), "{plain}");
    d.refuses(json!({"action": "continue"}));
    d.expect(json!({"action": "test_authenticator"}), "test_authenticator");
    env.advance(30);
    let again =
        d.expect(json!({"action": "test_authenticator", "code": code_now(&env, &secret)}), "edit_authenticator");
    assert_eq!(again["banner"], PASSED);
    assert!(again["completion"].is_null(), "the set-up was completed before: {again}");
    d.refuses(json!({"action": "continue"}));
}

#[test]
fn the_completions_way_on_is_continue_to_the_applications_and_nothing_else_moves() {
    let env = Env::with_data_key();
    let (mut d, _, _, _) = first_test_passed(&env);
    for foreign in
        [json!({"action": "accept_terms"}), json!({"action": "open_app", "app": "icon"}), json!({"action": "go_back"})]
    {
        d.refuses(foreign);
    }
    d.survives_garbage();
    d.expect(json!({"action": "continue"}), "applications");
}

#[test]
fn a_second_authenticator_passing_its_test_does_not_complete_the_set_up_again() {
    let env = Env::with_data_key();
    let (mut d, _, _, done) = first_test_passed(&env);
    assert_eq!(done["completion"], COMPLETED);
    d.expect(json!({"action": "cancel"}), "self_service");
    let (second, _) = enrol_and_open_test(&mut d);
    let r = d.expect(json!({"action": "test_authenticator", "code": code_now(&env, &second)}), "edit_authenticator");
    assert_eq!(r["banner"], PASSED);
    assert!(r["completion"].is_null(), "{r}");
}

#[test]
fn right_after_a_test_the_code_prompt_asks_for_the_next_code_and_refuses_the_used_one_plainly() {
    let env = Env::with_data_key();
    // T0 starts a 30-second time step: the code used by the test is the one shown for 30 s.
    let (mut d, secret, _, _) = first_test_passed(&env);
    let used = code_now(&env, &secret);
    d.expect(json!({"action": "continue"}), "applications");
    let prompt = d.expect(json!({"action": "open_app", "app": "icon"}), "totp_prompt");
    let wait = "You just used this code. Wait for the next code in your authenticator app (it changes every 30 seconds): it comes in 30 seconds.";
    assert_eq!(prompt["notice"], wait, "{prompt}");
    assert_eq!(prompt["notice_text"]["id"], "code-just-used");
    assert_eq!(prompt["notice_text"]["args"]["seconds"], 30);

    // The same code again: refused as used, said plainly, counted and audited as before.
    env.advance(12);
    let before = env.account(MEI).failed_codes;
    let r = d.expect_error(json!({"action": "submit_totp", "code": used}), "totp_prompt", "code_used");
    assert_eq!(
        r["error"]["message"],
        "You just used this code. Wait for the next code in your authenticator app (it changes every 30 seconds): it comes in 18 seconds."
    );
    assert_eq!(r["notice_text"]["args"]["seconds"], 18, "the notice counts down too: {r}");
    assert_eq!(env.account(MEI).failed_codes, before + 1, "a replay counts like a wrong code");
    let last = env.events(MEI).pop().unwrap();
    assert_eq!(
        (last.event.as_str(), last.outcome.as_str(), last.detail.as_str()),
        ("totp_verified", "failed", "code already used")
    );

    // Once the next code is shown, the notice goes and that code opens iCON.
    env.advance(18);
    assert!(d.current()["notice"].is_null(), "{}", d.current());
    d.expect(json!({"action": "submit_totp", "code": code_now(&env, &secret)}), "dashboard");
}

#[test]
fn the_code_prompt_has_no_notice_when_the_code_shown_now_is_unused() {
    let env = Env::with_data_key();
    let (mut d, _, _, _) = first_test_passed(&env);
    d.expect(json!({"action": "continue"}), "applications");
    env.advance(30);
    let prompt = d.expect(json!({"action": "open_app", "app": "icon"}), "totp_prompt");
    assert!(prompt["notice"].is_null() && prompt["notice_text"].is_null(), "{prompt}");
    let r = d.expect_error(json!({"action": "submit_totp", "code": "000000"}), "totp_prompt", "otp_incorrect");
    assert!(!r["error"]["message"].as_str().unwrap().contains("just used"), "{r}");
}

/// Asserts the session's `signed_in` on the response `r`.
#[track_caller]
fn signed_in_is(r: &Value, expected: bool) {
    assert_eq!(r["signed_in"], expected, "signed_in on {}: {r}", r["screen"]);
}

#[test]
fn signed_in_is_false_before_signing_in_and_through_a_self_service_reset() {
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let faris = env.new_student("Faris_Ali@students.edu.sg", "Faris Ali", "secondary");
    let mut d = env.session();
    signed_in_is(&d.current(), false);
    signed_in_is(&d.expect(json!({"action": "forgot_password"}), "sspr_search"), false);
    let shown = d.expect(json!({"action": "sspr_search", "login": chloe.login}), "sspr_questions");
    signed_in_is(&shown, false);
    let answers = json!({"action": "sspr_answer", "answers": Driver::answers_for(&shown)});
    signed_in_is(&d.expect(answers, "change_password"), false);
    let change =
        json!({"action": "change_password", "new_password": OTHER_PASSWORD, "confirm_password": OTHER_PASSWORD});
    signed_in_is(&d.expect(change, "password_changing"), false);
    signed_in_is(&d.expect(json!({"action": "continue"}), "password_changed"), false);
    signed_in_is(&d.expect(json!({"action": "continue"}), "sign_in"), false);
    // An error page reached without signing in (SSPR 5006), a refused action, a lockout.
    d.expect(json!({"action": "forgot_password"}), "sspr_search");
    signed_in_is(&d.expect_error(json!({"action": "sspr_search", "login": faris.login}), "error", "SSPR 5006"), false);
    signed_in_is(&d.refuses(json!({"action": "accept_terms"})), false);
    signed_in_is(&d.expect(json!({"action": "continue"}), "sign_in"), false);
    for _ in 0..5 {
        d.sign_in(&chloe.login, WRONG_PASSWORD);
    }
    signed_in_is(&d.current(), false);
    assert_eq!(d.screen(), "account_locked");
    signed_in_is(&d.expect(json!({"action": "sign_out"}), "signed_out"), false);
}

#[test]
fn signed_in_is_true_from_the_first_sign_in_to_the_dashboard_and_on_errors_inside_the_portal() {
    let env = Env::with_data_key();
    let ada = env.new_student("Ada_Lim@students.edu.sg", "Ada Lim", "p4_6");
    let mut d = env.session();
    signed_in_is(
        &d.expect(json!({"action": "sign_in", "login": ada.login, "password": ada.password}), "set_questions"),
        true,
    );
    let set = json!({"action": "set_questions", "questions": Driver::guide_answers()});
    signed_in_is(&d.expect(set, "confirm_questions"), true);
    signed_in_is(&d.expect(json!({"action": "confirm_questions"}), "questions_saved"), true);
    signed_in_is(&d.expect(json!({"action": "continue"}), "change_password"), true);
    let change = json!({"action": "change_password", "new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD});
    signed_in_is(&d.expect(change, "password_changing"), true);
    signed_in_is(&d.expect(json!({"action": "continue"}), "password_changed"), true);
    signed_in_is(&d.expect(json!({"action": "continue"}), "applications"), true);
    signed_in_is(&d.refuses(json!({"action": "accept_terms"})), true);
    signed_in_is(&d.expect(json!({"action": "open_app", "app": "icon"}), "terms"), true);
    signed_in_is(&d.expect(json!({"action": "accept_terms"}), "dashboard"), true);
    signed_in_is(&d.expect(json!({"action": "sign_out"}), "signed_out"), false);

    // Staff: the 2FA-required error inside the portal, and every screen of the set-up.
    let mut d = signed_in_staff(&env);
    signed_in_is(&d.expect_error(json!({"action": "open_app", "app": "icon"}), "error", "two_factor_required"), true);
    signed_in_is(&d.expect(json!({"action": "continue"}), "applications"), true);
    signed_in_is(&d.expect(json!({"action": "open_app", "app": "identity_portal"}), "identity_portal"), true);
    signed_in_is(&d.expect(json!({"action": "open_app", "app": "setup_2fa"}), "setup_2fa_username"), true);
    signed_in_is(&d.expect(json!({"action": "setup_2fa", "login": MEI}), "choose_method"), true);
    let otp = d.expect(json!({"action": "choose_method", "method": "email_otp"}), "email_otp");
    signed_in_is(&otp, true);
    let code = mailed_code(&env, otp["sequence"].as_u64().unwrap());
    signed_in_is(&d.expect(json!({"action": "submit_email_otp", "code": code}), "self_service"), true);
    let (secret, _) = enrol_and_open_test(&mut d);
    signed_in_is(&d.current(), true);
    let passed =
        d.expect(json!({"action": "test_authenticator", "code": code_now(&env, &secret)}), "edit_authenticator");
    signed_in_is(&passed, true);
    d.expect(json!({"action": "continue"}), "applications");
    env.advance(30);
    signed_in_is(&d.expect(json!({"action": "open_app", "app": "icon"}), "totp_prompt"), true);
}

#[test]
fn a_hardware_token_that_is_the_first_tested_authenticator_completes_the_set_up_too() {
    let env = Env::with_data_key();
    env.admin().import_tokens(&format!("TOTP-1,{TOKEN_SEED}\nTOTP-2,{TOKEN_SEED}\n")).unwrap();
    let mut d = signed_in_staff(&env);
    to_self_service(&env, &mut d);
    let seed = otp::parse_base32(TOKEN_SEED).unwrap();
    let enrol = |d: &mut Driver, serial: &str, next: &str| {
        d.expect(json!({"action": "add_soft_token"}), "add_soft_token");
        let request = json!({"action": "save_soft_token", "serial": serial, "otp": code_now(&env, &seed)});
        d.expect(request, next)
    };
    // The first: the token's page with the completion and the recovery codes, as a soft token's test.
    let first = enrol(&mut d, "TOTP-1", "edit_authenticator");
    assert_eq!(first["banner"], "Hardware token enrolled and tested.");
    assert_eq!(first["completion"], COMPLETED);
    assert_eq!(first["recovery_codes"].as_array().unwrap().len(), 10);
    d.expect(json!({"action": "cancel"}), "self_service");
    assert_eq!(enrol(&mut d, "TOTP-2", "self_service")["notice"], "Hardware token enrolled and tested.");
}

#[test]
fn the_workspace_vouches_for_when_the_person_last_proved_who_they_are_the_password_then_the_code() {
    let env = Env::with_data_key();
    // A student without 2FA: the password at sign-in is the proof; opening iCON later is none.
    let ada = env.active_student("Ada_Lim@students.edu.sg", "Ada Lim", "p4_6");
    let mut d = env.session();
    let signed_in_at = env.engine.now();
    d.expect(json!({"action": "sign_in", "login": ada.login, "password": ada.password}), "applications");
    assert_eq!(d.session.workspace_proof().unwrap(), None, "not on the dashboard yet");
    env.advance(90);
    d.expect(json!({"action": "open_app", "app": "icon"}), "dashboard");
    let ada_id = env.account("Ada_Lim@students.edu.sg").id;
    assert_eq!(d.session.workspace_proof().unwrap().map(|p| (p.account, p.at)), Some((ada_id, signed_in_at)));
    // Sealed and opened again (as the server keeps sessions), the time stays.
    let sealed = d.session.seal(b"session id").unwrap();
    let opened = gatehouse_core::Session::unseal(std::sync::Arc::clone(&env.engine), b"session id", &sealed).unwrap();
    assert_eq!(opened.workspace_proof().unwrap().map(|p| (p.account, p.at)), Some((ada_id, signed_in_at)));

    // Staff: the code at iCON's door proves it again, later than the password.
    let (mut d, secret, _, _) = first_test_passed(&env);
    d.expect(json!({"action": "continue"}), "applications");
    env.advance(60);
    d.expect(json!({"action": "open_app", "app": "icon"}), "totp_prompt");
    env.advance(5);
    let code_at = env.engine.now();
    d.expect(json!({"action": "submit_totp", "code": code_now(&env, &secret)}), "dashboard");
    assert_eq!(d.session.workspace_proof().unwrap().map(|p| (p.account, p.at)), Some((env.account(MEI).id, code_at)));
    d.expect(json!({"action": "cancel"}), "applications");
    assert_eq!(d.session.workspace_proof().unwrap(), None, "back on the applications: not through iCON's door");
}

#[test]
fn with_a_tested_authenticator_the_identity_portal_asks_for_it_before_anything_can_be_added() {
    let env = Env::with_data_key();
    let (mut d, secret, _, _) = first_test_passed(&env);
    d.expect(json!({"action": "continue"}), "applications");
    let opened =
        || env.events(MEI).into_iter().filter(|e| e.event == "app_opened" && e.detail == "identity_portal").count();
    let opened_before = opened();
    // Password and mailbox are not enough: the portal asks for the authenticator first.
    let prompt = d.expect(json!({"action": "open_app", "app": "identity_portal"}), "totp_prompt");
    assert_eq!(prompt["opens"], "identity_portal", "{prompt}");
    let before = env.account(MEI).failed_codes;
    d.expect_error(json!({"action": "submit_totp", "code": "000000"}), "totp_prompt", "otp_incorrect");
    assert_eq!(env.account(MEI).failed_codes, before + 1, "a wrong code there counts like one at iCON's door");
    d.expect(json!({"action": "cancel"}), "applications");
    // The right code (the next one: the test used this time step) opens the portal, audited.
    env.advance(30);
    d.expect(json!({"action": "open_app", "app": "identity_portal"}), "totp_prompt");
    d.expect(json!({"action": "submit_totp", "code": code_now(&env, &secret)}), "identity_portal");
    assert_eq!(opened(), opened_before + 1, "audited once it opens");
    // iCON's door still opens iCON.
    d.expect(json!({"action": "cancel"}), "applications");
    let prompt = d.expect(json!({"action": "open_app", "app": "icon"}), "totp_prompt");
    assert_eq!(prompt["opens"], "icon", "{prompt}");
}

#[test]
fn a_self_service_page_opened_before_the_first_authenticator_was_tested_asks_for_it_before_any_change() {
    // With the password and the work mailbox, someone opens the self-service page while Mei has
    // no authenticator yet, and waits there; Mei sets up her phone on another session.
    let env = Env::with_data_key();
    let password = env.active_staff(MEI, "Mei Ling").password;
    let mut waiting = env.session();
    assert_eq!(screen(&waiting.sign_in(MEI, &password)), "applications");
    to_self_service(&env, &mut waiting);
    let mei = env.account(MEI);
    let mut owner = env.session();
    assert_eq!(screen(&owner.sign_in(MEI, &password)), "applications");
    env.advance(60);
    to_self_service(&env, &mut owner);
    let (secret, _) = enrol_and_open_test(&mut owner);
    owner.expect(json!({"action": "test_authenticator", "code": code_now(&env, &secret)}), "edit_authenticator");
    // The waiting session can no longer change anything without the authenticator: whatever it
    // sends, the identity portal's door asks for a code first (audited), and nothing changes.
    let hashes = || env.store().recovery_codes(mei.id).unwrap().into_iter().map(|c| c.hash).collect::<Vec<_>>();
    let codes_before = hashes();
    assert!(!codes_before.is_empty(), "the owner's test made her recovery codes");
    let r = waiting.send(json!({"action": "new_recovery_codes", "current_password": password}));
    assert_eq!((screen(&r), r["opens"].as_str()), ("totp_prompt", Some("identity_portal")), "{r}");
    assert_eq!(hashes(), codes_before, "no new recovery codes");
    let refused = env.events(MEI).into_iter().filter(|e| e.event == "app_opened" && e.outcome == "refused").count();
    assert!(refused >= 1, "audited");
    // With the code (the next one), it goes on as any session would.
    env.advance(30);
    waiting.expect(json!({"action": "submit_totp", "code": code_now(&env, &secret)}), "identity_portal");
}

#[test]
fn a_dashboard_reached_with_the_password_alone_is_no_longer_vouched_for_once_an_authenticator_passes_its_test() {
    // Before the cut-over, Mei reaches the dashboard without 2FA; later the same day she sets up
    // her phone on another session. The first session stops vouching and asks for the code.
    let env = Env::with_data_key();
    env.clock.set(gatehouse_core::clock::parse_time("2023-09-01T08:00:00Z").unwrap());
    let password = env.active_staff(MEI, "Mei Ling").password;
    let mut early = env.session();
    assert_eq!(screen(&early.sign_in(MEI, &password)), "applications");
    early.expect(json!({"action": "open_app", "app": "icon"}), "dashboard");
    let mei = env.account(MEI).id;
    assert!(early.session.workspace_proof().unwrap().is_some_and(|p| p.account == mei));
    let mut owner = env.session();
    assert_eq!(screen(&owner.sign_in(MEI, &password)), "applications");
    to_self_service(&env, &mut owner);
    let (secret, _) = enrol_and_open_test(&mut owner);
    owner.expect(json!({"action": "test_authenticator", "code": code_now(&env, &secret)}), "edit_authenticator");
    assert_eq!(early.session.workspace_proof().unwrap(), None, "single sign-on no longer vouches for it");
    let r = early.send(json!({"action": "cancel"}));
    assert_eq!((screen(&r), r["opens"].as_str()), ("totp_prompt", Some("icon")), "{r}");
    env.advance(30);
    early.expect(json!({"action": "submit_totp", "code": code_now(&env, &secret)}), "dashboard");
    assert!(early.session.workspace_proof().unwrap().is_some(), "with the code it vouches again");
}

/// Mei's first soft token through its test, then iCON opened with its next code: the session on
/// the dashboard (through the terms if asked), the token's secret and id.
fn on_the_dashboard_with_a_code(env: &Env) -> (Driver, Vec<u8>, u64) {
    let (mut d, secret, id, _) = first_test_passed(env);
    d.expect(json!({"action": "continue"}), "applications");
    d.expect(json!({"action": "open_app", "app": "icon"}), "totp_prompt");
    env.advance(30);
    let r = d.send(json!({"action": "submit_totp", "code": code_now(env, &secret)}));
    assert!(matches!(screen(&r), "terms" | "dashboard"), "{r}");
    if screen(&r) == "terms" {
        d.expect(json!({"action": "accept_terms"}), "dashboard");
    }
    assert!(d.session.workspace_proof().unwrap().is_some());
    (d, secret, id)
}

#[test]
fn deleting_a_lost_phones_authenticators_ends_the_second_factor_a_session_gave_with_it() {
    // A colleague who knows Mei's password took her phone, gave its code and left a session on
    // the dashboard. She reports the loss; an administrator deletes her authenticators.
    let env = Env::with_data_key();
    let (mut taken, _, _) = on_the_dashboard_with_a_code(&env);
    env.admin().delete_authenticators(MEI).unwrap();
    // Past the cut-over, staff without an authenticator are not let in with the password alone:
    // the session no longer vouches for her, and its next step is the guide's "2FA required".
    assert_eq!(taken.session.workspace_proof().unwrap(), None, "single sign-on no longer vouches for it");
    let r = taken.send(json!({"action": "show_help"}));
    assert_eq!((screen(&r), r["code"].as_str()), ("error", Some("two_factor_required")), "{r}");
    taken.expect(json!({"action": "continue"}), "applications");
    taken.expect_error(json!({"action": "open_app", "app": "icon"}), "error", "two_factor_required");

    // Her new phone, set up on her own session, does not bring the old factor back: changing
    // her password from the colleague's session asks a code of the new one first.
    let mut owner = env.session();
    assert_eq!(screen(&owner.sign_in(MEI, NEW_PASSWORD)), "applications");
    new_phone(&env, &mut owner);
    taken.expect(json!({"action": "continue"}), "applications");
    let r = taken.send(json!({"action": "change_my_password"}));
    assert_eq!((screen(&r), r["opens"].as_str()), ("totp_prompt", Some("change_password")), "{r}");
}

#[test]
fn testing_an_authenticator_again_on_another_session_leaves_the_code_given_on_this_one() {
    let env = Env::with_data_key();
    let (mut here, secret, id) = on_the_dashboard_with_a_code(&env);
    // On her laptop later, she presses Test on the same phone: nothing was taken away.
    env.advance(60);
    let mut laptop = env.session();
    assert_eq!(screen(&laptop.sign_in(MEI, NEW_PASSWORD)), "applications");
    laptop.expect(json!({"action": "open_app", "app": "identity_portal"}), "totp_prompt");
    laptop.expect(json!({"action": "submit_totp", "code": code_now(&env, &secret)}), "identity_portal");
    laptop.expect(json!({"action": "open_app", "app": "setup_2fa"}), "setup_2fa_username");
    laptop.expect(json!({"action": "setup_2fa", "login": MEI}), "choose_method");
    let otp = laptop.expect(json!({"action": "choose_method", "method": "email_otp"}), "email_otp");
    let mailed = mailed_code(&env, otp["sequence"].as_u64().unwrap());
    laptop.expect(json!({"action": "submit_email_otp", "code": mailed}), "self_service");
    laptop.expect(json!({"action": "select_authenticator", "id": id}), "edit_authenticator");
    env.advance(30);
    laptop.expect(json!({"action": "test_authenticator", "code": code_now(&env, &secret)}), "edit_authenticator");
    assert!(here.session.workspace_proof().unwrap().is_some(), "the dashboard still vouched for");
    here.expect(json!({"action": "show_help"}), "dashboard");
}

#[test]
fn the_two_factor_cutover_begins_at_midnight_in_the_schools_time_zone() {
    // The default cut-over is 2023-09-27 and the default zone Asia/Singapore (UTC+8): from
    // 2023-09-26T16:00Z on, staff without 2FA may no longer open iCON.
    let env = Env::with_data_key();
    env.clock.set(gatehouse_core::clock::parse_time("2023-09-26T15:59:59Z").unwrap());
    let mut d = signed_in_staff(&env);
    d.expect(json!({"action": "open_app", "app": "icon"}), "dashboard");
    assert!(d.session.workspace_proof().unwrap().is_some());
    env.advance(1);
    // The dashboard reached the second before is judged again at its next step.
    assert_eq!(d.session.workspace_proof().unwrap(), None);
    let r = d.send(json!({"action": "show_help"}));
    assert_eq!((screen(&r), r["code"].as_str()), ("error", Some("two_factor_required")), "{r}");
    d.expect(json!({"action": "continue"}), "applications");
    d.expect_error(json!({"action": "open_app", "app": "icon"}), "error", "two_factor_required");
}

#[test]
fn a_right_email_otp_does_not_clear_the_count_of_wrong_codes() {
    let env = Env::with_data_key();
    let mut d = signed_in_staff(&env);
    d.expect(json!({"action": "open_app", "app": "identity_portal"}), "identity_portal");
    d.expect(json!({"action": "open_app", "app": "setup_2fa"}), "setup_2fa_username");
    d.expect(json!({"action": "setup_2fa", "login": MEI}), "choose_method");
    let otp = d.expect(json!({"action": "choose_method", "method": "email_otp"}), "email_otp");
    d.expect_error(json!({"action": "submit_email_otp", "code": "000000"}), "email_otp", "otp_incorrect");
    let code = mailed_code(&env, otp["sequence"].as_u64().unwrap());
    d.expect(json!({"action": "submit_email_otp", "code": code}), "self_service");
    assert_eq!(env.account(MEI).failed_codes, 1, "the mailbox is not the second factor");
}

#[test]
fn a_code_of_a_later_time_step_at_icons_door_is_answered_as_wrong_without_telling_the_offset() {
    let env = Env::with_data_key();
    let (mut d, secret, _, _) = first_test_passed(&env);
    d.expect(json!({"action": "continue"}), "applications");
    d.expect(json!({"action": "open_app", "app": "icon"}), "totp_prompt");
    let later = otp::totp(&secret, &OtpParams::default(), env.engine.now() as u64 + 90);
    let r = d.expect_error(json!({"action": "submit_totp", "code": later}), "totp_prompt", "otp_incorrect");
    assert!(!r["error"]["message"].as_str().unwrap().contains("ahead"), "{r}");
    // The administrator still sees why in the audit log.
    let last = env.events(MEI).pop().unwrap();
    assert_eq!((last.event.as_str(), last.detail.as_str()), ("totp_verified", "device clock off by 90 s"));
}

#[test]
fn a_try_the_store_cannot_give_back_still_lets_the_right_code_in_and_is_forgotten_when_the_file_is_next_opened() {
    use gatehouse_core::store::Tries;
    if skip_on_postgres("a trigger in the SQLite file makes the store fail") {
        return;
    }
    let env = Env::with_data_key();
    let (mut d, secret, _, _) = first_test_passed(&env);
    d.expect(json!({"action": "continue"}), "applications");
    d.expect(json!({"action": "open_app", "app": "icon"}), "totp_prompt");
    // Giving back a try fails from now on, as a full disk would.
    let db = rusqlite::Connection::open(env.db_path()).unwrap();
    db.execute_batch(
        "CREATE TRIGGER no_give_back BEFORE UPDATE OF pending_totp ON accounts \
         WHEN NEW.pending_totp < OLD.pending_totp BEGIN SELECT abs(-9223372036854775807 - 1); END;",
    )
    .unwrap();
    env.advance(30);
    let r = d.send(json!({"action": "submit_totp", "code": code_now(&env, &secret)}));
    assert!(matches!(screen(&r), "terms" | "dashboard"), "the right code lets her in all the same: {r}");
    assert_eq!(env.account(MEI).failed_codes, 0);
    // Its try stays taken (logged), one of five: four more checks may start, not five.
    let id = env.account_id(MEI);
    assert!((0..4).all(|_| env.store().take_try(id, Tries::Codes, 5).unwrap()));
    assert!(!env.store().take_try(id, Tries::Codes, 5).unwrap());
    // The next start (the only process with the file open) forgets every try a check left taken.
    db.execute_batch("DROP TRIGGER no_give_back").unwrap();
    drop(d);
    let Env { place, engine, config, clock, .. } = env;
    drop(engine);
    let restarted = engine_with(place.open(std::time::Duration::from_secs(5)), config, clock);
    assert!((0..5).all(|_| restarted.store().take_try(id, Tries::Codes, 5).unwrap()));
}

/// Mei, on the applications page of `owner`, sets up a new phone a little later (after her lost
/// one's authenticators were deleted) and tests it: its secret.
fn new_phone(env: &Env, owner: &mut Driver) -> Vec<u8> {
    env.advance(30);
    to_self_service(env, owner);
    let (secret, _) = enrol_and_open_test(owner);
    owner.expect(json!({"action": "test_authenticator", "code": code_now(env, &secret)}), "edit_authenticator");
    secret
}

/// How many times `event` was audited for Mei with outcome ok.
fn audited(env: &Env, event: &str) -> usize {
    env.events(MEI).into_iter().filter(|e| e.event == event && e.outcome == "ok").count()
}

/// Asserts `r` is the code prompt opening `door`.
#[track_caller]
fn asks_the_code_for(r: &Value, door: &str) {
    assert_eq!((screen(r), r["opens"].as_str()), ("totp_prompt", Some(door)), "{r}");
}

/// Someone with Mei's password and her phone signs in, asks for one of her own changes (`open`,
/// behind the door `door`), gives the phone's code and waits on the form that opens (`form`).
fn own_change_opened_with_her_phone(env: &Env, open: &str, door: &str, form: &str) -> Driver {
    let (_, secret, _, _) = first_test_passed(env);
    let mut taken = env.session();
    assert_eq!(screen(&taken.sign_in(MEI, NEW_PASSWORD)), "applications");
    asks_the_code_for(&taken.send(json!({"action": open})), door);
    env.advance(30);
    taken.expect(json!({"action": "submit_totp", "code": code_now(env, &secret)}), form);
    taken
}

/// Mei reports her phone lost: an administrator deletes her authenticators, and she sets up a
/// new phone on a session of her own. The new phone's secret.
fn phone_lost_and_replaced(env: &Env) -> Vec<u8> {
    env.admin().delete_authenticators(MEI).unwrap();
    let mut owner = env.session();
    assert_eq!(screen(&owner.sign_in(MEI, NEW_PASSWORD)), "applications");
    new_phone(env, &mut owner)
}

#[test]
fn a_password_change_opened_with_a_lost_phones_code_asks_the_new_phones_code_before_it_is_made() {
    let env = Env::with_data_key();
    let mut taken = own_change_opened_with_her_phone(&env, "change_my_password", "change_password", "change_password");
    let new = phone_lost_and_replaced(&env);
    // The form waiting there asks the new phone's code before anything else; nothing changes.
    let changes = audited(&env, "password_changed");
    let change = json!({"action": "change_password", "new_password": OTHER_PASSWORD,
        "confirm_password": OTHER_PASSWORD, "current_password": NEW_PASSWORD});
    asks_the_code_for(&taken.send(change.clone()), "change_password");
    assert_eq!(audited(&env, "password_changed"), changes, "no password was changed");
    // With the new phone's code, the change goes on as any would.
    env.advance(30);
    taken.expect(json!({"action": "submit_totp", "code": code_now(&env, &new)}), "change_password");
    taken.expect(change, "password_changing");
}

#[test]
fn a_questions_change_opened_with_a_lost_phones_code_asks_the_new_phones_code_before_they_are_saved() {
    // As with the password; the colleague got as far as confirming new questions.
    let env = Env::with_data_key();
    let mut taken = own_change_opened_with_her_phone(&env, "change_my_questions", "change_questions", "set_questions");
    let set =
        json!({"action": "set_questions", "questions": Driver::guide_answers(), "current_password": NEW_PASSWORD});
    taken.expect(set, "confirm_questions");
    let new = phone_lost_and_replaced(&env);
    let saved = audited(&env, "questions_set");
    asks_the_code_for(&taken.send(json!({"action": "confirm_questions"})), "change_questions");
    assert_eq!(audited(&env, "questions_set"), saved, "no questions were saved");
    env.advance(30);
    taken.expect(json!({"action": "submit_totp", "code": code_now(&env, &new)}), "set_questions");
}

#[test]
fn questions_an_administrator_cleared_opened_with_a_lost_phones_code_ask_the_new_phones_code_before_they_are_set() {
    // Her questions cleared, the colleague signs in and gives the phone's code: the new
    // questions wait. Then the phone is reported lost, and Mei sets new questions and a new phone.
    let env = Env::with_data_key();
    let (_, secret, _, _) = first_test_passed(&env);
    env.admin().clear_questions(MEI).unwrap();
    let mut taken = env.session();
    asks_the_code_for(&taken.sign_in(MEI, NEW_PASSWORD), "change_questions");
    env.advance(30);
    taken.expect(json!({"action": "submit_totp", "code": code_now(&env, &secret)}), "set_questions");
    env.admin().delete_authenticators(MEI).unwrap();
    let mut owner = env.session();
    assert_eq!(screen(&owner.sign_in(MEI, NEW_PASSWORD)), "set_questions");
    owner.expect(json!({"action": "set_questions", "questions": Driver::guide_answers()}), "confirm_questions");
    owner.expect(json!({"action": "confirm_questions"}), "questions_saved");
    owner.expect(json!({"action": "continue"}), "applications");
    new_phone(&env, &mut owner);
    let saved = audited(&env, "questions_set");
    let set = json!({"action": "set_questions", "questions": Driver::guide_answers()});
    asks_the_code_for(&taken.send(set), "change_questions");
    assert_eq!(audited(&env, "questions_set"), saved, "no questions were saved");
}

#[test]
fn unbinding_the_hardware_token_that_gave_a_sessions_code_ends_that_sessions_second_factor() {
    // Mei has her phone and a hardware token. A colleague who knows her password took the token
    // and opened iCON with its code; she opened it with her phone's. The token is reported lost
    // and an LA unbinds it: the colleague's session is asked for a code again, hers is not.
    let env = Env::with_data_key();
    env.admin().import_tokens(&format!("TOTP-1,{TOKEN_SEED}\n")).unwrap();
    let (mut mine, phone, _, _) = first_test_passed(&env);
    let token = otp::parse_base32(TOKEN_SEED).unwrap();
    mine.expect(json!({"action": "cancel"}), "self_service");
    mine.expect(json!({"action": "add_soft_token"}), "add_soft_token");
    let enrol = json!({"action": "save_soft_token", "serial": "TOTP-1", "otp": code_now(&env, &token)});
    mine.expect(enrol, "self_service");
    mine.expect(json!({"action": "cancel"}), "applications");
    env.advance(30);
    let mut taken = env.session();
    assert_eq!(screen(&taken.sign_in(MEI, NEW_PASSWORD)), "applications");
    asks_the_code_for(&taken.send(json!({"action": "open_app", "app": "icon"})), "icon");
    let r = taken.send(json!({"action": "submit_totp", "code": code_now(&env, &token)}));
    assert!(matches!(screen(&r), "terms" | "dashboard"), "{r}");
    if screen(&r) == "terms" {
        taken.expect(json!({"action": "accept_terms"}), "dashboard");
    }
    mine.expect(json!({"action": "open_app", "app": "icon"}), "totp_prompt");
    mine.expect(json!({"action": "submit_totp", "code": code_now(&env, &phone)}), "dashboard");

    env.admin().unbind_token("TOTP-1").unwrap();
    assert_eq!(taken.session.workspace_proof().unwrap(), None, "single sign-on no longer vouches for it");
    asks_the_code_for(&taken.send(json!({"action": "show_help"})), "icon");
    assert!(mine.session.workspace_proof().unwrap().is_some(), "her phone's code still holds");
    mine.expect(json!({"action": "show_help"}), "dashboard");
    // The phone's code (which the colleague does not have) opens the door again.
    env.advance(30);
    taken.expect(json!({"action": "submit_totp", "code": code_now(&env, &phone)}), "dashboard");
}
