//! The wizard over HTTPS: a whole first sign-in, one session served by two processes, a server
//! killed mid-session, and tokens that open nothing.

use serde_json::{json, Value};

use crate::support::*;

const ADA: &str = "Ada_Lim@students.edu.sg";

fn sign_in(login: &str, password: &str) -> Value {
    json!({"action": "sign_in", "login": login, "password": password})
}

/// The student guide's first sign-in, each step on the server `on(i)` picks.
fn first_sign_in<'a>(on: impl Fn(usize) -> &'a Server, token: &str, temporary: &str) {
    let steps = first_sign_in_steps(ADA, temporary);
    for (i, (action, screen)) in steps.into_iter().enumerate() {
        on(i).expect(token, action, screen);
    }
}

#[test]
fn a_student_walks_her_first_sign_in_over_https_and_signs_out() {
    let school = School::new();
    let temporary = school.student(ADA, "Ada Lim");
    let server = school.server("a", "");
    let (token, first) = server.new_session(None);
    assert_eq!(first["screen"], "sign_in");
    assert_eq!(first["signed_in"], false, "nobody is signed in yet: {first}");
    assert_eq!(token.len(), 43, "256 bits in base64url");
    first_sign_in(|_| &server, &token, &temporary);
    let now = server.current(&token).1;
    assert_eq!((now["screen"].as_str(), now["signed_in"].as_bool()), (Some("dashboard"), Some(true)), "{now}");
    let (status, out) = server.end(&token);
    assert_eq!((status, out["screen"].as_str()), (200, Some("signed_out")), "{out}");
    assert_eq!(out["signed_in"], false, "{out}");
    // The session is gone: its token opens nothing any more.
    let (status, refused) = server.current(&token);
    assert_eq!((status, refused["error"]["code"].as_str()), (401, Some("session_ended")), "{refused}");
    // The new password works in a new session; the audit log has the sign-out.
    let (again, _) = server.new_session(None);
    server.expect(&again, sign_in(ADA, NEW_PASSWORD), "applications");
    let audit = gatehouse_core::admin::Admin::new(school.engine(), "admin:test").audit(&Default::default()).unwrap();
    assert!(audit.iter().any(|e| e.event == "sign_out"), "{audit:?}");
}

#[test]
fn two_server_processes_on_one_database_serve_the_same_session() {
    let school = School::new();
    let temporary = school.student(ADA, "Ada Lim");
    let (a, b) = (school.server("a", ""), school.server("b", ""));
    let (token, _) = a.new_session(None);
    first_sign_in(|i| if i % 2 == 0 { &b } else { &a }, &token, &temporary);
    assert_eq!(a.current(&token).1["screen"], "dashboard");
    assert_eq!(b.current(&token).1["screen"], "dashboard");
    // Ended on one, gone on the other.
    assert_eq!(b.end(&token).0, 200);
    assert_eq!(a.current(&token).0, 401);
}

#[test]
fn reading_the_screen_of_a_session_whose_password_was_reset_ends_it_on_every_server() {
    let school = School::new();
    let temporary = school.student(ADA, "Ada Lim");
    let (a, b) = (school.server("a", ""), school.server("b", ""));
    let (token, _) = a.new_session(None);
    first_sign_in(|_| &a, &token, &temporary);
    assert_eq!(b.current(&token).1["screen"], "dashboard");
    // In the second of the sign-in, likely: the session ends all the same.
    gatehouse_core::admin::Admin::new(school.engine(), "admin:test").reset_password(ADA).unwrap();
    // A window that only reads its screen (a reload) sees the session end, not the dashboard.
    let (status, now) = a.current(&token);
    assert_eq!((status, now["screen"].as_str()), (200, Some("error")), "{now}");
    assert_eq!(
        (now["error"]["code"].as_str(), now["signed_in"].as_bool()),
        (Some("password_changed_elsewhere"), Some(false))
    );
    // Kept so: the other server reads the ended session too, and nothing is audited twice.
    let (_, there) = b.current(&token);
    assert_eq!((there["screen"].as_str(), there["signed_in"].as_bool()), (Some("error"), Some(false)), "{there}");
    let audit = gatehouse_core::admin::Admin::new(school.engine(), "admin:test").audit(&Default::default()).unwrap();
    let ended = audit.iter().filter(|e| e.detail.contains("changed elsewhere")).count();
    assert_eq!(ended, 1, "{audit:?}");
}

#[test]
fn a_server_killed_mid_session_is_replaced_and_the_session_goes_on() {
    let school = School::new();
    let temporary = school.student(ADA, "Ada Lim");
    let mut first = school.server("first", "");
    let (token, _) = first.new_session(None);
    first.expect(&token, sign_in(ADA, &temporary), "set_questions");
    let [_, (questions, _), ..] = first_sign_in_steps(ADA, &temporary);
    first.expect(&token, questions, "confirm_questions");
    first.kill();
    let second = school.server("second", "");
    let (status, screen) = second.current(&token);
    assert_eq!((status, screen["screen"].as_str()), (200, Some("confirm_questions")), "{screen}");
    assert_eq!(screen["questions"][2]["answer"], "The Good Earth", "what she typed is kept");
    second.expect(&token, act("confirm_questions"), "questions_saved");
    second.expect(&token, act("continue"), "change_password");
}

#[test]
fn an_unknown_a_forged_or_a_missing_token_is_refused_with_401_and_nothing_else() {
    let school = School::new();
    let server = school.server("a", "");
    let (token, _) = server.new_session(None);
    let mut forged = token.clone();
    forged.replace_range(0..1, if token.starts_with('A') { "B" } else { "A" });
    for bad in [forged.as_str(), "not-a-token", "x"] {
        let (status, body) = server.act(bad, &act("continue"));
        assert_eq!(status, 401, "{bad}: {body}");
        assert_eq!(body["error"]["code"], "session_ended");
        assert_eq!(body["error"]["id"], "session-ended");
        assert_eq!(server.current(bad).0, 401);
        assert_eq!(server.end(bad).0, 401);
    }
    let r = server.client.get(format!("{}/v1/session", server.url)).send().unwrap();
    assert_eq!(r.status().as_u16(), 401);
    assert_eq!(r.headers()["www-authenticate"], "Bearer");
    // The real token still works, and a body that is not JSON is the wizard's own refusal.
    let (status, body) = server.send_raw(&token, b"not json".to_vec());
    assert_eq!((status, body["screen"].as_str()), (200, Some("sign_in")), "{body}");
    assert!(body["error"]["code"].is_string(), "{body}");
}

#[test]
fn an_idle_session_expires_and_a_kiosk_session_sooner() {
    let school = School::new();
    let server = school.server("a", "session_idle_seconds = 4\nkiosk_idle_seconds = 1");
    let (person, _) = server.new_session(None);
    let (kiosk, _) = server.new_session(Some(json!({"kind": "kiosk"})));
    std::thread::sleep(std::time::Duration::from_millis(2500));
    let (status, body) = server.act(&kiosk, &act("forgot_password"));
    assert_eq!((status, body["error"]["code"].as_str()), (401, Some("session_ended")), "{body}");
    // The person's session is still there, and a step starts its idle time again.
    server.expect(&person, act("forgot_password"), "sspr_search");
    std::thread::sleep(std::time::Duration::from_millis(2500));
    assert_eq!(server.current(&person).0, 200, "the step moved the expiry forward");
    std::thread::sleep(std::time::Duration::from_millis(2000));
    assert_eq!(server.current(&person).0, 401, "idle for longer than session_idle_seconds");
    let r = server.client.post(format!("{}/v1/sessions", server.url)).json(&json!({"kind": "robot"})).send().unwrap();
    assert_eq!(r.status().as_u16(), 400);
}

#[test]
fn health_readiness_and_metrics_answer_and_count_sign_ins_by_outcome() {
    let school = School::new();
    let temporary = school.student(ADA, "Ada Lim");
    let server = school.server("a", "");
    assert_eq!(server.get("/healthz").0, 200);
    let (status, ready) = server.get("/readyz");
    assert_eq!((status, ready.as_str()), (200, r#"{"status":"ready"}"#));
    let (token, _) = server.new_session(None);
    let wrong = server.act(&token, &sign_in(ADA, "Wrong-Password-1")).1;
    assert_eq!(wrong["error"]["code"], "login_failed", "{wrong}");
    server.expect(&token, sign_in(ADA, &temporary), "set_questions");
    let (status, text) = server.get("/metrics");
    assert_eq!(status, 200);
    for line in [
        r#"gatehouse_sign_ins_total{outcome="ok"} 1"#,
        r#"gatehouse_sign_ins_total{outcome="login_failed"} 1"#,
        r#"gatehouse_http_requests_total{route="/v1/session/actions",status="200"} 2"#,
        r#"gatehouse_http_requests_total{route="/v1/sessions",status="201"} 1"#,
        r#"gatehouse_http_request_duration_seconds_bucket{route="/v1/session/actions",le="+Inf"} 2"#,
    ] {
        assert!(text.lines().any(|l| l == line), "{line} not in\n{text}");
    }
    assert!(!text.contains(&token) && !text.contains(&temporary));
}

#[test]
fn with_a_metrics_token_file_metrics_answer_only_the_bearer_of_its_token() {
    let school = School::new();
    let file = school.dir.path().join("metrics-token");
    std::fs::write(&file, "s3cret-metrics-token-42\n").unwrap();
    let server = school.server("a", "metrics_token_file = \"metrics-token\"");
    let scrape = |authorization: Option<&str>| {
        let mut request = server.client.get(format!("{}/metrics", server.url));
        if let Some(value) = authorization {
            request = request.header("Authorization", value);
        }
        let r = request.send().unwrap();
        (r.status().as_u16(), r.text().unwrap())
    };
    assert_eq!(server.get("/healthz").0, 200, "the rest of the server does not ask for it");
    let (status, text) = scrape(Some("Bearer s3cret-metrics-token-42"));
    assert_eq!(status, 200);
    let counted = r#"gatehouse_http_requests_total{route="/healthz",status="200"} 1"#;
    assert!(text.lines().any(|l| l == counted), "{text}");
    for refused in [None, Some("Bearer s3cret-metrics-token-43"), Some("Basic czNjcmV0")] {
        let (status, text) = scrape(refused);
        assert_eq!(status, 404, "{refused:?}");
        assert!(!text.contains("gatehouse_"), "{text}");
    }
}

#[test]
fn a_metrics_token_file_that_is_missing_or_too_short_stops_the_server_at_start_with_its_name() {
    let school = School::new();
    std::fs::write(school.dir.path().join("short-token"), "abc123\n").unwrap();
    std::fs::write(school.dir.path().join("two-tokens"), "abc123-first-token abc123-second-token\n").unwrap();
    for (file, says) in [
        ("missing-token", "cannot be read"),
        ("short-token", "16 or more characters"),
        ("two-tokens", "without spaces"),
    ] {
        let config = school.dir.path().join(format!("{file}.toml"));
        std::fs::write(&config, school.config_text(&format!("metrics_token_file = \"{file}\""))).unwrap();
        let stderr = refused_start(&config);
        assert!(stderr.contains("server.metrics_token_file") && stderr.contains(says), "{stderr}");
        assert!(!stderr.contains("abc123"), "the token is never shown: {stderr}");
    }
}
