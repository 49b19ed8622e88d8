//! Wizard sessions kept in the store between requests, so any server process continues any
//! session: each request loads the sealed state by the token's hash, applies one step, and saves
//! it back naming the version it read. Everything here is synchronous (the engine and the
//! PostgreSQL driver are): call it from `spawn_blocking` only.

use std::sync::Arc;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use gatehouse_core::config::ServerConfig;
use gatehouse_core::store::{DeviceId, SessionKind, StoredSession, TokenHash};
use gatehouse_core::types::AccountId;
use gatehouse_core::wizard::{Proof, Screen};
use gatehouse_core::{Engine, Error, Response, Session};
use zeroize::Zeroizing;

use crate::once::Once;
use crate::token::{self, SessionToken};

/// What a step did, for the metrics: the action's name and, for a sign-in, its outcome.
pub struct Applied {
    pub response: Response,
    /// `Some(outcome)` when the step was a sign-in: `ok` or the error's stable code.
    pub sign_in: Option<String>,
    /// Who the step signed out, if it did (the `sign_out` action, or any other way out).
    pub signed_out: Option<AccountId>,
    /// The session's new token when the step signed someone in or out and [`Renew::OnSignIn`]
    /// asked for one: the old token opens nothing now.
    pub renewed: Option<SessionToken>,
}

/// Whether a step that signs someone in or out moves the session to a new token.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Renew {
    /// A browser's cookie: a token someone read before the sign-in (on a shared computer, from
    /// the browser's own tools) must not open the session of whoever signs in after, nor one
    /// read before a sign-out the next person's.
    OnSignIn,
    /// A machine's token, held in its memory only.
    Never,
}

/// Who continues a session: a client of the API (with the registered machine that opened it, if
/// any), or a browser (its cookie), whose session may be tied to the window's session it was
/// handed from (`handoff.rs`): it lives only while that one is signed in as the same person.
#[derive(Clone, Copy)]
pub enum Holder {
    Machine(Option<DeviceId>),
    Browser { parent: Option<TokenHash> },
}

/// The browser sessions handed from a window's session, under the window's token hash: as long
/// as a browser's session may live.
const HANDED: Once = Once::new("gatehouse browser sessions handed from a window");
const HANDED_SECONDS: i64 = 24 * 60 * 60;

/// A session's screen, and the account that getting it signed out (whose apps are to be told).
pub type Shown = (Response, Option<AccountId>);

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
        self.create_under(token.hash(), kind, device).map(|response| (token, response))
    }

    /// A new browser's session on the sign-in screen, and its cookie's value
    /// ([`token::browser_hash_of`]).
    pub fn create_for_browser(&self) -> Result<(SessionToken, Response), Error> {
        let token = SessionToken::generate();
        self.create_under(token::browser_hash_of(token.reveal()), SessionKind::Person, None).map(|r| (token, r))
    }

    fn create_under(&self, hash: TokenHash, kind: SessionKind, device: Option<DeviceId>) -> Result<Response, Error> {
        let session = Session::new(Arc::clone(&self.engine));
        let sealed = session.seal(&hash.0)?;
        let now = self.engine.now();
        self.engine.store().create_session(&hash, kind, device, &sealed, now, now + self.idle(kind))?;
        Ok(session.current())
    }

    /// The session of `hash`, unsealed; `None` when there is none, it expired, another machine
    /// than the one that opened it asks (a token copied off a kiosk opens nothing), or — a
    /// browser's handed from a window — the window's session is no longer signed in as the same
    /// person (the browser's is then ended too).
    fn load(&self, hash: &TokenHash, holder: Holder) -> Result<Option<(StoredSession, Session)>, Error> {
        let device = match holder {
            Holder::Machine(device) => device,
            Holder::Browser { .. } => None,
        };
        let Some((stored, session)) = self.load_any(hash)? else {
            return Ok(None);
        };
        if stored.device != device {
            tracing::warn!(session = ?hash, "a session's token was used from another machine than the one that opened it");
            return Ok(None);
        }
        if let Holder::Browser { parent: Some(parent) } = holder {
            let window = self.load_any(&parent)?.and_then(|(_, window)| window.signed_in_account());
            if window.is_none() || window != session.signed_in_account() {
                self.engine.store().delete_session(hash)?;
                tracing::info!(session = ?hash, "a browser session ended with the window's session it was handed from");
                return Ok(None);
            }
        }
        Ok(Some((stored, session)))
    }

    /// The account a window's session `window` has on its workspace dashboard, whoever asks.
    pub fn window_account(&self, window: &TokenHash) -> Result<Option<AccountId>, Error> {
        Ok(self.load_any(window)?.and_then(|(_, session)| session.workspace_account()))
    }

    /// The wizard session of `hash` whoever asks (a console's token opens none).
    fn load_any(&self, hash: &TokenHash) -> Result<Option<(StoredSession, Session)>, Error> {
        let Some(stored) = self.engine.store().session(hash, self.engine.now())? else {
            return Ok(None);
        };
        if stored.kind == SessionKind::Console {
            // A console's token opens no wizard (nor the other way round: see console.rs).
            return Ok(None);
        }
        let session = Session::unseal(Arc::clone(&self.engine), &hash.0, &stored.sealed)?;
        Ok(Some((stored, session)))
    }

    /// Applies one request (the wire contract's JSON) and saves the new state; the idle time
    /// starts again. `None`: no such session.
    pub fn apply(
        &self,
        hash: &TokenHash,
        holder: Holder,
        request: &str,
        renew: Renew,
    ) -> Result<Option<Applied>, Error> {
        let Some((stored, mut session)) = self.load(hash, holder)? else {
            return Ok(None);
        };
        let signing_in = serde_json::from_str::<serde_json::Value>(request).is_ok_and(|v| v["action"] == "sign_in");
        let (was_signed_in, was_proved) = (session.signed_in_account(), session.proved_account());
        let response = session.apply_json(request);
        let now = self.engine.now();
        let expires_at = now + self.idle(stored.kind);
        // A sign-in, a sign-out, or a self-service reset's right answers (which prove as much).
        let changed = was_signed_in != session.signed_in_account() || was_proved != session.proved_account();
        // Only a browser's own session: one handed from a window ends with the window's.
        let renewed = if changed && renew == Renew::OnSignIn && matches!(holder, Holder::Browser { parent: None }) {
            let token = SessionToken::generate();
            let new = token::browser_hash_of(token.reveal());
            let sealed = session.seal(&new.0)?;
            let store = self.engine.store();
            store.create_session(&new, stored.kind, stored.device, &sealed, now, expires_at)?;
            if !store.delete_session(hash)? {
                // Ended meanwhile (another tab signed out): so is this one.
                store.delete_session(&new)?;
                return Ok(None);
            }
            tracing::info!(session = ?hash, renewed = ?new, "a browser session signed in or out: a new token");
            Some(token)
        } else {
            let sealed = session.seal(&hash.0)?;
            self.engine.store().save_session(hash, stored.version, &sealed, now, expires_at)?;
            None
        };
        let sign_in = signing_in.then(|| response.error.as_ref().map_or("ok".to_owned(), |e| e.code.clone()));
        let signed_out = was_signed_in.filter(|_| session.signed_in_account().is_none());
        if signed_out.is_some() {
            self.end_window_of_or_log(holder);
        }
        Ok(Some(Applied { response, sign_in, signed_out, renewed }))
    }

    /// The current screen, without acting (the idle time is not restarted) — but checked as an
    /// action would be: a session that must end, or go to a door, does that (and is kept so).
    /// With it, the account that looking signed out (a password reset or a disabled account
    /// elsewhere): the apps it signed in to are to be told, as after a sign-out.
    pub fn current(&self, hash: &TokenHash, holder: Holder) -> Result<Option<Shown>, Error> {
        let Some((stored, mut session)) = self.load(hash, holder)? else { return Ok(None) };
        let before = (session.screen_name(), session.signed_in());
        let was_signed_in = session.signed_in_account();
        let response = session.look();
        let mut signed_out = None;
        if before != (session.screen_name(), session.signed_in()) {
            let sealed = session.seal(&hash.0)?;
            let store = self.engine.store();
            match store.save_session(hash, stored.version, &sealed, stored.last_used_at, stored.expires_at) {
                Ok(_) => {
                    signed_out = was_signed_in.filter(|_| session.signed_in_account().is_none());
                    if signed_out.is_some() {
                        self.end_window_of_or_log(holder);
                    }
                }
                // Another request moved it meanwhile: that one's state stands (and is checked
                // again at the next request, which tells of its sign-out).
                Err(Error::SessionChanged) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(Some((response, signed_out)))
    }

    /// The account on the workspace dashboard and when its person last proved who they are.
    pub fn workspace_proof(&self, hash: &TokenHash, holder: Holder) -> Result<Option<Proof>, Error> {
        Ok(self.load(hash, holder)?.map(|(_, session)| session.workspace_proof()).transpose()?.flatten())
    }

    /// The account signed in on the session, whatever its screen (`None`: none, or the session
    /// is gone).
    pub fn signed_in_account(&self, hash: &TokenHash, holder: Holder) -> Result<Option<AccountId>, Error> {
        Ok(self.load(hash, holder)?.and_then(|(_, session)| session.signed_in_account()))
    }

    /// Signs the person out (audited as in the app) and forgets the session; a browser's
    /// handed from a window ends the window's too (signing out ends it everywhere). The
    /// `signed_out` screen, and who was signed in.
    pub fn end(&self, hash: &TokenHash, holder: Holder) -> Result<Option<Shown>, Error> {
        let Some((_, mut session)) = self.load(hash, holder)? else {
            return Ok(None);
        };
        let account = session.signed_in_account();
        let response = session.apply(gatehouse_core::Action::SignOut);
        self.engine.store().delete_session(hash)?;
        self.end_window_of_or_log(holder);
        Ok(Some((response, account)))
    }

    /// After a sign-out in a browser handed a window's session: the window's session ends too
    /// (signing out ends it everywhere).
    /// [`Sessions::end_window_of`] after a sign-out already saved: a failure (a store that
    /// cannot be written just now) is logged, not answered — the sign-out stands, and the apps it
    /// signed in to are still told; only the window's own session goes on.
    fn end_window_of_or_log(&self, holder: Holder) {
        if let Err(e) = self.end_window_of(holder) {
            tracing::error!(error = %e, "could not end the window's session with the browser session handed from it");
        }
    }

    fn end_window_of(&self, holder: Holder) -> Result<(), Error> {
        if let Holder::Browser { parent: Some(parent) } = holder {
            if self.engine.store().delete_session(&parent)? {
                tracing::info!(session = ?parent, "a window's session ended with the browser session handed from it");
            }
        }
        Ok(())
    }

    /// A new browser session, signed in as the window's session `window` is — a copy of its
    /// state, tied to it (see [`Holder`]) — when that one is on the workspace dashboard; its
    /// cookie's value and whose session it is (`None`: the window's session ended or left the
    /// dashboard meanwhile).
    pub fn hand_to_browser(&self, window: &TokenHash) -> Result<Option<(Zeroizing<String>, AccountId)>, Error> {
        let Some((_, session)) = self.load_any(window)? else { return Ok(None) };
        let Some(Proof { account, .. }) = session.workspace_proof()? else {
            return Ok(None);
        };
        let cookie = browser_cookie(&SessionToken::generate(), window);
        let hash = token::browser_hash_of(&cookie);
        let sealed = session.seal(&hash.0)?;
        let now = self.engine.now();
        self.engine.store().create_session(&hash, SessionKind::Person, None, &sealed, now, now + self.person_idle)?;
        HANDED.replace(&self.engine, &hash_text(window), HANDED_SECONDS, |handed: Option<&Vec<String>>| {
            let mut handed = handed.cloned().unwrap_or_default();
            handed.push(hash_text(&hash));
            Some(handed)
        })?;
        Ok(Some((cookie, account)))
    }

    /// Ends the browser sessions handed from the window's session `window` (see
    /// [`Sessions::hand_to_browser`]) but `signing_out`'s, which ends by itself, now rather than
    /// at their next request; the ones it ended.
    pub fn end_handed(&self, window: &TokenHash, signing_out: Option<TokenHash>) -> Result<Vec<TokenHash>, Error> {
        // Emptied (for a minute) rather than removed, so that a hand-off finishing at this
        // moment is not lost: it adds itself to the empty list, and its browser's session ends
        // at its next request, its window's being gone. A window that handed nothing has no
        // list, and none is made.
        let emptied = |handed: Option<&Vec<String>>| handed.map(|_| Vec::new());
        let handed = HANDED.replace(&self.engine, &hash_text(window), 60, emptied)?.unwrap_or_default();
        let browsers: Vec<TokenHash> =
            handed.iter().filter_map(|b| hash_of_text(b)).filter(|b| Some(*b) != signing_out).collect();
        for browser in &browsers {
            self.engine.store().delete_session(browser)?;
            tracing::info!(session = ?browser, "a browser session ended with the window's sign-out it was handed from");
        }
        Ok(browsers)
    }

    /// The address of the dashboard app `app` on the window's session `window` (on its
    /// dashboard, through the iCON door, with `device` the machine that opened it); `None`
    /// otherwise.
    pub fn dashboard_app(
        &self,
        window: &TokenHash,
        device: Option<DeviceId>,
        app: &str,
    ) -> Result<Option<String>, Error> {
        let Some((_, session)) = self.load(window, Holder::Machine(device))? else { return Ok(None) };
        if session.workspace_proof()?.is_none() {
            return Ok(None);
        }
        let Screen::Dashboard { apps, .. } = session.current().screen else { return Ok(None) };
        Ok(apps.into_iter().find(|a| a.id == app).map(|a| a.url))
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

/// The cookie of a browser session handed from the window's session `window`: a new token and
/// the window's token hash (`TOKEN.WINDOW`). The store keys it by the hash of the whole value, so
/// the tie cannot be cut or moved to another window's session without losing the session.
fn browser_cookie(token: &SessionToken, window: &TokenHash) -> Zeroizing<String> {
    Zeroizing::new(format!("{}.{}", token.reveal(), hash_text(window)))
}

/// A token hash as text (base64url): a cookie's tie to its window, a hand-off's window, the list
/// of the browser sessions a window handed.
pub fn hash_text(hash: &TokenHash) -> String {
    URL_SAFE_NO_PAD.encode(hash.0)
}

/// The token hash [`hash_text`] wrote; `None` for anything else.
pub fn hash_of_text(text: &str) -> Option<TokenHash> {
    URL_SAFE_NO_PAD.decode(text).ok().and_then(|bytes| <[u8; 32]>::try_from(bytes).ok()).map(TokenHash)
}

/// The key and holder of a browser cookie's value: `TOKEN`, or `TOKEN.WINDOW` for a session
/// handed from a window ([`browser_cookie`]; a changed `WINDOW` names no session).
pub fn of_browser_cookie(value: &str) -> (TokenHash, Holder) {
    let parent = value.split_once('.').and_then(|(_, window)| hash_of_text(window));
    (token::browser_hash_of(value), Holder::Browser { parent })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_handed_cookie_names_its_window_and_a_plain_or_broken_one_names_none() {
        let (token, window) = (SessionToken::generate(), SessionToken::generate().hash());
        let cookie = browser_cookie(&token, &window);
        let (hash, holder) = of_browser_cookie(&cookie);
        assert!(hash == token::browser_hash_of(&cookie) && hash != token.hash() && hash != token::hash_of(&cookie));
        assert!(matches!(holder, Holder::Browser { parent: Some(p) } if p == window));
        for plain in [token.reveal().to_owned(), format!("{}.", token.reveal()), format!("{}.abc", token.reveal())] {
            assert!(matches!(of_browser_cookie(&plain).1, Holder::Browser { parent: None }), "{plain}");
        }
    }
}
