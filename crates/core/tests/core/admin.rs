//! What an administrator does (DESIGN §5): create with validation, reset, unlock, clear the
//! questions, and import a school from CSV with line-numbered errors, progress and cancel.

use std::sync::atomic::AtomicBool;

use gatehouse_core::admin::{CreateRequest, ImportProgress};
use serde_json::json;

use crate::common::*;

fn create_err(env: &Env, r: &CreateRequest) -> gatehouse_core::Error {
    env.admin().create(r).expect_err("should be refused")
}

#[test]
fn a_login_id_must_fit_its_kind_and_the_message_names_the_domain() {
    let env = Env::new();
    let e = create_err(&env, &student_request("Ada_Lim@schools.gov.sg", "Ada Lim", "p4_6"));
    assert_eq!(e.code(), "invalid_input");
    assert_eq!(e.field(), Some("login"));
    assert!(e.to_string().contains("@students.edu.sg"), "{e}");
    let e = create_err(&env, &staff_request("Grace_Lee@students.edu.sg", "Grace Lee"));
    assert!(e.to_string().contains("@schools.gov.sg"), "{e}");
    let hq = CreateRequest { kind: "hq_staff".into(), ..staff_request("Henry@schools.gov.sg", "Henry Ong") };
    assert!(create_err(&env, &hq).to_string().contains("@hq.moe.gov.sg"));
    let e = create_err(&env, &student_request("not a login", "Ada Lim", "p4_6"));
    assert_eq!(e.field(), Some("login"));
}

#[test]
fn levels_work_emails_roles_and_generic_are_checked_against_the_kind() {
    let env = Env::new();
    let student = student_request("Ada_Lim@students.edu.sg", "Ada Lim", "p4_6");

    let no_level = CreateRequest { level: None, ..student.clone() };
    let e = create_err(&env, &no_level);
    assert_eq!((e.code(), e.field()), ("invalid_input", Some("level")));
    assert!(e.to_string().contains("p1_3"), "{e}");
    let bad_level = CreateRequest { level: Some("p7".into()), ..student.clone() };
    assert_eq!(create_err(&env, &bad_level).field(), Some("level"));

    let staff_level =
        CreateRequest { level: Some("secondary".into()), ..staff_request("Grace_Lee@schools.gov.sg", "Grace Lee") };
    assert_eq!(create_err(&env, &staff_level).field(), Some("level"));

    let with_email = CreateRequest { work_email: Some("ada@ces.gov.sg".into()), ..student.clone() };
    assert_eq!(create_err(&env, &with_email).field(), Some("work_email"));
    let with_role = CreateRequest { roles: vec!["sa".into()], ..student.clone() };
    assert_eq!(create_err(&env, &with_role).field(), Some("roles"));
    let generic = CreateRequest { generic: true, ..student.clone() };
    assert_eq!(create_err(&env, &generic).field(), Some("generic"));
    let bad_kind = CreateRequest { kind: "teacher".into(), ..student.clone() };
    assert_eq!(create_err(&env, &bad_kind).field(), Some("kind"));
    let no_name = CreateRequest { name: "  ".into(), ..student.clone() };
    assert_eq!(create_err(&env, &no_name).field(), Some("name"));

    // Nothing was created by the refusals; the valid request works.
    assert_eq!(env.store().count_accounts().unwrap(), 0);
    env.admin().create(&student).unwrap();
    let shared = CreateRequest {
        generic: true,
        roles: vec!["sa;la".into()],
        ..staff_request("Office_Mail@schools.gov.sg", "General Office")
    };
    let view_login = env.admin().create(&shared).unwrap().login;
    let view = env.admin().show(&view_login).unwrap();
    assert!(view.generic);
    assert_eq!(view.roles.len(), 2);
}

#[test]
fn a_login_id_already_taken_in_any_letter_case_is_a_conflict() {
    let env = Env::new();
    env.new_student("Ada_Lim@students.edu.sg", "Ada Lim", "p4_6");
    let e = create_err(&env, &student_request("ADA_LIM@Students.edu.sg", "Ada Lim", "p1_3"));
    assert_eq!(e.code(), "conflict");
    assert_eq!(env.store().count_accounts().unwrap(), 1);
}

#[test]
fn a_created_account_is_on_a_temporary_password_and_its_view_holds_no_secret() {
    let env = Env::new();
    let issued = env.admin().create(&student_request("Ada_Lim@students.edu.sg", "Ada Lim", "p4_6")).unwrap();
    let password = issued.temporary_password.expose().to_owned();
    assert!(password.len() >= 12);
    // 09:00 UTC, in the school's time zone (Asia/Singapore by default).
    assert_eq!(issued.expires, "2026-01-12T17:00:00+08:00");
    let view = env.admin().show("ada_lim@students.edu.sg").unwrap();
    assert_eq!(view.state, "temporary_password");
    assert!(view.has_temporary_password && !view.questions_set && !view.locked && !view.terms_accepted);
    let text = serde_json::to_string(&view).unwrap();
    assert!(!text.contains(&password), "{text}");
    assert!(!text.contains("$argon2") && !text.contains("hash"), "{text}");
    let listed = serde_json::to_string(&env.admin().list(&Default::default()).unwrap()).unwrap();
    assert!(!listed.contains(&password) && !listed.contains("$argon2"), "{listed}");
    // The audit says who created it, not the password.
    let created = env.events(&issued.login).pop().unwrap();
    assert_eq!((created.event.as_str(), created.actor.as_str()), ("account_created", "admin:test"));
    env.assert_audit_free_of(&[&password]);
}

#[test]
fn a_reset_issues_a_new_temporary_password_that_unlocks_and_forces_the_first_sign_in_path() {
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let mut d = env.session();
    for _ in 0..5 {
        d.sign_in(&chloe.login, WRONG_PASSWORD);
    }
    assert!(env.account(&chloe.login).is_locked());
    let issued = env.admin().reset_password(&chloe.login).unwrap();
    let temp = issued.temporary_password.expose().to_owned();
    let view = env.admin().show(&chloe.login).unwrap();
    assert_eq!(view.state, "temporary_password");
    assert!(!view.locked && view.failed_passwords == 0);

    let mut d = env.session();
    assert_eq!(code(&d.sign_in(&chloe.login, &chloe.password)), Some("login_failed"), "the old password still works");
    // Questions are set, so the first-sign-in path goes straight to the change.
    assert_eq!(screen(&d.sign_in(&chloe.login, &temp)), "change_password");
    d.change_password(OTHER_PASSWORD);
    d.expect(json!({"action": "continue"}), "applications");
    assert_eq!(env.admin().show(&chloe.login).unwrap().state, "active");
    let reset = env.events(&chloe.login).into_iter().find(|e| e.event == "password_reset").expect("reset audited");
    assert_eq!(reset.actor, "admin:test");
    env.assert_audit_free_of(&[&temp, OTHER_PASSWORD]);
    // Unknown accounts are reported as such.
    assert_eq!(env.admin().reset_password("Nobody@students.edu.sg").unwrap_err().code(), "not_found");
}

#[test]
fn clearing_the_questions_makes_self_service_say_sspr_5006() {
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let view = env.admin().clear_questions(&chloe.login).unwrap();
    assert!(!view.questions_set);
    let mut d = env.session();
    d.expect(json!({"action": "forgot_password"}), "sspr_search");
    d.expect_error(json!({"action": "sspr_search", "login": chloe.login}), "error", "SSPR 5006");
    assert!(env.event_names(&chloe.login).contains(&"questions_cleared".to_owned()));
    // After a reset, the first sign-in asks for questions again.
    let temp = env.admin().reset_password(&chloe.login).unwrap();
    d.expect(json!({"action": "continue"}), "sign_in");
    assert_eq!(screen(&d.sign_in(&chloe.login, temp.temporary_password.expose())), "set_questions");
}

const IMPORT: &str = "\
name,login,location,kind,level,roles,work_email,generic
Amy Tan,Amy_Tan@students.edu.sg,S5521,student,p4_6,,,
Bob Lee,Bob_Lee@students.edu.sg,S5521,teacher,,,,
Cat Ng,Cat_Ng@gmail.com,S5521,student,p1_3,,,
Dan Ho,Dan_Ho@students.edu.sg,S5521,student,,,,
Amy Tan Again,amy_tan@students.edu.sg,S5521,student,p1_3,,,
Existing One,Existing_One@students.edu.sg,S5521,student,secondary,,,
Eve Lim,Eve_Lim@students.edu.sg,S5521,student
Fay Koh,Fay_Koh@schools.gov.sg,S5521,school_staff,,la,fay.koh@ces.gov.sg,maybe
Gus Ong,Gus_Ong@schools.gov.sg,S5521,school_staff,,sa;la,gus.ong@ces.gov.sg,no

\"Tan, Hui Min\",Hui_Min@students.edu.sg,S5521,student,secondary,,,
\"Ivan
Two Lines\",Ivan_Two@students.edu.sg,S5521,student,secondary,,,
Jo Lau,Jo_Lau@students.edu.sg,S5521,student,jc_mi,,,
";

#[test]
fn an_import_creates_the_good_rows_and_reports_each_bad_row_with_its_line_number() {
    let env = Env::new();
    env.new_student("Existing_One@students.edu.sg", "Existing One", "secondary");
    let mut calls: Vec<ImportProgress> = Vec::new();
    let report = env
        .admin()
        .import_csv(IMPORT.as_bytes(), &mut |p| calls.push(p), &AtomicBool::new(false))
        .expect("import runs");
    assert!(!report.cancelled);

    let created: Vec<&str> = report.created.iter().map(|c| c.login.as_str()).collect();
    assert_eq!(
        created,
        ["Amy_Tan@students.edu.sg", "Gus_Ong@schools.gov.sg", "Hui_Min@students.edu.sg", "Jo_Lau@students.edu.sg"]
    );

    let errors: Vec<(u64, &str)> = report.errors.iter().map(|e| (e.line, e.reason.as_str())).collect();
    let lines: Vec<u64> = errors.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [3, 4, 5, 6, 7, 8, 9, 13], "{errors:#?}");
    let reason = |line: u64| report.errors.iter().find(|e| e.line == line).unwrap().reason.to_lowercase();
    assert!(reason(3).contains("kind"), "{}", reason(3));
    assert!(reason(4).contains("@students.edu.sg"), "{}", reason(4));
    assert!(reason(5).contains("level"), "{}", reason(5));
    assert!(reason(6).contains("line 2"), "{}", reason(6));
    assert!(reason(7).contains("already exists"), "{}", reason(7));
    assert!(reason(8).contains("fields"), "{}", reason(8));
    assert!(reason(9).contains("generic"), "{}", reason(9));
    assert!(reason(13).contains("name"), "{}", reason(13));
    assert_eq!(report.errors.iter().find(|e| e.line == 6).unwrap().login.as_deref(), Some("amy_tan@students.edu.sg"));
    assert_eq!(report.rows, 12);

    // The good rows are whole accounts; the staff row kept its roles and email.
    let gus = env.admin().show("Gus_Ong@schools.gov.sg").unwrap();
    assert_eq!((gus.roles.len(), gus.work_email.as_deref(), gus.generic), (2, Some("gus.ong@ces.gov.sg"), false));
    assert_eq!(env.admin().show("Hui_Min@students.edu.sg").unwrap().name, "Tan, Hui Min");
    assert_eq!(env.store().count_accounts().unwrap(), 5);

    let last = calls.last().expect("progress was reported");
    assert_eq!((last.done, last.total), (4, 4));
    assert!(calls.windows(2).all(|w| w[0].done <= w[1].done));

    // Every temporary password works in a session.
    for c in &report.created {
        let mut d = env.session();
        let r = d.sign_in(&c.login, c.temporary_password.expose());
        assert_eq!(screen(&r), "set_questions", "{}: {r}", c.login);
    }
    let passwords: Vec<String> = report.created.iter().map(|c| c.temporary_password.expose().to_owned()).collect();
    env.assert_audit_free_of(&passwords.iter().map(String::as_str).collect::<Vec<_>>());
    let import = env.all_events().into_iter().rev().find(|e| e.event == "import").expect("import audited");
    assert!(import.detail.contains("4 created"), "{import:?}");
}

#[test]
fn an_import_file_with_an_unknown_or_a_missing_column_is_refused_as_a_whole() {
    let env = Env::new();
    let run = |csv: &str| env.admin().import_csv(csv.as_bytes(), &mut |_| {}, &AtomicBool::new(false));
    let e = run("login,name,kind,level,location,shoe_size\nAmy_Tan@students.edu.sg,Amy Tan,student,p4_6,S1,38\n")
        .unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    assert!(e.to_string().contains("shoe_size"), "{e}");
    let e = run("login,name,kind,location\nAmy_Tan@students.edu.sg,Amy Tan,student,S1\n").unwrap_err();
    assert!(e.to_string().contains("level"), "{e}");
    let e = run("login,name,kind,level,location,login\n").unwrap_err();
    assert!(e.to_string().contains("twice"), "{e}");
    assert_eq!(env.store().count_accounts().unwrap(), 0);
}

#[test]
fn a_cancelled_import_creates_nothing_and_says_so() {
    let env = Env::new();
    let cancel = AtomicBool::new(true);
    let report = env.admin().import_csv(IMPORT.as_bytes(), &mut |_| {}, &cancel).unwrap();
    assert!(report.cancelled);
    assert!(report.created.is_empty());
    assert_eq!(env.store().count_accounts().unwrap(), 0);
}

#[test]
fn an_import_of_only_bad_rows_creates_nothing_and_reports_them_all() {
    let env = Env::new();
    let csv = "login,name,kind,level,location\nA@gmail.com,A Person,student,p1_3,S1\nB_Lee@students.edu.sg,B Lee,student,,S1\n";
    let mut calls = Vec::new();
    let report = env.admin().import_csv(csv.as_bytes(), &mut |p| calls.push(p), &AtomicBool::new(false)).unwrap();
    assert!(report.created.is_empty());
    assert_eq!(report.errors.iter().map(|e| e.line).collect::<Vec<_>>(), [2, 3]);
    assert_eq!(calls.last().map(|p| (p.done, p.total)), Some((0, 0)));
}

#[test]
fn after_the_questions_are_cleared_the_next_normal_sign_in_asks_for_new_ones_then_opens_the_applications() {
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    env.admin().clear_questions(&chloe.login).unwrap();
    let mut d = env.session();
    let r = d.sign_in(&chloe.login, &chloe.password);
    assert_eq!(screen(&r), "set_questions", "the console's promise is kept: {r}");
    // Cancel leaves her signed out rather than in without questions.
    d.expect(json!({"action": "cancel"}), "sign_in");
    d.sign_in(&chloe.login, &chloe.password);
    d.expect(json!({"action": "set_questions", "questions": Driver::guide_answers()}), "confirm_questions");
    d.expect(json!({"action": "confirm_questions"}), "questions_saved");
    // Her password is not temporary: no password change, straight to the applications.
    d.expect(json!({"action": "continue"}), "applications");
    assert!(env.account(&chloe.login).questions_set);
    // Self-service reset works with the new answers.
    d.expect(json!({"action": "sign_out"}), "signed_out");
    d.expect(json!({"action": "continue"}), "sign_in");
    d.expect(json!({"action": "forgot_password"}), "sspr_search");
    d.expect(json!({"action": "sspr_search", "login": chloe.login}), "sspr_questions");
}

#[test]
fn the_audit_export_keeps_iso_8601_with_the_schools_offset() {
    let env = Env::new();
    env.admin().create(&student_request("Ada_Lim@students.edu.sg", "Ada Lim", "p4_6")).unwrap();
    let entries = env.admin().audit(&gatehouse_core::audit::AuditQuery::default()).unwrap();
    assert_eq!(entries[0].at, "2026-01-05T17:00:00+08:00", "T0 is 09:00 UTC");
    assert_eq!(gatehouse_core::clock::parse_time(&entries[0].at), Some(T0), "the same instant");
    let mut csv = Vec::new();
    gatehouse_core::audit::write_csv(&entries, &mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.lines().nth(1).unwrap().contains(",2026-01-05T17:00:00+08:00,"), "{csv}");
    let mut json = Vec::new();
    gatehouse_core::audit::write_json(&entries, &mut json).unwrap();
    assert!(String::from_utf8(json).unwrap().contains("\"at\": \"2026-01-05T17:00:00+08:00\""));
    // Another configured zone gives its own offset for the same instant.
    let london = Env::with_toml("[locale]\ntimezone = \"Europe/London\"\n");
    london.admin().create(&student_request("Ada_Lim@students.edu.sg", "Ada Lim", "p4_6")).unwrap();
    let at = &london.admin().audit(&gatehouse_core::audit::AuditQuery::default()).unwrap()[0].at;
    assert_eq!(at, "2026-01-05T09:00:00+00:00");
}

#[test]
fn the_consoles_audit_filter_takes_a_date_as_the_schools_day_in_its_zone() {
    // Singapore: 23:00 on 4 December and 01:00 on 5 December, two hours apart.
    let env = Env::new();
    let at = |rfc3339: &str| gatehouse_core::clock::parse_time(rfc3339).unwrap();
    env.clock.set(at("2026-12-04T15:00:00Z"));
    env.admin().create(&student_request("Ada_Lim@students.edu.sg", "Ada Lim", "p4_6")).unwrap();
    env.clock.set(at("2026-12-04T17:00:00Z"));
    env.admin().create(&student_request("Ben_Tan@students.edu.sg", "Ben Tan", "p4_6")).unwrap();
    let admin = env.admin();
    let created = |since: &str, until: &str| -> Vec<String> {
        let filter = json!({"since": since, "until": until, "event": "account_created", "limit": 10});
        let page = gatehouse_core::console_ops::run(
            &admin,
            serde_json::from_value(json!({"op": "audit", "filter": filter})).unwrap(),
        )
        .unwrap();
        page["events"].as_array().unwrap().iter().map(|e| e["subject"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(created("2026-12-05", ""), ["Ben_Tan@students.edu.sg"]);
    assert_eq!(created("", "2026-12-04"), ["Ada_Lim@students.edu.sg"]);
    // A time with an offset means that instant.
    assert_eq!(created("2026-12-04T16:00:00Z", ""), ["Ben_Tan@students.edu.sg"]);
}

#[test]
fn an_import_whose_store_fails_part_way_still_returns_the_passwords_of_the_accounts_it_made() {
    if skip_on_postgres("a trigger in the SQLite file makes the store fail") {
        return;
    }
    let env = Env::new();
    let mut csv = String::from("name,login,location,kind,level\n");
    for n in 1..=150 {
        csv.push_str(&format!("Pupil {n:03},Pupil_{n:03}@students.edu.sg,S5521,student,p1_3\n"));
    }
    // The 130th row's insert fails as a full disk or a dropped connection would (not a
    // duplicate): the first batch of 100 is written, the second is not.
    let db = rusqlite::Connection::open(env.db_path()).unwrap();
    db.execute_batch(
        "CREATE TRIGGER fail_late BEFORE INSERT ON accounts WHEN NEW.login_key = 'pupil_130@students.edu.sg' \
         BEGIN SELECT abs(-9223372036854775807 - 1); END;",
    )
    .unwrap();
    let report = env.admin().import_csv(csv.as_bytes(), &mut |_| {}, &AtomicBool::new(false)).expect("a report");
    let made = env.store().count_accounts().unwrap() as usize;
    assert!((100..150).contains(&made), "{made}");
    assert_eq!(report.created.len(), made, "every account made comes back with its temporary password");
    for issued in &report.created {
        let account = env.account(&issued.login);
        assert!(gatehouse_core::hashing::verify(issued.temporary_password.expose().as_bytes(), &account.password_hash)
            .unwrap());
    }
    let stopped: Vec<u64> = report.errors.iter().filter(|e| e.text.id() == "import-stopped").map(|e| e.line).collect();
    assert_eq!(stopped.len(), 150 - made, "each row not made says so");
    assert!(stopped.contains(&131), "the 130th pupil is on line 131: {stopped:?}");
    assert!(report.cancelled);
    let import =
        env.store().audit(&Default::default()).unwrap().into_iter().rev().find(|e| e.event == "import").unwrap();
    assert_eq!(import.outcome, "failed");
    assert!(import.detail.ends_with("stopped: the account store could not be written"), "{}", import.detail);
}

#[test]
fn a_class_reset_that_cannot_write_one_account_changes_none_so_no_password_is_lost() {
    if skip_on_postgres("a trigger in the SQLite file makes the store fail") {
        return;
    }
    let env = Env::new();
    let logins: Vec<String> = ["Amy_Tan", "Bob_Lee", "Cat_Ng"]
        .iter()
        .map(|n| env.active_student(&format!("{n}@students.edu.sg"), &n.replace('_', " "), "p1_3").login)
        .collect();
    let db = rusqlite::Connection::open(env.db_path()).unwrap();
    db.execute_batch(
        "CREATE TRIGGER fail_bob BEFORE UPDATE OF password_hash ON accounts \
         WHEN NEW.login_key = 'bob_lee@students.edu.sg' BEGIN SELECT abs(-9223372036854775807 - 1); END;",
    )
    .unwrap();
    assert!(env.admin().reset_passwords(&logins).is_err());
    // Nobody's password was changed, so none shown is missing: each still signs in as before.
    for login in &logins {
        assert_eq!(screen(&env.session().sign_in(login, NEW_PASSWORD)), "applications", "{login}");
        assert!(!env.event_names(login).contains(&"password_reset".to_owned()), "{login}");
    }
}
