//! One-time codes whose value waits in the session store, so that whichever server process is
//! asked spends it, once: an OpenID Connect authorization code, a consent question, a browser
//! hand-off. A code is 256 random bits handed out once; its row is keyed by SHA-256 of the code
//! under the kind's own label (no session token, nor a code of another kind, hashes to it), and
//! its value is sealed by the vault, bound to that hash. The same rows keep a value under a key
//! the server makes (a consent given in one browser session, `keep` and `peek`).

use gatehouse_core::store::{SessionKind, TokenHash};
use gatehouse_core::{Engine, Error};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::token::SessionToken;

/// A kind of one-time code, by its label.
pub struct Once {
    label: &'static str,
}

impl Once {
    pub const fn new(label: &'static str) -> Self {
        Self { label }
    }

    /// The row a code is kept under.
    fn hash(&self, code: &str) -> TokenHash {
        let mut hasher = Sha256::new();
        hasher.update(self.label.as_bytes());
        hasher.update(b"\0");
        hasher.update(code.as_bytes());
        TokenHash(hasher.finalize().into())
    }

    fn context(&self, hash: &TokenHash) -> Vec<u8> {
        [self.label.as_bytes(), b"; ", &hash.0].concat()
    }

    /// Keeps `value` for `seconds` under a new code; the code.
    pub fn issue(&self, engine: &Engine, value: &impl Serialize, seconds: i64) -> Result<SessionToken, Error> {
        let code = SessionToken::generate();
        self.store(engine, &self.hash(code.reveal()), value, seconds)?;
        Ok(code)
    }

    /// Keeps `value` for `seconds` under `key` (replacing what was kept under it).
    pub fn keep(&self, engine: &Engine, key: &str, value: &impl Serialize, seconds: i64) -> Result<(), Error> {
        self.forget(engine, key)?;
        self.store(engine, &self.hash(key), value, seconds)
    }

    /// Forgets what is kept under `key`, if anything.
    pub fn forget(&self, engine: &Engine, key: &str) -> Result<(), Error> {
        engine.store().delete_session(&self.hash(key)).map(|_| ())
    }

    /// What is kept under `key`, if it has not expired.
    pub fn peek<T: DeserializeOwned>(&self, engine: &Engine, key: &str) -> Result<Option<T>, Error> {
        let hash = self.hash(key);
        match engine.store().session(&hash, engine.now())? {
            Some(stored) => self.open(engine, &hash, &stored.sealed).map(Some),
            None => Ok(None),
        }
    }

    fn store(&self, engine: &Engine, hash: &TokenHash, value: &impl Serialize, seconds: i64) -> Result<(), Error> {
        let plain = Zeroizing::new(serde_json::to_vec(value).map_err(|e| Error::Internal(e.to_string()))?);
        let sealed = engine.vault()?.seal(&plain, &self.context(hash));
        let now = engine.now();
        engine.store().create_session(hash, SessionKind::Person, None, &sealed, now, now + seconds)
    }

    fn open<T: DeserializeOwned>(&self, engine: &Engine, hash: &TokenHash, sealed: &[u8]) -> Result<T, Error> {
        let plain = engine.vault()?.open(sealed, &self.context(hash))?;
        serde_json::from_slice(&plain).map_err(|e| Error::Storage(format!("a sealed {}: {e}", self.label)))
    }

    /// Spends `code`: its value, or why there is none (for the log). When two requests bring
    /// the same code at once, on one server or two, the one whose delete removes the row wins.
    pub fn take<T: DeserializeOwned>(&self, engine: &Engine, code: &str) -> Result<Result<T, &'static str>, Error> {
        let hash = self.hash(code);
        let Some(stored) = engine.store().session(&hash, engine.now())? else {
            return Ok(Err("unknown, expired or already used"));
        };
        if !engine.store().delete_session(&hash)? {
            return Ok(Err("spent by another request at the same moment"));
        }
        Ok(Ok(self.open(engine, &hash, &stored.sealed)?))
    }
}
