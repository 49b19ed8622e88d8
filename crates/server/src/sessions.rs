//! Wizard sessions kept in the store between requests, so any server process continues any
//! session: each request loads the sealed state by the token's hash, applies one step, and saves
//! it back naming the version it read. Everything here is synchronous (the engine and the
//! PostgreSQL driver are): call it from `spawn_blocking` only.

use std::sync::Arc;

use gatehouse_core::config::ServerConfig;
use gatehouse_core::store::{DeviceId, SessionKind, StoredSession, TokenHash};
use gatehouse_core::{Engine, Error, Response, Session};

use crate::token::SessionToken;

/// What a step did, for the metrics: the action's name and, for a sign-in, its outcome.
pub struct Applied {
    pub response: Response,
    /// `Some(outcome)` when the step was a sign-in: `ok` or the error's stable code.
    pub sign_in: Option<String>,
}

pub struct Sessions {
    engine: Arc<Engine>,
    person_idle: i64,
    kiosk_idle: i64,
}

impl Sessions {
    pub fn new(engine: Arc<Engine>, server: &ServerConfig) -> Self {
        Self {
            engine,
            person_idle: i64::from(server.session_idle_seconds),
            kiosk_idle: i64::from(server.kiosk_idle_seconds),
        }
    }

    pub fn engine(&self) -> &Arc<Engine> {
        &self.engine
    }

    fn idle(&self, kind: SessionKind) -> i64 {
        match kind {
            SessionKind::Person => self.person_idle,
            SessionKind::Kiosk => self.kiosk_idle,
            SessionKind::Console => gatehouse_core::console::IDLE_LIMIT_SECONDS,
        }
    }

    /// A new session on the sign-in screen, and the token that opens it; only `device` (the
    /// registered machine that asked, if any) may continue it.
    pub fn create(&self, kind: SessionKind, device: Option<DeviceId>) -> Result<(SessionToken, Response), Error> {
        let token = SessionToken::generate();
        let hash = token.hash();
        let session = Session::new(Arc::clone(&self.engine));
        let sealed = session.seal(&hash.0)?;
        let now = self.engine.now();
        self.engine.store().create_session(&hash, kind, device, &sealed, now, now + self.idle(kind))?;
        Ok((token, session.current()))
    }

    /// The session of `hash`, unsealed; `None` when there is none, it expired, or another
    /// machine than the one that opened it asks (a token copied off a kiosk opens nothing).
    fn load(&self, hash: &TokenHash, device: Option<DeviceId>) -> Result<Option<(StoredSession, Session)>, Error> {
        let Some(stored) = self.engine.store().session(hash, self.engine.now())? else {
            return Ok(None);
        };
        if stored.kind == SessionKind::Console {
            // A console's token opens no wizard (nor the other way round: see console.rs).
            return Ok(None);
        }
        if stored.device != device {
            tracing::warn!(session = ?hash, "a session's token was used from another machine than the one that opened it");
            return Ok(None);
        }
        let session = Session::unseal(Arc::clone(&self.engine), &hash.0, &stored.sealed)?;
        Ok(Some((stored, session)))
    }

    /// Applies one request (the wire contract's JSON) and saves the new state; the idle time
    /// starts again. `None`: no such session.
    pub fn apply(&self, hash: &TokenHash, device: Option<DeviceId>, request: &str) -> Result<Option<Applied>, Error> {
        let Some((stored, mut session)) = self.load(hash, device)? else {
            return Ok(None);
        };
        let signing_in = serde_json::from_str::<serde_json::Value>(request).is_ok_and(|v| v["action"] == "sign_in");
        let response = session.apply_json(request);
        let sealed = session.seal(&hash.0)?;
        let now = self.engine.now();
        self.engine.store().save_session(hash, stored.version, &sealed, now, now + self.idle(stored.kind))?;
        let sign_in = signing_in.then(|| response.error.as_ref().map_or("ok".to_owned(), |e| e.code.clone()));
        Ok(Some(Applied { response, sign_in }))
    }

    /// The current screen, without acting (the idle time is not restarted).
    pub fn current(&self, hash: &TokenHash, device: Option<DeviceId>) -> Result<Option<Response>, Error> {
        Ok(self.load(hash, device)?.map(|(_, session)| session.current()))
    }

    /// The account signed in on the session of `hash` (a browser's: no device) all the way to
    /// the workspace dashboard, whom single sign-on may vouch for; `None` when there is none.
    pub fn workspace_account(&self, hash: &TokenHash) -> Result<Option<gatehouse_core::types::AccountId>, Error> {
        Ok(self.load(hash, None)?.and_then(|(_, session)| session.workspace_account()))
    }

    /// Signs the person out (audited as in the app) and forgets the session.
    pub fn end(&self, hash: &TokenHash, device: Option<DeviceId>) -> Result<Option<Response>, Error> {
        let Some((_, mut session)) = self.load(hash, device)? else {
            return Ok(None);
        };
        let response = session.apply(gatehouse_core::Action::SignOut);
        self.engine.store().delete_session(hash)?;
        Ok(Some(response))
    }

    /// Removes expired sessions; how many.
    pub fn purge(&self) -> Result<u64, Error> {
        self.engine.store().purge_expired_sessions(self.engine.now())
    }

    /// A trivial query, for `/readyz`.
    pub fn ready(&self) -> Result<(), Error> {
        self.engine.store().meta("data_key_check").map(|_| ())
    }
}
