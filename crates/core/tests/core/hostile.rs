//! Hostile strings in every field the wizard takes before two-factor set-up (issue 6 §3): SQL,
//! control characters, NUL, a megabyte, emoji, right-to-left marks, combining marks, blanks. Each
//! is answered with a clear error or handled as ordinary text — never a panic, never an internal
//! failure (`SSPR 5019`), never a change of screen it should not cause — and nothing of it can
//! forge a line in the audit log.

use serde_json::{json, Value};

use crate::common::*;

fn hostile() -> Vec<(&'static str, String)> {
    vec![
        ("sql", "' OR '1'='1'; DROP TABLE accounts; --".into()),
        ("nul", "abc\u{0}def".into()),
        ("control", "\u{1b}[31mred\u{7}\r\nforged line".into()),
        ("megabyte", "A".repeat(1 << 20)),
        ("emoji", "👩‍🎓🔑🏫".into()),
        ("rtl", "\u{202e}gnp.exe\u{202c}".into()),
        ("combining", "e\u{301}".repeat(2000)),
        ("empty", String::new()),
        ("blank", "   \t ".into()),
    ]
}

/// The response is a screen among `allowed`, not the internal-failure screen, with an error
/// that is not internal.
#[track_caller]
fn sane(r: &Value, allowed: &[&str], what: &str) {
    let screen = screen(r);
    assert!(allowed.contains(&screen), "{what}: unexpected screen {screen}: {}", short(r));
    assert_ne!(code(r), Some("SSPR 5019"), "{what}: internal failure: {}", short(r));
    if let Some(message) = r["error"]["message"].as_str() {
        assert!(message.len() < 400, "{what}: the error message echoes the input");
    }
}

fn short(r: &Value) -> String {
    r.to_string().chars().take(300).collect()
}

#[test]
fn hostile_strings_at_sign_in_and_self_service_search_get_clear_answers() {
    let env = Env::new();
    let p = env.active_student("Ada_Lim@students.edu.sg", "Ada Lim", "p4_6");
    for (name, text) in hostile() {
        let mut d = env.session();
        let r = d.send(json!({"action": "sign_in", "login": text, "password": "x"}));
        sane(&r, &["sign_in", "account_locked"], &format!("login {name}"));
        let mut d = env.session();
        let r = d.send(json!({"action": "sign_in", "login": p.login, "password": text}));
        // Five wrong passwords lock the account, like any others.
        sane(&r, &["sign_in", "account_locked"], &format!("password {name}"));
        if screen(&r) == "sign_in" {
            assert_eq!(code(&r), Some("login_failed"), "password {name}");
        }
        let mut d = env.session();
        d.expect(json!({"action": "forgot_password"}), "sspr_search");
        let r = d.send(json!({"action": "sspr_search", "login": text}));
        sane(&r, &["sspr_search", "sspr_questions"], &format!("sspr login {name}"));
        if screen(&r) == "sspr_questions" {
            let n = r["questions"].as_array().unwrap().len();
            let r = d.send(json!({"action": "sspr_answer", "answers": vec![text.clone(); n]}));
            sane(&r, &["sspr_questions", "sspr_locked_choice"], &format!("answers {name}"));
        }
    }
    // The wrong passwords above were counted: the account locked at the fifth.
    assert!(env.account(&p.login).is_locked());
    // No line of the audit log carries a control character from the input.
    for e in env.all_events() {
        for field in [&e.actor, &e.subject, &e.detail] {
            assert!(!field.chars().any(|c| c.is_control()), "a control character reached the audit log: {field:?}");
        }
    }
}

#[test]
fn hostile_answers_and_new_passwords_during_the_first_sign_in_are_refused_clearly() {
    let env = Env::new();
    let p = env.new_student("Ben_Tan@students.edu.sg", "Ben Tan", "secondary");
    let mut d = env.session();
    d.expect(json!({"action": "sign_in", "login": p.login, "password": p.password}), "set_questions");
    for (name, text) in hostile() {
        let questions = json!([
            {"question": "favourite_colour", "answer": text},
            {"question": "favourite_animal", "answer": "hamster"},
            {"question": text, "answer": "The Good Earth"}
        ]);
        let r = d.send(json!({"action": "set_questions", "questions": questions}));
        sane(&r, &["set_questions"], &format!("questions {name}"));
        assert!(!r["error"].is_null(), "questions {name} must be refused: {}", short(&r));
    }
    d.expect(
        json!({"action": "set_questions", "questions": [
            {"question": "favourite_colour", "answer": "yellow"},
            {"question": "favourite_animal", "answer": "hamster"},
            {"question": "favourite_book", "answer": "The Good Earth"}]}),
        "confirm_questions",
    );
    d.expect(json!({"action": "confirm_questions"}), "questions_saved");
    d.expect(json!({"action": "continue"}), "change_password");
    for (name, text) in hostile() {
        let r = d.send(json!({"action": "check_password", "new_password": text}));
        sane(&r, &["change_password"], &format!("check {name}"));
        let r = d.send(json!({"action": "change_password", "new_password": text, "confirm_password": text}));
        sane(&r, &["change_password"], &format!("change {name}"));
        assert!(!r["error"].is_null(), "new password {name} must be refused: {}", short(&r));
    }
    // After all that, a good password still goes through.
    d.expect(
        json!({"action": "change_password", "new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD}),
        "password_changing",
    );
}

#[test]
fn hostile_values_of_the_wrong_json_type_are_bad_requests_that_change_nothing() {
    let env = Env::new();
    let mut d = env.session();
    for value in [json!(null), json!(12), json!(["a"]), json!({"a": 1}), json!(true), json!(1e308)] {
        let r =
            d.refuses_line(&json!({"action": "sign_in", "login": value, "password": "x"}).to_string(), "bad_request");
        sane(&r, &["sign_in"], "wrong type");
    }
    d.refuses_line(&json!({"action": ["sign_in"]}).to_string(), "bad_request");
}
