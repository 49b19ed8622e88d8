//! The one error every command returns, and the one place the core's errors become what the
//! window sees.

use gatehouse_core::Error;
use serde::Serialize;

/// A failure of the shell itself (never of the wizard, whose refusals are screens with an
/// `error`): the front-end branches on `kind`.
#[derive(Debug, Serialize)]
pub struct CommandError {
    kind: &'static str,
    message: String,
}

impl CommandError {
    pub fn new(kind: &'static str, message: impl Into<String>) -> Self {
        Self { kind, message: message.into() }
    }
}

/// The core's errors: refusals and bad input keep their message (written to be shown); storage,
/// configuration and hashing failures are logged in full and shown as a safe sentence.
impl From<Error> for CommandError {
    fn from(e: Error) -> Self {
        match &e {
            Error::Invalid { .. } => Self::new("invalid", e.to_string()),
            Error::Refused(_) => Self::new("refused", e.to_string()),
            Error::NotFound(_) => Self::new("not_found", e.to_string()),
            Error::Conflict(_) => Self::new("conflict", e.to_string()),
            Error::Busy => Self::new("busy", e.to_string()),
            _ => {
                tracing::error!(error = %e, "command failed");
                Self::new("internal", "Something went wrong; the details are in the log. Please try again.")
            }
        }
    }
}
