//! Help on every screen (issue 15): `show_help` answers the screen as it was with the service
//! desk of `[help]`, the SA/LA of a signed-in person's own location (never before a sign-in),
//! and the guides' answers chosen for who is asking; per-level question lists; app icons.

use gatehouse_core::admin::CreateRequest;
use gatehouse_core::config::Config;
use serde_json::{json, Value};

use crate::common::*;

const ADA: &str = "Ada_Lim@students.edu.sg";
const MEI: &str = "Mei_Ling@schools.gov.sg";

/// Sends `show_help` and asserts that the answer is the screen as it was (error included) plus
/// `help`, and that the session is still exactly there; returns the help.
#[track_caller]
fn help_leaves_the_screen_as_it_was(d: &mut Driver) -> Value {
    let before = d.current();
    let name = d.screen();
    let mut r = d.send(json!({"action": "show_help"}));
    let help = r.as_object_mut().unwrap().remove("help").unwrap_or_else(|| panic!("no help on {name}: {r}"));
    assert_eq!(r, before, "show_help changed what {name} shows");
    assert_eq!(d.current(), before, "show_help moved the session off {name}");
    assert!(help["topics"].as_array().is_some_and(|t| !t.is_empty()), "{name}: {help}");
    help
}

fn administrator(login: &str, name: &str, location: &str, roles: &[&str], email: &str) -> CreateRequest {
    CreateRequest {
        login: login.into(),
        name: name.into(),
        kind: "school_staff".into(),
        location: Some(location.into()),
        work_email: Some(email.into()),
        roles: roles.iter().map(|r| (*r).to_owned()).collect(),
        ..Default::default()
    }
}

fn topic_ids(help: &Value) -> Vec<String> {
    help["topics"].as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap().to_owned()).collect()
}

fn names(help: &Value) -> Vec<(String, String)> {
    help["administrators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["name"].as_str().unwrap().to_owned(), a["role"].as_str().unwrap().to_owned()))
        .collect()
}

#[test]
fn show_help_answers_on_every_screen_of_a_first_sign_in_and_changes_nothing() {
    let env = Env::new();
    let ada = env.new_student(ADA, "Ada Lim", "p4_6");
    let mut d = env.session();
    help_leaves_the_screen_as_it_was(&mut d);
    // With an error on the screen, the error stays.
    let r = d.sign_in(ADA, WRONG_PASSWORD);
    assert_eq!(code(&r), Some("login_failed"));
    d.sign_in(ADA, &ada.password);
    assert_eq!(d.screen(), "set_questions");
    help_leaves_the_screen_as_it_was(&mut d);
    d.expect(json!({"action": "set_questions", "questions": Driver::guide_answers()}), "confirm_questions");
    help_leaves_the_screen_as_it_was(&mut d);
    // Go Back still finds the three choices: help kept what was chosen.
    let back = d.expect(json!({"action": "go_back"}), "set_questions");
    assert_eq!(back["selected"].as_array().unwrap().len(), 3, "{back}");
    help_leaves_the_screen_as_it_was(&mut d);
    d.expect(json!({"action": "set_questions", "questions": Driver::guide_answers()}), "confirm_questions");
    d.expect(json!({"action": "confirm_questions"}), "questions_saved");
    help_leaves_the_screen_as_it_was(&mut d);
    d.expect(json!({"action": "continue"}), "change_password");
    help_leaves_the_screen_as_it_was(&mut d);
    d.expect(
        json!({"action": "change_password", "new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD}),
        "password_changing",
    );
    // The new password waits behind the progress screen; help does not drop it.
    help_leaves_the_screen_as_it_was(&mut d);
    d.expect(json!({"action": "continue"}), "password_changed");
    help_leaves_the_screen_as_it_was(&mut d);
    d.expect(json!({"action": "continue"}), "applications");
    help_leaves_the_screen_as_it_was(&mut d);
    d.expect(json!({"action": "open_app", "app": "icon"}), "terms");
    help_leaves_the_screen_as_it_was(&mut d);
    d.expect(json!({"action": "accept_terms"}), "dashboard");
    help_leaves_the_screen_as_it_was(&mut d);
    d.expect(json!({"action": "sign_out"}), "signed_out");
    help_leaves_the_screen_as_it_was(&mut d);
    // The password set behind the progress screen is the one that works.
    d.expect(json!({"action": "continue"}), "sign_in");
    assert_eq!(screen(&d.sign_in(ADA, NEW_PASSWORD)), "applications");
    env.assert_audit_free_of(&[NEW_PASSWORD]);
}

#[test]
fn show_help_answers_on_the_reset_and_locked_screens_and_changes_nothing() {
    let env = Env::new();
    env.active_student(ADA, "Ada Lim", "p4_6");
    let mut d = env.session();
    d.expect(json!({"action": "forgot_password"}), "sspr_search");
    help_leaves_the_screen_as_it_was(&mut d);
    d.expect(json!({"action": "sspr_search", "login": ADA}), "sspr_questions");
    help_leaves_the_screen_as_it_was(&mut d);
    d.expect(json!({"action": "cancel"}), "sign_in");
    let threshold = env.engine.config().lockout.password_threshold;
    for _ in 0..threshold {
        d.sign_in(ADA, WRONG_PASSWORD);
    }
    assert_eq!(d.screen(), "account_locked");
    help_leaves_the_screen_as_it_was(&mut d);
    // A locked account: no failure was counted by asking for help.
    assert_eq!(env.account(ADA).failed_passwords, threshold);
}

#[test]
fn help_before_a_sign_in_lists_no_administrators_whatever_login_was_typed() {
    let env = Env::new();
    env.admin()
        .create(&administrator("Sam_Tan@schools.gov.sg", "Sam Tan", "S5521", &["sa"], "sam@ces.gov.sg"))
        .unwrap();
    env.active_student(ADA, "Ada Lim", "p4_6");
    let mut d = env.session();
    // A known ID typed on sign-in, then on the reset search, then its questions: the help is the
    // same as for an unknown ID on the same screens, and names nobody.
    d.sign_in(ADA, WRONG_PASSWORD);
    let known_sign_in = help_leaves_the_screen_as_it_was(&mut d);
    d.expect(json!({"action": "forgot_password"}), "sspr_search");
    d.expect(json!({"action": "sspr_search", "login": ADA}), "sspr_questions");
    let known_questions = help_leaves_the_screen_as_it_was(&mut d);
    let mut other = env.session();
    other.sign_in("Nobody_Here@students.edu.sg", WRONG_PASSWORD);
    assert_eq!(help_leaves_the_screen_as_it_was(&mut other), known_sign_in);
    for help in [&known_sign_in, &known_questions] {
        assert_eq!(help["audience"], "unknown", "{help}");
        assert_eq!(help["administrators"], json!([]), "{help}");
        assert!(help["administrators_intro"].is_null(), "{help}");
        assert!(!help.to_string().contains("Sam Tan"), "{help}");
    }
    assert_eq!(known_questions, known_sign_in);
}

#[test]
fn help_names_the_sa_of_a_signed_in_pupils_own_location_and_the_la_of_a_teachers() {
    let env = Env::new();
    let admin = env.admin();
    admin.create(&administrator("Sam_Tan@schools.gov.sg", "Sam Tan", "S5521", &["sa"], "sam@ces.gov.sg")).unwrap();
    admin.create(&administrator("Lin_Koh@schools.gov.sg", "Lin Koh", "S5521", &["la"], "lin@ces.gov.sg")).unwrap();
    admin
        .create(&administrator("Both_Ong@schools.gov.sg", "Both Ong", "S5521", &["sa", "la"], "both@ces.gov.sg"))
        .unwrap();
    // Another school's SA, and a disabled SA of the same school, are not named.
    admin.create(&administrator("Far_Away@schools.gov.sg", "Far Away", "S9999", &["sa"], "far@ces.gov.sg")).unwrap();
    admin.create(&administrator("Gone_Lee@schools.gov.sg", "Gone Lee", "S5521", &["sa"], "gone@ces.gov.sg")).unwrap();
    admin.disable("Gone_Lee@schools.gov.sg").unwrap();
    let ada = env.active_student(ADA, "Ada Lim", "p4_6");
    let mei = env.active_staff(MEI, "Mei Ling");

    let mut d = env.session();
    d.sign_in(ADA, &ada.password);
    let help = help_leaves_the_screen_as_it_was(&mut d);
    assert_eq!(help["audience"], "student");
    assert_eq!(names(&help), [("Both Ong".into(), "sa".into()), ("Sam Tan".into(), "sa".into())], "{help}");
    assert_eq!(help["administrators"][1]["email"], "sam@ces.gov.sg");
    assert!(help["administrators_intro"]["text"].as_str().unwrap().contains("Student Administrators (SA)"));

    let mut d = env.session();
    d.sign_in(MEI, &mei.password);
    let help = help_leaves_the_screen_as_it_was(&mut d);
    assert_eq!(help["audience"], "staff");
    assert_eq!(names(&help), [("Both Ong".into(), "la".into()), ("Lin Koh".into(), "la".into())], "{help}");
}

#[test]
fn a_pupil_of_a_school_without_an_sa_is_told_so_and_sent_to_the_teachers() {
    let env = Env::new();
    let ada = env.active_student(ADA, "Ada Lim", "p1_3");
    let mut d = env.session();
    d.sign_in(ADA, &ada.password);
    let help = help_leaves_the_screen_as_it_was(&mut d);
    assert_eq!(help["administrators"], json!([]));
    assert!(help["administrators_intro"]["text"].as_str().unwrap().contains("ask your teachers"), "{help}");
}

#[test]
fn help_is_chosen_for_a_pupil_a_teacher_or_someone_not_signed_in() {
    let env = Env::new();
    let ada = env.active_student(ADA, "Ada Lim", "p1_3");
    let mei = env.active_staff(MEI, "Mei Ling");
    let mut d = env.session();
    let anyone = help_leaves_the_screen_as_it_was(&mut d);
    d.sign_in(ADA, &ada.password);
    let pupil = help_leaves_the_screen_as_it_was(&mut d);
    let mut d = env.session();
    d.sign_in(MEI, &mei.password);
    let teacher = help_leaves_the_screen_as_it_was(&mut d);

    // The student guide's troubleshooting for a pupil: the app error (A), sign-in (B, C), the
    // password (D), the lock (E), SSPR 5006 (F); 2FA is not for Student iCON (staff FAQ 9).
    let ids = topic_ids(&pupil);
    for id in ["sign_in", "password", "locked", "sspr_5006", "app_error", "two_factor", "other"] {
        assert!(ids.iter().any(|i| i == id), "{id} missing for a pupil: {ids:?}");
    }
    assert!(!ids.iter().any(|i| i == "authenticator_apps" || i == "email_otp"), "{ids:?}");
    assert!(pupil.to_string().contains("MIMS 2FA is not required for Student iCON."));
    assert!(!pupil.to_string().contains("Local Administrator (LA) for a password reset"));

    // The staff guide's FAQ for a teacher: what 2FA is, the three apps with the iOS advice,
    // no phone, the email OTP (FAQ 10, 11), a failed set-up (FAQ 13).
    let ids = topic_ids(&teacher);
    for id in ["two_factor", "authenticator_apps", "no_phone", "email_otp", "setup_error", "other"] {
        assert!(ids.iter().any(|i| i == id), "{id} missing for staff: {ids:?}");
    }
    assert!(!ids.iter().any(|i| i == "app_error"), "{ids:?}");
    let text = teacher.to_string();
    for said in [
        "Google Authenticator, Microsoft Authenticator or NetIQ Authenticator",
        "download and install Google Authenticator app instead of Microsoft Authenticator app",
        "your password is what you KNOW, your mobile device is what you HAVE",
        "@moe.edu.sg",
    ] {
        assert!(text.contains(said), "{said:?} missing for staff");
    }
    // Someone not signed in gets both guides' first answers.
    let text = anyone.to_string();
    assert!(text.contains("@students.edu.sg") && text.contains("@schools.gov.sg"), "{text}");
    assert!(topic_ids(&anyone).iter().any(|i| i == "authenticator_apps"));
    // Every sentence comes with its message id for a front-end's language.
    assert_eq!(pupil["topics"][0]["title"]["text_id"]["id"], "help-sign-in-title");
}

#[test]
fn the_service_desk_is_the_guides_by_default_and_a_school_can_name_its_own() {
    let env = Env::new();
    let mut d = env.session();
    let help = help_leaves_the_screen_as_it_was(&mut d);
    assert_eq!(
        help["desk"],
        json!({"name": "SSOE 2 Service Desk", "phone": "1800 7663 663", "email": "help@schools.gov.sg", "url": null})
    );
    let lines: Vec<&str> = help["desk_lines"].as_array().unwrap().iter().map(|l| l["text"].as_str().unwrap()).collect();
    assert_eq!(
        lines,
        ["Call SSOE 2 Service Desk at 1800 7663 663.", "Email SSOE 2 Service Desk at help@schools.gov.sg."]
    );

    let env = Env::with_toml(
        "[help]\ndesk_name = \"Bukit Timah IT Desk\"\ndesk_phone = \"\"\ndesk_url = \"https://it.bukit.example/help\"\n",
    );
    let mut d = env.session();
    let help = help_leaves_the_screen_as_it_was(&mut d);
    assert_eq!(
        help["desk"],
        json!({"name": "Bukit Timah IT Desk", "phone": null, "email": "help@schools.gov.sg", "url": "https://it.bukit.example/help"})
    );
    // The desk's name is the one the troubleshooting answers send people to.
    assert!(help.to_string().contains("log a case with Bukit Timah IT Desk"));
    assert!(!help.to_string().contains("SSOE 2"));
}

#[test]
fn malformed_help_settings_are_refused_at_start_by_name() {
    for bad in [
        "desk_name = \"\"",
        "desk_name = \"two\\nlines\"",
        "desk_phone = \"call me maybe\"",
        "desk_email = \"not an address\"",
        "desk_url = \"http://it.school.example/\"",
        "desk_url = \"https://\"",
        "desk_phone = \"\"\ndesk_email = \"\"\ndesk_url = \"\"",
        "desk_fax = \"6123 4567\"",
        "desk_phone = 18007663663",
    ] {
        let err = Config::from_toml(&format!("[help]\n{bad}\n")).unwrap_err().to_string();
        assert!(err.contains("help") || err.contains("desk_"), "{bad}: {err}");
    }
    assert!(Config::from_toml("[help]\ndesk_phone = \"+65 6123-4567\"\ndesk_email = \"\"\n").is_ok());
}

#[test]
fn a_p1_3_pupil_chooses_from_questions_a_child_can_answer_and_staff_from_the_whole_list() {
    let env = Env::new();
    let ada = env.new_student(ADA, "Ada Lim", "p1_3");
    let mei = env.new_staff(MEI, "Mei Ling");
    let ids = |r: &Value| -> Vec<String> {
        r["available_questions"].as_array().unwrap().iter().map(|q| q["id"].as_str().unwrap().to_owned()).collect()
    };
    let mut d = env.session();
    let r = d.sign_in(ADA, &ada.password);
    assert_eq!(ids(&r), env.engine.config().questions.p1_3);
    for adult in ["mothers_maiden_name", "childhood_friend", "dream_job", "favourite_city"] {
        assert!(!ids(&r).iter().any(|i| i == adult), "{adult} offered to a seven-year-old");
    }
    // Not on her list: refused, even when sent by hand.
    let mut choice = Driver::guide_answers();
    choice[2] = json!({"question": "mothers_maiden_name", "answer": "Tan"});
    d.expect_error(json!({"action": "set_questions", "questions": choice}), "set_questions", "invalid_input");
    d.set_guide_questions();

    let mut d = env.session();
    let r = d.sign_in(MEI, &mei.password);
    let all: Vec<String> = gatehouse_core::questions::CATALOGUE.iter().map(|q| q.id.to_owned()).collect();
    assert_eq!(ids(&r), all);
    d.expect(
        json!({"action": "set_questions", "questions": [
            {"question": "mothers_maiden_name", "answer": "Tan"}, {"question": "favourite_colour", "answer": "green"},
            {"question": "favourite_city", "answer": "Kyoto"}]}),
        "confirm_questions",
    );
}

#[test]
fn a_school_sets_each_levels_question_list_and_bad_lists_are_refused_by_name() {
    let env = Env::with_toml(
        "[questions]\np4_6 = [\"favourite_fruit\", \"favourite_food\", \"first_pet\", \"favourite_song\"]\n",
    );
    let ada = env.new_student(ADA, "Ada Lim", "p4_6");
    let mut d = env.session();
    let r = d.sign_in(ADA, &ada.password);
    let ids: Vec<&str> =
        r["available_questions"].as_array().unwrap().iter().map(|q| q["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["favourite_fruit", "favourite_food", "first_pet", "favourite_song"]);
    for bad in [
        "p1_3 = [\"favourite_colour\", \"favourite_unicorn\", \"favourite_food\"]",
        "p1_3 = [\"favourite_colour\", \"favourite_colour\", \"favourite_food\"]",
        "staff = [\"favourite_colour\", \"favourite_food\"]",
        "p1_3 = \"favourite_colour\"",
    ] {
        let err = Config::from_toml(&format!("[questions]\n{bad}\n")).unwrap_err().to_string();
        assert!(err.contains("questions") || err.contains("p1_3") || err.contains("staff"), "{bad}: {err}");
    }
}

#[test]
fn every_default_app_has_its_own_bundled_icon_and_an_unknown_icon_is_refused() {
    let cfg = Config::default();
    let icons: Vec<&str> = cfg.dashboard.apps.iter().map(|a| a.icon.as_str()).collect();
    let distinct: std::collections::BTreeSet<&str> = icons.iter().copied().collect();
    assert_eq!(distinct.len(), icons.len(), "{icons:?}");
    for app in &cfg.dashboard.apps {
        assert!(gatehouse_core::config::BUNDLED_APP_ICONS.contains(&app.icon.as_str()), "{}", app.id);
    }
    for bad in ["rocket", "logo.gif", "../icons/app.jpeg"] {
        let toml = format!(
            "[[dashboard.apps]]\nid = \"x\"\nname = \"X\"\nurl = \"https://x.example/\"\nfor = [\"staff\"]\nicon = \"{bad}\"\n"
        );
        let err = Config::from_toml(&toml).unwrap_err().to_string();
        assert!(err.contains("icon") && err.contains("\"x\""), "{bad}: {err}");
    }
}

#[test]
fn a_dashboard_tile_shows_its_bundled_icon_or_the_schools_own_image() {
    let toml = "[[dashboard.apps]]\nid = \"library\"\nname = \"Library\"\nurl = \"https://library.example/\"\n\
                for = [\"p1_3\", \"staff\"]\nicon = \"icons/library.svg\"\n\n\
                [[dashboard.apps]]\nid = \"drive\"\nname = \"Drive\"\nurl = \"https://drive.google.com/\"\n\
                for = [\"p1_3\", \"staff\"]\nicon = \"drive\"\n\n\
                [[dashboard.apps]]\nid = \"plain\"\nname = \"Plain\"\nurl = \"https://plain.example/\"\nfor = [\"p1_3\"]\n";
    let env = Env::with_toml(toml);
    // The school's icon file is read when the engine opens, as the logo is.
    std::fs::create_dir_all(env.dir().join("icons")).unwrap();
    std::fs::write(env.dir().join("icons/library.svg"), r#"<svg xmlns="http://www.w3.org/2000/svg" width="4"/>"#)
        .unwrap();
    std::fs::write(env.dir().join(gatehouse_core::config::CONFIG_FILE_NAME), toml).unwrap();
    let engine = gatehouse_core::Engine::open(env.dir()).unwrap();
    let apps = &engine.config().dashboard.apps;
    assert!(apps[0].icon_image.as_deref().unwrap().starts_with("data:image/svg+xml;base64,"));
    assert_eq!((apps[1].bundled_icon(), apps[1].icon_image.as_deref()), ("drive", None));
    assert_eq!(apps[2].bundled_icon(), "app");
    drop(engine);
    std::fs::remove_file(env.dir().join("icons/library.svg")).unwrap();
    let err = gatehouse_core::Engine::open(env.dir()).unwrap_err().to_string();
    assert!(err.contains("\"library\"") && err.contains("library.svg"), "{err}");

    // On the wire: the dashboard's apps carry `icon` (and `icon_image` for a file).
    let env = Env::new();
    let ada = env.active_student(ADA, "Ada Lim", "p1_3");
    let mut d = env.session();
    d.sign_in(ADA, &ada.password);
    let r = d.expect(json!({"action": "open_app", "app": "icon"}), "dashboard");
    for app in r["apps"].as_array().unwrap() {
        assert_eq!(app["icon"], app["id"], "{app}");
        assert!(app.get("icon_image").is_none(), "{app}");
    }
}

#[test]
fn the_first_administrators_checklist_is_the_change_password_checklist() {
    use gatehouse_core::console::{first_administrator_rules, FirstAdministrator, FirstAdministratorRequest};
    use gatehouse_core::policy::{evaluate, PolicySubject};
    let env = Env::new();
    let login = "Grace_Tan@schools.gov.sg";
    for typed in ["", "grace", "#Tan-Grace-2026-x", "Quartz-Violin-Meadow-93"] {
        let list = first_administrator_rules(&env.engine, login, "Grace Tan", typed);
        let subject = PolicySubject { login, full_name: "Grace Tan" };
        let expected = evaluate(&env.engine.config().password_policy, typed, &subject);
        assert_eq!(serde_json::to_value(&list.rules).unwrap(), serde_json::to_value(&expected).unwrap(), "{typed}");
        assert_eq!(list.strength.is_some(), !typed.is_empty());
    }
    // The name in the password fails the same rule that creating the administrator refuses with.
    let list = first_administrator_rules(&env.engine, login, "Grace Tan", "Grace-Violin-Meadow-93");
    let failed: Vec<&str> = list.rules.iter().filter(|r| !r.ok).map(|r| r.id).collect();
    assert_eq!(failed, ["no_name_parts"]);
    let request = FirstAdministratorRequest {
        login: login.into(),
        name: "Grace Tan".into(),
        kind: "school_staff".into(),
        location: "S5521".into(),
        work_email: None,
        password: "Grace-Violin-Meadow-93".into(),
        confirm_password: "Grace-Violin-Meadow-93".into(),
    };
    let err = FirstAdministrator::prepare(&env.engine, request).unwrap_err();
    let text = gatehouse_core::ErrorBody::from(&err).message;
    let rule = list.rules.iter().find(|r| r.id == "no_name_parts").unwrap();
    assert!(text.contains(&rule.text), "{text}");
}

#[test]
fn help_or_a_language_on_a_session_whose_password_was_reset_elsewhere_ends_it_and_shows_nothing_live() {
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let mut helped = env.session();
    helped.sign_in(&chloe.login, &chloe.password);
    let mut chose = env.session();
    chose.sign_in(&chloe.login, &chloe.password);
    env.advance(60);
    // An administrator resets the password of an account believed taken.
    env.admin().reset_password(&chloe.login).unwrap();
    let r = helped.send(json!({"action": "show_help"}));
    assert_eq!((screen(&r), code(&r)), ("error", Some("password_changed_elsewhere")), "{r}");
    assert!(r["help"].is_null(), "no help for whoever was there: {r}");
    let language_before = env.account(&chloe.login).language;
    let r = chose.send(json!({"action": "set_language", "language": "ta"}));
    assert_eq!((screen(&r), code(&r)), ("error", Some("password_changed_elsewhere")), "{r}");
    assert_eq!(env.account(&chloe.login).language, language_before, "the account's language stays");
}

#[test]
fn looking_at_a_session_whose_password_was_reset_or_account_disabled_elsewhere_ends_it_and_shows_nothing_live() {
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let ravi = env.active_student("Ravi_Kumar@students.edu.sg", "Ravi Kumar", "p1_3");
    let mut reset = env.session();
    reset.sign_in(&chloe.login, &chloe.password);
    let mut disabled = env.session();
    disabled.sign_in(&ravi.login, &ravi.password);
    let r = reset.look();
    assert_eq!((screen(&r), r["signed_in"].as_bool()), ("applications", Some(true)), "nothing changed yet: {r}");
    env.advance(60);
    env.admin().reset_password(&chloe.login).unwrap();
    env.admin().disable(&ravi.login).unwrap();
    // A window that only asks for its screen (after a reload, or the kiosk's timer) is told too.
    let r = reset.look();
    assert_eq!((screen(&r), code(&r)), ("error", Some("password_changed_elsewhere")), "{r}");
    assert_eq!(r["signed_in"], false, "{r}");
    let r = disabled.look();
    assert_eq!((screen(&r), code(&r)), ("error", Some("account_disabled")), "{r}");
    assert_eq!(r["signed_in"], false, "{r}");
    let ended = env.events(&chloe.login).iter().filter(|e| e.detail.contains("changed elsewhere")).count();
    assert_eq!(ended, 1, "the end is audited once");
    let r = reset.look();
    assert_ne!(screen(&r), "applications", "the session stays ended: {r}");
}
