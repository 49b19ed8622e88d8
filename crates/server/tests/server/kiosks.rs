//! A lab of thirty kiosks (issue 14, Tests): thirty machines registered with one enrolment code,
//! each speaking HTTPS to one of two server processes on one database, all at once. The lockout
//! counts exactly the threshold's wrong passwords, and one TOTP step is accepted once across the
//! whole lab.

use std::sync::Barrier;

use gatehouse_core::admin::Admin;
use gatehouse_core::audit::AuditQuery;
use gatehouse_core::demo;
use gatehouse_core::otp::{self, OtpParams};
use gatehouse_core::types::LoginId;
use serde_json::{json, Value};

use crate::support::*;

const KIOSKS: usize = 30;
const CHLOE: &str = "Chloe_Ng@students.edu.sg";

/// Registers the lab over HTTPS with one code good for thirty machines; their credentials.
fn register_lab(school: &School, servers: &[Server; 2]) -> Vec<String> {
    let code = school.code(KIOSKS as u32, true);
    (0..KIOSKS)
        .map(|i| {
            let server = &servers[i % 2];
            let r = server
                .client
                .post(format!("{}/v1/devices", server.url))
                .json(&json!({"code": code, "name": format!("lab3-kiosk{i:02}"), "kiosk": true}))
                .send()
                .unwrap();
            assert_eq!(r.status().as_u16(), 201);
            r.json::<Value>().unwrap()["credential"].as_str().unwrap().to_owned()
        })
        .collect()
}

/// Every kiosk sends `action(i)` on its own session at the same moment; the responses in order.
fn all_at_once(
    servers: &[Server; 2],
    lab: &[String],
    tokens: &[String],
    action: impl Fn(usize) -> Value + Sync,
) -> Vec<Value> {
    let start = Barrier::new(lab.len());
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..lab.len())
            .map(|i| {
                let (start, action) = (&start, &action);
                scope.spawn(move || {
                    let kiosk = servers[i % 2].as_device(Some(&lab[i]));
                    start.wait();
                    let (status, body) = kiosk.act(&tokens[i], &action(i));
                    assert_eq!(status, 200, "{body}");
                    body
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

fn open_sessions(servers: &[Server; 2], lab: &[String]) -> Vec<String> {
    (0..lab.len())
        .map(|i| servers[i % 2].as_device(Some(&lab[i])).new_session(Some(json!({"kind": "kiosk"}))).0)
        .collect()
}

#[test]
fn thirty_kiosks_on_two_servers_count_a_lockout_exactly_and_accept_one_totp_step_once() {
    let school = School::new();
    let engine = school.engine();
    demo::seed(&engine).unwrap();
    let limits = "requests_per_minute_per_address = 100000";
    let servers = [school.server("a", limits), school.server("b", limits)];
    let lab = register_lab(&school, &servers);

    // Thirty wrong passwords for one student at once: exactly the threshold is counted.
    let tokens = open_sessions(&servers, &lab);
    let wrong = all_at_once(
        &servers,
        &lab,
        &tokens,
        |_| json!({"action": "sign_in", "login": CHLOE, "password": "Wrong-Guess-2026"}),
    );
    let threshold = engine.config().lockout.password_threshold as usize;
    let chloe = engine.store().account_by_login(&LoginId::parse(CHLOE).unwrap()).unwrap().unwrap();
    assert!(chloe.is_locked());
    // The first threshold − 1 hear "Login failed"; the one that locks and the rest see the
    // locked screen.
    let screens: Vec<&str> =
        wrong.iter().map(|r| r["error"]["code"].as_str().or(r["screen"].as_str()).unwrap()).collect();
    assert_eq!(screens.iter().filter(|s| **s == "login_failed").count(), threshold - 1, "{screens:?}");
    assert_eq!(screens.iter().filter(|s| **s == "account_locked").count(), KIOSKS - threshold + 1, "{screens:?}");
    assert_eq!(chloe.failed_passwords as usize, threshold);
    let log =
        Admin::new(school.engine(), "admin:test").audit(&AuditQuery { limit: 0, ..AuditQuery::default() }).unwrap();
    let of_chloe = |event: &str, outcome: &str| {
        log.iter().filter(|e| e.subject.eq_ignore_ascii_case(CHLOE) && e.event == event && e.outcome == outcome).count()
    };
    assert_eq!(of_chloe("sign_in_failed", "failed"), threshold, "each counted failure audited once");
    assert_eq!(of_chloe("lockout", "ok"), 1);
    assert_eq!(of_chloe("sign_in_failed", "refused"), KIOSKS - threshold, "the rest refused as locked");
    let machines: std::collections::BTreeSet<&str> = log
        .iter()
        .filter(|e| e.subject.eq_ignore_ascii_case(CHLOE) && e.event == "sign_in_failed")
        .map(|e| e.machine.as_str())
        .collect();
    assert_eq!(machines.len(), KIOSKS, "each attempt names its kiosk: {machines:?}");

    // The administrator signs in on every kiosk and opens iCON; all thirty send the same code
    // at once: one step, accepted once across both servers.
    let tokens = open_sessions(&servers, &lab);
    for (i, token) in tokens.iter().enumerate() {
        let kiosk = servers[i % 2].as_device(Some(&lab[i]));
        kiosk.expect(
            token,
            json!({"action": "sign_in", "login": demo::ADMIN_LOGIN, "password": demo::PASSWORD}),
            "applications",
        );
        kiosk.expect(token, json!({"action": "open_app", "app": "icon"}), "totp_prompt");
    }
    let secret = otp::parse_base32(demo::ADMIN_TOTP_SECRET).unwrap();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let code = otp::totp(&secret, &OtpParams::default(), now);
    let answers = all_at_once(&servers, &lab, &tokens, |_| json!({"action": "submit_totp", "code": code}));
    let screens: Vec<&str> =
        answers.iter().map(|r| r["error"]["code"].as_str().or(r["screen"].as_str()).unwrap()).collect();
    assert_eq!(screens.iter().filter(|s| **s == "dashboard").count(), 1, "one step, accepted once: {screens:?}");
    let allowed = ["dashboard", "code_used", "account_locked", "codes_locked"];
    assert!(screens.iter().all(|s| allowed.contains(s)), "{screens:?}");
    // The replays are wrong codes. Each check takes its try before it is made, so no more than
    // the threshold are ever checked at once and the rest are not checked at all; the one right
    // code clears the count (as any right code does), so those checked before it and after it
    // are each at most the threshold. (Which replay sees "code used" and which the locked
    // screens depends on when each took its try.)
    let irene = engine.store().account_by_login(&LoginId::parse(demo::ADMIN_LOGIN).unwrap()).unwrap().unwrap();
    assert!(irene.failed_codes as usize <= threshold);
    let log =
        Admin::new(school.engine(), "admin:test").audit(&AuditQuery { limit: 0, ..AuditQuery::default() }).unwrap();
    let verified = |outcome: &str| log.iter().filter(|e| e.event == "totp_verified" && e.outcome == outcome).count();
    assert_eq!(verified("ok"), 1);
    assert!((1..2 * threshold).contains(&verified("failed")), "{}", verified("failed"));
    assert_eq!(verified("failed") + verified("refused"), KIOSKS - 1, "each replay checked as wrong or not at all");
}
