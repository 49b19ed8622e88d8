//! The school year (issue 15): edits of name, level, location and class; disabled accounts (the
//! guides' "inactive account") refused at sign-in and in self-service reset with their own code;
//! deleted accounts whose history stays; class filters and class resets; year-end promotions,
//! previewed and then applied. Every refusal is tested, and audited where it is a scope's.

use std::sync::atomic::AtomicBool;

use gatehouse_core::admin::{AccountEdit, CreateRequest, PromoteRequest, PromotionReport};
use gatehouse_core::otp::{self, OtpParams};
use gatehouse_core::store::AccountFilter;
use gatehouse_core::types::{ClassLabel, Role, SecretString};
use gatehouse_core::{console, console_ops};
use serde_json::json;

use crate::common::*;
use crate::scope::{administrator_at, assert_refused, la, sa, scoped, staff_at, student_at, AWAY, HOME, SA};

fn in_class(env: &Env, login: &str, name: &str, level: &str, class: &str) -> String {
    let r = CreateRequest { class: Some(class.into()), ..student_request(login, name, level) };
    env.admin().create(&r).expect("operator creates the student").login
}

fn edit(name: Option<&str>, level: Option<&str>, location: Option<&str>, class: Option<&str>) -> AccountEdit {
    AccountEdit {
        name: name.map(Into::into),
        level: level.map(Into::into),
        location: location.map(Into::into),
        class: class.map(Into::into),
    }
}

fn class_filter(class: &str) -> AccountFilter {
    AccountFilter { class: Some(ClassLabel::parse(class).unwrap()), ..Default::default() }
}

fn logins(views: &[gatehouse_core::admin::AccountView]) -> Vec<&str> {
    views.iter().map(|v| v.login.as_str()).collect()
}

#[test]
fn an_sa_edits_the_name_level_and_class_of_a_student_and_the_audit_says_what_changed() {
    let env = Env::new();
    let chloe = in_class(&env, "Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3", "3A");
    let view = sa(&env).edit(&chloe, &edit(Some("Chloe Ng Mei Ling"), Some("p4_6"), None, Some("4a"))).unwrap();
    assert_eq!(
        (view.name.as_str(), view.level.map(|l| l.as_str()), view.class.as_deref(), view.location.as_str()),
        ("Chloe Ng Mei Ling", Some("p4_6"), Some("4a"), HOME)
    );
    let last = env.events(&chloe).pop().unwrap();
    assert_eq!((last.event.as_str(), last.outcome.as_str(), last.actor.as_str()), ("account_updated", "ok", SA));
    assert_eq!(last.detail, "name changed, level p1_3 → p4_6, class 3A → 4a");
    // An empty class removes it; the same values again write nothing.
    assert_eq!(sa(&env).edit(&chloe, &edit(None, None, None, Some(""))).unwrap().class, None);
    let before = env.events(&chloe).len();
    sa(&env).edit(&chloe, &edit(None, Some("p4_6"), None, None)).unwrap();
    assert_eq!(env.events(&chloe).len(), before, "nothing changed, nothing audited");
}

#[test]
fn a_level_changed_by_an_edit_changes_the_apps_on_the_dashboard() {
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let apps = |env: &Env| {
        let mut d = env.session();
        d.expect(json!({"action": "sign_in", "login": chloe.login, "password": chloe.password}), "applications");
        let r = d.expect(json!({"action": "open_app", "app": "icon"}), "dashboard");
        r["apps"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap().to_owned()).collect::<Vec<_>>()
    };
    assert!(!apps(&env).contains(&"Gmail".to_owned()));
    env.admin().edit(&chloe.login, &edit(None, Some("p4_6"), None, None)).unwrap();
    assert!(apps(&env).contains(&"Gmail".to_owned()));
}

#[test]
fn moving_an_account_to_another_location_is_refused_in_the_console_and_audited_but_the_operator_moves_it() {
    let env = Env::new();
    let chloe = student_at(&env, "Chloe_Ng@students.edu.sg", "Chloe Ng", HOME);
    let r = sa(&env).edit(&chloe, &edit(None, None, Some(AWAY), None));
    assert_refused(&env, r, SA, &chloe, "account_updated", "edit", "request a transfer");
    assert_eq!(env.account(&chloe).location.as_str(), HOME);
    // Naming one's own location is no move.
    sa(&env).edit(&chloe, &edit(None, None, Some(HOME), Some("2B"))).unwrap();
    let moved = env.admin().edit(&chloe, &edit(None, None, Some(AWAY), None)).unwrap();
    assert_eq!(moved.location, AWAY);
    assert!(env.events(&chloe).pop().unwrap().detail.contains("location S5521 → S7000"));
}

#[test]
fn an_edit_of_an_account_out_of_scope_is_refused_and_audited() {
    let env = Env::new();
    let away = student_at(&env, "Dan_Lee@students.edu.sg", "Dan Lee", AWAY);
    let r = sa(&env).edit(&away, &edit(Some("Daniel Lee"), None, None, None));
    assert_refused(&env, r, SA, &away, "account_updated", "edit", "of location S5521 only");
    let grace = staff_at(&env, "Grace_Lee@schools.gov.sg", "Grace Lee", HOME);
    let r = sa(&env).edit(&grace, &edit(Some("Grace Lee Hui"), None, None, None));
    assert_refused(&env, r, SA, &grace, "account_updated", "edit", "Only an LA acts on staff");
    assert_eq!(env.account(&grace).name.as_str(), "Grace Lee");
}

#[test]
fn a_bad_class_label_a_class_for_staff_a_staff_level_and_an_empty_edit_are_invalid_and_change_nothing() {
    let env = Env::new();
    let chloe = in_class(&env, "Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3", "3A");
    let grace = staff_at(&env, "Grace_Lee@schools.gov.sg", "Grace Lee", HOME);
    let admin = env.admin();
    for bad in ["4A;DROP", "-4A", "a class label far longer than any school uses", "4A\u{7}"] {
        let e = admin.edit(&chloe, &edit(None, None, None, Some(bad))).unwrap_err();
        assert_eq!((e.code(), e.text().map(|t| t.id().to_owned())), ("invalid_input", Some("class-invalid".into())));
    }
    let e = admin.edit(&grace, &edit(None, None, None, Some("4A"))).unwrap_err();
    assert_eq!(e.text().unwrap().id(), "class-students-only");
    let e = admin.edit(&grace, &edit(None, Some("p4_6"), None, None)).unwrap_err();
    assert_eq!(e.text().unwrap().id(), "level-students-only");
    let e = admin.edit(&chloe, &AccountEdit::default()).unwrap_err();
    assert_eq!(e.text().unwrap().id(), "edit-nothing");
    assert_eq!(env.account(&chloe).class.unwrap().as_str(), "3A");
    assert_eq!(env.event_names(&chloe), ["account_created"]);
}

#[test]
fn an_unknown_login_is_not_found_for_every_school_year_operation() {
    let env = Env::new();
    let admin = env.admin();
    let ghost = "Nobody_Here@students.edu.sg";
    assert_eq!(admin.edit(ghost, &edit(Some("No One"), None, None, None)).unwrap_err().code(), "not_found");
    assert_eq!(admin.disable(ghost).unwrap_err().code(), "not_found");
    assert_eq!(admin.enable(ghost).unwrap_err().code(), "not_found");
    assert_eq!(admin.delete(ghost).unwrap_err().code(), "not_found");
}

#[test]
fn a_disabled_account_is_refused_at_sign_in_with_its_own_code_and_signs_in_again_once_enabled() {
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let view = sa(&env).disable(&chloe.login).unwrap();
    assert_eq!((view.state, view.disabled), ("disabled", true));
    let mut d = env.session();
    let r = d.expect_error(
        json!({"action": "sign_in", "login": chloe.login, "password": chloe.password}),
        "sign_in",
        "account_disabled",
    );
    assert!(r["error"]["message"].as_str().unwrap().contains("inactive"), "{r}");
    assert_eq!(r["error"]["id"], "account-disabled", "{r}");
    assert_ne!(r["error"]["message"], env.session().sign_in(&chloe.login, WRONG_PASSWORD)["error"]["message"]);
    // A wrong password learns nothing of it: the usual "Login failed", counted as usual.
    let r = d.expect_error(
        json!({"action": "sign_in", "login": chloe.login, "password": WRONG_PASSWORD}),
        "sign_in",
        "login_failed",
    );
    assert!(r["error"]["message"].as_str().unwrap().starts_with("Login failed"));
    let names = env.event_names(&chloe.login);
    assert_eq!(names[names.len() - 4..], ["account_disabled", "sign_in_failed", "sign_in_failed", "sign_in_failed"]);
    assert!(env.events(&chloe.login).iter().any(|e| e.detail == "account disabled" && e.outcome == "refused"));

    assert!(!sa(&env).enable(&chloe.login).unwrap().disabled);
    d.expect(json!({"action": "sign_in", "login": chloe.login, "password": chloe.password}), "applications");
    assert_eq!(env.events(&chloe.login).iter().filter(|e| e.event == "account_enabled").count(), 1);
}

#[test]
fn a_person_signed_in_when_their_account_is_disabled_or_deleted_is_sent_to_sign_in_at_their_next_action() {
    let env = Env::new();
    for disable in [true, false] {
        let login = if disable { "Chloe_Ng@students.edu.sg" } else { "Dan_Lee@students.edu.sg" };
        let p = env.active_student(login, "Some Pupil", "p1_3");
        let mut d = env.session();
        d.expect(json!({"action": "sign_in", "login": p.login, "password": p.password}), "applications");
        if disable {
            env.admin().disable(&p.login).unwrap();
        } else {
            env.admin().delete(&p.login).unwrap();
        }
        d.expect_error(json!({"action": "open_app", "app": "icon"}), "error", "account_disabled");
        d.expect(json!({"action": "continue"}), "sign_in");
    }
}

#[test]
fn disabling_twice_changes_nothing_the_second_time() {
    let env = Env::new();
    let chloe = student_at(&env, "Chloe_Ng@students.edu.sg", "Chloe Ng", HOME);
    sa(&env).disable(&chloe).unwrap();
    assert!(sa(&env).disable(&chloe).unwrap().disabled);
    assert_eq!(env.event_names(&chloe), ["account_created", "account_disabled"]);
}

#[test]
fn a_disabled_account_is_refused_in_self_service_reset_once_its_answers_are_right() {
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    env.admin().disable(&chloe.login).unwrap();
    let mut d = env.session();
    d.expect(json!({"action": "forgot_password"}), "sspr_search");
    // The search looks as it does for any account: the questions.
    let shown = d.expect(json!({"action": "sspr_search", "login": chloe.login}), "sspr_questions");
    let answers = json!({"action": "sspr_answer", "answers": Driver::answers_for(&shown)});
    let r = d.expect_error(answers, "error", "account_disabled");
    assert!(r["message"].as_str().unwrap().contains("inactive"), "{r}");
    let last = env.events(&chloe.login).pop().unwrap();
    assert_eq!(
        (last.event.as_str(), last.outcome.as_str(), last.detail.as_str()),
        ("sspr_answers", "refused", "account disabled")
    );
    assert_eq!(env.account(&chloe.login).password_changed_at, T0, "the password is as it was");
}

#[test]
fn a_disabled_administrator_is_refused_at_the_console_sign_in_with_account_disabled() {
    let env = Env::with_data_key();
    let irene = administrator_at(&env, "Irene_Koh@schools.gov.sg", "Irene Koh", "sa;la", "SA-1");
    env.admin().disable(&irene).unwrap();
    env.advance(60);
    let secret = otp::parse_base32("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP").unwrap();
    let code = otp::totp(&secret, &OtpParams::default(), env.engine.now() as u64);
    let outcome =
        console::sign_in(&env.engine, &irene, &SecretString::new(NEW_PASSWORD.into()), &code, "console").unwrap();
    let refusal = outcome.into_result().unwrap_err();
    assert_eq!(refusal.code, "account_disabled");
}

#[test]
fn deleting_an_account_removes_its_answers_and_authenticators_frees_its_token_and_keeps_its_history() {
    let env = Env::with_data_key();
    let grace = administrator_at(&env, "Grace_Lee@schools.gov.sg", "Grace Lee", "la", "TOKEN-1");
    let id = env.account_id(&grace);
    assert_eq!(env.store().answers(id).unwrap().len(), 3);
    let gone = env.admin().delete(&grace).unwrap();
    assert_eq!(gone.login, grace);
    assert!(env.store().account_by_login(&gatehouse_core::types::LoginId::parse(&grace).unwrap()).unwrap().is_none());
    assert!(env.store().answers(id).unwrap().is_empty());
    assert!(env.store().authenticators(id).unwrap().is_empty());
    let token = env.admin().tokens().unwrap().into_iter().find(|t| t.serial == "TOKEN-1").unwrap();
    assert_eq!(token.bound_to, None, "the hardware token is free again");
    let names = env.event_names(&grace);
    assert_eq!(names.first().map(String::as_str), Some("account_created"));
    let last = env.events(&grace).pop().unwrap();
    assert_eq!(last.event, "account_deleted");
    assert!(last.detail.contains("1 authenticator(s) removed"), "{last:?}");
    // The login ID is free for a new account.
    env.admin().create(&staff_request(&grace, "Grace Lee")).unwrap();
}

#[test]
fn an_account_made_after_the_newest_one_was_deleted_never_gets_its_id() {
    let env = Env::new();
    env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let newest = env.active_student("Dan_Lee@students.edu.sg", "Dan Lee", "p1_3");
    let gone = env.account_id(&newest.login);
    env.admin().delete(&newest.login).unwrap();
    // An app knows people by their id (OpenID Connect's `sub`): the next pupil is not the last.
    let next = env.active_student("Eve_Tan@students.edu.sg", "Eve Tan", "p1_3");
    assert!(env.account_id(&next.login).0 > gone.0, "{:?} after {gone:?}", env.account_id(&next.login));
    let made_again = env.active_student(&newest.login, "Dan Lee", "p1_3");
    assert!(env.account_id(&made_again.login).0 > gone.0, "a login ID made again is a new account");
}

#[test]
fn an_administrator_cannot_delete_disable_or_edit_their_own_account_and_each_refusal_is_audited() {
    let env = Env::new();
    let irene = staff_at(&env, "Irene_Koh@schools.gov.sg", "Irene Koh", HOME);
    let me = scoped(&env, &irene, &[Role::Sa, Role::La], HOME);
    assert_refused(&env, me.delete(&irene), &irene, &irene, "account_deleted", "delete", "their own account");
    assert_refused(&env, me.disable(&irene), &irene, &irene, "account_disabled", "disable", "their own account");
    let r = me.edit(&irene, &edit(Some("Irene"), None, None, None));
    assert_refused(&env, r, &irene, &irene, "account_updated", "edit", "their own account");
    assert!(!env.account(&irene).disabled);
}

#[test]
fn an_sa_cannot_delete_disable_or_enable_out_of_scope_nor_an_administrator_account() {
    let env = Env::new();
    let away = student_at(&env, "Dan_Lee@students.edu.sg", "Dan Lee", AWAY);
    assert_refused(&env, sa(&env).delete(&away), SA, &away, "account_deleted", "delete", "of location S5521 only");
    assert_refused(&env, sa(&env).disable(&away), SA, &away, "account_disabled", "disable", "of location S5521 only");
    assert_refused(&env, sa(&env).enable(&away), SA, &away, "account_enabled", "enable", "of location S5521 only");
    let r = CreateRequest { roles: vec!["la".into()], ..staff_request("Alan_Ong@schools.gov.sg", "Alan Ong") };
    let alan = env.admin().create(&r).unwrap().login;
    let both = scoped(&env, "Irene_Koh@schools.gov.sg", &[Role::Sa, Role::La], HOME);
    let r = both.delete(&alan);
    assert_refused(&env, r, "Irene_Koh@schools.gov.sg", &alan, "account_deleted", "delete", "an administrator account");
    assert!(env.store().account_by_login(&gatehouse_core::types::LoginId::parse(&alan).unwrap()).unwrap().is_some());
}

#[test]
fn the_class_filter_finds_a_class_in_any_case_and_a_class_reset_issues_slips_for_that_class_only() {
    let env = Env::new();
    let a = in_class(&env, "Ada_Lim@students.edu.sg", "Ada Lim", "p4_6", "4A");
    let b = in_class(&env, "Ben_Koh@students.edu.sg", "Ben Koh", "p4_6", "4a");
    in_class(&env, "Cai_Tan@students.edu.sg", "Cai Tan", "p4_6", "4B");
    let found = env.admin().list(&class_filter("4A")).unwrap();
    assert_eq!(logins(&found), [a.as_str(), b.as_str()]);
    let issued = sa(&env).reset_class("4a", None).unwrap();
    let reset: Vec<&str> = issued.iter().map(|i| i.login.as_str()).collect();
    assert_eq!(reset, [a.as_str(), b.as_str()]);
    assert_eq!(env.account(&a).temporary_until, Some(T0 + 7 * DAY));
    assert_eq!(sa(&env).reset_class("9Z", None).unwrap().len(), 0);
    let e = sa(&env).reset_class("4A!", None).unwrap_err();
    assert_eq!(e.text().unwrap().id(), "class-invalid");
}

#[test]
fn an_la_may_not_reset_a_class_nor_an_sa_one_of_another_location() {
    let env = Env::new();
    in_class(&env, "Ada_Lim@students.edu.sg", "Ada Lim", "p4_6", "4A");
    let e = la(&env).reset_class("4A", None).unwrap_err();
    assert_eq!(e.code(), "refused");
    let e = sa(&env).reset_class("4A", Some(AWAY)).unwrap_err();
    assert_eq!(e.code(), "refused");
    let refused = env.events("class 4A");
    assert_eq!(refused.len(), 2, "{refused:?}");
    assert!(refused.iter().all(|e| e.event == "password_reset" && e.outcome == "refused"));
}

#[test]
fn an_import_reads_the_optional_class_column_and_rejects_a_bad_label_by_line() {
    let env = Env::new();
    let csv = "login,name,kind,level,location,class\n\
               Ada_Lim@students.edu.sg,Ada Lim,student,p1_3,S5521,3A\n\
               Ben_Koh@students.edu.sg,Ben Koh,student,p1_3,S5521,\n\
               Cai_Tan@students.edu.sg,Cai Tan,student,p1_3,S5521,3A!\n\
               Dan_Ong@schools.gov.sg,Dan Ong,school_staff,,S5521,3A\n";
    let report = env.admin().import_csv(csv.as_bytes(), &mut |_| {}, &AtomicBool::new(false)).unwrap();
    assert_eq!(report.created.len(), 2);
    let bad: Vec<(u64, &str)> = report.errors.iter().map(|e| (e.line, e.text.id())).collect();
    assert_eq!(bad, [(4, "class-invalid"), (5, "class-students-only")]);
    assert_eq!(env.account("Ada_Lim@students.edu.sg").class.unwrap().as_str(), "3A");
    assert_eq!(env.account("Ben_Koh@students.edu.sg").class, None);
    assert!(env.events("Ada_Lim@students.edu.sg")[0].detail.contains("class 3A"));
}

fn p3_to_p4() -> PromoteRequest {
    PromoteRequest { class: Some("3A".into()), to_level: Some("p4_6".into()), next_class: true, ..Default::default() }
}

fn at(env: &Env, login: &str, name: &str, level: &str, class: &str, location: &str) -> String {
    let r = CreateRequest {
        class: Some(class.into()),
        location: Some(location.into()),
        ..student_request(login, name, level)
    };
    env.admin().create(&r).expect("operator creates the student").login
}

fn next_class_of(level: &str) -> PromoteRequest {
    PromoteRequest { level: Some(level.into()), next_class: true, ..Default::default() }
}

fn class_of(env: &Env, login: &str) -> String {
    env.account(login).class.map(|c| c.as_str().to_owned()).unwrap_or_default()
}

#[test]
fn a_promotion_is_previewed_without_a_change_then_applied_to_every_student_each_audited() {
    let env = Env::new();
    let a = in_class(&env, "Ada_Lim@students.edu.sg", "Ada Lim", "p1_3", "3A");
    let b = in_class(&env, "Ben_Koh@students.edu.sg", "Ben Koh", "p1_3", "3a");
    let c = in_class(&env, "Cai_Tan@students.edu.sg", "Cai Tan", "p4_6", "5A");
    let away = student_at(&env, "Dan_Lee@students.edu.sg", "Dan Lee", AWAY);

    let preview = sa(&env).promote(&p3_to_p4(), false).unwrap();
    assert!(!preview.applied);
    let shown: Vec<(&str, Option<&str>)> =
        preview.accounts.iter().map(|p| (p.login.as_str(), p.to_class.as_deref())).collect();
    assert_eq!(shown, [(a.as_str(), Some("4A")), (b.as_str(), Some("4a"))]);
    assert!(preview.accounts[0].apps_gained.contains(&"Gmail".to_owned()), "{preview:?}");
    assert!(preview.accounts[0].apps_lost.is_empty());
    assert_eq!(env.account(&a).level.map(|l| l.as_str()), Some("p1_3"), "a preview changes nothing");

    let done = sa(&env).promote(&PromoteRequest { expect: Some(2), ..p3_to_p4() }, true).unwrap();
    assert!(done.applied);
    assert_eq!(done.count, 2);
    for (login, class) in [(&a, "4A"), (&b, "4a")] {
        let acc = env.account(login);
        assert_eq!((acc.level.map(|l| l.as_str()), acc.class.unwrap().as_str()), (Some("p4_6"), class));
        let last = env.events(login).pop().unwrap();
        assert_eq!((last.event.as_str(), last.actor.as_str()), ("account_promoted", SA));
        assert!(last.detail.contains("level p1_3 → p4_6") && last.detail.contains("→ "), "{last:?}");
    }
    assert_eq!(env.account(&c).class.unwrap().as_str(), "5A");
    assert_eq!(env.account(&away).level.map(|l| l.as_str()), Some("p4_6"), "another school is not touched");
    assert_eq!(env.event_names(&away), ["account_created"]);
}

#[test]
fn a_whole_class_moves_to_a_named_class_and_a_second_run_changes_nobody() {
    let env = Env::new();
    let a = in_class(&env, "Ada_Lim@students.edu.sg", "Ada Lim", "secondary", "Sec 3 Integrity");
    let r = PromoteRequest {
        class: Some("sec 3 integrity".into()),
        to_class: Some("Sec 4 Integrity".into()),
        ..Default::default()
    };
    assert_eq!(env.admin().promote(&r, true).unwrap().count, 1);
    assert_eq!(env.account(&a).class.unwrap().as_str(), "Sec 4 Integrity");
    assert_eq!(env.admin().promote(&r, true).unwrap().count, 0);
}

#[test]
fn a_promotion_is_refused_when_the_students_changed_since_the_preview() {
    let env = Env::new();
    let a = in_class(&env, "Ada_Lim@students.edu.sg", "Ada Lim", "p1_3", "3A");
    let e = env.admin().promote(&PromoteRequest { expect: Some(2), ..p3_to_p4() }, true).unwrap_err();
    assert_eq!(e.text().unwrap().id(), "promote-changed");
    assert_eq!(env.account(&a).class.unwrap().as_str(), "3A");
}

#[test]
fn a_promotion_needs_whom_and_what_and_not_both_a_new_class_and_the_next_one() {
    let env = Env::new();
    let admin = env.admin();
    let nobody = PromoteRequest { to_level: Some("p4_6".into()), ..Default::default() };
    assert_eq!(admin.promote(&nobody, false).unwrap_err().text().unwrap().id(), "promote-select");
    let nothing = PromoteRequest { level: Some("p1_3".into()), ..Default::default() };
    assert_eq!(admin.promote(&nothing, false).unwrap_err().text().unwrap().id(), "promote-nothing");
    let both = PromoteRequest { to_class: Some("4A".into()), ..p3_to_p4() };
    assert_eq!(admin.promote(&both, false).unwrap_err().text().unwrap().id(), "promote-class-twice");
    let bad = PromoteRequest { class: Some("3A/3B".into()), ..p3_to_p4() };
    assert_eq!(admin.promote(&bad, false).unwrap_err().text().unwrap().id(), "class-invalid");
}

#[test]
fn an_la_may_not_promote_students_and_an_sa_not_those_of_another_location() {
    let env = Env::new();
    let a = in_class(&env, "Ada_Lim@students.edu.sg", "Ada Lim", "p1_3", "3A");
    assert_eq!(la(&env).promote(&p3_to_p4(), false).unwrap_err().code(), "refused");
    let there = PromoteRequest { location: Some(AWAY.into()), ..p3_to_p4() };
    assert_eq!(sa(&env).promote(&there, true).unwrap_err().code(), "refused");
    assert_eq!(env.account(&a).level.map(|l| l.as_str()), Some("p1_3"));
    let refused = env.events("class 3A");
    assert_eq!(refused.len(), 2, "the audit names the selection");
    assert!(refused.iter().all(|e| e.event == "account_promoted" && e.outcome == "refused"), "{refused:?}");
}

#[test]
fn the_console_operations_create_with_roles_generic_and_class_and_edit_disable_and_delete_by_json() {
    let env = Env::new();
    let irene = scoped(&env, "Irene_Koh@schools.gov.sg", &[Role::Sa, Role::La], HOME);
    let run = |request: serde_json::Value| console_ops::run(&irene, serde_json::from_value(request).unwrap());
    let shared = json!({"op": "create", "account": {"login": "Office_Shared@schools.gov.sg", "name": "School Office",
        "kind": "school_staff", "work_email": "office@ces.gov.sg", "generic": true, "roles": ["sa"]}});
    let created = run(shared).unwrap();
    assert_eq!(created["issued"][0]["login"], "Office_Shared@schools.gov.sg", "{created}");
    let office = env.account("Office_Shared@schools.gov.sg");
    assert!(office.generic && office.roles == [Role::Sa], "{office:?}");
    let ao = json!({"op": "create", "account": {"login": "Alan_Ong@schools.gov.sg", "name": "Alan Ong",
        "kind": "school_staff", "roles": ["ao"]}});
    assert_eq!(run(ao).unwrap_err().code(), "refused", "only roles the administrator holds");
    let pupil = json!({"op": "create", "account": {"login": "Ada_Lim@students.edu.sg", "name": "Ada Lim",
        "kind": "student", "level": "p1_3", "class": "1C"}});
    run(pupil).unwrap();
    let page = run(json!({"op": "edit", "login": "Ada_Lim@students.edu.sg", "changes": {"class": "1D"}})).unwrap();
    assert_eq!(page["account"]["class"], "1D");
    let page = run(json!({"op": "disable", "login": "Ada_Lim@students.edu.sg"})).unwrap();
    assert_eq!(page["account"]["state"], "disabled");
    let page = run(json!({"op": "enable", "login": "Ada_Lim@students.edu.sg"})).unwrap();
    assert_eq!(page["account"]["disabled"], false);
    let preview = json!({"op": "promote", "promote": {"class": "1D", "to_class": "2D"}, "preview": true});
    assert_eq!(run(preview).unwrap()["count"], 1);
    let gone = run(json!({"op": "delete", "login": "Ada_Lim@students.edu.sg"})).unwrap();
    assert_eq!(gone["deleted"]["login"], "Ada_Lim@students.edu.sg");
    // An operation's fields are checked like every other's: no stray field, no missing preview.
    let stray = json!({"op": "disable", "login": "X@students.edu.sg", "force": true});
    assert!(serde_json::from_value::<console_ops::ConsoleRequest>(stray).is_err());
    let unsure = json!({"op": "promote", "promote": {"class": "1D", "to_class": "2D"}});
    assert!(serde_json::from_value::<console_ops::ConsoleRequest>(unsure).is_err(), "preview is never assumed");
}

#[test]
fn the_demo_school_has_classes_and_an_inactive_account_refused_at_sign_in() {
    let env = Env::with_data_key();
    gatehouse_core::demo::seed(&env.engine).unwrap();
    let four_a = env.admin().list(&class_filter("4a")).unwrap();
    assert_eq!(logins(&four_a), ["Ada_Lim@students.edu.sg", "Gus_Tay@students.edu.sg"]);
    assert_eq!(four_a[1].state, "disabled");
    let mut d = env.session();
    let r = d.sign_in("Gus_Tay@students.edu.sg", gatehouse_core::demo::PASSWORD);
    assert_eq!(code(&r), Some("account_disabled"), "{r}");
}

#[test]
fn a_class_label_advances_its_first_number_and_compares_without_ascii_case() {
    let next = |s: &str| ClassLabel::parse(s).unwrap().advanced().map(|c| c.as_str().to_owned());
    assert_eq!(next("3A").as_deref(), Some("4A"));
    assert_eq!(next("P3 Kindness").as_deref(), Some("P4 Kindness"));
    assert_eq!(next("Sec 9").as_deref(), Some("Sec 10"));
    assert_eq!(next("Ruby"), None);
    assert_eq!(ClassLabel::parse("  4   a ").unwrap().as_str(), "4 a");
    assert_eq!(ClassLabel::parse("4a").unwrap(), ClassLabel::parse("4A").unwrap());
    assert!(ClassLabel::parse("").is_err());
}

#[test]
fn a_new_level_is_given_to_a_class_not_to_a_whole_level_so_p1_and_p2_pupils_keep_theirs() {
    let env = Env::new();
    let one = in_class(&env, "Ada_Lim@students.edu.sg", "Ada Lim", "p1_3", "1A");
    let two = in_class(&env, "Ben_Koh@students.edu.sg", "Ben Koh", "p1_3", "2B");
    let three = in_class(&env, "Cai_Tan@students.edu.sg", "Cai Tan", "p1_3", "3A");
    let whole = PromoteRequest { level: Some("p1_3".into()), class: None, ..p3_to_p4() };
    let e = sa(&env).promote(&whole, true).unwrap_err();
    assert_eq!((e.field(), e.text().unwrap().id()), (Some("class"), "promote-level-needs-class"));
    assert_eq!(env.account(&one).level.map(|l| l.as_str()), Some("p1_3"), "a 7-year-old gets no Gmail");
    // The class named, with its level: only P3 moves up.
    let done = sa(&env).promote(&PromoteRequest { level: Some("p1_3".into()), ..p3_to_p4() }, true).unwrap();
    assert_eq!(done.count, 1);
    assert_eq!((env.account(&three).level.map(|l| l.as_str()), class_of(&env, &three)), (Some("p4_6"), "4A".into()));
    for (login, class) in [(&one, "1A"), (&two, "2B")] {
        assert_eq!((env.account(login).level.map(|l| l.as_str()), class_of(&env, login)), (Some("p1_3"), class.into()));
    }
}

#[test]
fn the_next_class_never_passes_the_last_year_of_a_level_and_those_students_are_shown_as_leaving() {
    let env = Env::new();
    let four = in_class(&env, "Ada_Lim@students.edu.sg", "Ada Lim", "p4_6", "4A");
    let six = in_class(&env, "Ben_Koh@students.edu.sg", "Ben Koh", "p4_6", "6A");
    let jc1 = in_class(&env, "Cai_Tan@students.edu.sg", "Cai Tan", "jc_mi", "JC1 A");
    let jc2 = in_class(&env, "Dan_Ong@students.edu.sg", "Dan Ong", "jc_mi", "JC2 A");
    let mi2 = in_class(&env, "Eve_Goh@students.edu.sg", "Eve Goh", "jc_mi", "MI2");
    let sec5 = in_class(&env, "Fay_Lee@students.edu.sg", "Fay Lee", "secondary", "Sec 5 Grace");
    let p3 = in_class(&env, "Gus_Tay@students.edu.sg", "Gus Tay", "p1_3", "3B");

    let preview = sa(&env).promote(&next_class_of("p4_6"), false).unwrap();
    let leaving: Vec<(&str, Option<&str>)> =
        preview.leaving.iter().map(|u| (u.login.as_str(), u.class.as_deref())).collect();
    assert_eq!(leaving, [(six.as_str(), Some("6A"))], "{preview:?}");
    assert_eq!(preview.count, 1);
    sa(&env).promote(&PromoteRequest { expect: Some(1), ..next_class_of("p4_6") }, true).unwrap();
    assert_eq!((class_of(&env, &four), class_of(&env, &six)), ("5A".into(), "6A".into()), "no 7A");

    let jc = sa(&env).promote(&next_class_of("jc_mi"), true).unwrap();
    assert_eq!(jc.count, 2, "{jc:?}");
    assert_eq!(
        (class_of(&env, &jc1), class_of(&env, &jc2), class_of(&env, &mi2)),
        ("JC2 A".into(), "JC2 A".into(), "MI3".into())
    );
    assert_eq!(jc.leaving.len(), 1);
    let sec = sa(&env).promote(&next_class_of("secondary"), true).unwrap();
    assert_eq!((sec.count, class_of(&env, &sec5)), (0, "Sec 5 Grace".into()));
    // P3's next class is not P1–P3's: without a new level, the class stays as it is.
    let r = PromoteRequest { class: Some("3B".into()), next_class: true, ..Default::default() };
    assert_eq!(sa(&env).promote(&r, true).unwrap().leaving.len(), 1);
    assert_eq!(class_of(&env, &p3), "3B");
}

#[test]
fn a_next_class_promotion_run_twice_moves_nobody_the_second_time_and_shows_who_was_already_promoted() {
    let env = Env::new();
    let four = in_class(&env, "Ada_Lim@students.edu.sg", "Ada Lim", "p4_6", "4A");
    let five = in_class(&env, "Ben_Koh@students.edu.sg", "Ben Koh", "p4_6", "5A");
    let three = in_class(&env, "Cai_Tan@students.edu.sg", "Cai Tan", "p1_3", "3A");
    // P3 first (the wrong order), then the level: the new P4s are not moved again.
    sa(&env).promote(&p3_to_p4(), true).unwrap();
    let done = sa(&env).promote(&next_class_of("p4_6"), true).unwrap();
    assert_eq!(done.count, 2, "{done:?}");
    assert_eq!(done.already_promoted.iter().map(|u| u.login.as_str()).collect::<Vec<_>>(), [three.as_str()]);
    assert_eq!(
        (class_of(&env, &three), class_of(&env, &four), class_of(&env, &five)),
        ("4A".into(), "5A".into(), "6A".into())
    );
    let again = sa(&env).promote(&PromoteRequest { expect: Some(0), ..next_class_of("p4_6") }, true).unwrap();
    assert_eq!((again.count, again.already_promoted.len()), (0, 3), "{again:?}");
    assert_eq!((class_of(&env, &four), class_of(&env, &five)), ("5A".into(), "6A".into()), "moved once");
    // A year on, the next promotion moves them again.
    env.clock.advance(PromotionReport::PROMOTED_WITHIN_DAYS * DAY + 1);
    assert_eq!(sa(&env).promote(&next_class_of("p4_6"), true).unwrap().count, 2);
    assert_eq!(class_of(&env, &four), "6A");
}

#[test]
fn an_operator_naming_no_location_is_refused_when_the_students_are_at_more_than_one() {
    let env = Env::new();
    let here = at(&env, "Ada_Lim@students.edu.sg", "Ada Lim", "p4_6", "4A", HOME);
    let there = at(&env, "Ben_Koh@students.edu.sg", "Ben Koh", "p4_6", "4A", AWAY);
    let e = env.admin().reset_class("4A", None).unwrap_err();
    assert_eq!((e.field(), e.text().unwrap().id()), (Some("location"), "students-location-needed"));
    let r = PromoteRequest { class: Some("4A".into()), to_class: Some("5A".into()), ..Default::default() };
    let e = env.admin().promote(&r, true).unwrap_err();
    assert_eq!(e.text().unwrap().id(), "students-location-needed");
    assert_eq!((class_of(&env, &here), class_of(&env, &there)), ("4A".into(), "4A".into()));
    assert_eq!(env.event_names(&there), ["account_created"], "nobody was reset");
    // One location named, or every one on purpose.
    assert_eq!(env.admin().reset_class("4A", Some(HOME)).unwrap().len(), 1);
    assert_eq!(env.admin().reset_class_in("4A", None, true).unwrap().len(), 2);
    let every = PromoteRequest { all_locations: true, ..r };
    assert_eq!(env.admin().promote(&every, true).unwrap().count, 2);
}
