//! Registered machines (issue 14 §2): an enrolment code exchanged for a credential over HTTPS,
//! the audit log naming the machine, and every way a machine is refused: unknown, forged,
//! missing, revoked (at once, mid-session), not a kiosk, or another machine's session token.

use gatehouse_core::admin::Admin;
use gatehouse_core::audit::AuditQuery;
use serde_json::{json, Value};

use crate::support::*;

const ADA: &str = "Ada_Lim@students.edu.sg";

fn register(server: &Server, code: &str, name: &str, kiosk: bool) -> (u16, Value) {
    let r = server
        .client
        .post(format!("{}/v1/devices", server.url))
        .json(&json!({"code": code, "name": name, "kiosk": kiosk}))
        .send()
        .unwrap();
    (r.status().as_u16(), r.json().unwrap())
}

fn sign_in(password: &str) -> Value {
    json!({"action": "sign_in", "login": ADA, "password": password})
}

#[test]
fn a_machine_registers_with_an_enrolment_code_and_the_audit_log_names_it() {
    let school = School::new();
    let temporary = school.student(ADA, "Ada Lim");
    let server = school.server("a", "");
    // A code for two kiosks, typed in lower case without dashes on one of them.
    let code = school.code(2, true);
    let (status, first) = register(&server, &code, "lab2-kiosk01", true);
    assert_eq!(status, 201, "{first}");
    assert_eq!(
        (first["device"]["name"].as_str(), first["device"]["kiosk"].as_bool()),
        (Some("lab2-kiosk01"), Some(true))
    );
    let credential = first["credential"].as_str().unwrap().to_owned();
    assert_eq!(credential.len(), 43, "256 bits in base64url");
    // A kiosk's code does not register a laptop (nor spends a use on it).
    let (status, laptop) = register(&server, &code, "staff-laptop-1", false);
    assert_eq!((status, laptop["error"]["code"].as_str()), (403, Some("enrolment_code_invalid")), "{laptop}");
    let (status, second) = register(&server, &code.replace('-', "").to_lowercase(), "lab2-kiosk02", true);
    assert_eq!(status, 201, "{second}");
    // Used up: a third machine is refused, and so is a wrong code.
    for (code, name) in [(code.as_str(), "lab2-kiosk03"), ("AAAA-BBBB-CCCC-DDDD", "lab2-kiosk03"), ("nonsense", "x")] {
        let (status, refused) = register(&server, code, name, true);
        assert_eq!((status, refused["error"]["code"].as_str()), (403, Some("enrolment_code_invalid")), "{refused}");
    }
    // A name taken is refused without spending the new code's only use.
    let fresh = school.code(1, true);
    let (status, taken) = register(&server, &fresh, "LAB2-KIOSK01", true);
    assert_eq!((status, taken["error"]["code"].as_str()), (409, Some("device_name_taken")), "{taken}");
    let (status, bad_name) = register(&server, &fresh, "lab 2 kiosk", true);
    assert_eq!((status, bad_name["error"]["code"].as_str()), (400, Some("invalid_input")), "{bad_name}");
    assert_eq!(register(&server, &fresh, "lab2-kiosk03", true).0, 201);

    // The new kiosk opens a kiosk session; the sign-in is audited as that machine.
    let kiosk = server.as_device(Some(&credential));
    let (token, _) = kiosk.new_session(Some(json!({"kind": "kiosk"})));
    kiosk.expect(&token, sign_in(&temporary), "set_questions");
    let log = Admin::new(school.engine(), "admin:test").audit(&AuditQuery::default()).unwrap();
    let sign_in = log.iter().find(|e| e.event == "sign_in").expect("a sign-in in the log");
    assert_eq!(sign_in.machine, "lab2-kiosk01");
    let registered: Vec<_> = log.iter().filter(|e| e.event == "device_registered").collect();
    assert_eq!(registered.iter().filter(|e| e.outcome == "ok").count(), 4, "{registered:#?}");
    assert_eq!(registered.iter().filter(|e| e.outcome == "refused").count(), 4, "{registered:#?}");
    assert!(registered.iter().any(|e| e.detail.ends_with("or one for kiosks")), "{registered:#?}");
    assert!(log.iter().all(|e| !e.detail.contains(&code) && !e.detail.contains(&credential)), "no secret in the log");
}

#[test]
fn a_revoked_machine_is_refused_at_its_next_request_even_mid_session() {
    let school = School::new();
    let temporary = school.student(ADA, "Ada Lim");
    let server = school.server("a", "");
    let laptop = school.register("staff-laptop-7", false);
    let client = server.as_device(Some(&laptop));
    let (token, _) = client.new_session(None);
    client.expect(&token, sign_in(&temporary), "set_questions");
    let revoked = Admin::new(school.engine(), "cli:it").revoke_device("Staff-Laptop-7").unwrap();
    assert!(revoked.revoked_at.is_some());
    let (status, body) = client.act(&token, &act("continue"));
    assert_eq!((status, body["error"]["code"].as_str()), (401, Some("device_revoked")), "{body}");
    assert_eq!(client.current(&token).0, 401);
    assert_eq!(client.try_new_session(None).0, 401);
    // The other machines go on.
    let (other, _) = server.new_session(None);
    server.expect(&other, act("forgot_password"), "sspr_search");
    let (_, metrics) = server.get("/metrics");
    assert!(
        metrics.lines().any(|l| l.starts_with(r#"gatehouse_devices_refused_total{reason="revoked"} 3"#)),
        "{metrics}"
    );
}

#[test]
fn an_unregistered_machine_is_refused_and_kiosk_sessions_need_a_kiosk() {
    let school = School::new();
    let server = school.server("a", "");
    let forged = "A".repeat(43);
    for device in [None, Some(forged.as_str()), Some("")] {
        let (status, body) = server.as_device(device).try_new_session(None);
        assert_eq!((status, body["error"]["code"].as_str()), (401, Some("device_unknown")), "{device:?}: {body}");
        assert_eq!(body["error"]["id"], "device-unknown");
    }
    let laptop = school.register("staff-laptop-1", false);
    let (status, body) = server.as_device(Some(&laptop)).try_new_session(Some(json!({"kind": "kiosk"})));
    assert_eq!((status, body["error"]["code"].as_str()), (403, Some("device_not_kiosk")), "{body}");

    // With require_device = false an unregistered machine may open a person's session, never a
    // kiosk's; a credential it sends is still checked.
    let open = school.server("open", "require_device = false");
    let anonymous = open.as_device(None);
    let (token, _) = anonymous.new_session(None);
    anonymous.expect(&token, act("forgot_password"), "sspr_search");
    let (status, body) = anonymous.try_new_session(Some(json!({"kind": "kiosk"})));
    assert_eq!((status, body["error"]["code"].as_str()), (401, Some("device_unknown")), "{body}");
    assert_eq!(open.as_device(Some(&forged)).try_new_session(None).0, 401);
}

#[test]
fn a_session_token_carried_to_another_machine_opens_nothing_there() {
    let school = School::new();
    let server = school.server("a", "");
    let (token, _) = server.new_session(Some(json!({"kind": "kiosk"})));
    let other = school.register("lab-kiosk02", true);
    let thief = server.as_device(Some(&other));
    let (status, body) = thief.act(&token, &act("forgot_password"));
    assert_eq!((status, body["error"]["code"].as_str()), (401, Some("session_ended")), "{body}");
    assert_eq!(thief.current(&token).0, 401);
    assert_eq!(thief.end(&token).0, 401);
    // The kiosk that opened it goes on.
    server.expect(&token, act("forgot_password"), "sspr_search");
}

#[test]
fn too_many_requests_from_one_machine_are_refused_with_429_while_others_go_on() {
    let school = School::new();
    let server = school.server("a", "requests_per_minute_per_device = 4");
    let statuses: Vec<u16> = (0..8).map(|_| server.get("/healthz").0).collect();
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 4, "{statuses:?}");
    let other = school.register("lab-kiosk09", true);
    assert_eq!(server.as_device(Some(&other)).get("/healthz").0, 200);
}

#[test]
fn a_device_header_made_up_afresh_for_each_request_gets_no_fresh_allowance() {
    let school = School::new();
    let server = school.server("a", "requests_per_minute_per_device = 4");
    let kiosk = school.register("lab-kiosk08", true);
    // Eight requests, each naming a machine nobody registered: limited as one client, by address.
    let statuses: Vec<u16> =
        (0..8).map(|n| server.as_device(Some(&format!("made-up-credential-{n}"))).get("/healthz").0).collect();
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 4, "{statuses:?}");
    // A registered machine has its own allowance, and keeps it however often it is checked.
    let statuses: Vec<u16> = (0..6).map(|_| server.as_device(Some(&kiosk)).get("/healthz").0).collect();
    assert_eq!(statuses, [200, 200, 200, 200, 429, 429]);
}
