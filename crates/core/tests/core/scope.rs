//! Administrator scope (DESIGN §1): an SA acts on students of their location, an LA on staff of
//! their location (and sets work emails, requests transfers), an AO decides transfers to their
//! location; nobody changes their own account through the console; every refusal is audited; the
//! command line's operator is unrestricted. Also the transfers table's migration (v2 → v3).

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use gatehouse_core::admin::{Admin, CreateRequest};
use gatehouse_core::audit::AuditQuery;
use gatehouse_core::config::Config;
use gatehouse_core::console::{self, AdminIdentity};
use gatehouse_core::engine::KeyStore;
use gatehouse_core::error::ErrorBody;
use gatehouse_core::mail::Mailer;
use gatehouse_core::otp::{self, OtpParams};
use gatehouse_core::store::prelude::*;
use gatehouse_core::store::TransferDecision::{Approved, Rejected};
use gatehouse_core::store::{AccountFilter, SqliteStore, DB_FILE_NAME};
use gatehouse_core::types::{AccountKind, Location, Role, SecretString, TransferId};
use gatehouse_core::vault::Vault;
use gatehouse_core::{demo, Engine, Error};
use rusqlite::Connection;

use crate::common::*;

/// The school of the fixtures' requests (`student_request`, `staff_request`).
pub(crate) const HOME: &str = "S5521";
pub(crate) const AWAY: &str = "S7000";

pub(crate) const SA: &str = "Sam_Ali@schools.gov.sg";
pub(crate) const LA: &str = "Lena_Ho@schools.gov.sg";
const SA_LA: &str = "Irene_Koh@schools.gov.sg";
const AO_AWAY: &str = "Omar_Rahman@schools.gov.sg";
const AO_HOME: &str = "Alan_Ong@schools.gov.sg";

fn identity(login: &str, roles: &[Role], location: &str) -> AdminIdentity {
    AdminIdentity {
        login: login.into(),
        roles: roles.to_vec(),
        location: Location::parse(location).unwrap(),
        signed_in_at: 0,
        stamp: None,
        factor_by: None,
        factor_at: None,
    }
}

pub(crate) fn scoped(env: &Env, login: &str, roles: &[Role], location: &str) -> Admin {
    Admin::scoped(Arc::clone(&env.engine), identity(login, roles, location))
}

pub(crate) fn sa(env: &Env) -> Admin {
    scoped(env, SA, &[Role::Sa], HOME)
}

pub(crate) fn la(env: &Env) -> Admin {
    scoped(env, LA, &[Role::La], HOME)
}

fn ao_away(env: &Env) -> Admin {
    scoped(env, AO_AWAY, &[Role::Ao], AWAY)
}

pub(crate) fn student_at(env: &Env, login: &str, name: &str, location: &str) -> String {
    let r = CreateRequest { location: Some(location.into()), ..student_request(login, name, "p4_6") };
    env.admin().create(&r).expect("operator creates the student").login
}

pub(crate) fn staff_at(env: &Env, login: &str, name: &str, location: &str) -> String {
    let r = CreateRequest { location: Some(location.into()), ..staff_request(login, name) };
    env.admin().create(&r).expect("operator creates the staff member").login
}

fn hq_at(env: &Env, login: &str, name: &str, location: &str) -> String {
    let r = CreateRequest { kind: "hq_staff".into(), location: Some(location.into()), ..staff_request(login, name) };
    env.admin().create(&r).expect("operator creates the HQ staff member").login
}

/// Asserts a refusal whose message holds `rule`, and that the last event about `subject` records
/// it: outcome refused, `event`, the administrator as actor, the operation and the rule as detail.
#[track_caller]
pub(crate) fn assert_refused<T: std::fmt::Debug>(
    env: &Env,
    result: Result<T, Error>,
    actor: &str,
    subject: &str,
    event: &str,
    operation: &str,
    rule: &str,
) {
    let e = result.expect_err("should be refused");
    assert_eq!(e.code(), "refused", "{e}");
    assert!(e.to_string().contains(rule), "{e:?} does not say {rule:?}");
    let last = env.events(subject).pop().expect("the refusal is audited");
    assert_eq!(
        (last.event.as_str(), last.outcome.as_str(), last.actor.as_str(), last.subject.as_str()),
        (event, "refused", actor, subject),
        "{last:?}"
    );
    assert!(last.detail.contains(operation) && last.detail.contains(rule), "{last:?}");
}

#[test]
fn an_sa_resets_unlocks_and_clears_the_questions_of_a_student_of_their_own_location() {
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let mut d = env.session();
    for _ in 0..5 {
        d.sign_in(&chloe.login, WRONG_PASSWORD);
    }
    assert!(env.account(&chloe.login).is_locked());
    let sa = sa(&env);

    assert!(!sa.unlock(&chloe.login).unwrap().locked);
    assert!(!sa.clear_questions(&chloe.login).unwrap().questions_set);
    let issued = sa.reset_password(&chloe.login).unwrap();
    assert_eq!(issued.location, HOME);
    assert_eq!(sa.show(&chloe.login).unwrap().state, "temporary_password");
    assert_eq!(sa.delete_authenticators(&chloe.login).unwrap(), 0);

    let mine: Vec<(String, String)> =
        env.events(&chloe.login).into_iter().filter(|e| e.actor == SA).map(|e| (e.event, e.outcome)).collect();
    let ok = |e: &str| (e.to_owned(), "ok".to_owned());
    assert_eq!(mine, [ok("unlock"), ok("questions_cleared"), ok("password_reset"), ok("token_deleted")]);
}

#[test]
fn a_refusal_for_another_location_reaches_the_error_body_with_its_id_and_arguments() {
    let env = Env::new();
    let ivy = student_at(&env, "Ivy_Tan@students.edu.sg", "Ivy Tan", AWAY);
    let e = sa(&env).unlock(&ivy).unwrap_err();
    assert_eq!(
        serde_json::to_value(ErrorBody::from(&e)).unwrap(),
        serde_json::json!({
            "code": "refused",
            "message": "An SA acts on students of location S5521 only.",
            "id": "scope-location-acts-on",
            "args": {"role": "SA", "location": HOME},
        })
    );
}

#[test]
fn an_sa_is_refused_a_student_of_another_location_and_each_refusal_is_audited() {
    let env = Env::new();
    let ivy = student_at(&env, "Ivy_Tan@students.edu.sg", "Ivy Tan", AWAY);
    let sa = sa(&env);
    let rule = "An SA acts on students of location S5521 only.";
    assert_refused(&env, sa.reset_password(&ivy), SA, &ivy, "password_reset", "reset_password", rule);
    assert_refused(&env, sa.unlock(&ivy), SA, &ivy, "unlock", "unlock", rule);
    assert_refused(&env, sa.clear_questions(&ivy), SA, &ivy, "questions_cleared", "clear_questions", rule);
    assert_refused(&env, sa.delete_authenticators(&ivy), SA, &ivy, "token_deleted", "delete_authenticators", rule);
    assert_refused(&env, sa.show(&ivy), SA, &ivy, "account_viewed", "show", rule);
    assert_refused(&env, sa.authenticators(&ivy), SA, &ivy, "account_viewed", "show", rule);
    // Nothing changed: Ivy is still on the operator's temporary password.
    let a = env.account(&ivy);
    assert_eq!(env.event_names(&ivy).iter().filter(|e| *e == "password_reset").count(), 1, "only the refusal");
    assert_eq!(a.location.as_str(), AWAY);
    // An unknown login ID is still just not found (and nothing to audit about a person).
    assert_eq!(sa.reset_password("Nobody@students.edu.sg").unwrap_err().code(), "not_found");
}

#[test]
fn an_sa_is_refused_staff_even_of_their_own_location() {
    let env = Env::new();
    let grace = staff_at(&env, "Grace_Lee@schools.gov.sg", "Grace Lee", HOME);
    let sa = sa(&env);
    let rule = "Only an LA acts on staff (your roles: SA).";
    assert_refused(&env, sa.reset_password(&grace), SA, &grace, "password_reset", "reset_password", rule);
    assert_refused(
        &env,
        sa.set_work_email(&grace, Some("g@ces.gov.sg")),
        SA,
        &grace,
        "account_updated",
        "set_work_email",
        rule,
    );
    assert_refused(&env, sa.show(&grace), SA, &grace, "account_viewed", "show", rule);
    assert_eq!(env.account(&grace).work_email.unwrap().as_str(), "someone@ces.gov.sg");
}

#[test]
fn an_la_acts_on_school_and_hq_staff_of_their_own_location_including_the_work_email() {
    let env = Env::new();
    let grace = staff_at(&env, "Grace_Lee@schools.gov.sg", "Grace Lee", HOME);
    let henry = hq_at(&env, "Henry_Wong@hq.moe.gov.sg", "Henry Wong", HOME);
    let la = la(&env);
    for who in [&grace, &henry] {
        la.reset_password(who).unwrap();
        la.unlock(who).unwrap();
        la.clear_questions(who).unwrap();
        la.delete_authenticators(who).unwrap();
        assert!(la.authenticators(who).unwrap().is_empty());
    }
    let view = la.set_work_email(&grace, Some("grace.lee@ces.gov.sg")).unwrap();
    assert_eq!(view.work_email.as_deref(), Some("grace.lee@ces.gov.sg"));
    assert_eq!(la.set_work_email(&henry, None).unwrap().work_email, None);
    let update = env.events(&grace).pop().unwrap();
    assert_eq!((update.event.as_str(), update.outcome.as_str(), update.actor.as_str()), ("account_updated", "ok", LA));

    // Staff of another location are not theirs.
    let ken = staff_at(&env, "Ken_Lim@schools.gov.sg", "Ken Lim", AWAY);
    let rule = "An LA acts on staff of location S5521 only.";
    assert_refused(
        &env,
        la.set_work_email(&ken, Some("k@ces.gov.sg")),
        LA,
        &ken,
        "account_updated",
        "set_work_email",
        rule,
    );
    assert_refused(&env, la.reset_password(&ken), LA, &ken, "password_reset", "reset_password", rule);
}

#[test]
fn an_la_is_refused_a_student_unless_they_are_also_an_sa() {
    let env = Env::new();
    let ada = student_at(&env, "Ada_Lim@students.edu.sg", "Ada Lim", HOME);
    let la = la(&env);
    let rule = "Only an SA acts on students (your roles: LA).";
    assert_refused(&env, la.reset_password(&ada), LA, &ada, "password_reset", "reset_password", rule);
    assert_refused(&env, la.unlock(&ada), LA, &ada, "unlock", "unlock", rule);
    assert_refused(&env, la.show(&ada), LA, &ada, "account_viewed", "show", rule);

    // Both roles: the union.
    let both = scoped(&env, SA_LA, &[Role::Sa, Role::La], HOME);
    let grace = staff_at(&env, "Grace_Lee@schools.gov.sg", "Grace Lee", HOME);
    both.reset_password(&ada).unwrap();
    both.reset_password(&grace).unwrap();
    // An AO alone acts on no account.
    let ao = scoped(&env, AO_HOME, &[Role::Ao], HOME);
    assert_refused(
        &env,
        ao.unlock(&ada),
        AO_HOME,
        &ada,
        "unlock",
        "unlock",
        "Only an SA acts on students (your roles: AO).",
    );
    assert_refused(
        &env,
        ao.unlock(&grace),
        AO_HOME,
        &grace,
        "unlock",
        "unlock",
        "Only an LA acts on staff (your roles: AO).",
    );
}

#[test]
fn an_la_requests_a_transfer_the_ao_of_the_target_location_approves_it_and_the_account_moves() {
    let env = Env::new();
    let grace = staff_at(&env, "Grace_Lee@schools.gov.sg", "Grace Lee", HOME);
    let (la, ao) = (la(&env), ao_away(&env));

    let asked = la.request_transfer(&grace, "s7000").unwrap();
    assert_eq!((asked.from_location.as_str(), asked.to_location.as_str(), asked.state), (HOME, AWAY, "pending"));
    assert_eq!(asked.requested_by, LA);
    // The LA follows the request; the AO of the target sees it; the operator sees everything.
    assert_eq!(la.pending_transfers().unwrap(), vec![asked.clone()]);
    assert_eq!(ao.pending_transfers().unwrap(), vec![asked.clone()]);
    assert_eq!(env.admin().pending_transfers().unwrap(), vec![asked.clone()]);
    assert!(ao_home_pending(&env).is_empty());
    assert_eq!(env.account(&grace).location.as_str(), HOME, "a request alone moves nothing");

    let done = ao.decide_transfer(asked.id, Approved).unwrap();
    assert_eq!((done.state, done.decided_by.as_deref()), ("approved", Some(AO_AWAY)));
    assert_eq!(env.account(&grace).location.as_str(), AWAY);
    assert!(ao.pending_transfers().unwrap().is_empty());

    // The audit shows both steps, by whom.
    let steps: Vec<(String, String, String)> = env
        .events(&grace)
        .into_iter()
        .filter(|e| e.event.starts_with("transfer"))
        .map(|e| (e.event, e.actor, e.outcome))
        .collect();
    assert_eq!(
        steps,
        [
            ("transfer_requested".into(), LA.into(), "ok".into()),
            ("transfer_decided".into(), AO_AWAY.into(), "ok".into())
        ]
    );
    let decided = env.events(&grace).pop().unwrap();
    assert!(decided.detail.contains("S5521 to S7000 approved"), "{decided:?}");

    // Grace now belongs to the LA of her new location, not the old one.
    assert_refused(
        &env,
        la.reset_password(&grace),
        LA,
        &grace,
        "password_reset",
        "reset_password",
        "location S5521 only",
    );
    scoped(&env, "Kay_Tan@schools.gov.sg", &[Role::La], AWAY).reset_password(&grace).unwrap();
}

fn ao_home_pending(env: &Env) -> Vec<gatehouse_core::admin::TransferView> {
    scoped(env, AO_HOME, &[Role::Ao], HOME).pending_transfers().unwrap()
}

#[test]
fn an_la_may_request_a_transfer_of_a_student_of_their_location_but_not_an_sa() {
    let env = Env::new();
    let ada = student_at(&env, "Ada_Lim@students.edu.sg", "Ada Lim", HOME);
    let sa = sa(&env);
    let rule = "Only an LA requests location transfers (your roles: SA).";
    assert_refused(&env, sa.request_transfer(&ada, AWAY), SA, &ada, "transfer_requested", "request_transfer", rule);
    let t = la(&env).request_transfer(&ada, AWAY).unwrap();
    assert_eq!(t.login, ada);
    // An account of another location is not the LA's to send.
    let ivy = student_at(&env, "Ivy_Tan@students.edu.sg", "Ivy Tan", AWAY);
    let rule = "An LA requests transfers of accounts of location S5521 only.";
    assert_refused(
        &env,
        la(&env).request_transfer(&ivy, HOME),
        LA,
        &ivy,
        "transfer_requested",
        "request_transfer",
        rule,
    );
}

#[test]
fn a_second_request_while_one_is_pending_is_refused_and_a_move_to_the_same_place_is_invalid() {
    let env = Env::new();
    let grace = staff_at(&env, "Grace_Lee@schools.gov.sg", "Grace Lee", HOME);
    let la = la(&env);
    let first = la.request_transfer(&grace, AWAY).unwrap();
    assert_refused(
        &env,
        la.request_transfer(&grace, "S8000"),
        LA,
        &grace,
        "transfer_requested",
        "request_transfer",
        &format!("Transfer request #{} of this account (to location S7000) is still pending", first.id),
    );
    let e = la.request_transfer(&grace, HOME).unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid_input", Some("location")));
    assert_eq!(la.request_transfer(&grace, "no way!").unwrap_err().field(), Some("location"));
    assert_eq!(env.admin().pending_transfers().unwrap().len(), 1);
}

#[test]
fn an_ao_of_another_location_cannot_approve_and_neither_can_an_la() {
    let env = Env::new();
    let grace = staff_at(&env, "Grace_Lee@schools.gov.sg", "Grace Lee", HOME);
    let t = la(&env).request_transfer(&grace, AWAY).unwrap();

    let ao_home = scoped(&env, AO_HOME, &[Role::Ao], HOME);
    let rule = "An AO decides transfers to location S5521 only.";
    assert_refused(
        &env,
        ao_home.decide_transfer(t.id, Approved),
        AO_HOME,
        &grace,
        "transfer_decided",
        "decide_transfer",
        rule,
    );
    assert_refused(
        &env,
        ao_home.decide_transfer(t.id, Rejected),
        AO_HOME,
        &grace,
        "transfer_decided",
        "decide_transfer",
        rule,
    );
    let rule = "Only an AO approves or rejects location transfers (your roles: SA+LA).";
    let both = scoped(&env, SA_LA, &[Role::Sa, Role::La], AWAY);
    assert_refused(
        &env,
        both.decide_transfer(t.id, Approved),
        SA_LA,
        &grace,
        "transfer_decided",
        "decide_transfer",
        rule,
    );

    assert_eq!(env.account(&grace).location.as_str(), HOME);
    assert_eq!(env.admin().pending_transfers().unwrap(), [t]);
    assert_eq!(ao_away(&env).decide_transfer(TransferId(999), Approved).unwrap_err().field(), Some("transfer"));
}

#[test]
fn a_decided_transfer_cannot_be_decided_twice() {
    let env = Env::new();
    let grace = staff_at(&env, "Grace_Lee@schools.gov.sg", "Grace Lee", HOME);
    let ken = staff_at(&env, "Ken_Lim@schools.gov.sg", "Ken Lim", HOME);
    let (la, ao) = (la(&env), ao_away(&env));

    let approved = la.request_transfer(&grace, AWAY).unwrap();
    ao.decide_transfer(approved.id, Approved).unwrap();
    let rule = format!("Transfer request #{} was already approved by {AO_AWAY}", approved.id);
    assert_refused(
        &env,
        ao.decide_transfer(approved.id, Rejected),
        AO_AWAY,
        &grace,
        "transfer_decided",
        "decide_transfer",
        &rule,
    );
    assert!(env
        .admin()
        .decide_transfer(approved.id, Approved)
        .unwrap_err()
        .to_string()
        .contains("cannot be decided again"));
    assert_eq!(env.account(&grace).location.as_str(), AWAY);

    // A rejection leaves the account where it is, and is final too.
    let rejected = la.request_transfer(&ken, AWAY).unwrap();
    assert_eq!(ao.decide_transfer(rejected.id, Rejected).unwrap().state, "rejected");
    assert_eq!(env.account(&ken).location.as_str(), HOME);
    let rule = format!("Transfer request #{} was already rejected", rejected.id);
    assert_refused(
        &env,
        ao.decide_transfer(rejected.id, Approved),
        AO_AWAY,
        &ken,
        "transfer_decided",
        "decide_transfer",
        &rule,
    );
    assert_eq!(env.account(&ken).location.as_str(), HOME);
    // After a decision, a new request may be made.
    la.request_transfer(&ken, "S8000").unwrap();

    // The database itself refuses to change a decided request (the SQLite file's trigger).
    if !crate::support::on_postgres() {
        let raw = Connection::open(env.db_path()).unwrap();
        let e = raw.execute("UPDATE transfers SET decision = 'rejected' WHERE id = ?1", [approved.id.0]).unwrap_err();
        assert!(e.to_string().contains("final"), "{e}");
    }
}

#[test]
fn an_administrator_cannot_change_their_own_account_through_the_console_but_can_read_it() {
    let env = Env::new();
    let me = staff_at(&env, SA_LA, "Irene Koh", HOME);
    let admin = scoped(&env, "irene_koh@SCHOOLS.gov.sg", &[Role::Sa, Role::La], HOME);
    let actor = "irene_koh@SCHOOLS.gov.sg";
    let own = "their own account through the console";
    assert_refused(&env, admin.reset_password(&me), actor, &me, "password_reset", "reset_password", own);
    assert_refused(&env, admin.unlock(&me), actor, &me, "unlock", "unlock", own);
    assert_refused(&env, admin.clear_questions(&me), actor, &me, "questions_cleared", "clear_questions", own);
    assert_refused(&env, admin.set_work_email(&me, None), actor, &me, "account_updated", "set_work_email", own);
    assert_refused(&env, admin.delete_authenticators(&me), actor, &me, "token_deleted", "delete_authenticators", own);
    assert_refused(
        &env,
        admin.reset_passwords(std::slice::from_ref(&me)),
        actor,
        &me,
        "password_reset",
        "reset_password",
        own,
    );
    let e = admin.reset_password(&me).unwrap_err();
    assert!(e.to_string().contains("cannot reset the password of their own account"), "{e}");
    // Reading is allowed.
    assert_eq!(admin.show(&me).unwrap().login, me);
    admin.authenticators(&me).unwrap();

    // An AO cannot decide a transfer of their own account either.
    let omar = staff_at(&env, AO_AWAY, "Omar Rahman", HOME);
    let t = la(&env).request_transfer(&omar, AWAY).unwrap();
    let rule = "An administrator cannot decide a transfer of their own account.";
    assert_refused(
        &env,
        ao_away(&env).decide_transfer(t.id, Approved),
        AO_AWAY,
        &omar,
        "transfer_decided",
        "decide_transfer",
        rule,
    );
    assert_eq!(env.account(&omar).location.as_str(), HOME);
}

#[test]
fn list_and_show_are_filtered_to_the_accounts_in_scope() {
    let env = Env::new();
    let ada = student_at(&env, "Ada_Lim@students.edu.sg", "Ada Lim", HOME);
    let ben = student_at(&env, "Ben_Tan@students.edu.sg", "Ben Tan", HOME);
    let ivy = student_at(&env, "Ivy_Tan@students.edu.sg", "Ivy Tan", AWAY);
    let grace = staff_at(&env, "Grace_Lee@schools.gov.sg", "Grace Lee", HOME);
    let henry = hq_at(&env, "Henry_Wong@hq.moe.gov.sg", "Henry Wong", HOME);
    let ken = staff_at(&env, "Ken_Lim@schools.gov.sg", "Ken Lim", AWAY);
    let logins = |admin: &Admin, f: &AccountFilter| -> Vec<String> {
        admin.list(f).unwrap().into_iter().map(|v| v.login).collect()
    };
    let all = AccountFilter::default();

    assert_eq!(logins(&sa(&env), &all), [ada.clone(), ben.clone()]);
    assert_eq!(logins(&la(&env), &all), [grace.clone(), henry.clone()]);
    let both = scoped(&env, SA_LA, &[Role::Sa, Role::La], HOME);
    assert_eq!(logins(&both, &all), [ada.clone(), ben.clone(), grace.clone(), henry.clone()]);
    assert!(logins(&scoped(&env, AO_HOME, &[Role::Ao], HOME), &all).is_empty());
    assert_eq!(logins(&env.admin(), &all).len(), 6);

    // Filters narrow the scope, never widen it.
    let away = AccountFilter { location: Some(Location::parse(AWAY).unwrap()), ..Default::default() };
    assert!(logins(&both, &away).is_empty());
    let staff = AccountFilter { kind: Some(AccountKind::SchoolStaff), ..Default::default() };
    assert!(logins(&sa(&env), &staff).is_empty());
    assert_eq!(logins(&both, &staff), vec![grace.clone()]);
    let search = AccountFilter { text: Some("tan".into()), ..Default::default() };
    assert_eq!(logins(&both, &search), vec![ben.clone()]);
    let limited = AccountFilter { limit: 3, ..Default::default() };
    assert_eq!(logins(&both, &limited), [ada.clone(), ben.clone(), grace.clone()]);
    let limited_la = AccountFilter { limit: 1, ..Default::default() };
    assert_eq!(logins(&la(&env), &limited_la), vec![grace.clone()]);

    // show outside the scope is refused the same way.
    assert_eq!(both.show(&ada).unwrap().login, ada);
    assert_refused(
        &env,
        both.show(&ivy),
        SA_LA,
        &ivy,
        "account_viewed",
        "show",
        "An SA acts on students of location S5521 only.",
    );
    assert_refused(
        &env,
        both.show(&ken),
        SA_LA,
        &ken,
        "account_viewed",
        "show",
        "An LA acts on staff of location S5521 only.",
    );
}

#[test]
fn creating_outside_ones_location_kind_or_roles_is_refused_and_a_missing_location_is_ones_own() {
    let env = Env::new();
    let (sa, la) = (sa(&env), la(&env));

    let away =
        CreateRequest { location: Some(AWAY.into()), ..student_request("Ivy_Tan@students.edu.sg", "Ivy Tan", "p4_6") };
    assert_refused(
        &env,
        sa.create(&away),
        SA,
        "Ivy_Tan@students.edu.sg",
        "account_created",
        "create",
        "An SA creates students of location S5521 only.",
    );
    let staff = staff_request("Grace_Lee@schools.gov.sg", "Grace Lee");
    assert_refused(
        &env,
        sa.create(&staff),
        SA,
        "Grace_Lee@schools.gov.sg",
        "account_created",
        "create",
        "Only an LA creates staff accounts (your roles: SA).",
    );
    let student = student_request("Ada_Lim@students.edu.sg", "Ada Lim", "p4_6");
    assert_refused(
        &env,
        la.create(&student),
        LA,
        "Ada_Lim@students.edu.sg",
        "account_created",
        "create",
        "Only an SA creates student accounts (your roles: LA).",
    );
    let ao = CreateRequest { roles: vec!["ao".into()], ..staff.clone() };
    assert_refused(
        &env,
        la.create(&ao),
        LA,
        "Grace_Lee@schools.gov.sg",
        "account_created",
        "create",
        "only roles they hold (LA), not AO",
    );
    assert_eq!(env.store().count_accounts().unwrap(), 0, "nothing was created by the refusals");

    // Within scope it works; without a location the account is at the administrator's.
    assert_eq!(sa.create(&student).unwrap().location, HOME);
    let no_location = CreateRequest { location: None, ..student_request("Ben_Tan@students.edu.sg", "Ben Tan", "p1_3") };
    assert_eq!(sa.create(&no_location).unwrap().location, HOME);
    let la_staff = CreateRequest { location: Some(" ".into()), roles: vec!["la".into()], ..staff };
    assert_eq!(la.create(&la_staff).unwrap().location, HOME);
    // The operator's default is unchanged.
    let op = CreateRequest { location: None, ..student_request("Cai_Li@students.edu.sg", "Cai Li", "p1_3") };
    assert_eq!(env.admin().create(&op).unwrap().location, gatehouse_core::admin::DEFAULT_LOCATION);
}

#[test]
fn a_scoped_import_refuses_the_rows_outside_scope_by_line_and_creates_the_rest() {
    let env = Env::new();
    let csv = "login,name,kind,level,location\n\
               Amy_Tan@students.edu.sg,Amy Tan,student,p4_6,S5521\n\
               Ivy_Tan@students.edu.sg,Ivy Tan,student,p4_6,S7000\n\
               Fay_Koh@schools.gov.sg,Fay Koh,school_staff,,S5521\n\
               Jo_Lau@students.edu.sg,Jo Lau,student,jc_mi,\n";
    let report = sa(&env).import_csv(csv.as_bytes(), &mut |_| {}, &AtomicBool::new(false)).unwrap();
    let created: Vec<(&str, &str)> = report.created.iter().map(|c| (c.login.as_str(), c.location.as_str())).collect();
    assert_eq!(created, [("Amy_Tan@students.edu.sg", HOME), ("Jo_Lau@students.edu.sg", HOME)]);
    let errors: Vec<(u64, &str)> = report.errors.iter().map(|e| (e.line, e.reason.as_str())).collect();
    assert_eq!(
        errors,
        [
            (3, "An SA creates students of location S5521 only."),
            (4, "Only an LA creates staff accounts (your roles: SA).")
        ]
    );
    let refused = env.events("Ivy_Tan@students.edu.sg").pop().unwrap();
    assert_eq!((refused.outcome.as_str(), refused.actor.as_str()), ("refused", SA));
    assert!(refused.detail.contains("import line 3"), "{refused:?}");
}

#[test]
fn an_las_console_import_refuses_each_row_giving_roles_by_line_and_creates_the_rest() {
    // A "staff list" whose line 3 makes its author an LA: the console says so by line, before and
    // during the import, and makes no administrator; the rest of the file is imported.
    let env = Env::new();
    let admin = la(&env);
    let run = |request: serde_json::Value| {
        gatehouse_core::console_ops::run(&admin, serde_json::from_value(request).unwrap()).unwrap()
    };
    let csv = "login,name,kind,level,location,roles\n\
               Fay_Koh@schools.gov.sg,Fay Koh,school_staff,,S5521,\n\
               Mal_Ong@schools.gov.sg,Mal Ong,school_staff,,S5521,la\n\
               Gus_Tay@schools.gov.sg,Gus Tay,school_staff,,S5521,\n";
    let said = |answer: &serde_json::Value| -> Vec<(u64, String)> {
        let errors = answer["errors"].as_array().unwrap();
        errors.iter().map(|e| (e["line"].as_u64().unwrap(), e["id"].as_str().unwrap().to_owned())).collect()
    };
    let roles_refused = vec![(3, "import-row-roles-console".to_owned())];

    let checked = run(serde_json::json!({"op": "import_check", "csv": csv}));
    assert_eq!((checked["rows"].as_u64(), checked["good"].as_u64()), (Some(3), Some(2)), "{checked}");
    assert_eq!(said(&checked), roles_refused);
    let reason = checked["errors"][0]["reason"].as_str().unwrap();
    assert!(reason.contains("(la)") && reason.contains("Create an account"), "{reason}");
    assert!(reason.contains("gatehouse-cli admin import --allow-roles"), "{reason}");

    let imported = run(serde_json::json!({"op": "import", "csv": csv}));
    assert_eq!(imported["created"].as_u64(), Some(2), "{imported}");
    assert_eq!(said(&imported), roles_refused);
    let accounts = env.admin().list(&AccountFilter::default()).unwrap();
    let logins: Vec<&str> = accounts.iter().map(|a| a.login.as_str()).collect();
    assert_eq!(logins, ["Fay_Koh@schools.gov.sg", "Gus_Tay@schools.gov.sg"]);
    assert!(accounts.iter().all(|a| a.roles.is_empty()), "{accounts:?}");
    let refused = env.events("Mal_Ong@schools.gov.sg").pop().unwrap();
    assert_eq!((refused.outcome.as_str(), refused.actor.as_str()), ("refused", LA));
    assert!(refused.detail.contains("import line 3"), "{refused:?}");
}

/// A file for the SA of HOME: line 2 is theirs, line 3 at another school, line 4 a staff member,
/// line 5 theirs again.
const MIXED_IMPORT: &str = "login,name,kind,level,location\n\
                            Amy_Tan@students.edu.sg,Amy Tan,student,p4_6,S5521\n\
                            Ivy_Tan@students.edu.sg,Ivy Tan,student,p4_6,S7000\n\
                            Fay_Koh@schools.gov.sg,Fay Koh,school_staff,,S5521\n\
                            Jo_Lau@students.edu.sg,Jo Lau,student,jc_mi,S5521\n";

fn console(admin: &Admin, request: serde_json::Value) -> serde_json::Value {
    gatehouse_core::console_ops::run(admin, serde_json::from_value(request).unwrap()).unwrap()
}

#[test]
fn checking_an_import_file_writes_no_audit_record_even_for_the_rows_it_refuses() {
    let env = Env::new();
    let before = env.all_events().len();
    let checked = console(&sa(&env), serde_json::json!({"op": "import_check", "csv": MIXED_IMPORT}));
    assert_eq!((checked["rows"].as_u64(), checked["good"].as_u64()), (Some(4), Some(2)), "{checked}");
    assert_eq!(checked["errors"].as_array().unwrap().len(), 2, "{checked}");
    let roles = "login,name,kind,level,location,roles\nMal_Ong@schools.gov.sg,Mal Ong,school_staff,,S5521,la\n";
    let checked = console(&la(&env), serde_json::json!({"op": "import_check", "csv": roles}));
    assert_eq!(checked["errors"][0]["id"], "import-row-roles-console", "{checked}");
    assert_eq!(env.all_events().len(), before, "{:?}", env.all_events());
}

#[test]
fn an_import_audits_each_refused_row_exactly_once_even_after_a_check() {
    let env = Env::new();
    let admin = sa(&env);
    console(&admin, serde_json::json!({"op": "import_check", "csv": MIXED_IMPORT}));
    let imported = console(&admin, serde_json::json!({"op": "import", "csv": MIXED_IMPORT}));
    assert_eq!(imported["created"].as_u64(), Some(2), "{imported}");
    let refused: Vec<(String, String)> =
        env.all_events().into_iter().filter(|e| e.outcome == "refused").map(|e| (e.subject, e.detail)).collect();
    assert_eq!(
        refused,
        [
            (
                "Ivy_Tan@students.edu.sg".to_owned(),
                "create refused: import line 3: An SA creates students of location S5521 only.".to_owned()
            ),
            (
                "Fay_Koh@schools.gov.sg".to_owned(),
                "create refused: import line 4: Only an LA creates staff accounts (your roles: SA).".to_owned()
            ),
        ]
    );
}

#[test]
fn checking_a_row_whose_login_exists_at_another_school_answers_as_for_a_login_that_does_not_exist() {
    let env = Env::new();
    student_at(&env, "Ivy_Tan@students.edu.sg", "Ivy Tan", AWAY);
    let ada = student_at(&env, "Ada_Lim@students.edu.sg", "Ada Lim", HOME);
    let admin = sa(&env);
    let check = |login: &str, location: &str| {
        let csv = format!("login,name,kind,level,location\n{login},Ivy Tan,student,p4_6,{location}\n");
        let answer = console(&admin, serde_json::json!({"op": "import_check", "csv": csv}));
        answer.to_string().replace(login, "LOGIN")
    };
    // A row at the SA's school: the same answer whether the login is taken elsewhere or free.
    assert_eq!(check("Ivy_Tan@students.edu.sg", HOME), check("Una_Ng@students.edu.sg", HOME));
    assert!(check("Una_Ng@students.edu.sg", HOME).contains(r#""good":1"#));
    // A row at another school is refused for that, whether its login exists or not.
    assert_eq!(check("Ivy_Tan@students.edu.sg", AWAY), check("Una_Ng@students.edu.sg", AWAY));
    assert!(check("Ivy_Tan@students.edu.sg", AWAY).contains("An SA creates students of location S5521 only."));
    // One of the SA's own pupils is named: they may look her up anyway.
    assert!(check(&ada, HOME).contains("import-row-exists"), "{}", check(&ada, HOME));

    // The import itself finds the taken login when it writes, and makes nothing of it.
    let csv = "login,name,kind,level,location\nIvy_Tan@students.edu.sg,Ivy Tan,student,p4_6,S5521\n";
    let imported = console(&admin, serde_json::json!({"op": "import", "csv": csv}));
    assert_eq!(imported["created"].as_u64(), Some(0), "{imported}");
    assert_eq!(imported["errors"][0]["id"], "import-row-exists", "{imported}");
    let ivy = env.admin().show("Ivy_Tan@students.edu.sg").unwrap();
    assert_eq!(ivy.location, AWAY);
}

#[test]
fn a_scoped_administrator_reads_the_audit_events_about_accounts_in_scope_and_their_own_actions() {
    let env = Env::new();
    // Their own actions since their own account was made: the SA has one, as every console
    // administrator does.
    env.admin().create(&CreateRequest { roles: vec!["sa".into()], ..staff_request(SA, "Sam Ali") }).unwrap();
    let ada = student_at(&env, "Ada_Lim@students.edu.sg", "Ada Lim", HOME);
    let ivy = student_at(&env, "Ivy_Tan@students.edu.sg", "Ivy Tan", AWAY);
    let grace = staff_at(&env, "Grace_Lee@schools.gov.sg", "Grace Lee", HOME);
    let sa = sa(&env);
    sa.reset_password(&ada).unwrap();
    let _ = sa.reset_password(&ivy); // refused, but the SA's own action
    env.admin().reset_password(&ivy).unwrap();

    let seen = sa.audit(&AuditQuery::default()).unwrap();
    assert!(!seen.is_empty());
    for e in &seen {
        assert!(e.subject == ada || e.actor == SA, "the SA should not read {e:?}");
    }
    assert!(seen.iter().any(|e| e.subject == ada && e.actor == "admin:test"), "events by others about Ada");
    assert!(seen.iter().any(|e| e.subject == ivy && e.actor == SA && e.outcome == "refused"), "their own refusal");
    assert!(!seen.iter().any(|e| e.subject == grace), "staff are not an SA's");
    assert!(!seen.iter().any(|e| e.subject == ivy && e.actor == "admin:test"), "another location's events");

    // Filters and the limit apply within what is visible.
    let q = AuditQuery { event: Some("password_reset".into()), limit: 1, ..Default::default() };
    let newest = sa.audit(&q).unwrap();
    assert_eq!(newest.len(), 1);
    assert_eq!((newest[0].subject.as_str(), newest[0].outcome.as_str()), (ivy.as_str(), "refused"));
    // An AO alone reads only their own actions.
    assert!(scoped(&env, AO_HOME, &[Role::Ao], HOME).audit(&AuditQuery::default()).unwrap().is_empty());
    // The operator reads everything.
    assert_eq!(env.admin().audit(&AuditQuery::default()).unwrap().len(), env.all_events().len());
}

#[test]
fn a_login_id_made_again_after_a_deletion_shows_none_of_the_deleted_accounts_history() {
    // Ivy of another location is reset, then deleted (her history is kept); a namesake gets the
    // same login ID here. The SA reads the new account's history, not Ivy's.
    let env = Env::new();
    let ivy = student_at(&env, "Ivy_Tan@students.edu.sg", "Ivy Tan", AWAY);
    env.admin().reset_password(&ivy).unwrap();
    env.admin().delete(&ivy).unwrap();
    env.advance(60);
    let again = CreateRequest { location: Some(HOME.into()), ..student_request(&ivy, "Ivy Tan", "p1_3") };
    sa(&env).create(&again).unwrap();
    let seen = sa(&env).audit(&AuditQuery { subject: Some(ivy.clone()), ..Default::default() }).unwrap();
    let events: Vec<&str> = seen.iter().map(|e| e.event.as_str()).collect();
    assert_eq!(events, ["account_created"], "only the new account's: {seen:?}");
    assert!(env.events(&ivy).iter().any(|e| e.event == "password_reset"), "the old history is kept");
}

#[test]
fn an_administrators_login_id_made_again_after_a_deletion_shows_none_of_the_previous_holders_actions() {
    // Lena, an LA, tries a staff member of another location (refused: her own action), and
    // leaves; her account is deleted and a namesake gets the same login ID as an LA. The new LA
    // reads their own actions since their account was made, not Lena's.
    let env = Env::new();
    let r = CreateRequest { roles: vec!["la".into()], ..staff_request(LA, "Lena Ho") };
    env.admin().create(&r).unwrap();
    let omar = staff_at(&env, "Omar_Tan@schools.gov.sg", "Omar Tan", AWAY);
    let _ = la(&env).reset_password(&omar);
    assert!(la(&env).audit(&AuditQuery::default()).unwrap().iter().any(|e| e.subject == omar), "her own refusal");
    env.admin().delete(LA).unwrap();
    env.advance(60);
    env.admin().create(&CreateRequest { name: "Lena Hoon".into(), ..r }).unwrap();
    let _ = la(&env).unlock(&omar);

    let seen = la(&env).audit(&AuditQuery { subject: Some(omar.clone()), ..Default::default() }).unwrap();
    let events: Vec<&str> = seen.iter().map(|e| e.event.as_str()).collect();
    assert_eq!(events, ["unlock"], "only the new holder's own: {seen:?}");
    assert!(env.events(&omar).iter().any(|e| e.event == "password_reset" && e.actor == LA), "the old history is kept");
}

#[test]
fn resetting_several_accounts_checks_them_all_before_changing_any() {
    let env = Env::new();
    let ada = student_at(&env, "Ada_Lim@students.edu.sg", "Ada Lim", HOME);
    let ivy = student_at(&env, "Ivy_Tan@students.edu.sg", "Ivy Tan", AWAY);
    let sa = sa(&env);
    let before = env.account(&ada).password_hash.as_str().to_owned();
    let e = sa.reset_passwords(&[ada.clone(), ivy.clone()]).unwrap_err();
    assert_eq!(e.code(), "refused");
    assert_eq!(env.account(&ada).password_hash.as_str(), before, "Ada was reset although Ivy was refused");
    let ben = student_at(&env, "Ben_Tan@students.edu.sg", "Ben Tan", HOME);
    let issued = sa.reset_passwords(&[ada.clone(), ben.clone()]).unwrap();
    assert_eq!(issued.iter().map(|i| i.login.as_str()).collect::<Vec<_>>(), [ada.as_str(), ben.as_str()]);
}

#[test]
fn a_scoped_administrator_sees_only_tokens_in_scope_and_only_an_la_imports_them() {
    let env = Env::new();
    let e = sa(&env).import_tokens("T1,JBSWY3DPEHPK3PXP\n").unwrap_err();
    assert_eq!(e.code(), "refused");
    assert!(e.to_string().contains("Only an LA imports hardware tokens"), "{e}");
    let refused = env.all_events().pop().unwrap();
    assert_eq!(
        (refused.event.as_str(), refused.outcome.as_str(), refused.actor.as_str()),
        ("tokens_imported", "refused", SA)
    );
    assert!(sa(&env).tokens().unwrap().is_empty());
}

#[test]
fn the_unrestricted_command_line_operator_still_does_everything() {
    let env = Env::new();
    let op = env.admin();
    assert!(op.identity().is_none());
    let ivy = student_at(&env, "Ivy_Tan@students.edu.sg", "Ivy Tan", AWAY);
    let ken = staff_at(&env, "Ken_Lim@schools.gov.sg", "Ken Lim", AWAY);
    let ada = student_at(&env, "Ada_Lim@students.edu.sg", "Ada Lim", HOME);
    for who in [&ivy, &ken, &ada] {
        op.reset_password(who).unwrap();
        op.unlock(who).unwrap();
        op.clear_questions(who).unwrap();
        op.show(who).unwrap();
    }
    op.set_work_email(&ken, Some("ken.lim@ces.gov.sg")).unwrap();
    assert_eq!(op.list(&AccountFilter::default()).unwrap().len(), 3);
    let t = op.request_transfer(&ivy, HOME).unwrap();
    assert_eq!(t.requested_by, "admin:test");
    op.decide_transfer(t.id, Approved).unwrap();
    assert_eq!(env.account(&ivy).location.as_str(), HOME);
    assert!(env.all_events().iter().all(|e| e.outcome != "refused"));
}

#[test]
fn signing_in_to_the_console_gives_an_administrator_held_to_their_location() {
    if skip_on_postgres("signing in to the console gives an administrator held to their location") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let config = Config::default();
    let store = SqliteStore::open(&dir.path().join(DB_FILE_NAME)).unwrap();
    let mailer = Mailer::from_config(&config.smtp, dir.path()).unwrap();
    let clock = Arc::new(gatehouse_core::clock::ManualClock::new(T0));
    let engine = Engine::with_services(
        Arc::new(store),
        config,
        clock,
        Box::new(<rand_chacha::ChaCha20Rng as rand::SeedableRng>::seed_from_u64(9)),
        mailer,
        KeyStore::Fixed(Vault::from_key([7; 32])),
    );
    demo::seed(&engine).unwrap();
    let code = otp::totp(&otp::parse_base32(demo::ADMIN_TOTP_SECRET).unwrap(), &OtpParams::default(), T0 as u64);
    let who = console::sign_in(&engine, demo::ADMIN_LOGIN, &SecretString::new(demo::PASSWORD.into()), &code, "test")
        .unwrap()
        .into_result()
        .expect("the demo administrator signs in");
    assert_eq!(who.location.as_str(), demo::LOCATION);
    let admin = who.admin(Arc::clone(&engine));
    assert_eq!(admin.identity().map(|i| i.login.as_str()), Some(demo::ADMIN_LOGIN));
    // Irene (SA and LA) reads the whole demo school, and acts on it but not on herself.
    let everyone = Admin::new(Arc::clone(&engine), "cli:test").list(&AccountFilter::default()).unwrap().len();
    assert_eq!(admin.list(&AccountFilter::default()).unwrap().len(), everyone);
    admin.unlock("Dev_Kumar@students.edu.sg").unwrap();
    let e = admin.reset_password(demo::ADMIN_LOGIN).unwrap_err();
    assert_eq!(e.code(), "refused");
    // An account of another school is not hers.
    Admin::new(Arc::clone(&engine), "cli:test")
        .create(&CreateRequest {
            location: Some("DEMO02".into()),
            ..student_request("Zoe_Chan@students.edu.sg", "Zoe Chan", "p1_3")
        })
        .unwrap();
    assert_eq!(admin.show("Zoe_Chan@students.edu.sg").unwrap_err().code(), "refused");
}

#[test]
fn a_version_2_database_is_upgraded_to_the_current_version_keeping_its_accounts() {
    if skip_on_postgres("a version 2 database is upgraded to the current version keeping its accounts") {
        return;
    }
    let env = Env::new();
    let ada = env.new_student("Ada_Lim@students.edu.sg", "Ada Lim", "p4_6");
    let ada_id = env.account_id(&ada.login).0;
    let path = env.db_path();
    let Env { place: dir, engine, .. } = env;
    drop(engine);
    // Make the file exactly what Gatehouse with two migrations wrote: no transfers table (v3),
    // no token counts, decoys or event index (v4), no sessions (v5), no devices (v6), no
    // classes or disabled accounts (v7), no chosen languages (v8), no recovery codes (v9), no
    // security keys' models (v10), no kiosks' enrolment codes (v11), no highest account id (v12),
    // no checks under way (v13).
    {
        let raw = Connection::open(&path).unwrap();
        raw.execute_batch(
            "DROP TABLE sessions; DROP TABLE devices; DROP TABLE enrolment_codes; DROP TABLE transfers; \
             DROP TABLE sspr_decoys; DROP INDEX audit_by_event; \
             ALTER TABLE hardware_tokens DROP COLUMN failed_codes; DROP INDEX accounts_by_class; \
             ALTER TABLE accounts DROP COLUMN class; ALTER TABLE accounts DROP COLUMN disabled; \
             ALTER TABLE accounts DROP COLUMN language; DROP TABLE recovery_codes; \
             ALTER TABLE authenticators DROP COLUMN model; DROP TRIGGER account_ids_move_on; \
             DROP TABLE account_ids; DROP INDEX accounts_with_checks_under_way; \
             ALTER TABLE accounts DROP COLUMN pending_totp; \
             ALTER TABLE accounts DROP COLUMN pending_answers; PRAGMA user_version = 2;",
        )
        .unwrap();
        let v: i64 = raw.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, 2);
    }
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), 13);
    let v: i64 = Connection::open(&path).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, 13);
    let highest: i64 =
        Connection::open(&path).unwrap().query_row("SELECT highest FROM account_ids", [], |r| r.get(0)).unwrap();
    assert_eq!(highest, ada_id, "new accounts are numbered after the ones there");
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert!(store.pending_transfers(None).unwrap().is_empty());
    let engine = engine_on(
        &path,
        Config::default(),
        Arc::new(gatehouse_core::clock::ManualClock::new(T0)),
        std::time::Duration::from_secs(5),
    );
    let op = Admin::new(Arc::clone(&engine), "admin:test");
    assert_eq!(op.show(&ada.login).unwrap().location, HOME);
    let t = op.request_transfer(&ada.login, AWAY).unwrap();
    assert_eq!(op.decide_transfer(t.id, Approved).unwrap().state, "approved");
    assert_eq!(op.show(&ada.login).unwrap().location, AWAY);
    drop(dir);
}

#[test]
fn an_administrators_every_page_of_a_search_and_export_of_the_audit_log_are_in_it_with_the_filter_and_offset() {
    let env = Env::new();
    let chloe = student_at(&env, "Chloe_Ng@students.edu.sg", "Chloe Ng", HOME);
    let admin = sa(&env);
    let run = |request: serde_json::Value| {
        gatehouse_core::console_ops::run(&admin, serde_json::from_value(request).unwrap()).unwrap()
    };
    let reads = || env.events(&chloe).into_iter().filter(|e| e.event == "audit_read").collect::<Vec<_>>();
    run(serde_json::json!({"op": "audit", "filter": {"subject": chloe, "limit": 10}}));
    let read = reads();
    assert_eq!(read.len(), 1, "{read:?}");
    assert_eq!(read[0].actor, SA);
    assert_eq!(read[0].detail, format!("search of the audit log: 1 event(s) at offset 0 (subject {chloe})"));
    // Every further page is recorded too, with where it began: a script starting at offset 1
    // reads nothing unrecorded.
    run(serde_json::json!({"op": "audit", "filter": {"subject": chloe, "limit": 10, "offset": 1}}));
    let read = reads();
    assert_eq!(read.len(), 2, "{read:?}");
    assert_eq!(read[1].detail, format!("search of the audit log: 1 event(s) at offset 1 (subject {chloe})"));
    run(serde_json::json!({"op": "audit", "filter": {"subject": chloe, "limit": 10, "offset": 10}}));
    let read = reads();
    assert_eq!(read.len(), 3, "{read:?}");
    assert_eq!(read[2].detail, format!("search of the audit log: 0 event(s) at offset 10 (subject {chloe})"));
    run(serde_json::json!({"op": "audit_csv", "filter": {"subject": chloe}}));
    let read = reads();
    assert_eq!(read.len(), 4, "{read:?}");
    assert_eq!(read[3].detail, format!("export of the audit log: 4 event(s) (subject {chloe})"));
}

/// An account of `location` holding `roles`, onboarded, with a hardware token bound to it.
pub(crate) fn administrator_at(env: &Env, login: &str, name: &str, roles: &str, serial: &str) -> String {
    let r = CreateRequest { roles: vec![roles.into()], ..staff_request(login, name) };
    let p = env.finish_onboarding(person(&env.admin().create(&r).expect("operator creates the administrator")));
    env.admin().import_tokens(&format!("{serial},JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP\n")).unwrap();
    let secret = otp::parse_base32("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP").unwrap();
    let code = otp::totp(&secret, &OtpParams::default(), env.engine.now() as u64);
    let account = env.account(&p.login);
    let enrolled = gatehouse_core::twofactor::enrol_hard_token(&env.engine, &account, serial, &code, None, "").unwrap();
    assert!(matches!(enrolled, gatehouse_core::twofactor::TokenEnrolment::Enrolled(_)), "{enrolled:?}");
    p.login
}

#[test]
fn an_sa_la_cannot_take_over_an_ao_of_their_location_by_any_console_action_and_each_refusal_is_audited() {
    let env = Env::with_data_key();
    let alan = administrator_at(&env, AO_HOME, "Alan Ong", "ao", "AO-1");
    let before = env.account(&alan);
    let attacker = scoped(&env, SA_LA, &[Role::Sa, Role::La], HOME);
    let rule = "administrator account";
    let refused = |result: Result<(), Error>, event: &str, operation: &str| {
        assert_refused(&env, result, SA_LA, &alan, event, operation, rule);
    };
    refused(attacker.reset_password(&alan).map(drop), "password_reset", "reset_password");
    refused(attacker.reset_passwords(std::slice::from_ref(&alan)).map(drop), "password_reset", "reset_password");
    refused(attacker.set_work_email(&alan, Some("attacker@ces.gov.sg")).map(drop), "account_updated", "set_work_email");
    refused(attacker.set_work_email(&alan, None).map(drop), "account_updated", "set_work_email");
    refused(attacker.delete_authenticators(&alan).map(drop), "token_deleted", "delete_authenticators");
    refused(attacker.unbind_token("AO-1"), "token_deleted", "delete_authenticators");
    refused(attacker.unlock(&alan).map(drop), "unlock", "unlock");
    refused(attacker.clear_questions(&alan).map(drop), "questions_cleared", "clear_questions");
    refused(attacker.request_transfer(&alan, AWAY).map(drop), "transfer_requested", "request_transfer");
    // Nothing changed: the same password, work email, questions and token; no temporary password.
    let after = env.account(&alan);
    assert_eq!(after.password_hash.as_str(), before.password_hash.as_str());
    assert_eq!(after.work_email, before.work_email);
    assert!(after.questions_set && after.temporary_until.is_none());
    assert_eq!(env.store().authenticators(after.id).unwrap().len(), 1);
    assert!(env.store().pending_transfers(None).unwrap().is_empty());
    let e = attacker.reset_password(&alan).unwrap_err();
    assert!(e.to_string().contains("cannot reset the password of an administrator account"), "{e}");
    assert!(e.to_string().contains("gatehouse-cli admin"), "{e}");
    // Reading stays allowed: the account page and its authenticators.
    assert_eq!(attacker.show(&alan).unwrap().roles, [Role::Ao]);
    assert_eq!(attacker.authenticators(&alan).unwrap().len(), 1);
}

#[test]
fn a_peer_administrator_holding_the_same_roles_is_refused_too_and_a_class_reset_with_one_in_it_changes_nobody() {
    let env = Env::with_data_key();
    let peer = administrator_at(&env, LA, "Lena Ho", "sa;la", "LA-1");
    let kid = student_at(&env, "Kai_Lee@students.edu.sg", "Kai Lee", HOME);
    let colleague = staff_at(&env, "Tom_Goh@schools.gov.sg", "Tom Goh", HOME);
    let attacker = scoped(&env, SA_LA, &[Role::Sa, Role::La], HOME);
    let rule = "administrator account";
    assert_refused(&env, attacker.reset_password(&peer), SA_LA, &peer, "password_reset", "reset_password", rule);
    let kid_before = env.account(&kid).password_hash.as_str().to_owned();
    let class = [kid.clone(), peer.clone(), colleague.clone()];
    assert_refused(&env, attacker.reset_passwords(&class), SA_LA, &peer, "password_reset", "reset_password", rule);
    assert_eq!(env.account(&kid).password_hash.as_str(), kid_before);
    // Accounts without a role are still the SA+LA's to act on.
    assert_eq!(attacker.reset_passwords(&[kid, colleague]).unwrap().len(), 2);
}

#[test]
fn the_command_line_operator_still_resets_an_administrator() {
    let env = Env::with_data_key();
    let alan = administrator_at(&env, AO_HOME, "Alan Ong", "ao", "AO-1");
    env.admin().reset_password(&alan).unwrap();
    assert!(env.account(&alan).temporary_until.is_some());
    env.admin().delete_authenticators(&alan).unwrap();
}

#[test]
fn a_console_administrator_may_not_register_list_or_revoke_machines_and_each_refusal_is_audited() {
    let env = Env::new();
    let operator = env.admin();
    let code = operator.issue_enrolment_code(1, 1, true).unwrap();
    gatehouse_core::devices::enrol(&env.engine, code.code.expose(), "lab-kiosk01", true).unwrap();
    let sa = scoped(&env, SA_LA, &[Role::Sa, Role::La], HOME);
    let refusals = [
        ("device_code_issued", sa.issue_enrolment_code(30, 24, true).map(|_| ())),
        ("device_registered", sa.devices().map(|_| ())),
        ("device_revoked", sa.revoke_device("lab-kiosk01").map(|_| ())),
    ];
    for (event, result) in refusals {
        let e = result.unwrap_err();
        assert_eq!(e.text().unwrap().id(), "devices-operator-only", "{event}");
        let audited = env.all_events().into_iter().filter(|r| r.event == event && r.outcome == "refused").count();
        assert_eq!(audited, 1, "{event}");
    }
    // The machine is still registered: the refusal changed nothing.
    assert!(operator.devices().unwrap()[0].revoked_at.is_none());
}
