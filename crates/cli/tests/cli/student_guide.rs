use serde_json::json;

use crate::common::*;

#[test]
fn section_1_first_sign_in_walks_from_the_temporary_password_to_the_dashboard() {
    let dir = demo_dir();
    let mut s = Session::start(dir.path());
    let r = s.sign_in("Ada_Lim@students.edu.sg", TEMP);
    assert_eq!(r["screen"], "set_questions", "{r}");
    // Her level's list (P4-6): a real choice, without the adults' questions.
    let offered = r["available_questions"].as_array().unwrap();
    assert!(offered.len() >= 7 && !offered.iter().any(|q| q["id"] == "mothers_maiden_name"), "{r}");
    // Help over the command line, as on every screen: this screen as it was, with the guides'
    // desk and the answers chosen for a pupil.
    let help = s.send(act("show_help"));
    assert_eq!(
        (&help["screen"], &help["help"]["desk"]["name"]),
        (&json!("set_questions"), &json!("SSOE 2 Service Desk"))
    );
    assert_eq!(help["help"]["audience"], "student", "{help}");
    let questions = json!({"action": "set_questions", "questions": [
        {"question": "favourite_colour", "answer": "yellow"},
        {"question": "What is your favourite animal?", "answer": "hamster"},
        {"question": "favourite_book", "answer": "The Good Earth"}]});
    let confirm = s.expect(questions.clone(), "confirm_questions");
    assert_eq!(confirm["questions"][2]["answer"], "The Good Earth");
    // Step 6: Go Back to edit, with the earlier choice kept.
    let back = s.expect(act("go_back"), "set_questions");
    assert_eq!(back["selected"].as_array().unwrap().len(), 3);
    s.expect(questions, "confirm_questions");
    s.expect(act("confirm_questions"), "questions_saved");
    let cp = s.expect(act("continue"), "change_password");
    let ids: Vec<&str> = cp["rules"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"min_length") && ids.contains(&"no_name_parts") && ids.contains(&"three_classes"));
    // The live checklist: a short password fails min_length, nothing changes.
    let check = s.expect(json!({"action": "check_password", "new_password": "Short1!"}), "change_password");
    assert!(check["rules"].as_array().unwrap().iter().any(|r| r["id"] == "min_length" && r["ok"] == false));
    let bad = s.send(change_password("Ada-Lim-Rocks-2026"));
    assert_eq!(bad["error"]["code"], "password_policy", "{bad}");
    s.expect(change_password(NEW_PASSWORD), "password_changing");
    s.expect(act("continue"), "password_changed");
    let apps = s.expect(act("continue"), "applications");
    assert_eq!(apps["apps"][0]["id"], "icon");
    let terms = s.expect(json!({"action": "open_app", "app": "icon"}), "terms");
    assert_eq!(terms["title"], "Welcome to your new account");
    let dash = s.expect(act("accept_terms"), "dashboard");
    let app_ids: Vec<&str> = dash["apps"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert!(app_ids.contains(&"gmail"), "P4-6 has restricted Gmail: {dash}");
    s.expect(act("sign_out"), "signed_out");

    // Signing in again: no questions, no terms; the temporary password no longer works.
    s.expect(act("continue"), "sign_in");
    assert_eq!(s.sign_in("Ada_Lim@students.edu.sg", TEMP)["error"]["code"], "login_failed");
    s.expect(
        json!({"action": "sign_in", "login": "ada_lim@STUDENTS.edu.sg", "password": NEW_PASSWORD}),
        "applications",
    );
    s.expect(json!({"action": "open_app", "app": "icon"}), "dashboard");
}

#[test]
fn section_1b_a_temporary_password_with_questions_set_goes_straight_to_change_password() {
    let dir = demo_dir();
    let mut s = Session::start(dir.path());
    let r = s.sign_in("Ben_Tan@students.edu.sg", TEMP);
    assert_eq!(r["screen"], "change_password", "{r}");
    // The temporary password cannot be kept.
    s.expect(change_password(TEMP), "password_changing");
    let again = s.send(act("continue"));
    assert_eq!(again["screen"], "change_password");
    assert_eq!(again["error"]["code"], "password_policy");
    s.expect(change_password(NEW_PASSWORD), "password_changing");
    s.expect(act("continue"), "password_changed");
    s.expect(act("continue"), "applications");
}

#[test]
fn section_2a_self_service_reset_asks_a_student_two_questions_and_sets_a_new_password() {
    let dir = demo_dir();
    let mut s = Session::start(dir.path());
    s.expect(act("forgot_password"), "sspr_search");
    let q = s.expect(json!({"action": "sspr_search", "login": "Chloe_Ng@students.edu.sg"}), "sspr_questions");
    assert_eq!(q["questions"].as_array().unwrap().len(), 2, "students answer 2 of their 3");
    // Wrong answers: the guide's message, and the same questions stay.
    let wrong = s.send(json!({"action": "sspr_answer", "answers": ["blue", "cat"]}));
    assert_eq!(wrong["screen"], "sspr_questions");
    assert_eq!(wrong["error"]["message"], "One or more responses are not correct. Please try again.");
    // Answers are normalised: case and spaces do not matter.
    let mut answers = answers_for(&q);
    for a in answers["answers"].as_array_mut().unwrap() {
        *a = json!(format!("  {}  ", a.as_str().unwrap().to_uppercase()));
    }
    s.expect(answers, "change_password");
    s.expect(change_password(NEW_PASSWORD), "password_changing");
    s.expect(act("continue"), "password_changed");
    let back = s.expect(act("continue"), "sign_in");
    assert!(back["notice"].as_str().unwrap().contains("new password"));
    assert_eq!(s.sign_in("Chloe_Ng@students.edu.sg", PASSWORD)["error"]["code"], "login_failed");
    s.expect(
        json!({"action": "sign_in", "login": "Chloe_Ng@students.edu.sg", "password": NEW_PASSWORD}),
        "applications",
    );
}

#[test]
fn staff_self_service_reset_asks_all_three_questions() {
    let dir = demo_dir();
    let mut s = Session::start(dir.path());
    s.expect(act("forgot_password"), "sspr_search");
    let q = s.expect(json!({"action": "sspr_search", "login": "Grace_Lee@schools.gov.sg"}), "sspr_questions");
    assert_eq!(q["questions"].as_array().unwrap().len(), 3);
    s.expect(answers_for(&q), "change_password");
}

#[test]
fn an_unknown_login_gets_plausible_questions_or_sspr_5006_of_the_same_shape() {
    // Unknown IDs answer like real ones: most with two questions, a share with SSPR 5006 as
    // demo accounts without questions do (Faris_Ali), the same way each time.
    let dir = demo_dir();
    let mut s = Session::start(dir.path());
    s.expect(act("forgot_password"), "sspr_search");
    let real_5006 = s.send(json!({"action": "sspr_search", "login": "Faris_Ali@students.edu.sg"}));
    assert_eq!(real_5006["code"], "SSPR 5006", "{real_5006}");
    s.expect(act("continue"), "sign_in");
    let mut with_questions = 0;
    for i in 0..12 {
        s.expect(act("forgot_password"), "sspr_search");
        let r = s.send(json!({"action": "sspr_search", "login": format!("Nobody_{i}@students.edu.sg")}));
        if r["screen"] == "error" {
            assert_eq!(r, real_5006);
            s.expect(act("continue"), "sign_in");
            continue;
        }
        assert_eq!(r["screen"], "sspr_questions", "{r}");
        assert_eq!(r["questions"].as_array().unwrap().len(), 2);
        let wrong = s.send(json!({"action": "sspr_answer", "answers": ["yellow", "hamster"]}));
        assert_eq!(wrong["error"]["code"], "answers_incorrect");
        s.expect(act("cancel"), "sign_in");
        with_questions += 1;
    }
    assert!(with_questions > 0, "most demo accounts have questions, so most unknown IDs must show some");
}

#[test]
fn troubleshooting_d_a_wrong_password_says_login_failed() {
    let dir = demo_dir();
    let mut s = Session::start(dir.path());
    let r = s.sign_in("Chloe_Ng@students.edu.sg", "Not-My-Password-1");
    assert_eq!(r["screen"], "sign_in");
    assert_eq!(r["error"]["code"], "login_failed");
    assert!(r["error"]["message"].as_str().unwrap().starts_with("Login failed"));
    // An unknown login ID gets exactly the same answer.
    let u = s.sign_in("Nobody_Here@students.edu.sg", "Not-My-Password-1");
    assert_eq!(u, r);
}

#[test]
fn troubleshooting_e_five_wrong_passwords_lock_the_account_and_self_service_unlocks_it() {
    let dir = demo_dir();
    let mut s = Session::start(dir.path());
    for _ in 0..4 {
        assert_eq!(s.sign_in("Chloe_Ng@students.edu.sg", "Wrong-Password-99")["error"]["code"], "login_failed");
    }
    s.expect(
        json!({"action": "sign_in", "login": "Chloe_Ng@students.edu.sg", "password": "Wrong-Password-99"}),
        "account_locked",
    );
    s.expect(act("continue"), "sign_in");
    // Even the right password is refused while locked.
    assert_eq!(s.sign_in("Chloe_Ng@students.edu.sg", PASSWORD)["screen"], "account_locked");
    s.expect(act("forgot_password"), "sspr_search");
    let q = s.expect(json!({"action": "sspr_search", "login": "Chloe_Ng@students.edu.sg"}), "sspr_questions");
    s.expect(answers_for(&q), "sspr_locked_choice");
    let back = s.expect(act("unlock_account"), "sign_in");
    assert!(back["notice"].as_str().unwrap().contains("unlocked"));
    s.expect(json!({"action": "sign_in", "login": "Chloe_Ng@students.edu.sg", "password": PASSWORD}), "applications");
}

#[test]
fn a_locked_account_can_choose_to_change_its_password_instead() {
    let dir = demo_dir();
    let mut s = Session::start(dir.path());
    assert_eq!(s.sign_in("Dev_Kumar@students.edu.sg", PASSWORD)["screen"], "account_locked");
    s.expect(act("forgot_password"), "sspr_search");
    let q = s.expect(json!({"action": "sspr_search", "login": "Dev_Kumar@students.edu.sg"}), "sspr_questions");
    s.expect(answers_for(&q), "sspr_locked_choice");
    s.expect(act("choose_change_password"), "change_password");
    s.expect(change_password(NEW_PASSWORD), "password_changing");
    s.expect(act("continue"), "password_changed");
    s.expect(act("continue"), "sign_in");
    s.expect(
        json!({"action": "sign_in", "login": "Dev_Kumar@students.edu.sg", "password": NEW_PASSWORD}),
        "applications",
    );
}

#[test]
fn troubleshooting_f_forgot_password_without_questions_shows_sspr_5006() {
    let dir = demo_dir();
    let mut s = Session::start(dir.path());
    s.expect(act("forgot_password"), "sspr_search");
    let r = s.send(json!({"action": "sspr_search", "login": "Faris_Ali@students.edu.sg"}));
    assert_eq!(r["screen"], "error");
    assert_eq!(r["code"], "SSPR 5006");
    assert_eq!(
        r["message"],
        "Challenge questions have not been defined for this user account. Please contact your administrator (LA/SA) to reset your password."
    );
    s.expect(act("continue"), "sign_in");
}

#[test]
fn troubleshooting_g_a_busy_database_shows_sspr_5019_and_continue_lets_the_person_retry() {
    let dir = demo_dir();
    let demo_config = std::fs::read_to_string(dir.path().join("gatehouse.toml")).unwrap();
    std::fs::write(dir.path().join("gatehouse.toml"), demo_config + "[storage]\nbusy_timeout_ms = 100\n").unwrap();
    let mut s = Session::start(dir.path());
    // The session is up (and has opened the store) before another process takes the lock.
    assert_eq!(s.send(act("accept_terms"))["error"]["code"], "invalid_action");
    let holder = rusqlite::Connection::open(dir.path().join("gatehouse.db")).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let r = s.sign_in("Ada_Lim@students.edu.sg", TEMP);
    assert_eq!(r["screen"], "error", "{r}");
    assert_eq!(r["code"], "SSPR 5019");
    assert!(r["message"].as_str().unwrap().starts_with("System having issue to process this request"));
    holder.execute_batch("ROLLBACK").unwrap();
    s.expect(act("continue"), "sign_in");
    s.expect(json!({"action": "sign_in", "login": "Ada_Lim@students.edu.sg", "password": TEMP}), "set_questions");
}

#[test]
fn an_expired_temporary_password_is_refused_with_the_way_forward() {
    let dir = demo_dir();
    let mut s = Session::start(dir.path());
    let r = s.sign_in("Eve_Goh@students.edu.sg", TEMP);
    assert_eq!(r["screen"], "sign_in");
    assert_eq!(r["error"]["code"], "temporary_password_expired");
    assert!(r["error"]["message"].as_str().unwrap().contains("SA/LA"));
}

#[test]
fn section_2b_a_reset_by_the_administrator_forces_the_first_sign_in_path() {
    let dir = demo_dir();
    let (ok, reset) = admin_json(dir.path(), &["reset-password", "--login", "Chloe_Ng@students.edu.sg"]);
    assert!(ok, "{reset}");
    let temp = reset["temporary_password"].as_str().unwrap().to_owned();
    assert_eq!(reset["account"]["state"], "temporary_password");
    let mut s = Session::start(dir.path());
    // Questions are already set, so straight to the password change.
    let r = s.sign_in("Chloe_Ng@students.edu.sg", &temp);
    assert_eq!(r["screen"], "change_password", "{r}");
    // Her own previous password is refused.
    s.expect(change_password(PASSWORD), "password_changing");
    assert_eq!(s.send(act("continue"))["error"]["code"], "password_policy");
}

#[test]
fn staff_cannot_open_icon_without_two_factor_after_the_cut_over() {
    let dir = demo_dir();
    let mut s = Session::start(dir.path());
    s.expect(json!({"action": "sign_in", "login": "Grace_Lee@schools.gov.sg", "password": PASSWORD}), "applications");
    let r = s.send(json!({"action": "open_app", "app": "icon"}));
    assert_eq!(r["screen"], "error");
    assert_eq!(r["code"], "two_factor_required");
    s.expect(act("continue"), "applications");
}

#[test]
fn malformed_lines_get_an_error_and_the_session_goes_on() {
    let dir = demo_dir();
    let mut s = Session::start(dir.path());
    let r = s.send_raw(b"this is not json");
    assert_eq!((r["screen"].as_str(), r["error"]["code"].as_str()), (Some("sign_in"), Some("bad_request")));
    let r = s.send_raw(b"{\"action\": \"sign_in\", \"login\": \"\xff\xfe\"}");
    assert_eq!(r["error"]["code"], "bad_request", "invalid UTF-8");
    let r = s.send(json!({"action": "teleport"}));
    assert_eq!(r["error"]["code"], "unknown_action");
    let r = s.send(json!({"action": "sign_in", "login": "x@students.edu.sg"}));
    assert_eq!(r["error"]["code"], "bad_request", "missing password: {r}");
    let r = s.send(json!({"login": "x"}));
    assert_eq!(r["error"]["code"], "bad_request");
    let r = s.send(act("accept_terms"));
    assert_eq!((r["screen"].as_str(), r["error"]["code"].as_str()), (Some("sign_in"), Some("invalid_action")));
    let huge = format!("{{\"action\":\"sign_in\",\"login\":\"{}\",\"password\":\"x\"}}", "a".repeat(2 << 20));
    let r = s.send_raw(huge.as_bytes());
    assert_eq!(r["error"]["code"], "bad_request", "a 2 MiB line");
    let r = s.send(json!({"action": "sign_in", "login": "\u{202e}\u{0}😀@students.edu.sg", "password": "'; DROP TABLE accounts;--"}));
    assert_eq!(r["error"]["code"], "login_failed");
    // After all that, the session still works.
    s.expect(json!({"action": "sign_in", "login": "Chloe_Ng@students.edu.sg", "password": PASSWORD}), "applications");
}
