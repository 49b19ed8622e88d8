//! The limits in front of the wizard: each refuses clearly, with the JSON error body.

use std::io::Read;
use std::time::Duration;

use serde_json::{json, Value};

use crate::support::*;

#[test]
fn a_body_over_max_request_bytes_is_refused_with_413() {
    let school = School::new();
    let server = school.server("a", "max_request_bytes = 1024");
    let (token, _) = server.new_session(None);
    let big = format!(r#"{{"action":"sign_in","login":"x","password":"{}"}}"#, "p".repeat(4096));
    let (status, body) = server.send_raw(&token, big.into_bytes());
    assert_eq!(status, 413, "{body}");
    assert_eq!(body["error"]["code"], "request_too_large");
    assert_eq!(body["error"]["args"]["limit"], 1024);
    // The body was not read to its end: the client is told not to reuse the connection.
    let r = server
        .client
        .post(format!("{}/v1/session/actions", server.url))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body(format!(r#"{{"action":"sign_in","login":"x","password":"{}"}}"#, "p".repeat(4096)))
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 413);
    assert_eq!(r.headers().get("connection").and_then(|v| v.to_str().ok()), Some("close"));
    // Just under the limit is a wizard answer.
    let (status, _) = server.act(&token, &act("forgot_password"));
    assert_eq!(status, 200);
}

#[test]
fn a_client_still_sending_a_body_too_large_reads_the_413_instead_of_a_reset_connection() {
    let school = School::new();
    let server = school.server("a", "max_request_bytes = 1024");
    let (token, _) = server.new_session(None);
    // Far more than the sockets' buffers hold: the client is still writing when the server
    // has its answer. Unless the server reads the rest, closing the connection resets it and
    // the client never sees the 413 (it would report the server as unreachable).
    let big = format!(r#"{{"action":"sign_in","login":"x","password":"{}"}}"#, "p".repeat(900 * 1024));
    for _ in 0..3 {
        let (status, body) = server.send_raw(&token, big.clone().into_bytes());
        assert_eq!(status, 413, "{body}");
        assert_eq!(body["error"]["code"], "request_too_large");
    }
}

#[test]
fn too_many_requests_from_one_address_are_refused_with_429() {
    let school = School::new();
    let server = school.server("a", "requests_per_minute_per_address = 5");
    let statuses: Vec<u16> = (0..12).map(|_| server.get("/healthz").0).collect();
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 5, "{statuses:?}");
    let r = server.client.get(format!("{}/healthz", server.url)).send().unwrap();
    assert_eq!(r.status().as_u16(), 429);
    assert!(r.headers().contains_key("retry-after") || r.headers().contains_key("x-ratelimit-after"));
    let body: Value = r.json().unwrap();
    assert_eq!(body["error"]["code"], "too_many_requests", "{body}");
}

/// A body that sends a few bytes, then stalls longer than the server waits.
struct Stalling(bool);

impl Read for Stalling {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.0 {
            std::thread::sleep(Duration::from_secs(4));
            return Ok(0);
        }
        self.0 = true;
        let start = br#"{"action":"#;
        buf[..start.len()].copy_from_slice(start);
        Ok(start.len())
    }
}

#[test]
fn a_request_slower_than_request_timeout_seconds_is_refused_with_408() {
    let school = School::new();
    let server = school.server("a", "request_timeout_seconds = 1");
    let (token, _) = server.new_session(None);
    let r = server
        .client
        .post(format!("{}/v1/session/actions", server.url))
        .bearer_auth(&token)
        .body(reqwest::blocking::Body::new(Stalling(false)))
        .send()
        .unwrap();
    // Had the server waited for the whole body, `{"action":` would be the wizard's 200 refusal.
    assert_eq!(r.status().as_u16(), 408);
    let body: Value = r.json().unwrap();
    assert_eq!(body["error"]["code"], "request_timed_out", "{body}");
}

#[test]
fn a_kept_alive_connection_gets_no_more_than_request_timeout_seconds_for_its_next_request() {
    use std::io::Write;
    let school = School::new();
    let server = school.server("a", "request_timeout_seconds = 1");
    let host = server.url.trim_start_matches("https://").to_owned();
    let connect = || {
        let tls = std::sync::Arc::new(school.tls());
        let name = rustls::pki_types::ServerName::try_from("localhost").unwrap();
        let conn = rustls::ClientConnection::new(tls, name).unwrap();
        let tcp = std::net::TcpStream::connect(&host).unwrap();
        tcp.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        rustls::StreamOwned::new(conn, tcp)
    };
    // Reads one answer to its end (health's body is short: it comes with the head).
    let answer = |stream: &mut rustls::StreamOwned<rustls::ClientConnection, std::net::TcpStream>| {
        let mut buf = [0u8; 4096];
        let n = stream.read(&mut buf).unwrap();
        String::from_utf8_lossy(&buf[..n]).into_owned()
    };
    let request = format!("GET /healthz HTTP/1.1\r\nHost: {host}\r\n\r\n");
    for dribble in [false, true] {
        let mut stream = connect();
        stream.write_all(request.as_bytes()).unwrap();
        assert!(answer(&mut stream).starts_with("HTTP/1.1 200"), "the first request is answered");
        // Then nothing (idle), or the next head a byte at a time (dribbling).
        let started = std::time::Instant::now();
        if dribble {
            for b in b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " {
                if stream.write_all(&[*b]).and_then(|()| stream.flush()).is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(150));
            }
        }
        let mut rest = Vec::new();
        let closed = stream.read_to_end(&mut rest);
        let waited = started.elapsed();
        assert!(closed.is_ok() || waited < Duration::from_secs(9), "closed by the server: {closed:?}");
        assert!(waited < Duration::from_secs(4), "kept {waited:?} (dribbling: {dribble})");
    }
    // A prompt next request on a kept-alive connection is still answered.
    let mut stream = connect();
    stream.write_all(request.as_bytes()).unwrap();
    assert!(answer(&mut stream).starts_with("HTTP/1.1 200"));
    stream.write_all(request.as_bytes()).unwrap();
    assert!(answer(&mut stream).starts_with("HTTP/1.1 200"));
}

#[test]
fn a_body_declared_far_too_large_is_refused_at_once_without_reading_it() {
    let school = School::new();
    let server = school.server("a", "max_request_bytes = 1024\nrequest_timeout_seconds = 2");
    let (token, _) = server.new_session(None);
    // 100 MiB declared, a few bytes sent, then silence: had the server set out to read it all,
    // the answer would be the timeout's 408.
    let r = server
        .client
        .post(format!("{}/v1/session/actions", server.url))
        .bearer_auth(&token)
        .body(reqwest::blocking::Body::sized(Stalling(false), 100 << 20))
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 413);
}

#[test]
fn past_max_requests_in_flight_a_request_is_answered_503_at_once_and_health_still_answers() {
    let school = School::new();
    let server = school.server("a", "max_requests_in_flight = 1");
    let (token, _) = server.new_session(None);
    // A request under way that cannot finish yet: the database holds its session's save (the
    // sessions table locked against writes until the test lets go).
    let mut database = school.database().connect();
    let mut hold = database.transaction().unwrap();
    hold.batch_execute("LOCK TABLE sessions IN EXCLUSIVE MODE").unwrap();
    let under_way = std::thread::scope(|scope| {
        let slow = scope.spawn(|| {
            let r = server
                .client
                .post(format!("{}/v1/session/actions", server.url))
                .bearer_auth(&token)
                .header("Gatehouse-Device", &school.kiosk)
                .json(&json!({"action": "forgot_password"}))
                .send()
                .unwrap();
            (r.status().as_u16(), r.json::<Value>().unwrap())
        });
        // Until the held request is under way, a new session may still get in.
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        let busy = loop {
            let r = server.client.post(format!("{}/v1/sessions", server.url)).send().unwrap();
            if r.status().as_u16() == 503 || std::time::Instant::now() > deadline {
                break r;
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        assert_eq!(busy.status().as_u16(), 503);
        assert_eq!(busy.headers().get("retry-after").and_then(|v| v.to_str().ok()), Some("1"));
        let body: Value = busy.json().unwrap();
        assert_eq!(body["error"]["code"], "server_busy", "{body}");
        assert_eq!(body["error"]["id"], "server-busy", "{body}");
        assert_eq!(server.current(&token).0, 503, "every wizard route counts");
        assert_eq!(server.get("/healthz").0, 200, "health is not counted");
        assert_eq!(server.get("/readyz").0, 200);
        let (_, metrics) = server.get("/metrics");
        assert!(metrics.contains(r#"route="/v1/sessions",status="503""#), "{metrics}");
        hold.commit().unwrap();
        slow.join().unwrap()
    });
    assert_eq!(under_way.0, 200, "the request under way finishes as usual: {}", under_way.1);
    assert_eq!(under_way.1["screen"], "sspr_search");
    assert_eq!(server.new_session(None).1["screen"], "sign_in", "a slot is free again");
}

#[test]
fn requests_holding_their_bodies_back_take_no_slot_from_the_others() {
    let school = School::new();
    let server = school.server("a", "max_requests_in_flight = 2\nrequest_timeout_seconds = 10");
    let (release, held) = std::sync::mpsc::channel::<()>();
    let held = std::sync::Arc::new(std::sync::Mutex::new(held));
    std::thread::scope(|scope| {
        // Four requests whose heads say a body comes, and whose bodies wait.
        let slow: Vec<_> = (0..4)
            .map(|_| {
                let (server, school, held) = (&server, &school, std::sync::Arc::clone(&held));
                scope.spawn(move || {
                    let waits = Waiting(held);
                    let r = server
                        .client
                        .post(format!("{}/v1/sessions", server.url))
                        .header("Gatehouse-Device", &school.kiosk)
                        .body(reqwest::blocking::Body::sized(waits, 2))
                        .send();
                    r.map(|r| r.status().as_u16()).unwrap_or(0)
                })
            })
            .collect();
        std::thread::sleep(Duration::from_millis(500));
        // Everyone else is still let in meanwhile.
        for _ in 0..3 {
            assert_eq!(server.new_session(None).1["screen"], "sign_in");
        }
        drop(release);
        // Sent at last all at once, they are taken or answered busy like any others.
        for s in slow {
            let status = s.join().unwrap();
            assert!(matches!(status, 201 | 503), "a held request answered {status}");
        }
    });
}

/// A body of two bytes that sends them only once the test lets go.
struct Waiting(std::sync::Arc<std::sync::Mutex<std::sync::mpsc::Receiver<()>>>);

impl Read for Waiting {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let _ = self.0.lock().unwrap().recv_timeout(Duration::from_secs(20));
        buf[..2].copy_from_slice(b"{}");
        Ok(2)
    }
}
