//! Hostile strings in every field the wizard takes before two-factor set-up (issue 6 §3): SQL,
//! control characters, NUL, a megabyte, emoji, right-to-left marks, combining marks, blanks. Each
//! is answered with a clear error or handled as ordinary text — never a panic, never an internal
//! failure (`SSPR 5019`), never a change of screen it should not cause — and nothing of it can
//! forge a line in the audit log.

use gatehouse_core::admin::CreateRequest;
use gatehouse_core::audit::AuditQuery;
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

#[test]
fn a_request_naming_a_field_twice_is_refused_whichever_copy_a_parser_would_keep() {
    let env = Env::new();
    let p = env.active_student("Ada_Lim@students.edu.sg", "Ada Lim", "p4_6");
    let mut d = env.session();
    let twice = format!(
        r#"{{"action":"sign_in","login":"Nobody@students.edu.sg","login":"{}","password":"{}"}}"#,
        p.login, p.password
    );
    let r = d.refuses_line(&twice, "bad_request");
    assert!(r["error"]["message"].as_str().unwrap().contains("\"login\" appears twice"), "{r}");
    d.refuses_line(r#"{"action":"sign_in","action":"forgot_password"}"#, "bad_request");
    // Nested objects too (the questions of the first sign-in).
    d.refuses_line(
        r#"{"action":"set_questions","questions":[{"question":"favourite_colour","question":"favourite_city","answer":"x"}]}"#,
        "bad_request",
    );
    // The same request without the duplicate works.
    assert_eq!(screen(&d.sign_in(&p.login, &p.password)), "applications");
}

/// An administrator's answer to a hostile value: accepted as ordinary text or refused with a
/// clear, short, non-internal error.
#[track_caller]
fn clear<T>(r: Result<T, gatehouse_core::error::Error>, what: &str) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(e) => {
            assert!(!e.is_internal(), "{what}: internal failure {e}");
            assert!(e.to_string().len() < 400, "{what}: the error echoes the input");
            None
        }
    }
}

#[test]
fn hostile_strings_in_every_field_an_administrator_types_are_refused_clearly_or_kept_exactly() {
    let env = Env::new();
    let admin = env.admin();
    let existing = env.active_student("Ada_Lim@students.edu.sg", "Ada Lim", "p4_6");
    let accounts = || admin.list(&Default::default()).unwrap().len();
    let before = accounts();
    let mut created = 0;
    for (i, (name, text)) in hostile().into_iter().enumerate() {
        let base = staff_request(&format!("Hostile_Staff{i}@schools.gov.sg"), "Hostile Test");
        let requests = [
            ("login", CreateRequest { login: text.clone(), ..base.clone() }),
            ("name", CreateRequest { name: text.clone(), ..base.clone() }),
            ("kind", CreateRequest { kind: text.clone(), ..base.clone() }),
            (
                "level",
                CreateRequest {
                    level: Some(text.clone()),
                    ..student_request(&format!("Hostile_Kid{i}@students.edu.sg"), "Hostile Kid", "p4_6")
                },
            ),
            ("location", CreateRequest { location: Some(text.clone()), ..base.clone() }),
            ("work_email", CreateRequest { work_email: Some(text.clone()), ..base.clone() }),
            ("roles", CreateRequest { roles: vec![text.clone()], ..base.clone() }),
        ];
        for (field, request) in requests {
            let what = format!("create, {field} {name}");
            if let Some(issued) = clear(admin.create(&request), &what) {
                // Accepted as ordinary text: stored as typed (trimmed).
                let view = admin.show(&issued.login).unwrap();
                if field == "name" {
                    assert_eq!(view.name, text.trim(), "{what}");
                }
                created += 1;
            }
        }
        for (op, r) in [
            ("show", admin.show(&text).map(|_| ())),
            ("reset", admin.reset_password(&text).map(|_| ())),
            ("unlock", admin.unlock(&text).map(|_| ())),
            ("clear questions", admin.clear_questions(&text).map(|_| ())),
            ("work email", admin.set_work_email(&existing.login, Some(&text)).map(|_| ())),
            ("unbind", admin.unbind_token(&text)),
            ("transfer", admin.request_transfer(&existing.login, &text).map(|_| ())),
            ("tokens", admin.import_tokens(&text).map(|_| ())),
        ] {
            clear(r, &format!("{op} {name}"));
        }
        let q = AuditQuery { subject: Some(text.clone()), actor: Some(text.clone()), ..Default::default() };
        assert!(clear(admin.audit(&q), &format!("audit filter {name}")).unwrap_or_default().is_empty());
        // A CSV import with the value in each column: row errors by line, nothing half-made.
        let csv = format!(
            "login,name,kind,level,location\n{t},Csv Kid,student,p4_6,5521\nCsv_Kid@students.edu.sg,{t},student,p4_6,5521\n\
             Csv_Kid@students.edu.sg,Csv Kid,{t},p4_6,5521\nCsv_Kid@students.edu.sg,Csv Kid,student,{t},5521\n\
             Csv_Kid@students.edu.sg,Csv Kid,student,p4_6,{t}\n",
            t = text.replace(['"', ',', '\n', '\r'], " ")
        );
        if let Some((rows, errors, _)) = clear(admin.parse_import(csv.as_bytes()), &format!("import {name}")) {
            assert_eq!(rows.len() + errors.len(), 5, "import {name}: every row accounted for");
            for e in &errors {
                assert!((2..=6).contains(&e.line) && e.reason.len() < 400, "import {name}: {e:?}");
            }
        }
    }
    // Garbage that is not even text: invalid UTF-8 in an import file is a clear error.
    clear(admin.parse_import(&b"login,name,kind,level,location\n\xff\xfe,\xc3\x28,student,p4_6,5521\n"[..]), "utf-8");
    assert_eq!(accounts(), before + created, "nothing half-made");
    if !crate::support::on_postgres() {
        let db = rusqlite::Connection::open(env.db_path()).unwrap();
        assert_eq!(db.query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0)).unwrap(), "ok");
    }
}
