//! `gatehouse-cli session` as a thin client (`[server] url`, issue 14 §3): the same JSON lines,
//! each sent to the school's `gatehouse-server` over HTTPS. No database and no data key are opened
//! on this machine. When the server cannot be reached the line is answered with
//! `{"error": {"code": "server_unreachable", …}}` and the next line tries again.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use gatehouse_core::config::ServerConfig;
use gatehouse_core::error::transport;
use gatehouse_core::{Error, ErrorBody};
use reqwest::blocking::{Client, Response};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use zeroize::Zeroizing;

use crate::session::{self, Line};

/// Runs the session against `server.url`; `dir` is the directory that `server.ca_file` is
/// relative to (the configuration file's).
pub fn run(server: &ServerConfig, dir: &Path) -> Result<(), Error> {
    let mut remote =
        Remote { client: client(server, dir)?, base: server.url.trim_end_matches('/').to_owned(), token: None };
    let result = session::lines(|line| Ok(remote.answer(line)));
    remote.end();
    result
}

/// The HTTPS client: rustls with ring, trusting exactly the configured PEM file's certificates,
/// or the system's roots when none is configured.
fn client(server: &ServerConfig, dir: &Path) -> Result<Client, Error> {
    let mut roots = rustls::RootCertStore::empty();
    if server.ca_file.is_empty() {
        let native = rustls_native_certs::load_native_certs();
        roots.add_parsable_certificates(native.certs);
    } else {
        let path = dir.join(&server.ca_file);
        let bad = |m: String| Error::Config(format!("server.ca_file {}: {m}", path.display()));
        let certs = CertificateDer::pem_file_iter(&path)
            .map_err(|e| bad(e.to_string()))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| bad(e.to_string()))?;
        for cert in certs {
            roots.add(cert).map_err(|e| bad(e.to_string()))?;
        }
    }
    if roots.is_empty() {
        return Err(Error::Config("server.url: no trusted certificate (set server.ca_file)".into()));
    }
    let tls = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::Internal(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Client::builder()
        .tls_backend_preconfigured(tls)
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(60))
        .build()
        .map_err(|e| Error::Internal(format!("HTTPS client: {e}")))
}

struct Remote {
    client: Client,
    base: String,
    /// The server session's bearer token, once one is created.
    token: Option<Zeroizing<String>>,
}

/// The server could not be reached, or what answered was not the server.
struct Unreachable(String);

impl From<reqwest::Error> for Unreachable {
    fn from(e: reqwest::Error) -> Self {
        // The whole source chain: "error sending request" alone does not say why.
        let mut text = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            text.push_str(&format!(": {s}"));
            source = s.source();
        }
        Self(text)
    }
}

impl Remote {
    fn answer(&mut self, line: Line<'_>) -> String {
        self.try_answer(line).unwrap_or_else(|Unreachable(detail)| {
            tracing::warn!(server = %self.base, %detail, "the server cannot be reached");
            let body = ErrorBody::of(transport::SERVER_UNREACHABLE, transport::server_unreachable());
            serde_json::json!({ "error": body }).to_string()
        })
    }

    fn try_answer(&mut self, line: Line<'_>) -> Result<String, Unreachable> {
        let token = self.session()?;
        match line {
            Line::Request(request) => {
                let r = self
                    .client
                    .post(format!("{}/v1/session/actions", self.base))
                    .bearer_auth(token.as_str())
                    .header("content-type", "application/json")
                    .body(request.to_owned())
                    .send()?;
                self.forget_ended(&r);
                json_text(r)
            }
            // Refused here as the embedded session refuses it: the current screen with the error.
            Line::Refused(message) => {
                let r = self.client.get(format!("{}/v1/session", self.base)).bearer_auth(token.as_str()).send()?;
                self.forget_ended(&r);
                let ok = r.status().is_success();
                let text = json_text(r)?;
                let error = serde_json::to_string(&session::refusal(message)).unwrap_or_default();
                Ok(match text.strip_suffix(",\"error\":null}") {
                    Some(screen) if ok => format!("{screen},\"error\":{error}}}"),
                    _ => text,
                })
            }
        }
    }

    /// The session's token, creating the session on the server first if there is none yet.
    fn session(&mut self) -> Result<Zeroizing<String>, Unreachable> {
        if let Some(token) = &self.token {
            return Ok(token.clone());
        }
        let r = self.client.post(format!("{}/v1/sessions", self.base)).send()?;
        let status = r.status();
        let text = json_text(r)?;
        let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| Unreachable(e.to_string()))?;
        match value["token"].as_str() {
            Some(token) if status.as_u16() == 201 => {
                let token = Zeroizing::new(token.to_owned());
                self.token = Some(token.clone());
                Ok(token)
            }
            _ => Err(Unreachable(format!("POST /v1/sessions answered {status}: {text}"))),
        }
    }

    /// A `401 session_ended` (the session timed out or was ended): the next line starts a new
    /// session, on the sign-in screen.
    fn forget_ended(&mut self, r: &Response) {
        if r.status().as_u16() == 401 {
            self.token = None;
        }
    }

    /// End of input: signs out and ends the server's session (best effort).
    fn end(&mut self) {
        if let Some(token) = self.token.take() {
            if let Err(e) = self.client.delete(format!("{}/v1/session", self.base)).bearer_auth(token.as_str()).send() {
                tracing::warn!(error = %Unreachable::from(e).0, "the session could not be ended on the server");
            }
        }
    }
}

/// The server's JSON body as one line, byte for byte (it is compact JSON, as the embedded
/// session prints); anything else did not come from the server.
fn json_text(r: Response) -> Result<String, Unreachable> {
    let status = r.status();
    let text = r.text()?;
    match serde_json::from_str::<serde::de::IgnoredAny>(&text) {
        Ok(_) if !text.contains('\n') => Ok(text),
        Ok(_) => Ok(serde_json::from_str::<serde_json::Value>(&text).map(|v| v.to_string()).unwrap_or(text)),
        Err(_) => Err(Unreachable(format!("the answer ({status}) is not JSON"))),
    }
}
