//! The limits in front of the wizard: each refuses clearly, with the JSON error body.

use std::io::Read;
use std::time::Duration;

use serde_json::Value;

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
