//! Every screen transition of the student guide's first sign-in (Section 1, steps 1–12), the
//! dashboards per level, staff and the 2FA cut-over, expiry of temporary passwords, and the
//! actions each screen refuses.

use gatehouse_core::clock::parse_time;
use gatehouse_core::policy::{NOT_PREVIOUS_ID, RULE_IDS};
use serde_json::{json, Value};

use crate::common::*;

fn app_ids(dashboard: &Value) -> Vec<&str> {
    dashboard["apps"].as_array().expect("apps").iter().map(|a| a["id"].as_str().unwrap()).collect()
}

fn app<'a>(dashboard: &'a Value, id: &str) -> &'a Value {
    dashboard["apps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in {dashboard}"))
}

fn notes(dashboard: &Value) -> Vec<&str> {
    dashboard["notes"].as_array().expect("notes").iter().map(|n| n.as_str().unwrap()).collect()
}

#[test]
fn the_fixture_clock_starts_on_monday_the_fifth_of_january_2026() {
    assert_eq!(parse_time("2026-01-05T09:00:00Z"), Some(T0));
}

#[test]
fn a_first_sign_in_with_a_temporary_password_walks_every_screen_of_the_guide_to_the_dashboard() {
    let env = Env::new();
    let ada = env.new_student("Ada_Lim@students.edu.sg", "Ada Lim", "p4_6");
    let mut d = env.session();

    // Step 1-2: the portal's sign-in page.
    let r = d.current();
    assert_eq!(screen(&r), "sign_in");
    assert!(r["error"].is_null());
    assert!(r["hint"].as_str().unwrap().contains("@students.edu.sg"), "{r}");

    // Step 3: temporary password, no questions yet.
    let r = d.sign_in(&ada.login, &ada.password);
    assert_eq!(screen(&r), "set_questions", "{r}");
    assert!(r["error"].is_null());
    let available = r["available_questions"].as_array().unwrap();
    // Her level's list (`[questions] p4_6`): a real choice, without the adults' questions.
    assert_eq!(available.len(), env.engine.config().questions.p4_6.len());
    assert!(available.len() >= 7, "only {} questions to choose from", available.len());
    assert!(available.iter().any(|q| q["text"] == "What is your favourite colour?"));
    assert_eq!(r["selected"], json!([]));
    assert_eq!(r["count"], 3);

    // Steps 4-6: choose three, check them on the confirmation screen.
    let r = d.expect(json!({"action": "set_questions", "questions": Driver::guide_answers()}), "confirm_questions");
    let shown: Vec<(&str, &str)> = r["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| (q["question"].as_str().unwrap(), q["answer"].as_str().unwrap()))
        .collect();
    assert_eq!(
        shown,
        [
            ("What is your favourite colour?", "yellow"),
            ("What is your favourite animal?", "hamster"),
            ("What is your favourite book?", "The Good Earth")
        ]
    );

    // "To edit, select 'Go Back'": the earlier choice comes back prefilled.
    let r = d.expect(json!({"action": "go_back"}), "set_questions");
    let selected: Vec<(&str, &str)> = r["selected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| (q["id"].as_str().unwrap(), q["answer"].as_str().unwrap()))
        .collect();
    assert_eq!(selected, ANSWERS.to_vec());
    let edited = json!([
        {"question": "favourite_colour", "answer": "yellow"},
        {"question": "favourite_animal", "answer": "hamster"},
        {"question": "What is your favourite book?", "answer": "Charlotte's Web"},
    ]);
    let r = d.expect(json!({"action": "set_questions", "questions": edited}), "confirm_questions");
    assert_eq!(r["questions"][2]["answer"], "Charlotte's Web");
    assert_eq!(r["questions"][2]["id"], "favourite_book");

    // Step 7: saved.
    let r = d.expect(json!({"action": "confirm_questions"}), "questions_saved");
    assert!(r["message"]
        .as_str()
        .unwrap()
        .starts_with("Thank you. Your secret questions and answers have been successfully saved."));
    assert!(env.account(&ada.login).questions_set);

    // Step 8: the checklist of the guide, each rule with an id.
    let r = d.expect(json!({"action": "continue"}), "change_password");
    assert_eq!(r["login"], ada.login);
    let ids: Vec<&str> = r["rules"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, RULE_IDS.to_vec());
    for rl in r["rules"].as_array().unwrap() {
        assert!(!rl["text"].as_str().unwrap().is_empty());
    }
    assert_eq!(rule(&r, "min_length")["ok"], false);
    assert_eq!(rule(&r, "case_sensitive")["ok"], true);

    // The live checklist: rules change, the screen does not.
    let r = d.expect(json!({"action": "check_password", "new_password": "short"}), "change_password");
    assert_eq!(rule(&r, "min_length")["ok"], false);
    assert_eq!(rule(&r, "first_not_symbol")["ok"], true);
    let r = d.expect(json!({"action": "check_password", "new_password": NEW_PASSWORD}), "change_password");
    assert!(r["rules"].as_array().unwrap().iter().all(|r| r["ok"] == true), "{r}");
    assert!(r["strength"].is_object(), "{r}");
    assert_eq!(d.screen(), "change_password");

    // A policy failure stays, names the field and marks the failing rule.
    let r = d.expect_error(
        json!({"action": "change_password", "new_password": "AdaRocks-Quartz-77", "confirm_password": "AdaRocks-Quartz-77"}),
        "change_password",
        "password_policy",
    );
    assert_eq!(r["error"]["field"], "new_password");
    assert_eq!(rule(&r, "no_name_parts")["ok"], false);
    assert_eq!(rule(&r, "min_length")["ok"], true);
    let r = d.expect_error(
        json!({"action": "change_password", "new_password": "#Quartz-Violin-93", "confirm_password": "#Quartz-Violin-93"}),
        "change_password",
        "password_policy",
    );
    assert_eq!(rule(&r, "first_not_symbol")["ok"], false);

    // Confirmation that differs.
    let r = d.expect_error(
        json!({"action": "change_password", "new_password": NEW_PASSWORD, "confirm_password": OTHER_PASSWORD}),
        "change_password",
        "passwords_differ",
    );
    assert_eq!(r["error"]["field"], "confirm_password");

    // Step 9: progress, then success.
    let r = d.expect(
        json!({"action": "change_password", "new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD}),
        "password_changing",
    );
    assert!(r["message"].as_str().unwrap().contains("Your password is being changed"));
    let r = d.expect(json!({"action": "continue"}), "password_changed");
    assert_eq!(r["message"], "You have successfully changed your password.");

    // Step 10: the portal's applications.
    let r = d.expect(json!({"action": "continue"}), "applications");
    assert!(r["apps"].as_array().unwrap().iter().any(|a| a["id"] == "icon"), "{r}");

    // Step 11: terms, the first time ever.
    let r = d.expect(json!({"action": "open_app", "app": "icon"}), "terms");
    assert_eq!(r["title"], "Welcome to your new account");
    assert_eq!(r["login"], ada.login);
    assert_eq!(r["domain"], "students.edu.sg");

    // Step 12: the Primary 4 to 6 dashboard.
    let r = d.expect(json!({"action": "accept_terms"}), "dashboard");
    let gmail = app(&r, "gmail");
    assert!(gmail["restriction"].as_str().unwrap().contains("@schools.gov.sg"), "{r}");
    assert!(notes(&r).iter().any(|n| n.contains("Google Chat app has been disabled")), "{r}");
    // The school's texts in the languages it wrote them in, for the window to choose from.
    assert!(gmail["restriction_by_language"]["zh-Hans"].as_str().unwrap().contains("@schools.gov.sg"), "{r}");
    let by_language = r["notes_by_language"].as_array().unwrap();
    assert_eq!(by_language.len(), notes(&r).len(), "{r}");
    assert!(by_language.iter().all(|m| m["ta"].is_string() && m["ms"].is_string()), "{r}");
    assert!(r["reminder"].is_null());

    let view = env.admin().show(&ada.login).unwrap();
    assert_eq!(view.state, "active");
    assert!(view.questions_set && view.terms_accepted && !view.has_temporary_password);

    // Sign out and in again: the new password leads to the applications, and ICON straight to
    // the dashboard (p.10: "If you have logged into your account before, you will not see this").
    d.expect(json!({"action": "sign_out"}), "signed_out");
    d.expect(json!({"action": "continue"}), "sign_in");
    let r = d.sign_in(&ada.login, &ada.password);
    assert_eq!((screen(&r), code(&r)), ("sign_in", Some("login_failed")), "the temporary password still works: {r}");
    let r = d.sign_in(&ada.login, NEW_PASSWORD);
    assert_eq!(screen(&r), "applications", "{r}");
    d.expect(json!({"action": "open_app", "app": "icon"}), "dashboard");

    assert_eq!(
        env.event_names(&ada.login),
        [
            "account_created",
            "sign_in",
            "questions_set",
            "password_changed",
            "app_opened",
            "terms_accepted",
            "sign_out",
            "sign_in_failed",
            "sign_in",
            "app_opened"
        ]
    );
    env.assert_audit_free_of(&[
        &ada.password,
        NEW_PASSWORD,
        OTHER_PASSWORD,
        "yellow",
        "hamster",
        "Charlotte's Web",
        "The Good Earth",
    ]);
}

#[test]
fn a_temporary_password_with_questions_already_set_goes_straight_to_change_password() {
    let env = Env::new();
    let ben = env.new_student("Ben_Tan@students.edu.sg", "Ben Tan", "secondary");
    env.set_answers(&ben.login);
    let mut d = env.session();
    let r = d.sign_in(&ben.login, &ben.password);
    assert_eq!(screen(&r), "change_password", "{r}");
    d.change_password(NEW_PASSWORD);
    d.expect(json!({"action": "continue"}), "applications");
    // Terms were never accepted: they come now.
    d.expect(json!({"action": "open_app", "app": "icon"}), "terms");
}

#[test]
fn the_temporary_password_cannot_be_kept_as_the_new_password() {
    let env = Env::new();
    let ben = env.new_student("Ben_Tan@students.edu.sg", "Ben Tan", "secondary");
    env.set_answers(&ben.login);
    let mut d = env.session();
    d.expect(json!({"action": "sign_in", "login": ben.login, "password": ben.password}), "change_password");
    // It meets the policy, so only the check against the stored hash can refuse it.
    d.expect(
        json!({"action": "change_password", "new_password": ben.password, "confirm_password": ben.password}),
        "password_changing",
    );
    let r = d.expect_error(json!({"action": "continue"}), "change_password", "password_policy");
    assert_eq!(rule(&r, NOT_PREVIOUS_ID)["ok"], false, "{r}");
    assert_eq!(r["error"]["field"], "new_password");
    // A different one is accepted.
    d.change_password(NEW_PASSWORD);
}

#[test]
fn after_an_administrator_reset_the_persons_previous_own_password_is_refused() {
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let issued = env.admin().reset_password(&chloe.login).unwrap();
    let temp = issued.temporary_password.expose().to_owned();
    let mut d = env.session();
    d.expect(json!({"action": "sign_in", "login": chloe.login, "password": temp}), "change_password");
    d.expect(
        json!({"action": "change_password", "new_password": chloe.password, "confirm_password": chloe.password}),
        "password_changing",
    );
    let r = d.expect_error(json!({"action": "continue"}), "change_password", "password_policy");
    assert_eq!(rule(&r, NOT_PREVIOUS_ID)["ok"], false, "{r}");
    d.change_password(OTHER_PASSWORD);
    d.expect(json!({"action": "continue"}), "applications");

    let mut d = env.session();
    assert_eq!(code(&d.sign_in(&chloe.login, &chloe.password)), Some("login_failed"));
    assert_eq!(screen(&d.sign_in(&chloe.login, OTHER_PASSWORD)), "applications");
}

#[test]
fn a_temporary_password_works_until_its_seven_days_are_over() {
    let env = Env::new();
    let ada = env.new_student("Ada_Lim@students.edu.sg", "Ada Lim", "p4_6");
    env.advance(7 * DAY - MINUTE);
    let mut d = env.session();
    assert_eq!(screen(&d.sign_in(&ada.login, &ada.password)), "set_questions");
}

#[test]
fn a_temporary_password_used_after_seven_days_is_refused_and_audited() {
    let env = Env::new();
    let ada = env.new_student("Ada_Lim@students.edu.sg", "Ada Lim", "p4_6");
    env.advance(7 * DAY);
    let mut d = env.session();
    let r = d.expect_error(
        json!({"action": "sign_in", "login": ada.login, "password": ada.password}),
        "sign_in",
        "temporary_password_expired",
    );
    assert!(r["error"]["message"].as_str().unwrap().contains("reset your password again"), "{r}");
    let last = env.events(&ada.login).pop().unwrap();
    assert_eq!((last.event.as_str(), last.outcome.as_str()), ("sign_in_failed", "refused"));
    assert!(last.detail.contains("expired"), "{last:?}");
    assert_eq!(env.admin().show(&ada.login).unwrap().state, "temporary_password_expired");
    // A wrong password says only "Login failed" (it does not confirm the account exists).
    assert_eq!(code(&d.sign_in(&ada.login, WRONG_PASSWORD)), Some("login_failed"));

    // A new temporary password from the SA works.
    let again = env.admin().reset_password(&ada.login).unwrap();
    assert_eq!(screen(&d.sign_in(&ada.login, again.temporary_password.expose())), "set_questions");
}

#[test]
fn each_level_sees_the_apps_and_notes_of_its_page_in_the_guide() {
    let env = Env::new();
    let dashboard = |login: &str, password: &str| {
        let mut d = env.session();
        assert_eq!(screen(&d.sign_in(login, password)), "applications");
        d.expect(json!({"action": "open_app", "app": "icon"}), "dashboard")
    };

    let p13 = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let r = dashboard(&p13.login, &p13.password);
    assert!(!app_ids(&r).contains(&"gmail"), "P1-3 has no Gmail: {r}");
    assert!(app_ids(&r).contains(&"classroom"));
    assert!(notes(&r).iter().any(|n| n.contains("Gmail are not available")));
    assert!(notes(&r).iter().any(|n| n.contains("Google Chat")));

    let sec = env.active_student("Ben_Tan@students.edu.sg", "Ben Tan", "secondary");
    let r = dashboard(&sec.login, &sec.password);
    assert!(app(&r, "gmail").get("restriction").is_none(), "secondary Gmail is unrestricted: {r}");
    for id in [
        "classroom",
        "drive",
        "docs",
        "sheets",
        "slides",
        "forms",
        "meet",
        "calendar",
        "gmail",
        "sites",
        "currents",
        "keep",
    ] {
        assert!(app_ids(&r).contains(&id), "secondary lacks {id}: {r}");
    }
    assert!(notes(&r).iter().any(|n| n.contains("Google Chat")));

    let jc = env.active_student("Dev_Kumar@students.edu.sg", "Dev Kumar", "jc_mi");
    let r = dashboard(&jc.login, &jc.password);
    assert!(app_ids(&r).contains(&"gmail") && app_ids(&r).contains(&"keep"));
    assert!(app(&r, "gmail")["url"].as_str().unwrap().starts_with("https://"));
}

#[test]
fn terms_and_dashboard_go_back_to_the_applications_on_cancel() {
    let env = Env::new();
    let ada = env.new_student("Ada_Lim@students.edu.sg", "Ada Lim", "p4_6");
    env.set_answers(&ada.login);
    let mut d = env.session();
    d.sign_in(&ada.login, &ada.password);
    d.change_password(NEW_PASSWORD);
    d.expect(json!({"action": "continue"}), "applications");
    d.expect(json!({"action": "open_app", "app": "icon"}), "terms");
    d.expect(json!({"action": "cancel"}), "applications");
    // Not accepted: the terms come again.
    d.expect(json!({"action": "open_app", "app": "icon"}), "terms");
    d.expect(json!({"action": "accept_terms"}), "dashboard");
    d.expect(json!({"action": "cancel"}), "applications");
    d.expect(json!({"action": "open_app", "app": "icon"}), "dashboard");
}

#[test]
fn cancel_on_the_first_sign_in_screens_returns_to_sign_in_and_the_temporary_password_still_works() {
    let env = Env::new();
    let ada = env.new_student("Ada_Lim@students.edu.sg", "Ada Lim", "p4_6");
    let mut d = env.session();
    d.sign_in(&ada.login, &ada.password);
    d.expect(json!({"action": "cancel"}), "sign_in");
    assert!(!env.account(&ada.login).questions_set);
    d.expect(json!({"action": "sign_in", "login": ada.login, "password": ada.password}), "set_questions");
    d.set_guide_questions();
    d.expect(json!({"action": "cancel"}), "sign_in");
    // The questions stay saved; the temporary password now leads straight to the change.
    d.expect(json!({"action": "sign_in", "login": ada.login, "password": ada.password}), "change_password");
}

#[test]
fn set_questions_refuses_sets_that_break_the_answer_rules_and_stays() {
    let env = Env::new();
    let ada = env.new_student("Ada_Lim@students.edu.sg", "Ada Lim", "p4_6");
    let mut d = env.session();
    d.sign_in(&ada.login, &ada.password);
    let qa = |q: &str, a: &str| json!({"question": q, "answer": a});
    let bad = [
        json!([qa("favourite_colour", "yellow"), qa("favourite_animal", "hamster")]),
        json!([
            qa("favourite_colour", "yellow"),
            qa("favourite_colour", "green"),
            qa("favourite_book", "Dune Messiah")
        ]),
        json!([qa("favourite_colour", "ye"), qa("favourite_animal", "hamster"), qa("favourite_book", "Dune Messiah")]),
        json!([
            qa("favourite_colour", "yellow"),
            qa("favourite_animal", "yellow"),
            qa("favourite_book", "Dune Messiah")
        ]),
        json!([
            qa("favourite_colour", "yellow"),
            qa("favourite_animal", "hamster"),
            qa("favourite_book", "What is your favourite book")
        ]),
        json!([
            qa("no_such_question", "yellow"),
            qa("favourite_animal", "hamster"),
            qa("favourite_book", "Dune Messiah")
        ]),
        json!([
            qa("favourite_colour", "yel\u{7}low"),
            qa("favourite_animal", "hamster"),
            qa("favourite_book", "Dune Messiah")
        ]),
    ];
    for set in bad {
        let r = d.send(json!({"action": "set_questions", "questions": set}));
        assert_eq!(screen(&r), "set_questions", "{set}: {r}");
        assert_eq!(code(&r), Some("invalid_input"), "{set}: {r}");
        assert!(!r["error"]["message"].as_str().unwrap().is_empty());
    }
    assert!(!env.account(&ada.login).questions_set);
    d.set_guide_questions();
}

#[test]
fn staff_opening_icon_after_the_cutover_are_told_to_set_up_two_factor_first() {
    let env = Env::new();
    let grace = env.active_staff("Grace_Lee@schools.gov.sg", "Grace Lee");
    let mut d = env.session();
    assert_eq!(screen(&d.sign_in(&grace.login, &grace.password)), "applications");
    let r = d.expect_error(json!({"action": "open_app", "app": "icon"}), "error", "two_factor_required");
    assert_eq!(r["code"], "two_factor_required");
    assert!(r["message"].as_str().unwrap().contains("2FA"), "{r}");
    d.expect(json!({"action": "continue"}), "applications");
    let last = env.events(&grace.login).pop().unwrap();
    assert_eq!((last.event.as_str(), last.outcome.as_str()), ("app_opened", "refused"));
}

#[test]
fn the_cutover_starts_at_midnight_of_its_date() {
    let env = Env::new();
    // Midnight of 2023-09-27 in the school's zone (the default Asia/Singapore, UTC+8).
    let cutover = parse_time("2023-09-27T00:00:00+08:00").unwrap();
    env.clock.set(cutover - 1);
    let grace = env.active_staff("Grace_Lee@schools.gov.sg", "Grace Lee");
    let mut d = env.session();
    d.sign_in(&grace.login, &grace.password);
    d.expect(json!({"action": "open_app", "app": "icon"}), "dashboard");
    d.expect(json!({"action": "cancel"}), "applications");
    env.clock.set(cutover);
    d.expect_error(json!({"action": "open_app", "app": "icon"}), "error", "two_factor_required");
}

#[test]
fn staff_before_the_cutover_reach_the_dashboard_with_a_reminder() {
    let env = Env::new();
    env.clock.set(parse_time("2023-09-01T08:00:00Z").unwrap());
    let grace = env.active_staff("Grace_Lee@schools.gov.sg", "Grace Lee");
    let mut d = env.session();
    d.sign_in(&grace.login, &grace.password);
    let r = d.expect(json!({"action": "open_app", "app": "icon"}), "dashboard");
    let reminder = r["reminder"].as_str().expect("a reminder");
    assert!(reminder.contains("2FA") && reminder.contains("2023-09-26"), "{reminder}");
    assert!(app_ids(&r).contains(&"gmail"));
}

#[test]
fn staff_before_the_cutover_see_the_reminder_also_after_accepting_the_terms() {
    let env = Env::new();
    env.clock.set(parse_time("2023-09-01T08:00:00Z").unwrap());
    let henry = env.new_staff("Henry_Ong@schools.gov.sg", "Henry Ong");
    env.set_answers(&henry.login);
    let mut d = env.session();
    d.expect(json!({"action": "sign_in", "login": henry.login, "password": henry.password}), "change_password");
    d.change_password(NEW_PASSWORD);
    d.expect(json!({"action": "continue"}), "applications");
    d.expect(json!({"action": "open_app", "app": "icon"}), "terms");
    let r = d.expect(json!({"action": "accept_terms"}), "dashboard");
    assert!(r["reminder"].as_str().is_some_and(|s| s.contains("2FA")), "the first dashboard lost the reminder: {r}");
}

#[test]
fn an_application_that_is_not_available_is_refused_on_the_applications_page() {
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let mut d = env.session();
    d.sign_in(&chloe.login, &chloe.password);
    for app in ["identity_portal", "youtube", ""] {
        let r = d.expect_error(json!({"action": "open_app", "app": app}), "applications", "app_unavailable");
        assert_eq!(r["error"]["message"], "This application is not available for your account.");
    }
    d.expect(json!({"action": "open_app", "app": "icon"}), "dashboard");
}

/// Walks the whole first sign-in and, on every screen, sends actions that belong elsewhere and
/// malformed requests: each is refused with the screen exactly as it was, and the walk goes on.
#[test]
fn every_screen_of_the_first_sign_in_refuses_actions_that_do_not_belong_to_it() {
    let env = Env::new();
    let ada = env.new_student("Ada_Lim@students.edu.sg", "Ada Lim", "p4_6");
    let mut d = env.session();
    let a = |name: &str| json!({ "action": name });
    let open_icon = json!({"action": "open_app", "app": "icon"});
    let set_q = json!({"action": "set_questions", "questions": Driver::guide_answers()});
    let change = json!({"action": "change_password", "new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD});
    let sign_in = json!({"action": "sign_in", "login": ada.login, "password": ada.password});

    // (foreign actions, the action that moves on, the next screen)
    let walk: Vec<(Vec<Value>, Value, &str)> = vec![
        (
            vec![
                a("confirm_questions"),
                a("continue"),
                a("accept_terms"),
                open_icon.clone(),
                a("go_back"),
                a("unlock_account"),
            ],
            sign_in.clone(),
            "set_questions",
        ),
        (
            vec![
                a("confirm_questions"),
                a("continue"),
                change.clone(),
                open_icon.clone(),
                sign_in.clone(),
                a("add_soft_token"),
            ],
            set_q.clone(),
            "confirm_questions",
        ),
        (
            vec![a("continue"), change.clone(), set_q.clone(), a("accept_terms"), a("forgot_password")],
            a("go_back"),
            "set_questions",
        ),
        (vec![a("go_back")], set_q.clone(), "confirm_questions"),
        (vec![a("cancel")], a("confirm_questions"), "questions_saved"),
        (
            vec![a("go_back"), a("confirm_questions"), change.clone(), open_icon.clone()],
            a("continue"),
            "change_password",
        ),
        (
            vec![
                a("continue"),
                open_icon.clone(),
                a("accept_terms"),
                a("confirm_questions"),
                json!({"action": "sspr_answer", "answers": ["a", "b"]}),
            ],
            change.clone(),
            "password_changing",
        ),
        (
            vec![
                change.clone(),
                a("cancel"),
                open_icon.clone(),
                a("accept_terms"),
                json!({"action": "check_password", "new_password": "x"}),
            ],
            a("continue"),
            "password_changed",
        ),
        (vec![open_icon.clone(), change.clone(), a("go_back"), a("cancel")], a("continue"), "applications"),
        (
            vec![
                a("accept_terms"),
                a("continue"),
                change.clone(),
                a("choose_change_password"),
                json!({"action": "submit_totp", "code": "123456"}),
            ],
            open_icon.clone(),
            "terms",
        ),
        (
            vec![open_icon.clone(), a("continue"), a("confirm_questions"), sign_in.clone()],
            a("accept_terms"),
            "dashboard",
        ),
        (
            vec![
                a("accept_terms"),
                set_q.clone(),
                a("continue"),
                sign_in.clone(),
                json!({"action": "setup_2fa", "login": ada.login}),
            ],
            a("sign_out"),
            "signed_out",
        ),
        (vec![a("accept_terms"), open_icon.clone(), set_q.clone(), a("go_back")], a("continue"), "sign_in"),
        (
            vec![
                a("continue"),
                a("cancel"),
                open_icon.clone(),
                a("unlock_account"),
                json!({"action": "sspr_answer", "answers": []}),
            ],
            a("forgot_password"),
            "sspr_search",
        ),
    ];
    for (foreign, step, next) in walk {
        let here = d.screen();
        for f in foreign {
            let r = d.refuses(f.clone());
            assert!(r["error"]["message"].as_str().unwrap().contains(&here), "{f} on {here}: {r}");
        }
        d.survives_garbage();
        d.expect(step, next);
    }
}

#[test]
fn the_self_service_and_lockout_screens_refuse_actions_that_do_not_belong_to_them() {
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let a = |name: &str| json!({ "action": name });
    let open_icon = json!({"action": "open_app", "app": "icon"});

    // account_locked
    let mut d = env.session();
    for _ in 0..5 {
        d.sign_in(&chloe.login, WRONG_PASSWORD);
    }
    assert_eq!(d.screen(), "account_locked");
    for f in [
        json!({"action": "sign_in", "login": chloe.login, "password": chloe.password}),
        open_icon.clone(),
        a("unlock_account"),
        a("accept_terms"),
    ] {
        d.refuses(f);
    }
    d.survives_garbage();

    // sspr_search
    d.expect(a("forgot_password"), "sspr_search");
    for f in [
        a("continue"),
        json!({"action": "sspr_answer", "answers": ["yellow", "hamster"]}),
        a("unlock_account"),
        a("choose_change_password"),
    ] {
        d.refuses(f);
    }
    d.survives_garbage();

    // sspr_questions: no way around the answers.
    let shown = d.expect(json!({"action": "sspr_search", "login": chloe.login}), "sspr_questions");
    for f in [
        a("unlock_account"),
        a("choose_change_password"),
        json!({"action": "change_password", "new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD}),
        a("continue"),
        json!({"action": "sspr_search", "login": chloe.login}),
    ] {
        d.refuses(f);
    }
    d.survives_garbage();

    // sspr_locked_choice
    d.expect(json!({"action": "sspr_answer", "answers": Driver::answers_for(&shown)}), "sspr_locked_choice");
    for f in [
        json!({"action": "sspr_answer", "answers": Driver::answers_for(&shown)}),
        a("continue"),
        open_icon.clone(),
        a("confirm_questions"),
    ] {
        d.refuses(f);
    }
    d.survives_garbage();
    d.expect(a("cancel"), "sign_in");

    // error (SSPR 5006)
    let faris = env.new_student("Faris_Ali@students.edu.sg", "Faris Ali", "secondary");
    d.expect(a("forgot_password"), "sspr_search");
    d.expect_error(json!({"action": "sspr_search", "login": faris.login}), "error", "SSPR 5006");
    for f in [
        json!({"action": "sign_in", "login": faris.login, "password": faris.password}),
        a("cancel"),
        a("go_back"),
        a("forgot_password"),
    ] {
        d.refuses_line(&f.to_string(), "invalid_action");
    }
    d.survives_garbage();
    d.expect(a("continue"), "sign_in");
}

/// Drives a fresh account to `target` and returns the session there, with the account if any.
fn reach(env: &Env, target: &str) -> (Driver, Option<Person>) {
    let mut d = env.session();
    let a = |name: &str| json!({ "action": name });
    match target {
        "sign_in" => return (d, None),
        "signed_out" => {
            d.expect(a("sign_out"), "signed_out");
            return (d, None);
        }
        "account_locked" => {
            let ghost = unique_login("Ghost", "students.edu.sg");
            for _ in 0..5 {
                d.sign_in(&ghost, WRONG_PASSWORD);
            }
            assert_eq!(d.screen(), "account_locked");
            return (d, None);
        }
        "sspr_search" => {
            d.expect(a("forgot_password"), "sspr_search");
            return (d, None);
        }
        "sspr_questions" | "sspr_locked_choice" => {
            let p = env.active_student(&unique_login("Chloe_Ng", "students.edu.sg"), "Chloe Ng", "p1_3");
            if target == "sspr_locked_choice" {
                for _ in 0..5 {
                    d.sign_in(&p.login, WRONG_PASSWORD);
                }
            }
            d.expect(a("forgot_password"), "sspr_search");
            let shown = d.expect(json!({"action": "sspr_search", "login": p.login}), "sspr_questions");
            if target == "sspr_locked_choice" {
                d.expect(
                    json!({"action": "sspr_answer", "answers": Driver::answers_for(&shown)}),
                    "sspr_locked_choice",
                );
            }
            return (d, Some(p));
        }
        "error" => {
            let p = env.active_staff(&unique_login("Grace_Lee", "schools.gov.sg"), "Grace Lee");
            d.expect(json!({"action": "sign_in", "login": p.login, "password": p.password}), "applications");
            d.expect_error(json!({"action": "open_app", "app": "icon"}), "error", "two_factor_required");
            return (d, Some(p));
        }
        _ => {}
    }
    let p = env.new_student(&unique_login("Ada_Lim", "students.edu.sg"), "Ada Lim", "p4_6");
    let steps: [(Value, &str); 10] = [
        (json!({"action": "sign_in", "login": p.login, "password": p.password}), "set_questions"),
        (json!({"action": "set_questions", "questions": Driver::guide_answers()}), "confirm_questions"),
        (a("confirm_questions"), "questions_saved"),
        (a("continue"), "change_password"),
        (
            json!({"action": "change_password", "new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD}),
            "password_changing",
        ),
        (a("continue"), "password_changed"),
        (a("continue"), "applications"),
        (json!({"action": "open_app", "app": "icon"}), "terms"),
        (a("accept_terms"), "dashboard"),
        (a("sign_out"), "signed_out"),
    ];
    for (step, next) in steps {
        d.expect(step, next);
        if next == target {
            return (d, Some(p));
        }
    }
    panic!("no way to reach {target}");
}

#[test]
fn sign_out_from_every_screen_shows_signed_out_is_audited_and_continue_returns_to_sign_in() {
    let env = Env::new();
    let screens = [
        "sign_in",
        "signed_out",
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
        "sspr_locked_choice",
        "error",
    ];
    for target in screens {
        let (mut d, p) = reach(&env, target);
        assert_eq!(d.screen(), target);
        let r = d.expect(json!({"action": "sign_out"}), "signed_out");
        assert_eq!(r["message"], "You have signed out.");
        // Someone who had proved who they are is recorded signing out.
        let signed_in =
            !matches!(target, "sign_in" | "signed_out" | "account_locked" | "sspr_search" | "sspr_questions");
        if let (true, Some(p)) = (signed_in, &p) {
            assert_eq!(env.event_names(&p.login).last().map(String::as_str), Some("sign_out"), "{target}");
        }
        d.expect(json!({"action": "continue"}), "sign_in");
    }
}

#[test]
fn malformed_requests_are_refused_and_the_session_goes_on() {
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let mut d = env.session();
    d.survives_garbage();
    // A wrongly typed field is a bad request, and its value is not echoed back.
    let r = d
        .refuses_line(r#"{"action": "sign_in", "login": "x@students.edu.sg", "password": 12345678901}"#, "bad_request");
    assert!(!r["error"]["message"].as_str().unwrap().contains("12345678901"), "{r}");
    let r = d.refuses_line(
        r#"{"action": "sign_in", "login": "x@students.edu.sg", "password": "Sekr1t-Passw0rd", "extra": [}"#,
        "bad_request",
    );
    assert!(!r["error"]["message"].as_str().unwrap().contains("Sekr1t"), "{r}");
    let r = d.refuses_line(r#"{"action": "SIGN_IN"}"#, "unknown_action");
    assert!(r["error"]["message"].as_str().unwrap().contains("SIGN_IN"));
    assert_eq!(screen(&d.sign_in(&chloe.login, &chloe.password)), "applications");
}

#[test]
fn a_malformed_request_never_echoes_a_value_it_carried() {
    let env = Env::new();
    // Every account has questions, so an unknown ID is shown questions too.
    env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let mut d = env.session();
    d.expect(json!({"action": "forgot_password"}), "sspr_search");
    d.expect(json!({"action": "sspr_search", "login": "Nobody_Here@students.edu.sg"}), "sspr_questions");
    // One answer as a string instead of a list: the answer must not come back in the message.
    let r = d.refuses_line(r#"{"action": "sspr_answer", "answers": "my secret answer"}"#, "bad_request");
    assert!(!r["error"]["message"].as_str().unwrap().contains("my secret answer"), "{r}");
    d.expect(json!({"action": "cancel"}), "sign_in");
    let r = d
        .refuses_line(r#"{"action": "sign_in", "login": "x@students.edu.sg", "password": 20260105123}"#, "bad_request");
    assert!(!r["error"]["message"].as_str().unwrap().contains("20260105123"), "{r}");
    let r = d.refuses_line(r#"{"action": "sign_in", "login": ["Sekr1t-Passw0rd"], "password": "x"}"#, "bad_request");
    assert!(!r["error"]["message"].as_str().unwrap().contains("Sekr1t"), "{r}");
    // The message still says which request and what was wrong.
    assert!(r["error"]["message"].as_str().unwrap().contains("sign_in"), "{r}");
}

/// The desktop shell runs on tokio: a sign-in hashes on the blocking pool while the executor
/// keeps serving other tasks (here a ticker on a single-threaded runtime). The accounts are made
/// before the runtime starts, as a shell opens its store before it serves: the store is
/// synchronous and belongs on the blocking pool (PostgreSQL's driver refuses to block a worker).
#[test]
fn the_async_session_keeps_the_executor_free_while_a_sign_in_hashes() {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::Arc;

    use gatehouse_core::blocking::AsyncSession;
    use gatehouse_core::wizard::parse_request;

    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let session = AsyncSession::new(Arc::clone(&env.engine));
        let ticks = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let ticker = {
            let (ticks, stop) = (Arc::clone(&ticks), Arc::clone(&stop));
            tokio::spawn(async move {
                while !stop.load(Ordering::Relaxed) {
                    tokio::time::sleep(std::time::Duration::from_millis(1)).await;
                    ticks.fetch_add(1, Ordering::Relaxed);
                }
            })
        };
        tokio::task::yield_now().await;
        let request = json!({"action": "sign_in", "login": chloe.login, "password": chloe.password}).to_string();
        let before = ticks.load(Ordering::Relaxed);
        let response = session.apply(parse_request(&request).unwrap()).await;
        let during = ticks.load(Ordering::Relaxed) - before;
        stop.store(true, Ordering::Relaxed);
        ticker.await.unwrap();
        let response = serde_json::to_value(response).unwrap();
        assert_eq!(screen(&response), "applications", "{response}");
        assert!(response["error"].is_null());
        assert_eq!(serde_json::to_value(session.current()).unwrap()["screen"], "applications");
        assert!(during > 0, "the executor was blocked during the sign-in");
    });
}
