//! The client's one error: a fault of this machine, a server that cannot be reached, or the
//! server's own refusal (its error body, kept whole so it can be shown as the server said it).

use gatehouse_core::error::transport;
use gatehouse_core::ErrorBody;

/// What went wrong talking to the server.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// This machine: the configuration, the trust roots, the keyring, a file. Fix the machine.
    #[error(transparent)]
    Local(#[from] gatehouse_core::Error),
    /// No answer from the server: refused, no route, timed out, a TLS failure, or an answer that
    /// is not the server's. The detail is for the log; the next request tries again.
    #[error("the Gatehouse server cannot be reached: {0}")]
    Unreachable(String),
    /// The server answered with an error instead of what was asked (this machine is not or no
    /// longer a registered device, an enrolment code it does not know, too many requests…).
    /// Retrying the same request will not help until someone acts on the message.
    #[error("{} ({})", .0.message(), .0.code())]
    Refused(Reply),
}

impl Error {
    /// The error object a person is shown: the server's own for a refusal, `server_unreachable`
    /// for a transport failure, and the core's mapping for a local fault.
    pub fn body(&self) -> serde_json::Value {
        match self {
            Self::Local(e) => serde_json::to_value(ErrorBody::from(e)).unwrap_or_default(),
            Self::Unreachable(_) => unreachable_body(),
            Self::Refused(reply) => reply.value()["error"].clone(),
        }
    }

    /// The stable code of [`Error::body`].
    pub fn code(&self) -> String {
        match self {
            Self::Local(e) => e.code().to_owned(),
            Self::Unreachable(_) => transport::SERVER_UNREACHABLE.to_owned(),
            Self::Refused(reply) => reply.code().to_owned(),
        }
    }

    /// The server refused this machine itself (`device_unknown`, `device_revoked`): an
    /// administrator must register it again, so a client does not retry by itself.
    pub fn is_device_refusal(&self) -> bool {
        matches!(self, Self::Refused(reply) if reply.code().starts_with("device_"))
    }
}

/// `{"code": "server_unreachable", …}`, the catalogue's sentence.
pub(crate) fn unreachable_body() -> serde_json::Value {
    serde_json::to_value(ErrorBody::of(transport::SERVER_UNREACHABLE, transport::server_unreachable()))
        .unwrap_or_default()
}

impl From<reqwest::Error> for Error {
    fn from(e: reqwest::Error) -> Self {
        // The whole source chain: "error sending request" alone does not say why.
        let mut text = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            text.push_str(&format!(": {s}"));
            source = s.source();
        }
        Self::Unreachable(text)
    }
}

/// One answer of the server: its HTTP status and its JSON body as one line of compact text.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub text: String,
}

impl Reply {
    /// Reads the body; anything that is not JSON did not come from the server.
    pub(crate) fn read(r: reqwest::blocking::Response) -> Result<Self, Error> {
        let status = r.status().as_u16();
        if r.status().is_redirection() {
            // The server's own API never redirects: a proxy in front of it does.
            let to = r.headers().get(reqwest::header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("nowhere");
            let to: String = to.chars().filter(|c| !c.is_control()).take(200).collect();
            return Err(Error::Unreachable(format!(
                "the server answered {status} and redirected to {to}; nothing is sent on to another address: set \
                 [server] url to the server's own address"
            )));
        }
        let text = r.text()?;
        match serde_json::from_str::<serde::de::IgnoredAny>(&text) {
            Ok(_) if !text.contains('\n') => Ok(Self { status, text }),
            Ok(_) => {
                let text = serde_json::from_str::<serde_json::Value>(&text).map(|v| v.to_string()).unwrap_or(text);
                Ok(Self { status, text })
            }
            Err(_) => Err(Error::Unreachable(format!("the answer ({status}) is not JSON"))),
        }
    }

    pub fn value(&self) -> serde_json::Value {
        serde_json::from_str(&self.text).unwrap_or_default()
    }

    /// A wizard response (`{"screen": …}`), not an error body.
    pub fn is_screen(&self) -> bool {
        self.value().get("screen").is_some_and(|s| s.is_string())
    }

    /// The code of an error body (`{"error": {"code": …}}`), or "" for anything else.
    pub fn code(&self) -> String {
        self.value()["error"]["code"].as_str().unwrap_or_default().to_owned()
    }

    /// The sentence of an error body.
    pub fn message(&self) -> String {
        self.value()["error"]["message"].as_str().unwrap_or_default().to_owned()
    }
}
