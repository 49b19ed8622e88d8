//! The wizard's state is data (issue 12 §2): every screen reachable by random action sequences
//! seals, unseals to an identical session, and answers the next action exactly as the original;
//! `show_help` on each of them changes nothing (issue 15).

use gatehouse_core::Session;
use std::collections::BTreeSet;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use serde_json::{json, Value};

use crate::common::*;

/// One school, twice: the same seeded randomness, clock and install secret, separate files.
fn school() -> (Env, String) {
    // Three wrong passwords lock, so walks reach the locked screens too.
    let config = gatehouse_core::config::Config::from_toml("[lockout]\npassword_threshold = 3\n").unwrap();
    let env = Env::with_data_key_and(config);
    env.store().meta_init("install_secret", &[9; 32]).unwrap();
    env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    env.active_staff("Mei_Ling@schools.gov.sg", "Mei Ling");
    let fresh = env.new_student("Tom_Tan@students.edu.sg", "Tom Tan", "p4_6");
    (env, fresh.password)
}

/// What a person might do on `screen` (or, one time in five, cancel, sign out or an action
/// the screen refuses), so random walks reach every screen. `ANSWERS` and `EMAIL_OTP` stand for the
/// right answers and the right mailed code, read when the action is taken.
fn candidate(screen: &str, temporary: &str, pick: usize) -> Value {
    let sign_in = |login: &str, password: &str| json!({"action": "sign_in", "login": login, "password": password});
    let act = |name: &str| json!({"action": name});
    let code = |name: &str, code: &str| json!({"action": name, "code": code});
    let mut list = match screen {
        "sign_in" | "signed_out" => vec![
            sign_in("Chloe_Ng@students.edu.sg", NEW_PASSWORD),
            sign_in("Mei_Ling@schools.gov.sg", NEW_PASSWORD),
            sign_in("Tom_Tan@students.edu.sg", temporary),
            sign_in("Chloe_Ng@students.edu.sg", WRONG_PASSWORD),
            act("forgot_password"),
        ],
        "account_locked" => vec![act("continue"), act("forgot_password")],
        "sspr_search" => vec![
            json!({"action": "sspr_search", "login": "Chloe_Ng@students.edu.sg"}),
            json!({"action": "sspr_search", "login": "Mei_Ling@schools.gov.sg"}),
            json!({"action": "sspr_search", "login": "Nobody_Here@students.edu.sg"}),
        ],
        "sspr_questions" => vec![json!({"action": "sspr_answer", "answers": "ANSWERS"}), act("cancel")],
        "sspr_locked_choice" => vec![act("unlock_account"), act("choose_change_password")],
        "set_questions" => vec![json!({"action": "set_questions", "questions": Driver::guide_answers()})],
        "confirm_questions" => vec![act("confirm_questions"), act("go_back")],
        "change_password" => vec![
            json!({"action": "check_password", "new_password": "Quartz-Vio"}),
            json!({"action": "change_password", "new_password": OTHER_PASSWORD, "confirm_password": OTHER_PASSWORD}),
            json!({"action": "change_password", "new_password": OTHER_PASSWORD, "confirm_password": NEW_PASSWORD}),
        ],
        "applications" => vec![
            json!({"action": "open_app", "app": "icon"}),
            json!({"action": "open_app", "app": "identity_portal"}),
            json!({"action": "open_app", "app": "nowhere"}),
        ],
        "terms" => vec![act("accept_terms")],
        "totp_prompt" | "sspr_totp" => vec![
            code("submit_totp", "000000"),
            code("submit_recovery_code", "AAAA-BBBB-CCCC-DDDD"),
            act("use_security_key"),
        ],
        "identity_portal" => {
            vec![json!({"action": "open_app", "app": "setup_2fa"}), json!({"action": "open_app", "app": "icon"})]
        }
        "setup_2fa_username" => vec![
            json!({"action": "setup_2fa", "login": "Mei_Ling@schools.gov.sg"}),
            json!({"action": "setup_2fa", "login": "Chloe_Ng@students.edu.sg"}),
        ],
        "choose_method" => vec![json!({"action": "choose_method", "method": "email_otp"})],
        "email_otp" => vec![code("submit_email_otp", "EMAIL_OTP"), code("submit_email_otp", "000000")],
        "self_service" => vec![
            act("add_soft_token"),
            json!({"action": "select_authenticator", "id": 1}),
            // A security key ceremony (its verifier's state) is sealed with the session too.
            act("add_security_key"),
            json!({"action": "new_recovery_codes", "current_password": NEW_PASSWORD}),
        ],
        "add_security_key" => vec![json!({"action": "add_security_key", "credential": {}}), act("cancel")],
        "recovery_codes" => vec![act("continue")],
        "add_soft_token" => vec![json!({"action": "save_soft_token", "comment": "Phone"}), act("go_back")],
        "edit_authenticator" => vec![
            act("test_authenticator"),
            code("test_authenticator", "000000"),
            json!({"action": "delete_authenticator", "id": 1}),
        ],
        "test_authenticator" => vec![code("test_authenticator", "000000")],
        _ => vec![act("continue")],
    };
    // Now and then: leave, sign out, or something this screen refuses.
    if pick % 16 >= 13 {
        list = vec![act("cancel"), act("sign_out"), act("accept_terms")];
    }
    list[pick % list.len()].clone()
}

/// A response with its security key ceremony's challenge left out: webauthn-rs draws it from the
/// OS's generator (not the engine's seeded one), so two sessions never share one.
fn unchallenged(mut response: Value) -> Value {
    if let Some(challenge) = response.pointer_mut("/security_key/options/publicKey/challenge") {
        *challenge = json!("(random)");
    }
    response
}

/// The code of the newest OTP mail in `env`'s outbox.
fn mailed_code(env: &Env, sequence: u64) -> String {
    let marker = format!("(OTP #{sequence}) is ");
    for entry in std::fs::read_dir(env.dir().join("outbox")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        if let Some(at) = text.find(&marker) {
            return text[at + marker.len()..at + marker.len() + 6].to_owned();
        }
    }
    "999999".into()
}

fn apply(session: &mut Session, request: &Value) -> Value {
    serde_json::to_value(session.apply_json(&request.to_string())).unwrap()
}

/// Seals the session and opens it again, as a server keeps it between two requests.
fn round_trip(env: &Env, session: &Session, id: &[u8]) -> Session {
    let sealed = session.seal(id).expect("seal");
    let text = String::from_utf8_lossy(&sealed);
    for secret in [NEW_PASSWORD, OTHER_PASSWORD, "purple"] {
        assert!(!text.contains(secret), "a sealed session holds {secret} in clear");
    }
    assert!(Session::unseal(env.engine.clone(), b"another session", &sealed).is_err());
    Session::unseal(env.engine.clone(), id, &sealed).expect("unseal")
}

/// One random walk through `school()` twice: the original session, and a copy that is sealed
/// and unsealed before every action. Returns the screens it passed.
fn walk_twice(walk: &[usize]) -> Result<BTreeSet<String>, TestCaseError> {
    let ((a, temporary), (b, _)) = (school(), school());
    let mut original = Session::new(a.engine.clone());
    let mut copy = Session::new(b.engine.clone());
    let mut screens = BTreeSet::new();
    for (i, pick) in walk.iter().enumerate() {
        copy = round_trip(&b, &copy, format!("session {i}").as_bytes());
        let shown = serde_json::to_value(original.current()).unwrap();
        let copied = unchallenged(serde_json::to_value(copy.current()).unwrap());
        prop_assert_eq!(&copied, &unchallenged(shown.clone()));
        // Help, on whatever screen the walk is: the screen as it was, and nothing changes (the
        // copy is never asked, and both still answer the next action identically).
        let mut helped = apply(&mut original, &json!({"action": "show_help"}));
        let help = helped.as_object_mut().unwrap().remove("help");
        prop_assert!(help.is_some_and(|h| h["topics"].is_array()), "no help on {}", shown["screen"]);
        prop_assert_eq!(&helped, &shown);
        let mut request = candidate(shown["screen"].as_str().unwrap(), &temporary, *pick);
        if request["answers"] == "ANSWERS" {
            request["answers"] = json!(Driver::answers_for(&shown));
        }
        if request["code"] == "EMAIL_OTP" {
            request["code"] = json!(mailed_code(&a, shown["sequence"].as_u64().unwrap()));
        }
        let (x, y) = (unchallenged(apply(&mut original, &request)), unchallenged(apply(&mut copy, &request)));
        screens.insert(x["screen"].as_str().unwrap_or_default().to_owned());
        prop_assert_eq!(x, y, "after {}", request);
    }
    Ok(screens)
}

#[test]
fn every_reachable_state_seals_and_comes_back_answering_the_next_action_identically() {
    // A fixed seed: the same walks every run (GATEHOUSE_STATE_WALKS runs more of them).
    let cases = std::env::var("GATEHOUSE_STATE_WALKS").ok().and_then(|v| v.parse().ok()).unwrap_or(12);
    let config = Config { cases, failure_persistence: None, ..Config::default() };
    let mut runner = TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let reached = std::cell::RefCell::new(BTreeSet::new());
    runner
        .run(&prop::collection::vec(0usize..1024, 50..90), |walk| {
            reached.borrow_mut().extend(walk_twice(&walk)?);
            Ok(())
        })
        .unwrap();
    // The walks go deep: every screen but the code prompts (they need a tested authenticator).
    let reached = reached.into_inner();
    for screen in [
        "sign_in",
        "account_locked",
        "set_questions",
        "confirm_questions",
        "questions_saved",
        "change_password",
        "password_changing",
        "password_changed",
        "applications",
        "terms",
        "dashboard",
        "sspr_search",
        "sspr_questions",
        "identity_portal",
        "setup_2fa_username",
        "choose_method",
        "email_otp",
        "self_service",
        "add_soft_token",
        "edit_authenticator",
        "test_authenticator",
        "error",
        "signed_out",
    ] {
        assert!(reached.contains(screen), "no walk reached {screen}: {reached:?}");
    }
}

/// Walks Mei from the applications page to the two-factor self-service page.
fn to_self_service(env: &Env, d: &mut Driver) {
    d.expect(json!({"action": "open_app", "app": "identity_portal"}), "identity_portal");
    d.expect(json!({"action": "open_app", "app": "setup_2fa"}), "setup_2fa_username");
    d.expect(json!({"action": "setup_2fa", "login": "Mei_Ling@schools.gov.sg"}), "choose_method");
    let otp = d.expect(json!({"action": "choose_method", "method": "email_otp"}), "email_otp");
    let code = mailed_code(env, otp["sequence"].as_u64().unwrap());
    d.expect(json!({"action": "submit_email_otp", "code": code}), "self_service");
}

#[test]
fn the_soft_token_being_enrolled_is_kept_within_the_two_factor_flow_and_ends_with_it() {
    let (env, _) = school();
    let mut d = env.session();
    d.sign_in("Mei_Ling@schools.gov.sg", NEW_PASSWORD);
    to_self_service(&env, &mut d);
    let first = d.expect(json!({"action": "add_soft_token"}), "add_soft_token")["secret"].clone();
    d.expect(json!({"action": "go_back"}), "self_service");
    assert_eq!(d.expect(json!({"action": "add_soft_token"}), "add_soft_token")["secret"], first);
    // Leaving the flow (back to Applications) ends the enrolment: the next one has a new secret.
    d.expect(json!({"action": "cancel"}), "self_service");
    d.expect(json!({"action": "cancel"}), "applications");
    to_self_service(&env, &mut d);
    assert_ne!(d.expect(json!({"action": "add_soft_token"}), "add_soft_token")["secret"], first);
}

#[test]
fn a_sealed_session_opens_only_with_its_own_id_and_a_tampered_one_is_refused() {
    let (env, _) = school();
    let mut d = Session::new(env.engine.clone());
    apply(&mut d, &json!({"action": "sign_in", "login": "Mei_Ling@schools.gov.sg", "password": NEW_PASSWORD}));
    let mut sealed = d.seal(b"session 1").unwrap();
    assert!(Session::unseal(env.engine.clone(), b"session 2", &sealed).is_err());
    let last = sealed.len() - 1;
    sealed[last] ^= 1;
    assert!(Session::unseal(env.engine.clone(), b"session 1", &sealed).is_err());
}
