//! One-time codes whose value waits in the session store, so that whichever server process is
//! asked spends it, once: an OpenID Connect authorization code, a consent question, a browser
//! hand-off. A code is 256 random bits handed out once; its row is keyed by SHA-256 of the code
//! under the kind's own label (no session token, nor a code of another kind, hashes to it), and
//! its value is sealed by the vault, bound to that hash. The same rows keep a value under a key
//! the server makes (a consent given in one browser session, the browsers a window handed its
//! session to: `keep`, `replace` and `peek`), changed by compare-and-swap on the row's version.

use gatehouse_core::store::{SessionKind, StoredSession, TokenHash};
use gatehouse_core::{Engine, Error};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::token::SessionToken;

/// How many times a change to a kept value is made again when other requests write it first.
const CHANGE_ATTEMPTS: usize = 16;

fn to_json(value: &impl Serialize) -> Result<Zeroizing<Vec<u8>>, Error> {
    serde_json::to_vec(value).map(Zeroizing::new).map_err(|e| Error::Internal(e.to_string()))
}

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
        let plain = to_json(value)?;
        self.change(engine, &self.hash(key), seconds, |_| Ok(Some(plain.clone())))
    }

    /// Keeps what `next` makes of the value kept under `key` (`None`: nothing, or it expired)
    /// for `seconds` — unless it makes nothing, which leaves what is kept as it is; the value
    /// it was made from. Two requests changing it at once, on one server or two, both have
    /// their way: the one that writes second reads again and makes its change of what the
    /// first wrote.
    pub fn replace<T: Serialize + DeserializeOwned>(
        &self,
        engine: &Engine,
        key: &str,
        seconds: i64,
        mut next: impl FnMut(Option<&T>) -> Option<T>,
    ) -> Result<Option<T>, Error> {
        let hash = self.hash(key);
        let mut before = None;
        self.change(engine, &hash, seconds, |row| {
            before = row.map(|row| self.open::<T>(engine, &hash, &row.sealed)).transpose()?;
            next(before.as_ref()).map(|value| to_json(&value)).transpose()
        })?;
        Ok(before)
    }

    /// Writes what `next` makes of the row under `hash` (if it makes anything) for `seconds`,
    /// as one change: a row another request wrote (or added) between the read and the write
    /// refuses the write, and the change is made again from a new read.
    fn change(
        &self,
        engine: &Engine,
        hash: &TokenHash,
        seconds: i64,
        mut next: impl FnMut(Option<&StoredSession>) -> Result<Option<Zeroizing<Vec<u8>>>, Error>,
    ) -> Result<(), Error> {
        let store = engine.store();
        let mut refused = None;
        for _ in 0..CHANGE_ATTEMPTS {
            let now = engine.now();
            let row = store.session(hash, now)?;
            let Some(plain) = next(row.as_ref())? else { return Ok(()) };
            let sealed = engine.vault()?.seal(&plain, &self.context(hash));
            let written = match &row {
                Some(row) => store.save_session(hash, row.version, &sealed, now, now + seconds).map(drop),
                None => store.create_session(hash, SessionKind::Person, None, &sealed, now, now + seconds),
            };
            match written {
                Ok(()) => return Ok(()),
                // Saved or deleted by another request since the read.
                Err(Error::SessionChanged) => {}
                Err(e) => {
                    // Not there to read but there to add to: added by another request since the
                    // read, or expired and not yet purged (then the purge makes way).
                    if row.is_some() || (store.session(hash, now)?.is_none() && store.purge_expired_sessions(now)? == 0)
                    {
                        return Err(e);
                    }
                    refused = Some(e);
                }
            }
        }
        Err(refused.unwrap_or_else(|| Error::Internal(format!("a {} kept changing under every write", self.label))))
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
        let plain = to_json(value)?;
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use gatehouse_core::clock::ManualClock;
    use gatehouse_core::config::Config;
    use gatehouse_core::engine::KeyStore;
    use gatehouse_core::mail::Mailer;
    use gatehouse_core::store::SqliteStore;
    use gatehouse_core::vault::Vault;
    use rand::rngs::OsRng;

    use super::*;

    const KEPT: Once = Once::new("gatehouse test list");

    fn engine(dir: &std::path::Path) -> (Arc<Engine>, Arc<ManualClock>) {
        let store = SqliteStore::open_in(dir, Duration::from_secs(5)).unwrap();
        let clock = Arc::new(ManualClock::new(1_800_000_000));
        let key = KeyStore::Fixed(Vault::from_key([7; 32]));
        let engine = Engine::with_services(
            Arc::new(store),
            Config::default(),
            clock.clone(),
            Box::new(OsRng),
            Mailer::none(),
            key,
        );
        (engine, clock)
    }

    fn push(engine: &Engine, item: u32) -> Option<Vec<u32>> {
        KEPT.replace(engine, "list", 60, |list: Option<&Vec<u32>>| {
            Some(list.cloned().unwrap_or_default().into_iter().chain([item]).collect())
        })
        .unwrap()
    }

    #[test]
    fn a_replace_builds_on_what_was_kept_and_says_what_that_was() {
        let dir = tempfile::tempdir().unwrap();
        let (engine, _) = engine(dir.path());
        assert_eq!(push(&engine, 1), None);
        assert_eq!(push(&engine, 2), Some(vec![1]));
        assert_eq!(KEPT.peek::<Vec<u32>>(&engine, "list").unwrap(), Some(vec![1, 2]));
        // Making nothing leaves it as it was, and adds nothing where nothing was.
        assert_eq!(KEPT.replace(&engine, "list", 60, |_: Option<&Vec<u32>>| None).unwrap(), Some(vec![1, 2]));
        assert_eq!(KEPT.peek::<Vec<u32>>(&engine, "list").unwrap(), Some(vec![1, 2]));
        assert_eq!(KEPT.replace(&engine, "other", 60, |_: Option<&Vec<u32>>| None).unwrap(), None);
        assert_eq!(KEPT.peek::<Vec<u32>>(&engine, "other").unwrap(), None);
    }

    #[test]
    fn changes_made_at_the_same_moment_are_all_kept() {
        let dir = tempfile::tempdir().unwrap();
        let (engine, _) = engine(dir.path());
        std::thread::scope(|s| {
            for item in 0..8 {
                let engine = &engine;
                s.spawn(move || push(engine, item));
            }
        });
        let mut list = KEPT.peek::<Vec<u32>>(&engine, "list").unwrap().unwrap();
        list.sort_unstable();
        assert_eq!(list, (0..8).collect::<Vec<_>>());
        // `keep` at the same moment as others: none of them fails.
        std::thread::scope(|s| {
            for item in 0..8u32 {
                let engine = &engine;
                s.spawn(move || KEPT.keep(engine, "list", &vec![item], 60).unwrap());
            }
        });
        assert_eq!(KEPT.peek::<Vec<u32>>(&engine, "list").unwrap().map(|l| l.len()), Some(1));
    }

    #[test]
    fn a_value_expired_but_not_yet_purged_makes_way_for_a_new_one() {
        let dir = tempfile::tempdir().unwrap();
        let (engine, clock) = engine(dir.path());
        push(&engine, 1);
        clock.advance(61);
        assert_eq!(push(&engine, 2), None, "what expired is not built on");
        assert_eq!(KEPT.peek::<Vec<u32>>(&engine, "list").unwrap(), Some(vec![2]));
        KEPT.keep(&engine, "list", &vec![3u32], 60).unwrap();
        clock.advance(61);
        KEPT.keep(&engine, "list", &vec![4u32], 60).unwrap();
        assert_eq!(KEPT.peek::<Vec<u32>>(&engine, "list").unwrap(), Some(vec![4]));
    }
}
