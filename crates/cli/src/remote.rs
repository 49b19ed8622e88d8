//! `gatehouse-cli session` as a thin client (`[server] url`, issue 14 §3): the same JSON lines,
//! each sent to the school's `gatehouse-server` over HTTPS by `gatehouse-client`. No database
//! and no data key are opened on this machine. When the server cannot be reached the line is
//! answered with `{"error": {"code": "server_unreachable", …}}` and the next line tries again;
//! when the server refuses this machine (`device_unknown`, `device_revoked`) the line is
//! answered with the server's error.

use std::path::Path;

use gatehouse_client::{device, Error as ClientError, RemoteSession, SessionKind};
use gatehouse_core::config::Config;
use gatehouse_core::Error;

use crate::session::{self, Line};

/// Runs the session against `[server] url`; `dir` is the data directory (the configuration
/// file's, which `server.ca_file` is relative to, and the device credential's with
/// `key_store = "file"`). The directory is made owner-only first and the configuration read
/// again from it (`_seen` was read before: only its `[server] url` chose this path), so the
/// server this machine trusts is read only once no other user may change it.
pub fn run(_seen: &Config, dir: &Path) -> Result<(), Error> {
    let config = gatehouse_client::data_dir::open(dir)?;
    if config.server.url.is_empty() {
        return Err(Error::Config("server.url was removed from the configuration while it was read".into()));
    }
    let server = &config.server;
    let credential = device::load(&server.url, dir, &config.secrets).map_err(local)?;
    if credential.is_none() {
        tracing::info!(server = %server.url, "this machine has no device credential (gatehouse-cli device register)");
    }
    let mut remote = RemoteSession::new(server, dir, credential, SessionKind::Person).map_err(local)?;
    let result = session::lines(|line| Ok(answer(&mut remote, line)));
    remote.end();
    result
}

fn answer(remote: &mut RemoteSession, line: Line<'_>) -> String {
    let answered = match line {
        Line::Request(request) => remote.apply(request).map(|r| r.text),
        // Refused here as the embedded session refuses it: the current screen with the error.
        // (As JSON, not as text: the screen's fields, `error` and `signed_in` in any order.)
        Line::Refused(message) => remote.current().map(|r| {
            let mut screen = r.value();
            match (screen.get_mut("error"), serde_json::to_value(session::refusal(message))) {
                (Some(slot), Ok(error)) if r.is_screen() && slot.is_null() => {
                    *slot = error;
                    screen.to_string()
                }
                _ => r.text,
            }
        }),
    };
    answered.unwrap_or_else(|e| {
        match &e {
            ClientError::Unreachable(detail) => {
                tracing::warn!(server = %remote.base(), %detail, "the server cannot be reached")
            }
            e => tracing::warn!(server = %remote.base(), code = %e.code(), "the server refused the request"),
        }
        serde_json::json!({ "error": e.body() }).to_string()
    })
}

/// A fault of this machine (configuration, keyring) as the CLI reports it.
pub fn local(e: ClientError) -> Error {
    match e {
        ClientError::Local(e) => e,
        other => Error::Config(other.to_string()),
    }
}
