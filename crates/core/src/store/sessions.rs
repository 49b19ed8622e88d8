//! Wizard sessions a server holds between requests (DESIGN §7: "sessions live in the database, so
//! any server continues any session"). A row keeps SHA-256 of the opaque session token, never the
//! token, and the session's state sealed by the vault; nothing in it is readable without the data
//! key.
//!
//! Two servers may handle one session's requests at the same time (a double click through a load
//! balancer). Each save names the version it read; a save whose version has moved on is refused
//! with [`Error::SessionChanged`] instead of silently overwriting the other request's result.

use super::DeviceId;
use crate::clock::Timestamp;
use crate::error::Error;

/// SHA-256 of a session token: what the store keys a session by.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct TokenHash(pub [u8; 32]);

impl std::fmt::Debug for TokenHash {
    /// The first bytes only: enough to tell two sessions apart in a log, nothing to look one up.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TokenHash({:02x}{:02x}{:02x}{:02x}…)", self.0[0], self.0[1], self.0[2], self.0[3])
    }
}

/// What kind of client holds a session; it decides the idle time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    /// A person on their own machine (or an app window that is not a kiosk).
    Person,
    /// A lab kiosk: a short idle time (DESIGN §6).
    Kiosk,
    /// An administrator's console (its state is who signed in, not a wizard's).
    Console,
}

impl SessionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Kiosk => "kiosk",
            Self::Console => "console",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "person" => Some(Self::Person),
            "kiosk" => Some(Self::Kiosk),
            "console" => Some(Self::Console),
            _ => None,
        }
    }
}

/// A session as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSession {
    pub token_hash: TokenHash,
    pub kind: SessionKind,
    /// The wizard state sealed by the vault, bound to the token hash.
    pub sealed: Vec<u8>,
    /// Moves on at each save; a save names the version it read.
    pub version: i64,
    pub created_at: Timestamp,
    pub last_used_at: Timestamp,
    pub expires_at: Timestamp,
    /// The registered machine that opened it: only that machine may continue it.
    pub device: Option<DeviceId>,
}

/// What a backend stores for this area (see the module documentation).
pub trait SessionStore {
    /// Adds a session at version 1 (a token hash already there is a conflict, which 256 random
    /// bits make a bug rather than chance).
    fn create_session(
        &self,
        token_hash: &TokenHash,
        kind: SessionKind,
        device: Option<DeviceId>,
        sealed: &[u8],
        now: Timestamp,
        expires_at: Timestamp,
    ) -> Result<(), Error>;

    /// The session, or `None` when there is none or it expired (`expires_at <= now`).
    fn session(&self, token_hash: &TokenHash, now: Timestamp) -> Result<Option<StoredSession>, Error>;

    /// Stores a new sealed state and expiry if the session is still at `version`; returns the
    /// new version. A session another request saved (or deleted) since it was read is
    /// [`Error::SessionChanged`], and nothing is written.
    fn save_session(
        &self,
        token_hash: &TokenHash,
        version: i64,
        sealed: &[u8],
        now: Timestamp,
        expires_at: Timestamp,
    ) -> Result<i64, Error>;

    /// Removes the session; true when there was one.
    fn delete_session(&self, token_hash: &TokenHash) -> Result<bool, Error>;

    /// Removes every session expired at `now`; returns how many.
    fn purge_expired_sessions(&self, now: Timestamp) -> Result<u64, Error>;
}
