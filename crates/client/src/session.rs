//! A wizard session on the school's `gatehouse-server` (issue 14 §3): the same request and
//! response JSON as the embedded engine, over `POST /v1/sessions`, `POST /v1/session/actions`,
//! `GET /v1/session` and `DELETE /v1/session` (and `POST /v1/session/browser`, which hands the
//! signed-in session to the browser). The session is created on first use and created
//! again after the server ended it; the bearer token is wiped from memory when dropped.

use std::path::Path;

use gatehouse_core::config::ServerConfig;
use reqwest::Method;
use zeroize::Zeroizing;

use crate::endpoint::Endpoint;
use crate::error::{Error, Reply};

/// Which session the server opens: a person's at their own machine, or a lab kiosk's (the
/// server ends those after the kiosk's idle time, and requires a registered device).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    Person,
    Kiosk,
}

pub struct RemoteSession {
    server: Endpoint,
    kind: SessionKind,
    /// The server session's bearer token, once one is created.
    token: Option<Zeroizing<String>>,
}

impl RemoteSession {
    /// A session on `server.url` (none is created until the first request); `dir` is the
    /// directory `server.ca_file` is relative to, `device` this machine's credential if it has one.
    pub fn new(
        server: &ServerConfig,
        dir: &Path,
        device: Option<Zeroizing<String>>,
        kind: SessionKind,
    ) -> Result<Self, Error> {
        Ok(Self { server: Endpoint::new(server, dir, device)?, kind, token: None })
    }

    /// The server's base URL (for logs and messages).
    pub fn base(&self) -> &str {
        self.server.base()
    }

    /// Sends one wizard request (its JSON text as the person's window or the CLI wrote it) and
    /// returns the server's answer as it came: a screen, or an error body such as
    /// `401 session_ended` (after which the next request opens a new session) or
    /// `409 session_changed`. A refusal of this device is an [`Error::Refused`].
    pub fn apply(&mut self, request: &str) -> Result<Reply, Error> {
        let token = self.session()?;
        let r = self.server.post_json("/v1/session/actions", Some(&token), request.to_owned()).send()?;
        self.checked(Reply::read(r)?)
    }

    /// The screen the session is on (a new session's sign-in screen if there was none).
    pub fn current(&mut self) -> Result<Reply, Error> {
        let token = self.session()?;
        let r = self.server.request(Method::GET, "/v1/session", Some(&token)).send()?;
        self.checked(Reply::read(r)?)
    }

    /// For a window, which always needs a screen to show: `request`'s answer (or the current
    /// screen for `None`), and when the server answered with an error body instead (the session
    /// ended, changed meanwhile, too many requests…) the screen the session is on now with that
    /// error on it — a new session's sign-in screen if the old one ended.
    pub fn screen(&mut self, request: Option<&str>) -> Result<serde_json::Value, Error> {
        let reply = match request {
            Some(request) => self.apply(request)?,
            None => self.current()?,
        };
        if reply.is_screen() {
            return Ok(reply.value());
        }
        let error = reply.value()["error"].clone();
        // Once only: a second error body is shown as the refusal it is, never retried in a loop.
        let again = self.current()?;
        if !again.is_screen() {
            return Err(Error::Refused(again));
        }
        let mut screen = again.value();
        screen["error"] = error;
        Ok(screen)
    }

    /// A one-time address that opens the dashboard app `app` in the browser signed in as this
    /// session's person (issue 18 §4; the browser's session ends with this one). `None` when
    /// the server gives none — it serves no browser page, the session is not on the dashboard
    /// or there is no such app —, and the app's own address is opened instead.
    pub fn browser_address(&mut self, app: &str) -> Result<Option<String>, Error> {
        let Some(token) = self.token.clone() else { return Ok(None) };
        let body = serde_json::json!({ "app": app }).to_string();
        let reply =
            self.checked(Reply::read(self.server.post_json("/v1/session/browser", Some(&token), body).send()?)?)?;
        match reply.value()["url"].as_str() {
            Some(url) if reply.status == 201 && url.starts_with("https://") => Ok(Some(url.to_owned())),
            _ => {
                tracing::info!(status = reply.status, code = %reply.code(), "the server handed no browser session; opening the app's own address");
                Ok(None)
            }
        }
    }

    /// Ends the session on the server (sign-out, a kiosk's idle reset, the end of input); the
    /// next request opens a new one. Best effort: an unreachable server ends it by idle time.
    pub fn end(&mut self) {
        if let Some(token) = self.token.take() {
            if let Err(e) = self.server.request(Method::DELETE, "/v1/session", Some(&token)).send() {
                tracing::warn!(server = %self.server.base(), error = %Error::from(e), "the session could not be ended on the server");
            }
        }
    }

    /// The session's token, creating the session on the server first if there is none yet.
    fn session(&mut self) -> Result<Zeroizing<String>, Error> {
        if let Some(token) = &self.token {
            return Ok(token.clone());
        }
        let request = match self.kind {
            SessionKind::Kiosk => self.server.post_json("/v1/sessions", None, r#"{"kind":"kiosk"}"#.to_owned()),
            SessionKind::Person => self.server.request(Method::POST, "/v1/sessions", None),
        };
        let reply = Reply::read(request.send()?)?;
        let value = reply.value();
        match value["token"].as_str() {
            Some(token) if reply.status == 201 => {
                let token = Zeroizing::new(token.to_owned());
                self.token = Some(token.clone());
                Ok(token)
            }
            // The server's own refusal (this device, too many requests): shown as it said it.
            _ if !reply.code().is_empty() => Err(Error::Refused(reply)),
            _ => Err(Error::Unreachable(format!("POST /v1/sessions answered {}: {}", reply.status, reply.text))),
        }
    }

    /// A `401` (`session_ended`, or this device refused) forgets the token: the next request
    /// starts a new session, on the sign-in screen. A refusal of the device is an error.
    fn checked(&mut self, reply: Reply) -> Result<Reply, Error> {
        if reply.status == 401 {
            self.token = None;
            if reply.code().starts_with("device_") {
                return Err(Error::Refused(reply));
            }
        }
        Ok(reply)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::tests::{scripted_server, server_at};

    const JSON: &str = "Content-Type: application/json\r\n";

    /// A window's session on a server that answers with `answers` once the session is made and
    /// its dashboard shown: the session, and the server's thread (the requests it read).
    fn on_the_dashboard(
        dir: &Path,
        answers: Vec<(&'static str, String)>,
    ) -> (RemoteSession, std::thread::JoinHandle<Vec<String>>) {
        let mut script = vec![
            ("201 Created", JSON.to_owned(), r#"{"token":"session-token-of-this-window"}"#.to_owned()),
            ("200 OK", JSON.to_owned(), r#"{"screen":"dashboard"}"#.to_owned()),
        ];
        script.extend(answers.into_iter().map(|(status, body)| (status, JSON.to_owned(), body)));
        let (base, server) = scripted_server(dir, script);
        let mut session = RemoteSession::new(&server_at(&base), dir, None, SessionKind::Person).unwrap();
        assert_eq!(session.current().unwrap().value()["screen"], "dashboard");
        (session, server)
    }

    #[test]
    fn a_hand_off_address_that_is_not_https_is_never_opened_and_the_apps_own_address_is_used() {
        for url in ["file:///etc/passwd", "http://apps.example.edu.sg/mail", "javascript:alert(1)", ""] {
            let dir = tempfile::tempdir().unwrap();
            let body = serde_json::json!({ "url": url }).to_string();
            let (mut session, server) = on_the_dashboard(dir.path(), vec![("201 Created", body)]);
            assert_eq!(session.browser_address("icon").unwrap(), None, "{url:?}");
            let asked = server.join().unwrap();
            assert!(asked[2].starts_with("POST /v1/session/browser "), "{}", asked[2]);
        }
    }

    #[test]
    fn a_hand_off_address_is_taken_only_from_a_201_and_a_session_the_server_ended_asks_for_none() {
        let dir = tempfile::tempdir().unwrap();
        let handed = r#"{"url":"https://gatehouse.example.edu.sg/web/v1/hand-off?code=abc"}"#;
        let answers = vec![
            ("200 OK", handed.to_owned()),
            ("201 Created", handed.to_owned()),
            ("401 Unauthorized", r#"{"error":{"code":"session_ended","message":"Signed out."}}"#.to_owned()),
        ];
        let (mut session, server) = on_the_dashboard(dir.path(), answers);
        assert_eq!(session.browser_address("icon").unwrap(), None, "a 200 is no hand-off");
        let address = session.browser_address("icon").unwrap();
        assert_eq!(address.as_deref(), Some("https://gatehouse.example.edu.sg/web/v1/hand-off?code=abc"));
        assert_eq!(session.browser_address("icon").unwrap(), None);
        // Ended by the server: its token is forgotten, so no address is asked for any more.
        assert_eq!(session.browser_address("icon").unwrap(), None);
        let asked = server.join().unwrap();
        assert_eq!(asked.len(), 5, "{asked:#?}");
        assert!(asked[1..].iter().all(|r| r.contains("session-token-of-this-window")));
    }
}
