//! Async callers (the desktop shell runs on tokio) must never hash on an executor thread:
//! [`AsyncSession`] moves every wizard step onto tokio's blocking pool.

use std::sync::{Arc, Mutex};

use crate::engine::Engine;
use crate::error::{Error, ErrorBody};
use crate::wizard::{codes, texts, Action, Response, Screen, Session};

/// A wizard session shared with async code.
#[derive(Clone)]
pub struct AsyncSession(Arc<Mutex<Session>>);

impl AsyncSession {
    pub fn new(engine: Arc<Engine>) -> Self {
        Self(Arc::new(Mutex::new(Session::new(engine))))
    }

    /// Applies `action` on a blocking thread; the executor stays free meanwhile.
    pub async fn apply(&self, action: Action) -> Response {
        let inner = Arc::clone(&self.0);
        run_blocking(move || inner.lock().unwrap_or_else(|p| p.into_inner()).apply(action)).await.unwrap_or_else(|e| {
            tracing::error!(error = %e, "wizard step panicked or was cancelled");
            // Whoever was signed in still is (a refused step leaves the state as it was).
            let signed_in = self.0.lock().unwrap_or_else(|p| p.into_inner()).signed_in();
            Response {
                screen: Screen::Error {
                    code: codes::SSPR_5019.into(),
                    message: texts::SSPR_5019.english(),
                    message_text: texts::SSPR_5019,
                },
                error: Some(ErrorBody::of(codes::SSPR_5019, texts::SSPR_5019)),
                signed_in,
                help: None,
            }
        })
    }

    /// The current screen (cheap; no hashing).
    pub fn current(&self) -> Response {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).current()
    }

    /// The current screen once the session is checked as an action would be ([`Session::look`]).
    pub fn look(&self) -> Response {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).look()
    }

    /// Discards the person's session (kiosk idle reset).
    pub fn reset(&self) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).reset();
    }
}

/// Runs blocking work (hashing, SQLite) on tokio's blocking pool.
pub async fn run_blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T, Error> {
    tokio::task::spawn_blocking(f).await.map_err(|e| Error::Internal(format!("background task failed: {e}")))
}
