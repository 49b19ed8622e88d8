//! The one error every command returns, and the one place the core's errors become what the
//! window sees: the core's own error object (`ErrorBody`), so the console and first-run forms
//! get the same `code`, `message`, `id`/`args` and `field` as the wizard.

use gatehouse_core::console::Refusal;
use gatehouse_core::error::transport;
use gatehouse_core::{Error, ErrorBody};
use serde::Serialize;

/// A failure of a command (the wizard's refusals are screens with an `error` instead):
/// `{code, message, id?, args?, field?}`; the front-end branches on `code`.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct CommandError(Body);

/// The core's error object, or the server's as it sent it (a thin client).
#[derive(Debug, Serialize)]
#[serde(untagged)]
enum Body {
    Core(ErrorBody),
    Server(serde_json::Value),
}

impl CommandError {
    /// A failure of the shell itself (`not_signed_in`, `session_expired`, `open_failed`, …).
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self(Body::Core(ErrorBody::new(code, message)))
    }

    /// The stable code the front-end branches on.
    pub fn code(&self) -> &str {
        match &self.0 {
            Body::Core(body) => &body.code,
            Body::Server(value) => value["code"].as_str().unwrap_or_default(),
        }
    }
}

/// A thin client's failure: `server_unreachable` (the detail goes to the log; the window retries
/// by itself), the server's own error object (`device_unknown`, `device_revoked`, …: shown as
/// the server said it, not retried), or a fault of this machine as the core's errors are.
impl From<gatehouse_client::Error> for CommandError {
    fn from(e: gatehouse_client::Error) -> Self {
        match e {
            gatehouse_client::Error::Local(e) => e.into(),
            gatehouse_client::Error::Unreachable(detail) => {
                tracing::warn!(%detail, "the server cannot be reached");
                Self(Body::Core(ErrorBody::of(transport::SERVER_UNREACHABLE, transport::server_unreachable())))
            }
            e => {
                tracing::warn!(code = %e.code(), "the server refused the request");
                Self(Body::Server(e.body()))
            }
        }
    }
}

/// An administrator's sign-in refused (wrong code, locked, not an administrator): its code and
/// its message by id.
impl From<Refusal> for CommandError {
    fn from(r: Refusal) -> Self {
        Self(Body::Core(ErrorBody::of(r.code, r.text)))
    }
}

/// The core's errors: input, refusals and a busy database keep their code, message and field
/// (written to be shown); storage, configuration, mail and other system failures are logged in
/// full and shown as a safe sentence.
impl From<Error> for CommandError {
    fn from(e: Error) -> Self {
        if e.is_internal() && !matches!(e, Error::Busy) {
            tracing::error!(error = %e, "command failed");
            return Self::new("internal", "Something went wrong; the details are in the log. Please try again.");
        }
        Self(Body::Core(ErrorBody::from(&e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_input_keeps_the_cores_code_and_the_field_at_fault() {
        let text = gatehouse_core::text::Text::new("enter-own-login");
        let e = CommandError::from(Error::invalid("login", text.clone()));
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "invalid_input");
        assert_eq!(json["field"], "login");
        assert_eq!(json["message"], text.english());
        assert_eq!(json["id"], "enter-own-login");
    }

    #[test]
    fn a_system_failure_shows_a_safe_sentence_and_a_busy_database_says_so() {
        let e =
            serde_json::to_value(CommandError::from(Error::Storage("disk I/O error at /secret/path".into()))).unwrap();
        assert_eq!(e["code"], "internal");
        assert!(!e["message"].as_str().unwrap().contains("/secret/path"), "{e}");
        assert_eq!(serde_json::to_value(CommandError::from(Error::Busy)).unwrap()["code"], "busy");
    }
}
