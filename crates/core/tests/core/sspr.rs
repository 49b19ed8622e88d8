//! Self-service password reset (student guide §2a, staff guide §4): questions, answers, the
//! locked-account choice, SSPR 5006, blocking after wrong answers, and unknown login IDs that look
//! exactly like known ones.

use std::collections::BTreeSet;

use gatehouse_core::questions::CATALOGUE;
use serde_json::{json, Value};

use crate::common::*;

const INCORRECT: &str = "One or more responses are not correct. Please try again.";

fn questions(r: &Value) -> Vec<String> {
    r["questions"].as_array().expect("questions").iter().map(|q| q.as_str().unwrap().to_owned()).collect()
}

fn search(d: &mut Driver, login: &str) -> Value {
    if d.screen() != "sspr_search" {
        d.expect(json!({"action": "forgot_password"}), "sspr_search");
    }
    d.send(json!({"action": "sspr_search", "login": login}))
}

fn wrong_answers(n: usize) -> Vec<&'static str> {
    ["purple", "giraffe", "Moby Dick"].into_iter().take(n).collect()
}

/// The guide's question texts, for the three the fixture stores.
fn guide_texts() -> BTreeSet<String> {
    ANSWERS.iter().map(|(id, _)| CATALOGUE.iter().find(|q| q.id == *id).unwrap().text.to_owned()).collect()
}

#[test]
fn a_known_student_is_asked_two_of_their_three_questions() {
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let mut d = env.session();
    let r = search(&mut d, &chloe.login);
    assert_eq!(screen(&r), "sspr_questions", "{r}");
    assert!(r["error"].is_null());
    let asked = questions(&r);
    assert_eq!(asked.len(), 2);
    assert!(asked.iter().all(|q| guide_texts().contains(q)), "{asked:?}");
    assert_ne!(asked[0], asked[1]);
}

#[test]
fn a_reset_half_done_when_an_administrator_resets_the_password_ends_and_sets_nothing() {
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let mut d = env.session();
    let shown = search(&mut d, &chloe.login);
    d.expect(json!({"action": "sspr_answer", "answers": Driver::answers_for(&shown)}), "change_password");
    // Someone knew her answers: an administrator resets the account believed taken.
    let issued = env.admin().reset_password(&chloe.login).unwrap();
    let r = d
        .send(json!({"action": "change_password", "new_password": OTHER_PASSWORD, "confirm_password": OTHER_PASSWORD}));
    assert_eq!((screen(&r), code(&r)), ("error", Some("password_changed_elsewhere")), "{r}");
    // The administrator's temporary password is the one that works.
    d.expect(json!({"action": "continue"}), "sign_in");
    assert_eq!(code(&d.sign_in(&chloe.login, OTHER_PASSWORD)), Some("login_failed"));
    let mut owner = env.session();
    owner.sign_in(&chloe.login, issued.temporary_password.expose());
    assert_eq!(owner.screen(), "change_password");
}

#[test]
fn staff_are_asked_all_three_questions() {
    let env = Env::new();
    let grace = env.active_staff("Grace_Lee@schools.gov.sg", "Grace Lee");
    let mut d = env.session();
    let r = search(&mut d, &grace.login);
    assert_eq!(screen(&r), "sspr_questions");
    assert_eq!(questions(&r).into_iter().collect::<BTreeSet<_>>(), guide_texts());
    d.expect(json!({"action": "sspr_answer", "answers": Driver::answers_for(&r)}), "change_password");
}

#[test]
fn wrong_answers_stay_on_the_questions_with_the_guides_text() {
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let mut d = env.session();
    let shown = search(&mut d, &chloe.login);
    // One right and one wrong is still wrong, and the message does not say which.
    let mut answers = Driver::answers_for(&shown);
    answers[1] = "definitely not".into();
    let r = d.expect_error(json!({"action": "sspr_answer", "answers": answers}), "sspr_questions", "answers_incorrect");
    assert_eq!(r["error"]["message"], INCORRECT);
    assert_eq!(questions(&r), questions(&shown), "the questions changed after a wrong answer");
    // The wrong number of answers is a different, harmless error.
    let r = d.expect_error(json!({"action": "sspr_answer", "answers": ["yellow"]}), "sspr_questions", "invalid_input");
    assert!(r["error"]["message"].as_str().unwrap().contains('2'), "{r}");
    assert_eq!(env.account(&chloe.login).failed_answers, 1);
}

#[test]
fn right_answers_on_an_unlocked_account_lead_to_a_new_password_and_back_to_sign_in() {
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let mut d = env.session();
    let shown = search(&mut d, &chloe.login);
    let r = d.expect(json!({"action": "sspr_answer", "answers": Driver::answers_for(&shown)}), "change_password");
    assert_eq!(r["login"], chloe.login);
    assert!(r["rules"].as_array().unwrap().len() >= 8);
    d.change_password(OTHER_PASSWORD);
    let r = d.expect(json!({"action": "continue"}), "sign_in");
    assert_eq!(r["notice"], "Your password has been changed. Sign in with your new password.");

    assert_eq!(code(&d.sign_in(&chloe.login, &chloe.password)), Some("login_failed"));
    assert_eq!(screen(&d.sign_in(&chloe.login, OTHER_PASSWORD)), "applications");

    let events = env.events(&chloe.login);
    let names: Vec<&str> = events.iter().map(|e| e.event.as_str()).collect();
    assert_eq!(
        names[names.len() - 5..],
        ["sspr_search", "sspr_answers", "password_changed", "sign_in_failed", "sign_in"]
    );
    let changed = events.iter().rev().find(|e| e.event == "password_changed").unwrap();
    assert_eq!(changed.detail, "self-service reset");
    let answered = events.iter().rev().find(|e| e.event == "sspr_answers").unwrap();
    assert_eq!(answered.outcome, "ok");
    env.assert_audit_free_of(&[OTHER_PASSWORD, &chloe.password, "yellow", "hamster", "The Good Earth"]);
}

#[test]
fn a_locked_account_can_be_unlocked_and_keeps_its_password() {
    let env = Env::new();
    let dev = env.active_student("Dev_Kumar@students.edu.sg", "Dev Kumar", "jc_mi");
    let mut d = env.session();
    for _ in 0..5 {
        d.sign_in(&dev.login, WRONG_PASSWORD);
    }
    assert_eq!(d.screen(), "account_locked");
    let shown = search(&mut d, &dev.login);
    let r = d.expect(json!({"action": "sspr_answer", "answers": Driver::answers_for(&shown)}), "sspr_locked_choice");
    assert!(r["message"]
        .as_str()
        .unwrap()
        .starts_with("Your account has been locked due to excessive incorrect login attempts."));
    let r = d.expect(json!({"action": "unlock_account"}), "sign_in");
    assert!(r["notice"].as_str().unwrap().contains("unlocked"), "{r}");
    assert!(!env.account(&dev.login).is_locked());
    assert_eq!(screen(&d.sign_in(&dev.login, &dev.password)), "applications");
    assert!(env.event_names(&dev.login).contains(&"unlock".to_owned()));
}

#[test]
fn a_locked_account_can_choose_a_new_password_which_also_unlocks_it() {
    let env = Env::new();
    let dev = env.active_student("Dev_Kumar@students.edu.sg", "Dev Kumar", "jc_mi");
    let mut d = env.session();
    for _ in 0..5 {
        d.sign_in(&dev.login, WRONG_PASSWORD);
    }
    let shown = search(&mut d, &dev.login);
    d.expect(json!({"action": "sspr_answer", "answers": Driver::answers_for(&shown)}), "sspr_locked_choice");
    d.expect(json!({"action": "choose_change_password"}), "change_password");
    d.change_password(OTHER_PASSWORD);
    d.expect(json!({"action": "continue"}), "sign_in");
    let a = env.account(&dev.login);
    assert!(!a.is_locked());
    assert_eq!(a.failed_passwords, 0);
    assert_eq!(screen(&d.sign_in(&dev.login, OTHER_PASSWORD)), "applications");
}

#[test]
fn cancel_on_every_self_service_screen_returns_to_sign_in() {
    let env = Env::new();
    let dev = env.active_student("Dev_Kumar@students.edu.sg", "Dev Kumar", "jc_mi");
    let mut d = env.session();
    let cancel = json!({"action": "cancel"});

    d.expect(json!({"action": "forgot_password"}), "sspr_search");
    d.expect(cancel.clone(), "sign_in");

    let shown = search(&mut d, &dev.login);
    assert_eq!(screen(&shown), "sspr_questions");
    d.expect(cancel.clone(), "sign_in");

    let shown = search(&mut d, &dev.login);
    d.expect(json!({"action": "sspr_answer", "answers": Driver::answers_for(&shown)}), "change_password");
    d.expect(cancel.clone(), "sign_in");

    for _ in 0..5 {
        d.sign_in(&dev.login, WRONG_PASSWORD);
    }
    let shown = search(&mut d, &dev.login);
    d.expect(json!({"action": "sspr_answer", "answers": Driver::answers_for(&shown)}), "sspr_locked_choice");
    d.expect(cancel.clone(), "sign_in");
    // Cancelling changed nothing: still locked, password unchanged.
    assert!(env.account(&dev.login).is_locked());
    d.expect(json!({"action": "forgot_password"}), "sspr_search");
    d.expect(cancel, "sign_in");
}

#[test]
fn an_account_without_questions_gets_sspr_5006_and_continue_returns_to_sign_in() {
    let env = Env::new();
    let faris = env.new_student("Faris_Ali@students.edu.sg", "Faris Ali", "secondary");
    let mut d = env.session();
    let r = search(&mut d, &faris.login);
    assert_eq!(screen(&r), "error");
    assert_eq!(r["code"], "SSPR 5006");
    assert_eq!(
        r["message"],
        "Challenge questions have not been defined for this user account. Please contact your administrator (LA/SA) to reset your password."
    );
    assert_eq!(code(&r), Some("SSPR 5006"));
    d.expect(json!({"action": "continue"}), "sign_in");
}

#[test]
fn answers_are_accepted_whatever_their_case_spacing_or_character_width() {
    let env = Env::new();
    let grace = env.active_staff("Grace_Lee@schools.gov.sg", "Grace Lee");
    let mut d = env.session();
    let shown = search(&mut d, &grace.login);
    let answers: Vec<&str> = questions(&shown)
        .iter()
        .map(|q| match q.as_str() {
            "What is your favourite colour?" => "ｙｅｌｌｏｗ", // full-width letters (NFKC)
            "What is your favourite animal?" => "  HAMSTER ",   // case and outer spaces
            "What is your favourite book?" => "the   good\tEarth", // inner spaces
            other => panic!("unexpected question {other}"),
        })
        .collect();
    d.expect(json!({"action": "sspr_answer", "answers": answers}), "change_password");
}

#[test]
fn a_right_answer_set_resets_the_count_of_wrong_ones() {
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let mut d = env.session();
    let shown = search(&mut d, &chloe.login);
    for _ in 0..4 {
        d.expect_error(
            json!({"action": "sspr_answer", "answers": wrong_answers(2)}),
            "sspr_questions",
            "answers_incorrect",
        );
    }
    d.expect(json!({"action": "sspr_answer", "answers": Driver::answers_for(&shown)}), "change_password");
    d.expect(json!({"action": "cancel"}), "sign_in");
    search(&mut d, &chloe.login);
    for _ in 0..4 {
        d.expect_error(
            json!({"action": "sspr_answer", "answers": wrong_answers(2)}),
            "sspr_questions",
            "answers_incorrect",
        );
    }
    assert!(!env.account(&chloe.login).sspr_blocked);
}

/// Five wrong answer sets in a row block self-service reset for the account.
fn block(d: &mut Driver, login: &str) -> Value {
    let r = search(d, login);
    assert_eq!(screen(&r), "sspr_questions", "{r}");
    let n = questions(&r).len();
    for _ in 0..4 {
        d.expect_error(
            json!({"action": "sspr_answer", "answers": wrong_answers(n)}),
            "sspr_questions",
            "answers_incorrect",
        );
    }
    let r = d.expect_error(json!({"action": "sspr_answer", "answers": wrong_answers(n)}), "error", "answers_locked");
    assert_eq!(r["code"], "answers_locked");
    r
}

#[test]
fn five_wrong_answer_sets_block_self_service_until_an_administrator_clears_the_questions() {
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let mut d = env.session();
    let locked = block(&mut d, &chloe.login);
    assert!(locked["message"].as_str().unwrap().contains("contact your administrator"));
    d.expect(json!({"action": "continue"}), "sign_in");
    // Further searches show the same screen; even right answers cannot get past it.
    let r = search(&mut d, &chloe.login);
    assert_eq!(without_error(&r), without_error(&locked));
    assert_eq!(code(&r), Some("answers_locked"));
    d.expect(json!({"action": "continue"}), "sign_in");
    assert!(env.account(&chloe.login).sspr_blocked);
    let names = env.event_names(&chloe.login);
    assert_eq!(names.iter().filter(|e| *e == "sspr_blocked").count(), 1, "{names:?}");
    // Signing in with the password is not affected.
    assert_eq!(screen(&d.sign_in(&chloe.login, &chloe.password)), "applications");

    // The SA clears the questions: the block goes with them and SSPR says 5006.
    let view = env.admin().clear_questions(&chloe.login).unwrap();
    assert!(!view.self_service_blocked && !view.questions_set);
    let mut d = env.session();
    assert_eq!(code(&search(&mut d, &chloe.login)), Some("SSPR 5006"));
}

#[test]
fn answer_sets_sent_at_once_from_many_sessions_are_checked_no_more_often_than_the_block_allows() {
    const AT_ONCE: usize = 16;
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let mut drivers: Vec<Driver> = (0..AT_ONCE)
        .map(|_| {
            let mut d = env.session();
            assert_eq!(screen(&search(&mut d, &chloe.login)), "sspr_questions");
            d
        })
        .collect();
    // Every session sends its wrong set at the same moment: each read the account before any
    // wrote, so before the fix each was checked (the ones past the fifth were logged "already
    // locked", knowing they were wrong).
    let barrier = std::sync::Barrier::new(AT_ONCE);
    let answered: Vec<Value> = std::thread::scope(|s| {
        let sent: Vec<_> = drivers
            .iter_mut()
            .map(|d| {
                let barrier = &barrier;
                s.spawn(move || {
                    barrier.wait();
                    d.send(json!({"action": "sspr_answer", "answers": wrong_answers(2)}))
                })
            })
            .collect();
        sent.into_iter().map(|t| t.join().unwrap()).collect()
    });
    let checked: Vec<String> = env
        .events(&chloe.login)
        .into_iter()
        .filter(|e| e.event == "sspr_answers" && e.detail.starts_with("wrong answers"))
        .map(|e| format!("{} {}", e.outcome, e.detail))
        .collect();
    assert_eq!(checked, vec!["failed wrong answers"; 5], "{answered:?}");
    assert!(env.account(&chloe.login).sspr_blocked);
    let locked = answered.iter().filter(|r| code(r) == Some("answers_locked")).count();
    assert!(locked >= AT_ONCE - 5, "{answered:?}");
}

#[test]
fn a_password_reset_by_an_administrator_lifts_the_self_service_block() {
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let mut d = env.session();
    block(&mut d, &chloe.login);
    env.admin().reset_password(&chloe.login).unwrap();
    assert!(!env.account(&chloe.login).sspr_blocked);
    let mut d = env.session();
    let r = search(&mut d, &chloe.login);
    assert_eq!(screen(&r), "sspr_questions");
    d.expect(json!({"action": "sspr_answer", "answers": Driver::answers_for(&r)}), "change_password");
}

#[test]
fn a_search_with_a_malformed_login_stays_on_the_search_screen() {
    let env = Env::new();
    let mut d = env.session();
    d.expect(json!({"action": "forgot_password"}), "sspr_search");
    for bad in ["", "not-a-login", "a@b", "x y@students.edu.sg"] {
        let r = d.expect_error(json!({"action": "sspr_search", "login": bad}), "sspr_search", "invalid_input");
        assert_eq!(r["error"]["field"], "login");
    }
}

// --- unknown login IDs must look like known ones (DESIGN §2) ---

#[test]
fn an_unknown_student_login_gets_questions_shaped_exactly_like_a_known_ones() {
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let mut d = env.session();
    let known = search(&mut d, &chloe.login);
    d.expect(json!({"action": "cancel"}), "sign_in");
    let unknown = search(&mut d, "Nobody_Here@students.edu.sg");
    assert_eq!(screen(&unknown), "sspr_questions", "{unknown}");
    assert_eq!(keys(&unknown), keys(&known));
    assert_eq!(questions(&unknown).len(), 2);
    assert!(unknown["error"].is_null());
    assert_eq!(unknown["login"], "Nobody_Here@students.edu.sg");
    // Plausible: the guides' own questions.
    let guides: Vec<&str> = CATALOGUE[..6].iter().map(|q| q.text).collect();
    assert!(questions(&unknown).iter().all(|q| guides.contains(&q.as_str())), "{unknown}");
}

#[test]
fn an_unknown_staff_login_gets_three_questions_like_a_known_staff_member() {
    let env = Env::new();
    env.active_staff("Mei_Ling@schools.gov.sg", "Mei Ling");
    let mut d = env.session();
    for login in ["Nobody_Here@schools.gov.sg", "Nobody_Here@hq.moe.gov.sg"] {
        let r = search(&mut d, login);
        assert_eq!(screen(&r), "sspr_questions");
        assert_eq!(questions(&r).len(), 3, "{r}");
        d.expect(json!({"action": "cancel"}), "sign_in");
    }
}

#[test]
fn the_login_shown_with_the_questions_is_the_one_typed_for_known_and_unknown_ids_alike() {
    // Showing the stored spelling of a known ID (and the typed one of an unknown) would tell
    // someone who types in lower case which IDs exist.
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let mut d = env.session();
    let typed = chloe.login.to_lowercase();
    let r = search(&mut d, &typed);
    assert_eq!(r["login"], typed, "{r}");
    d.expect(json!({"action": "cancel"}), "sign_in");
    let r = search(&mut d, "nobody_here@students.edu.sg");
    assert_eq!(r["login"], "nobody_here@students.edu.sg");
}

fn union_of_questions(d: &mut Driver, login: &str, searches: usize) -> BTreeSet<String> {
    let mut all = BTreeSet::new();
    for _ in 0..searches {
        let r = search(d, login);
        assert_eq!(screen(&r), "sspr_questions");
        all.extend(questions(&r));
        d.expect(json!({"action": "cancel"}), "sign_in");
    }
    all
}

#[test]
fn an_unknown_logins_questions_are_the_same_three_on_every_search_and_after_a_restart() {
    let env = Env::with_toml("[lockout]\nsspr_searches_per_hour = 1000\n");
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let mut d = env.session();
    let first = union_of_questions(&mut d, "Nobody_Here@students.edu.sg", 20);
    assert_eq!(first.len(), 3, "{first:?}");
    let again = union_of_questions(&mut d, "NOBODY_HERE@students.edu.sg", 20);
    assert_eq!(again, first, "the questions depend on the letter case typed");

    // A known student shows the same behaviour: three stable questions, two at a time.
    assert_eq!(union_of_questions(&mut d, &chloe.login, 20), guide_texts());

    // A restart (a new engine on the same data directory) keeps them.
    let mut d2 = Driver::new(env.reopen());
    assert_eq!(union_of_questions(&mut d2, "Nobody_Here@students.edu.sg", 20), first);
    // A different unknown ID usually gets a different set; at least it is also stable.
    let other = union_of_questions(&mut d2, "Someone_Else@students.edu.sg", 10);
    assert_eq!(other.len(), 3);
    assert_eq!(union_of_questions(&mut d, "Someone_Else@students.edu.sg", 10), other);
}

#[test]
fn wrong_answers_for_an_unknown_login_look_exactly_like_wrong_answers_for_a_known_one() {
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let ghost = "Nobody_Here@students.edu.sg";
    let mut known = env.session();
    let mut unknown = env.session();
    search(&mut known, &chloe.login);
    search(&mut unknown, ghost);
    let wrong = json!({"action": "sspr_answer", "answers": wrong_answers(2)});
    for i in 0..4 {
        let k = known.send(wrong.clone());
        let u = unknown.send(wrong.clone());
        assert_eq!(code(&k), Some("answers_incorrect"));
        assert_eq!(keys(&k), keys(&u));
        assert_eq!(k["error"], u["error"], "attempt {i}");
        assert_eq!(
            (screen(&k), k["questions"].as_array().unwrap().len()),
            (screen(&u), u["questions"].as_array().unwrap().len())
        );
    }
    let k = known.send(wrong.clone());
    let u = unknown.send(wrong);
    assert_eq!(code(&k), Some("answers_locked"));
    assert_eq!(k, u, "the fifth wrong set differs between a known and an unknown ID");
    known.expect(json!({"action": "continue"}), "sign_in");
    unknown.expect(json!({"action": "continue"}), "sign_in");
    // Later searches are blocked for both, the same way.
    let k = search(&mut known, &chloe.login);
    let u = search(&mut unknown, ghost);
    assert_eq!(k, u);
    assert_eq!(code(&u), Some("answers_locked"));
    // The unknown ID's failures are audited as failures (no secrets).
    assert!(env.events(&ghost.to_lowercase()).iter().any(|e| e.event == "sspr_answers" && e.outcome == "failed"));
    env.assert_audit_free_of(&["purple", "giraffe", "Moby Dick"]);
}

/// Chloe's self-service blocked by wrong answers, and an unknown ID's alike; the two sessions,
/// back on the sign-in screen.
fn both_blocked(env: &Env) -> (Person, &'static str, Driver, Driver) {
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let ghost = "Nobody_Here@students.edu.sg";
    let mut known = env.session();
    let mut unknown = env.session();
    block(&mut known, &chloe.login);
    block(&mut unknown, ghost);
    known.expect(json!({"action": "continue"}), "sign_in");
    unknown.expect(json!({"action": "continue"}), "sign_in");
    (chloe, ghost, known, unknown)
}

#[test]
fn with_automatic_unlock_an_unknown_ids_self_service_block_lasts_like_a_known_ones() {
    // Time lifts a password lock, never a self-service block (only an administrator does); an
    // unknown ID's block must not lapse either, or waiting would tell the two apart.
    let env = Env::with_toml("[lockout]\nauto_unlock_minutes = 30\n");
    let (chloe, ghost, mut known, mut unknown) = both_blocked(&env);
    env.advance(2 * 60 * MINUTE);
    let k = search(&mut known, &chloe.login);
    let u = search(&mut unknown, ghost);
    assert_eq!(code(&k), Some("answers_locked"));
    assert_eq!(k, u);
}

#[test]
fn an_unknown_ids_blocks_outlast_the_thirty_days_its_other_failures_are_kept_as_a_real_accounts_do() {
    let env = Env::new();
    let (chloe, ghost, mut known, mut unknown) = both_blocked(&env);
    // Five wrong passwords lock either until an administrator acts (no automatic unlock).
    for login in [chloe.login.as_str(), ghost] {
        let mut d = env.session();
        for _ in 0..5 {
            d.sign_in(login, "Wrong-Password-1");
        }
        assert_eq!(screen(&d.current()), "account_locked", "{login}");
    }
    // A month on, another unknown ID's failure tidies the old failures away; not the blocks.
    env.advance(31 * 24 * 60 * MINUTE);
    let mut other = env.session();
    other.sign_in("Someone_Else@students.edu.sg", "Wrong-Password-1");
    let k = search(&mut known, &chloe.login);
    let u = search(&mut unknown, ghost);
    assert_eq!(code(&k), Some("answers_locked"));
    assert_eq!(k, u);
    for login in [chloe.login.as_str(), ghost] {
        let mut d = env.session();
        assert_eq!(screen(&d.sign_in(login, "Wrong-Password-1")), "account_locked", "{login}");
    }
}

// --- account discovery (issue 11 §3) ---

/// Unknown login IDs for a discovery run.
/// Stores `ids` as the questions `login` chose (every answer "answer"), as a sign-in would.
fn store_questions(env: &Env, login: &str, ids: &[&str]) {
    let e = &env.engine;
    let answers: Vec<gatehouse_core::store::StoredAnswer> = ids
        .iter()
        .map(|q| gatehouse_core::store::StoredAnswer {
            question_id: (*q).into(),
            hash: gatehouse_core::hashing::hash(b"answer").unwrap(),
        })
        .collect();
    let rec =
        e.record(login, login, gatehouse_core::audit::Event::QuestionsSet, gatehouse_core::audit::Outcome::Ok, "");
    e.store().set_answers(env.account_id(login), &answers, rec).unwrap();
}

fn ghosts(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("Ghost_{i:03}@students.edu.sg")).collect()
}

#[test]
fn a_freshly_imported_class_cannot_be_told_from_unknown_ids_by_sspr_5006() {
    // Every account on the printed slips lacks questions: SSPR 5006 must not confirm them.
    let env = Env::new();
    let class: Vec<String> =
        (0..5).map(|i| env.new_student(&format!("Pupil_{i}@students.edu.sg"), "Pupil", "p1_3").login).collect();
    let mut d = env.session();
    for login in class.iter().chain(ghosts(20).iter()) {
        let r = search(&mut d, login);
        assert_eq!(code(&r), Some("SSPR 5006"), "{login}: {r}");
        d.expect(json!({"action": "continue"}), "sign_in");
    }
}

#[test]
fn the_share_of_unknown_ids_answering_sspr_5006_follows_the_share_of_accounts_without_questions_and_stays() {
    let env = Env::with_toml("[lockout]\nsspr_searches_per_hour = 10000\n");
    for i in 0..2 {
        env.active_student(&format!("Active_{i}@students.edu.sg"), "Active", "p1_3");
        env.new_student(&format!("Fresh_{i}@students.edu.sg"), "Fresh", "p1_3");
    }
    let mut d = env.session();
    let mut answered = Vec::new();
    for login in ghosts(200) {
        let r = search(&mut d, &login);
        answered.push(code(&r) == Some("SSPR 5006"));
        d.expect(json!({"action": if code(&r).is_some() { "continue" } else { "cancel" }}), "sign_in");
    }
    // Half the accounts lack questions: about half the unknown IDs answer like them (200 fair
    // coins fall outside 60..=140 with a probability under 1e-8).
    let n = answered.iter().filter(|x| **x).count();
    assert!((60..=140).contains(&n), "{n} of 200 unknown IDs answered SSPR 5006");
    // Each ID answers the same on a second search, on a restarted engine.
    let mut d = Driver::new(env.reopen());
    for (login, was_5006) in ghosts(200).iter().zip(&answered) {
        let r = search(&mut d, login);
        assert_eq!(code(&r) == Some("SSPR 5006"), *was_5006, "{login}: {r}");
        d.expect(json!({"action": if code(&r).is_some() { "continue" } else { "cancel" }}), "sign_in");
    }
}

#[test]
fn decoy_questions_are_drawn_from_the_sets_real_people_chose_and_are_kept_once_shown() {
    let env = Env::with_toml("[lockout]\nsspr_searches_per_hour = 10000\n");
    // Everyone chose questions beyond the guides' first six (the old decoys never showed these).
    let chosen = ["favourite_food", "dream_job", "first_pet"];
    for i in 0..3 {
        let p = env.active_student(&format!("Active_{i}@students.edu.sg"), "Active", "p4_6");
        store_questions(&env, &p.login, &chosen);
    }
    let texts: BTreeSet<String> =
        chosen.iter().map(|id| CATALOGUE.iter().find(|q| q.id == *id).unwrap().text.to_owned()).collect();
    let mut d = env.session();
    let mut shown = Vec::new();
    for login in ghosts(10) {
        let union = union_of_questions(&mut d, &login, 8);
        assert!(union.is_subset(&texts), "{login}: {union:?}");
        shown.push(union);
    }
    // A new class without questions arrives: an ID already shown questions keeps them (a real
    // account never goes back to SSPR 5006 on its own either).
    for i in 0..30 {
        env.new_student(&format!("Fresh_{i}@students.edu.sg"), "Fresh", "p1_3");
    }
    for (login, before) in ghosts(10).iter().zip(&shown) {
        let union = union_of_questions(&mut d, login, 8);
        assert!(union.is_subset(&texts) && union.len() >= 2, "{login}: {union:?} after {before:?}");
    }
}

#[test]
fn a_new_class_without_questions_changes_the_share_of_unknown_ids_answering_sspr_5006_within_a_minute() {
    let env = Env::with_toml("[lockout]\nsspr_searches_per_hour = 10000\n");
    for i in 0..3 {
        env.active_student(&format!("Active_{i}@students.edu.sg"), "Active", "p1_3");
    }
    let mut d = env.session();
    let answer_5006 = |d: &mut Driver, logins: &[String]| {
        let mut n = 0;
        for login in logins {
            let r = search(d, login);
            n += usize::from(code(&r) == Some("SSPR 5006"));
            d.expect(json!({"action": if code(&r).is_some() { "continue" } else { "cancel" }}), "sign_in");
        }
        n
    };
    let all = ghosts(120);
    // Every account has questions: no unknown ID answers SSPR 5006.
    assert_eq!(answer_5006(&mut d, &all[..40]), 0);
    // A class of 57 arrives without questions (95 % of the accounts): the census is a minute old
    // at most, so within the minute the share stays, and after it nearly every new ID answers so.
    for i in 0..57 {
        env.new_student(&format!("Fresh_{i:02}@students.edu.sg"), "Fresh", "p1_3");
    }
    assert_eq!(answer_5006(&mut d, &all[40..80]), 0);
    env.advance(61);
    let n = answer_5006(&mut d, &all[80..]);
    // 40 IDs with p = 0.95 each: fewer than 30 with a probability under 1e-4.
    assert!(n >= 30, "{n} of 40 unknown IDs answered SSPR 5006 after the class arrived");
}

#[test]
fn a_search_answers_at_its_pace_whether_the_login_id_is_real_without_questions_or_unknown() {
    // Only an unknown ID's first search draws and stores decoy questions: without the pace its
    // time would tell it from a real account's.
    let pace = std::time::Duration::from_millis(250);
    let env = Env::with_toml("[lockout]\nsspr_search_pace_ms = 250\n");
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let fresh = env.new_student("Fresh_Pupil@students.edu.sg", "Fresh Pupil", "p1_3");
    let mut d = env.session();
    let logins = [chloe.login.as_str(), fresh.login.as_str(), "Ghost_000@students.edu.sg", "Ghost_000@students.edu.sg"];
    for login in logins {
        let started = std::time::Instant::now();
        let r = search(&mut d, login);
        let took = started.elapsed();
        assert!(took >= pace, "{login} answered after {took:?}: {r}");
        d.expect(json!({"action": if code(&r).is_some() { "continue" } else { "cancel" }}), "sign_in");
    }
    // A refusal (a login ID that is not one) is paced too.
    d.expect(json!({"action": "forgot_password"}), "sspr_search");
    let started = std::time::Instant::now();
    let r = d.send(json!({"action": "sspr_search", "login": "not an id"}));
    assert!(r["error"].is_object(), "{r}");
    assert!(started.elapsed() >= pace);
}

#[test]
fn searches_beyond_the_hourly_limit_of_a_machine_are_refused_and_audited_until_the_hour_has_passed() {
    let env = Env::with_toml("[lockout]\nsspr_searches_per_hour = 3\n");
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let mut d = env.session();
    for login in ghosts(3) {
        let r = search(&mut d, &login);
        assert_eq!(screen(&r), "sspr_questions", "{r}");
        d.expect(json!({"action": "cancel"}), "sign_in");
    }
    // The fourth, even for a real account, is refused with a clear message and nothing else.
    let r = search(&mut d, &chloe.login);
    assert_eq!(code(&r), Some("sspr_busy"), "{r}");
    assert!(r["error"]["message"].as_str().unwrap().contains("Too many password reset searches"), "{r}");
    let last = env.events(&chloe.login.to_lowercase()).pop().unwrap();
    assert_eq!((last.event.as_str(), last.outcome.as_str()), ("sspr_search", "refused"), "{last:?}");
    d.expect(json!({"action": "continue"}), "sign_in");
    env.advance(30 * MINUTE);
    assert_eq!(code(&search(&mut d, &chloe.login)), Some("sspr_busy"));
    d.expect(json!({"action": "continue"}), "sign_in");
    env.advance(31 * MINUTE);
    assert_eq!(screen(&search(&mut d, &chloe.login)), "sspr_questions");
}

#[test]
fn an_unknown_pupils_decoy_shows_only_questions_a_pupil_could_have_chosen() {
    // Pupils of every level choose from four child questions; the staff chose questions no
    // pupil is offered. A decoy of a staff set would tell a pupil's ID was never real.
    let child = r#"["favourite_colour", "favourite_animal", "favourite_book", "favourite_food"]"#;
    let env = Env::with_toml(&format!(
        "[lockout]\nsspr_searches_per_hour = 10000\n[questions]\np1_3 = {child}\np4_6 = {child}\nsecondary = {child}\n\
         jc_mi = {child}\n"
    ));
    let adult = ["mothers_maiden_name", "childhood_friend", "dream_job"];
    for i in 0..6 {
        let p = env.active_staff(&format!("Teacher_{i}@schools.gov.sg"), "Teacher");
        store_questions(&env, &p.login, &adult);
    }
    env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let allowed: BTreeSet<String> = ["favourite_colour", "favourite_animal", "favourite_book", "favourite_food"]
        .iter()
        .map(|id| CATALOGUE.iter().find(|q| q.id == *id).unwrap().text.to_owned())
        .collect();
    let mut d = env.session();
    for login in ghosts(20) {
        let union = union_of_questions(&mut d, &login, 2);
        assert!(union.is_subset(&allowed), "{login}: {union:?}");
    }
    // The real pupil's questions come from the same list.
    let union = union_of_questions(&mut d, "Chloe_Ng@students.edu.sg", 2);
    assert!(union.is_subset(&allowed), "{union:?}");
}
