//! The domain error. Every variant has a stable code; the edges (CLI, desktop shell) map it to
//! `{code, message}` in one place each. Internal detail (SQL text, file paths) stays in the log.

use serde::Serialize;

use crate::text::Text;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Input that does not meet a rule, said by a message of the catalogue (safe to show, in the
    /// front-ends' languages by its id); the caller should fix the field.
    #[error("{}", .text.english())]
    Invalid { field: &'static str, text: Text },
    /// No such account (administrator operations only: the wizard never says this).
    #[error("{}", not_found(.0).english())]
    NotFound(String),
    /// The login ID is taken.
    #[error("{}", conflict(.0).english())]
    Conflict(String),
    /// The database is busy or locked by another process beyond the busy timeout. Retrying works.
    #[error("The account store is busy. Please try again.")]
    Busy,
    /// Storage failed in a way retrying will not fix (corrupt file, disk full, schema too new).
    #[error("The account store failed: {0}")]
    Storage(String),
    /// The configuration file is unreadable or invalid.
    #[error("Configuration error: {0}")]
    Config(String),
    /// Hashing failed (out of memory, bad parameters): an internal failure.
    #[error("Password hashing failed: {0}")]
    Hashing(String),
    /// The request is refused for this account or state (a scope rule, a decided transfer), said
    /// by a message of the catalogue.
    #[error("{}", .0.english())]
    Refused(Text),
    /// A mail could not be built or delivered (SMTP refused it, the server is unreachable).
    #[error("Mail delivery failed: {0}")]
    Mail(String),
    /// A file or stream outside the account store could not be read or written (the outbox,
    /// an export, standard input/output).
    #[error("Reading or writing a file failed: {0}")]
    Io(String),
    /// A server session was saved or ended by another request since this one read it: nothing
    /// was written; show the current screen again and let the person repeat the step.
    #[error("{}", session_changed().english())]
    SessionChanged,
    /// A rule the code relies on was broken (an account vanished mid-step, a background task
    /// died): a bug or a race to report, never the person's doing.
    #[error("Internal error: {0}")]
    Internal(String),
}

impl Error {
    /// Input that does not meet a rule, said by a message of the catalogue.
    pub fn invalid(field: &'static str, text: Text) -> Self {
        Self::Invalid { field, text }
    }

    /// The message by id, for the errors a person or an administrator reads as a sentence of the
    /// product; `None` for failures of the system (their English stays in logs and terminals).
    pub fn text(&self) -> Option<Text> {
        match self {
            Self::Invalid { text, .. } | Self::Refused(text) => Some(text.clone()),
            Self::NotFound(login) => Some(not_found(login)),
            Self::Conflict(login) => Some(conflict(login)),
            Self::SessionChanged => Some(session_changed()),
            // The failures of the system (`is_internal`).
            _ => None,
        }
    }

    /// Stable machine-readable code for scripts and the UI.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Invalid { .. } => "invalid_input",
            Self::NotFound(_) => "not_found",
            Self::Conflict(_) => "conflict",
            Self::Busy => "busy",
            Self::Storage(_) => "storage",
            Self::Config(_) => "config",
            Self::Hashing(_) => "hashing",
            Self::Refused(_) => "refused",
            Self::Mail(_) => "mail",
            Self::Io(_) => "io",
            Self::SessionChanged => "session_changed",
            Self::Internal(_) => "internal",
        }
    }

    /// True for failures of the system rather than of the person's input: the wizard shows
    /// `SSPR 5019` for these.
    pub fn is_internal(&self) -> bool {
        matches!(
            self,
            Self::Busy
                | Self::Storage(_)
                | Self::Config(_)
                | Self::Hashing(_)
                | Self::Mail(_)
                | Self::Io(_)
                | Self::Internal(_)
        )
    }

    pub fn field(&self) -> Option<&'static str> {
        match self {
            Self::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }
}

fn not_found(login: &str) -> Text {
    Text::new("account-not-found").arg("login", login)
}

fn conflict(login: &str) -> Text {
    Text::new("account-exists").arg("login", login)
}

fn session_changed() -> Text {
    Text::new("session-changed")
}

/// The sentences a network transport (the server) answers with when a request never reaches the
/// wizard; in the catalogue like every other, so a thin client shows them in the person's language.
pub mod transport {
    use crate::text::Text;

    /// A session token that opens no session: unknown, forged, expired or signed out alike, so a
    /// guesser learns nothing from the answer.
    pub fn session_ended() -> Text {
        Text::new("session-ended")
    }

    /// A request body over the server's limit.
    pub fn request_too_large(limit_bytes: usize) -> Text {
        Text::new("request-too-large").num("limit", limit_bytes)
    }

    /// Too many requests from one address within a minute.
    pub fn too_many_requests() -> Text {
        Text::new("too-many-requests")
    }

    /// The server already has as many requests under way as it takes at once.
    pub fn server_busy() -> Text {
        Text::new("server-busy")
    }

    /// The request took longer than the server allows (a slow client, or a slow store).
    pub fn request_timed_out() -> Text {
        Text::new("request-timed-out")
    }

    /// The code of [`server_unreachable`].
    pub const SERVER_UNREACHABLE: &str = "server_unreachable";

    /// A thin client's answer when the school's server cannot be reached (refused, no route,
    /// timed out, a TLS failure, an answer that is not the server's): the next request tries again.
    pub fn server_unreachable() -> Text {
        Text::new("server-unreachable")
    }

    /// A request from a machine that is not registered with the server (no credential, or one
    /// no registered machine holds).
    pub fn device_unknown() -> Text {
        Text::new("device-unknown")
    }

    /// A request from a machine whose registration was withdrawn.
    pub fn device_revoked() -> Text {
        Text::new("device-revoked")
    }

    /// A kiosk session asked for by a machine not registered as a kiosk.
    pub fn device_not_kiosk() -> Text {
        Text::new("device-not-kiosk")
    }

    /// A browser's request that did not come from the sign-in page itself (another site's
    /// form, a missing or wrong CSRF token).
    pub fn csrf_refused() -> Text {
        Text::new("csrf-refused")
    }

    /// A request the server does not understand (no such endpoint, a body that is not JSON).
    pub fn bad_request() -> Text {
        Text::new("bad-request")
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Self::Busy,
            _ => Self::Storage(e.to_string()),
        }
    }
}

/// The error object of the wire contract: `{"code", "message", "id", "args", "field"}` — the
/// stable code to branch on, the English sentence, the sentence's message id and arguments
/// (`locales/en/engine.ftl`) for a front-end to show it in the person's language, and the field at
/// fault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub text: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl ErrorBody {
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self { code: code.into(), message: message.into(), text: None, field: None }
    }

    /// An error said by a message of the catalogue (the English formatted from it).
    pub fn of(code: impl Into<String>, text: Text) -> Self {
        Self { code: code.into(), message: text.english(), text: Some(text), field: None }
    }

    pub fn with_field(mut self, field: &str) -> Self {
        self.field = Some(field.to_owned());
        self
    }
}

impl From<&Error> for ErrorBody {
    fn from(e: &Error) -> Self {
        let body = ErrorBody { text: e.text(), ..ErrorBody::new(e.code(), e.to_string()) };
        match e.field() {
            Some(f) => body.with_field(f),
            None => body,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
