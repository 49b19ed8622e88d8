//! The console over HTTPS (issue 14 §1): an administrator signs in with the password and a code
//! of their tested authenticator, acts within their scope through the same operations as the
//! app's console (audited as them, on the kiosk they used), and is signed out when the account
//! changes. A console's token opens no wizard and a wizard's no console.

use base64::Engine as _;
use gatehouse_core::admin::Admin;
use gatehouse_core::audit::AuditQuery;
use gatehouse_core::demo;
use gatehouse_core::otp::{self, OtpParams};
use reqwest::Method;
use serde_json::{json, Value};

use crate::support::*;

/// The demo administrator's code `steps` periods from now (each sign-in needs a later step).
fn code(steps: i64) -> String {
    let secret = otp::parse_base32(demo::ADMIN_TOTP_SECRET).unwrap();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    otp::totp(&secret, &OtpParams::default(), (now + steps * 30) as u64)
}

fn post(server: &Server, path: &str, token: Option<&str>, body: &Value) -> (u16, Value) {
    server.as_device(server.device.as_deref()).call(Method::POST, path, token, Some(body))
}

fn sign_in(server: &Server, password: &str, code: &str) -> (u16, Value) {
    post(server, "/v1/console/sessions", None, &json!({"login": demo::ADMIN_LOGIN, "password": password, "code": code}))
}

fn op(server: &Server, token: &str, request: Value) -> (u16, Value) {
    post(server, "/v1/console/requests", Some(token), &request)
}

fn demo_school() -> (School, Server) {
    let school = School::new();
    demo::seed(&school.engine()).unwrap();
    let server = school.server("a", "");
    (school, server)
}

#[test]
fn an_administrator_runs_the_console_over_https_within_their_scope() {
    let (school, server) = demo_school();
    let (status, opened) = sign_in(&server, demo::PASSWORD, &code(-1));
    assert_eq!(status, 201, "{opened}");
    assert_eq!(opened["administrator"]["roles"], json!(["sa", "la"]), "{opened}");
    let token = opened["token"].as_str().unwrap();

    let (status, found) = op(&server, token, json!({"op": "search", "search": {"text": "Chloe"}}));
    assert_eq!((status, found[0]["login"].as_str()), (200, Some("Chloe_Ng@students.edu.sg")), "{found}");
    let (status, page) =
        op(&server, token, json!({"op": "action", "login": "Dev_Kumar@students.edu.sg", "action": "unlock"}));
    assert_eq!((status, page["account"]["state"].as_str()), (200, Some("active")), "{page}");
    // A reset: the temporary password, and its slip rendered on the server.
    let (status, reset) = op(&server, token, json!({"op": "reset", "logins": ["Chloe_Ng@students.edu.sg"]}));
    assert_eq!(status, 200, "{reset}");
    assert!(reset["issued"][0]["temporary_password"].as_str().is_some_and(|p| p.len() >= 8), "{reset}");
    let pdf = base64::engine::general_purpose::STANDARD.decode(reset["slips_pdf"].as_str().unwrap()).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let (status, page) = op(&server, token, json!({"op": "audit", "filter": {"event": "password_reset", "limit": 10}}));
    assert_eq!(status, 200, "{page}");
    let event = &page["events"][0];
    assert_eq!(
        (event["actor"].as_str(), event["machine"].as_str()),
        (Some(demo::ADMIN_LOGIN), Some("lab-kiosk01")),
        "{event}"
    );

    // The same refusals as in the app: out of scope, invalid, unknown.
    let elsewhere = json!({"op": "create", "account": {"login": "Zed_Ong@students.edu.sg", "name": "Zed Ong", "kind": "student", "level": "p1_3", "location": "OTHER9"}});
    let (status, refused) = op(&server, token, elsewhere);
    assert_eq!((status, refused["error"]["code"].as_str()), (403, Some("refused")), "{refused}");
    let (status, invalid) = op(
        &server,
        token,
        json!({"op": "set_work_email", "login": "Chloe_Ng@students.edu.sg", "email": "chloe@example.com"}),
    );
    assert_eq!((status, invalid["error"]["code"].as_str()), (400, Some("invalid_input")), "{invalid}");
    let (status, missing) = op(&server, token, json!({"op": "account", "login": "Ghost@students.edu.sg"}));
    assert_eq!((status, missing["error"]["code"].as_str()), (404, Some("not_found")), "{missing}");
    let (status, _) = op(&server, token, json!({"op": "format_disk"}));
    assert_eq!(status, 400);
    drop(school);
}

#[test]
fn an_administrator_reads_a_persons_undelivered_mails_in_the_servers_outbox_over_https() {
    use gatehouse_core::mail::Mail;
    use gatehouse_core::types::{EmailAddress, LoginId};
    let (school, server) = demo_school();
    // A mail about a student of the demo school, written where the server writes them.
    let engine = school.engine();
    let chloe = LoginId::parse("Chloe_Ng@students.edu.sg").unwrap();
    let to = EmailAddress::parse("parent@example.com").unwrap();
    let body = "Dear Chloe,\n\nA notice.\n".to_owned();
    let mail = Mail { to: &to, login: &chloe, subject: "MIMS account change", body, sent: engine.now(), expires: None };
    engine.mailer().send(mail).unwrap();
    let (status, opened) = sign_in(&server, demo::PASSWORD, &code(-1));
    assert_eq!(status, 201, "{opened}");
    let token = opened["token"].as_str().unwrap();
    let (status, answer) = op(&server, token, json!({"op": "mails", "login": "chloe_ng@students.edu.sg"}));
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["mails"][0]["subject"], "MIMS account change", "{answer}");
    assert_eq!(answer["mails"][0]["body"], "Dear Chloe,\n\nA notice.\n");
    // Another administrator's mails are refused; an unknown login is not found.
    let (status, refused) = op(&server, token, json!({"op": "mails", "login": "Grace_Lee@schools.gov.sg"}));
    assert_eq!((status, refused["error"]["code"].as_str()), (403, Some("refused")), "{refused}");
    let (status, _) = op(&server, token, json!({"op": "mails", "login": "Ghost@students.edu.sg"}));
    assert_eq!(status, 404);
    let q = AuditQuery { event: Some("mails_viewed".into()), outcome: Some("ok".into()), ..Default::default() };
    let viewed = Admin::new(engine, "test").audit(&q).unwrap();
    assert_eq!((viewed.len(), viewed[0].actor.as_str()), (1, demo::ADMIN_LOGIN));
    drop(school);
}

#[test]
fn an_administrator_edits_disables_and_enables_an_account_over_https_and_a_disabled_one_cannot_sign_in() {
    let (school, server) = demo_school();
    let (status, opened) = sign_in(&server, demo::PASSWORD, &code(-1));
    assert_eq!(status, 201, "{opened}");
    let token = opened["token"].as_str().unwrap();
    let chloe = "Chloe_Ng@students.edu.sg";

    let edit = json!({"op": "edit", "login": chloe, "changes": {"level": "p4_6", "class": "4C"}});
    let (status, page) = op(&server, token, edit);
    assert_eq!(status, 200, "{page}");
    assert_eq!((page["account"]["level"].as_str(), page["account"]["class"].as_str()), (Some("p4_6"), Some("4C")));
    let (status, found) = op(&server, token, json!({"op": "search", "search": {"class": "4c"}}));
    assert_eq!((status, found[0]["login"].as_str()), (200, Some(chloe)), "{found}");
    // Moving her to another school is a transfer's, not an edit's.
    let away = json!({"op": "edit", "login": chloe, "changes": {"location": "OTHER9"}});
    let (status, refused) = op(&server, token, away);
    assert_eq!((status, refused["error"]["code"].as_str()), (403, Some("refused")), "{refused}");
    let bad = json!({"op": "edit", "login": chloe, "changes": {"class": "4A<script>"}});
    let (status, invalid) = op(&server, token, bad);
    assert_eq!((status, invalid["error"]["id"].as_str()), (400, Some("class-invalid")), "{invalid}");

    let (status, page) = op(&server, token, json!({"op": "disable", "login": chloe}));
    assert_eq!((status, page["account"]["state"].as_str()), (200, Some("disabled")), "{page}");
    let (wizard, _) = server.new_session(None);
    let (status, r) = server.act(&wizard, &json!({"action": "sign_in", "login": chloe, "password": demo::PASSWORD}));
    assert_eq!(
        (status, r["screen"].as_str(), r["error"]["code"].as_str()),
        (200, Some("sign_in"), Some("account_disabled")),
        "{r}"
    );
    let (status, page) = op(&server, token, json!({"op": "enable", "login": chloe}));
    assert_eq!((status, page["account"]["disabled"].as_bool()), (200, Some(false)), "{page}");
    server.expect(&wizard, json!({"action": "sign_in", "login": chloe, "password": demo::PASSWORD}), "applications");

    let log = Admin::new(school.engine(), "admin:test")
        .audit(&AuditQuery { subject: Some(chloe.into()), limit: 0, ..AuditQuery::default() })
        .unwrap();
    let mine: Vec<(&str, &str)> = log
        .iter()
        .filter(|e| e.actor == demo::ADMIN_LOGIN)
        .map(|e| (e.event.as_str(), e.outcome.as_str()))
        .rev()
        .collect();
    assert_eq!(
        mine,
        [
            ("account_updated", "ok"),
            ("account_updated", "refused"),
            ("account_disabled", "ok"),
            ("account_enabled", "ok")
        ]
    );
    assert!(log.iter().all(|e| e.actor != demo::ADMIN_LOGIN || e.machine == "lab-kiosk01"), "{log:#?}");
}

#[test]
fn a_year_end_promotion_is_previewed_then_applied_over_https() {
    let (school, server) = demo_school();
    let (_, opened) = sign_in(&server, demo::PASSWORD, &code(-1));
    let token = opened["token"].as_str().unwrap();
    let promote = json!({"class": "2B", "next_class": true});
    let (status, preview) = op(&server, token, json!({"op": "promote", "promote": promote, "preview": true}));
    assert_eq!((status, preview["applied"].as_bool()), (200, Some(false)), "{preview}");
    let count = preview["count"].as_u64().unwrap();
    assert!(count > 0, "{preview}");
    let mut apply = promote.clone();
    apply["expect"] = json!(count);
    let (status, done) = op(&server, token, json!({"op": "promote", "promote": apply, "preview": false}));
    assert_eq!((status, done["applied"].as_bool(), done["count"].as_u64()), (200, Some(true), Some(count)), "{done}");
    let (_, moved) = op(&server, token, json!({"op": "search", "search": {"class": "3B"}}));
    assert_eq!(moved.as_array().map(Vec::len), Some(1), "{moved}");
    drop(school);
}

#[test]
fn a_console_sign_in_needs_the_right_password_and_a_fresh_code_and_each_attempt_is_audited() {
    let (school, server) = demo_school();
    let (status, wrong) = sign_in(&server, demo::PASSWORD, "000000");
    assert_eq!((status, wrong["error"]["code"].as_str()), (403, Some("admin_sign_in_failed")), "{wrong}");
    let (status, wrong) = sign_in(&server, "Wrong-Password-9", &code(0));
    assert_eq!((status, wrong["error"]["code"].as_str()), (403, Some("admin_sign_in_failed")), "{wrong}");
    let student = json!({"login": "Chloe_Ng@students.edu.sg", "password": demo::PASSWORD, "code": code(0)});
    let (status, refused) = post(&server, "/v1/console/sessions", None, &student);
    assert_eq!((status, refused["error"]["code"].as_str()), (403, Some("not_administrator")), "{refused}");
    let c = code(0);
    assert_eq!(sign_in(&server, demo::PASSWORD, &c).0, 201);
    let (status, replay) = sign_in(&server, demo::PASSWORD, &c);
    assert_eq!(
        (status, replay["error"]["code"].as_str()),
        (403, Some("admin_sign_in_failed")),
        "a code works once: {replay}"
    );
    let log =
        Admin::new(school.engine(), "admin:test").audit(&AuditQuery { limit: 0, ..AuditQuery::default() }).unwrap();
    // The wrong code, the wrong password and the replay: each audited, on the kiosk used.
    let checks = ["totp_verified", "sign_in", "sign_in_failed"];
    let attempts: Vec<_> =
        log.iter().filter(|e| e.subject == demo::ADMIN_LOGIN && checks.contains(&e.event.as_str())).collect();
    let failed = |event: &str| attempts.iter().filter(|e| e.event == event && e.outcome == "failed").count();
    assert_eq!((failed("totp_verified"), failed("sign_in_failed")), (2, 1), "{attempts:#?}");
    assert!(attempts.iter().all(|e| e.machine == "lab-kiosk01"), "{attempts:#?}");
}

#[test]
fn console_and_wizard_tokens_open_only_their_own_and_only_on_their_machine() {
    let (school, server) = demo_school();
    let (_, opened) = sign_in(&server, demo::PASSWORD, &code(0));
    let console = opened["token"].as_str().unwrap().to_owned();
    let (wizard, _) = server.new_session(None);
    assert_eq!(server.act(&console, &act("forgot_password")).0, 401, "a console token is no wizard session");
    assert_eq!(op(&server, &wizard, json!({"op": "transfers"})).0, 401, "a wizard token is no console");
    let (status, body) = server.try_new_session_kind("console");
    assert_eq!(status, 400, "{body}");
    // Another machine with the console's token: nothing.
    let other = school.register("lab-kiosk02", true);
    let transfers = json!({"op": "transfers"});
    let elsewhere =
        server.as_device(Some(&other)).call(Method::POST, "/v1/console/requests", Some(&console), Some(&transfers));
    assert_eq!(elsewhere.0, 401);
    assert_eq!(op(&server, &console, json!({"op": "transfers"})).0, 200);
    // Signing out ends it.
    let signed_out =
        server.as_device(server.device.as_deref()).call(Method::DELETE, "/v1/console/session", Some(&console), None);
    assert_eq!(signed_out.0, 200);
    assert_eq!(op(&server, &console, json!({"op": "transfers"})).0, 401);
}

#[test]
fn an_administrator_locked_after_signing_in_is_signed_out_of_the_console() {
    let (_school, server) = demo_school();
    let (_, opened) = sign_in(&server, demo::PASSWORD, &code(0));
    let token = opened["token"].as_str().unwrap().to_owned();
    let (wizard, _) = server.new_session(None);
    for _ in 0..5 {
        server.act(&wizard, &json!({"action": "sign_in", "login": demo::ADMIN_LOGIN, "password": "Wrong-Password-9"}));
    }
    let (status, body) = op(&server, &token, json!({"op": "transfers"}));
    assert_eq!((status, body["error"]["code"].as_str()), (401, Some("session_ended")), "{body}");
}

#[test]
fn an_administrator_disabled_after_signing_in_is_signed_out_of_the_console() {
    let (school, server) = demo_school();
    let (_, opened) = sign_in(&server, demo::PASSWORD, &code(0));
    let token = opened["token"].as_str().unwrap().to_owned();
    Admin::new(school.engine(), "cli:operator").disable(demo::ADMIN_LOGIN).unwrap();
    let (status, body) = op(&server, &token, json!({"op": "transfers"}));
    assert_eq!((status, body["error"]["code"].as_str()), (401, Some("session_ended")), "{body}");
}

#[test]
fn a_console_signed_in_over_https_with_a_phone_ends_at_its_next_request_once_that_phone_is_deleted() {
    // Someone with the administrator's password and phone opens the console over HTTPS. The
    // phone is reported lost: the operator deletes her authenticators and she sets up and tests
    // a new phone at once. The finder's console ends at its next request; hers, with the new
    // phone, works.
    use gatehouse_core::twofactor::{self, CodeFor};
    use gatehouse_core::types::LoginId;
    let (school, server) = demo_school();
    let (status, opened) = sign_in(&server, demo::PASSWORD, &code(-1));
    assert_eq!(status, 201, "{opened}");
    let taken = opened["token"].as_str().unwrap().to_owned();
    assert_eq!(op(&server, &taken, json!({"op": "transfers"})).0, 200);

    let engine = school.engine();
    assert!(Admin::new(engine.clone(), "cli:operator").delete_authenticators(demo::ADMIN_LOGIN).unwrap() > 0);
    let account = engine.store().account_by_login(&LoginId::parse(demo::ADMIN_LOGIN).unwrap()).unwrap().unwrap();
    let secret = [7u8; 20];
    let phone = twofactor::enrol_soft_token(&engine, &account, &secret, OtpParams::default(), "New phone").unwrap();
    let new_code = |steps: i64| otp::totp(&secret, &OtpParams::default(), (engine.now() + steps * 30) as u64);
    let tested = twofactor::verify(&engine, &account, &new_code(-1), CodeFor::Test(phone)).unwrap();
    assert!(matches!(tested, otp::TotpCheck::Accepted { .. }), "{tested:?}");

    let (status, body) = op(&server, &taken, json!({"op": "transfers"}));
    assert_eq!((status, body["error"]["code"].as_str()), (401, Some("session_ended")), "{body}");
    let reset = json!({"op": "reset", "logins": ["Chloe_Ng@students.edu.sg"]});
    assert_eq!(op(&server, &taken, reset.clone()).0, 401, "no temporary passwords for the finder");
    let (status, opened) = sign_in(&server, demo::PASSWORD, &new_code(0));
    assert_eq!(status, 201, "{opened}");
    let hers = opened["token"].as_str().unwrap();
    assert_eq!(op(&server, hers, reset).0, 200, "the new phone's console works");
}

#[test]
fn a_kiosk_is_closed_by_an_administrator_over_https_and_only_a_kiosk_asks() {
    let (school, server) = demo_school();
    let credentials = |c: &str| json!({"login": demo::ADMIN_LOGIN, "password": demo::PASSWORD, "code": c});
    let (status, wrong) = post(&server, "/v1/console/kiosk-exit", None, &credentials("000000"));
    assert_eq!((status, wrong["error"]["code"].as_str()), (403, Some("admin_sign_in_failed")), "{wrong}");
    // A student's right password is answered as a wrong one: nothing counts here, so nothing
    // may tell them apart (the console's own sign-in says `not_administrator`).
    let student = json!({"login": "Chloe_Ng@students.edu.sg", "password": demo::PASSWORD, "code": code(0)});
    let (status, refused) = post(&server, "/v1/console/kiosk-exit", None, &student);
    assert_eq!((status, refused["error"]["code"].as_str()), (403, Some("admin_sign_in_failed")), "{refused}");
    let (status, ok) = post(&server, "/v1/console/kiosk-exit", None, &credentials(&code(0)));
    assert_eq!((status, ok["administrator"].as_str()), (200, Some(demo::ADMIN_LOGIN)), "{ok}");
    let laptop = school.register("staff-laptop-2", false);
    let from_laptop = server.as_device(Some(&laptop));
    let (status, body) = from_laptop.call(Method::POST, "/v1/console/kiosk-exit", None, Some(&credentials(&code(1))));
    assert_eq!(status, 403);
    assert_eq!(body["error"]["code"], "device_not_kiosk");
}

#[test]
fn wrong_kiosk_exits_slow_that_kiosk_down_and_never_lock_the_administrator() {
    let (school, server) = demo_school();
    let credentials = |password: &str, c: &str| json!({"login": demo::ADMIN_LOGIN, "password": password, "code": c});
    for _ in 0..4 {
        let (status, wrong) = post(&server, "/v1/console/kiosk-exit", None, &credentials("Wrong-Password-9", &code(0)));
        assert_eq!((status, wrong["error"]["code"].as_str()), (403, Some("admin_sign_in_failed")), "{wrong}");
    }
    // The fifth try waits, even with the right password and code: nothing is checked.
    let (status, wait) = post(&server, "/v1/console/kiosk-exit", None, &credentials(demo::PASSWORD, &code(0)));
    assert_eq!((status, wait["error"]["code"].as_str()), (403, Some("kiosk_exit_wait")), "{wait}");
    assert!(wait["error"]["message"].as_str().unwrap().contains("Try again in"), "{wait}");
    // Another kiosk is not slowed, and the administrator was never locked.
    let other = school.register("lab-kiosk02", true);
    let (status, ok) = server.as_device(Some(&other)).call(
        Method::POST,
        "/v1/console/kiosk-exit",
        None,
        Some(&credentials(demo::PASSWORD, &code(0))),
    );
    assert_eq!((status, ok["administrator"].as_str()), (200, Some(demo::ADMIN_LOGIN)), "{ok}");
    assert_eq!(sign_in(&server, demo::PASSWORD, &code(1)).0, 201, "the console still opens for her");
}

#[test]
fn a_kiosks_wrong_exits_count_together_on_every_server_process() {
    let (school, a) = demo_school();
    let b = school.server("b", "");
    let credentials = |password: &str, c: &str| json!({"login": demo::ADMIN_LOGIN, "password": password, "code": c});
    // Four wrong tries from one kiosk, alternating between the two servers behind it.
    for (i, server) in [&a, &b, &a, &b].into_iter().enumerate() {
        let (status, wrong) = post(server, "/v1/console/kiosk-exit", None, &credentials("Wrong-Password-9", &code(0)));
        assert_eq!((status, wrong["error"]["code"].as_str()), (403, Some("admin_sign_in_failed")), "try {i}: {wrong}");
    }
    // Either server now makes the kiosk wait: neither gave it fresh free tries.
    for server in [&a, &b] {
        let (status, wait) = post(server, "/v1/console/kiosk-exit", None, &credentials(demo::PASSWORD, &code(0)));
        assert_eq!((status, wait["error"]["code"].as_str()), (403, Some("kiosk_exit_wait")), "{wait}");
    }
}

/// The demo administrator's security key, enrolled (as her window would) on the school's engine.
pub fn enrol_key(school: &School) -> gatehouse_softkey::SoftKey {
    use gatehouse_core::security_keys::{self, Enrolled};
    let engine = school.engine();
    let login = gatehouse_core::types::LoginId::parse(demo::ADMIN_LOGIN).unwrap();
    let account = engine.store().account_by_login(&login).unwrap().unwrap();
    let (ceremony, state) = security_keys::start_enrolment(&engine, &account).unwrap();
    let mut key = gatehouse_softkey::SoftKey::new(true);
    let answer = key.register(&serde_json::to_value(&ceremony).unwrap());
    let enrolled = security_keys::finish_enrolment(&engine, &account, &state, &answer, "Red key", None).unwrap();
    assert!(matches!(enrolled, Enrolled::Yes(_)), "{enrolled:?}");
    key
}

#[test]
fn an_administrator_signs_in_with_a_security_key_over_https_once_per_touch_on_either_server() {
    let (school, a) = demo_school();
    let b = school.server("b", "");
    let start = |server: &Server, password: &str| {
        post(server, "/v1/console/key-sign-in", None, &json!({"login": demo::ADMIN_LOGIN, "password": password}))
    };
    let finish = |server: &Server, token: &str, credential: &Value| {
        post(server, "/v1/console/key-sign-in/finish", Some(token), &json!({"credential": credential}))
    };
    // No key yet: refused before any ceremony.
    let (status, none) = start(&a, demo::PASSWORD);
    assert_eq!((status, none["error"]["code"].as_str()), (403, Some("no_authenticator")), "{none}");
    let mut key = enrol_key(&school);
    let (status, wrong) = start(&a, "Wrong-Password-9");
    assert_eq!((status, wrong["error"]["code"].as_str()), (403, Some("admin_sign_in_failed")), "{wrong}");

    // The ceremony from server a; its token opens no console until the key has answered.
    let (status, started) = start(&a, demo::PASSWORD);
    assert_eq!(status, 201, "{started}");
    assert_eq!(started["ceremony"]["origin"], "https://mims.moe.gov.sg", "{started}");
    let pending = started["token"].as_str().unwrap().to_owned();
    let (status, _) = op(&a, &pending, json!({"op": "transfers"}));
    assert_eq!(status, 401, "a sign-in half done is not a console");
    // The touch, answered to server b — after a malformed answer (refused, the ceremony kept)
    // and the token carried to another machine (which it does not open, nor end there).
    let answer = key.sign(&started["ceremony"]);
    let (status, _) = post(&b, "/v1/console/key-sign-in/finish", Some(&pending), &json!({"answer": answer}));
    assert_eq!(status, 400);
    let laptop = school.register("staff-laptop-4", false);
    let (status, _) = b.as_device(Some(&laptop)).call(
        Method::POST,
        "/v1/console/key-sign-in/finish",
        Some(&pending),
        Some(&json!({"credential": answer})),
    );
    assert_eq!(status, 401, "another machine's token opens nothing");
    let (status, opened) = finish(&b, &pending, &answer);
    assert_eq!((status, opened["administrator"]["login"].as_str()), (201, Some(demo::ADMIN_LOGIN)), "{opened}");
    let (status, _) = op(&a, opened["token"].as_str().unwrap(), json!({"op": "transfers"}));
    assert_eq!(status, 200);
    // The same answer again, to either server: the ceremony was used.
    let (status, replayed) = finish(&a, &pending, &answer);
    assert_eq!((status, replayed["error"]["code"].as_str()), (401, Some("session_ended")), "{replayed}");

    // An answer that is not the key's: refused, and that ceremony is over too.
    let (_, started) = start(&a, demo::PASSWORD);
    let pending = started["token"].as_str().unwrap();
    let (status, refused) = finish(&a, pending, &json!({"id": "forged"}));
    assert_eq!((status, refused["error"]["code"].as_str()), (403, Some("security_key_refused")), "{refused}");
    let (status, _) = finish(&a, pending, &key.sign(&started["ceremony"]));
    assert_eq!(status, 401);
    let events = school.engine().store().audit(&AuditQuery { event: Some("sign_in".into()), ..Default::default() });
    let details: Vec<String> = events.unwrap().into_iter().map(|e| e.detail).collect();
    assert!(details.iter().any(|d| d == "administrator sign-in (console) as sa+la with a security key"), "{details:?}");
}

#[test]
fn a_kiosk_is_closed_with_an_administrators_security_key_and_only_a_kiosk_asks() {
    let (school, server) = demo_school();
    let mut key = enrol_key(&school);
    let body = json!({"login": demo::ADMIN_LOGIN, "password": demo::PASSWORD, "kiosk_exit": true});
    let (status, started) = post(&server, "/v1/console/key-sign-in", None, &body);
    assert_eq!(status, 201, "{started}");
    let answer = json!({"credential": key.sign(&started["ceremony"])});
    let (status, closed) = post(&server, "/v1/console/key-sign-in/finish", started["token"].as_str(), &answer);
    assert_eq!((status, closed["administrator"].as_str()), (200, Some(demo::ADMIN_LOGIN)), "{closed}");
    assert!(closed.get("token").is_none(), "closing a kiosk opens no console: {closed}");
    let laptop = school.register("staff-laptop-3", false);
    let (status, refused) =
        server.as_device(Some(&laptop)).call(Method::POST, "/v1/console/key-sign-in", None, Some(&body));
    assert_eq!((status, refused["error"]["code"].as_str()), (403, Some("device_not_kiosk")), "{refused}");
}

fn class_csv(n: usize) -> String {
    let mut csv = String::from("login,name,kind,level,location\n");
    for i in 0..n {
        csv.push_str(&format!("Pupil_{i:03}@students.edu.sg,Pupil {i:03},student,p4_6,{}\n", demo::LOCATION));
    }
    csv
}

#[test]
fn an_import_over_https_is_whole_per_batch_when_the_server_is_killed_and_finishes_on_the_next() {
    let school = School::new();
    demo::seed(&school.engine()).unwrap();
    let mut first = school.server("first", "");
    let (_, opened) = sign_in(&first, demo::PASSWORD, &code(0));
    let token = opened["token"].as_str().unwrap().to_owned();
    let rows = 400;
    let csv = class_csv(rows);
    // More than a request may hold is refused before anything is written.
    let (status, big) = op(&first, &token, json!({"op": "import", "csv": class_csv(501)}));
    assert_eq!((status, big["error"]["code"].as_str()), (400, Some("invalid_input")), "{big}");
    let (status, checked) = op(&first, &token, json!({"op": "import_check", "csv": csv}));
    assert_eq!((status, checked["good"].as_u64()), (200, Some(rows as u64)), "{checked}");

    // kill -9 while the import is under way (its first batches are written, not all).
    let engine = school.engine();
    let before = engine.store().count_accounts().unwrap() as usize;
    let (client, url, device) = (first.client.clone(), first.url.clone(), first.device.clone().unwrap());
    let request = json!({"op": "import", "csv": csv});
    let (t, r) = (token.clone(), request.clone());
    let sender = std::thread::spawn(move || {
        client
            .post(format!("{url}/v1/console/requests"))
            .header("gatehouse-device", device)
            .bearer_auth(t)
            .json(&r)
            .send()
    });
    let imported = || engine.store().count_accounts().unwrap() as usize - before;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while imported() == 0 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    first.kill();
    assert!(sender.join().unwrap().is_err(), "the killed server answers nothing");
    let written = imported();
    assert!(written > 0 && written < rows, "killed mid-import: {written} of {rows}");
    // Whole batches only: every account written has its audit record and nothing else does.
    let log =
        Admin::new(school.engine(), "admin:test").audit(&AuditQuery { limit: 0, ..AuditQuery::default() }).unwrap();
    let created = log.iter().filter(|e| e.event == "account_created" && e.subject.starts_with("Pupil_")).count();
    assert_eq!(created, written);

    // The console session survives on the next server; the same file creates the rest.
    let second = school.server("second", "");
    let (status, done) = op(&second, &token, request);
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["created"].as_u64(), Some((rows - written) as u64), "{}", done["errors"]);
    assert_eq!(done["errors"].as_array().map(Vec::len), Some(written), "the rows written before are refused by line");
    assert_eq!(imported(), rows);
}
