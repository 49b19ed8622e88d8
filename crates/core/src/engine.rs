//! The engine: the store, the configuration, the clock and the random source that every session
//! and administrator operation share.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rand::rngs::OsRng;

use crate::audit::{machine_name, AuditRecord, Event, Outcome};
use crate::clock::{Clock, SecureRng, SystemClock, Timestamp};
use crate::config::{Config, CONFIG_FILE_NAME};
use crate::error::Error;
use crate::store::{SqliteStore, Store};

pub struct Engine {
    store: Arc<dyn Store>,
    config: Arc<Config>,
    clock: Arc<dyn Clock>,
    rng: Mutex<Box<dyn SecureRng>>,
    machine: String,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine").field("machine", &self.machine).finish_non_exhaustive()
    }
}

/// The OS data directory for Gatehouse (`~/.local/share/gatehouse` on Linux,
/// `%APPDATA%\Gatehouse\data` on Windows, `~/Library/Application Support/sg.Gatehouse` on macOS).
pub fn default_data_dir() -> Result<PathBuf, Error> {
    directories::ProjectDirs::from("sg", "", "Gatehouse")
        .map(|d| d.data_dir().to_owned())
        .ok_or_else(|| Error::Config("no home directory: pass --data-dir".into()))
}

impl Engine {
    pub fn new(store: Arc<dyn Store>, config: Config, clock: Arc<dyn Clock>, rng: Box<dyn SecureRng>) -> Arc<Self> {
        Arc::new(Self { store, config: Arc::new(config), clock, rng: Mutex::new(rng), machine: machine_name() })
    }

    /// Opens the data directory as a running app does: `gatehouse.toml` (defaults if absent),
    /// `gatehouse.db` (created and migrated), the wall clock and the OS CSPRNG. No hashing or
    /// other slow work happens here (start-up stays fast).
    pub fn open(data_dir: &Path) -> Result<Arc<Self>, Error> {
        let config = Config::load(&data_dir.join(CONFIG_FILE_NAME))?;
        let timeout = std::time::Duration::from_millis(config.storage.busy_timeout_ms);
        let store = SqliteStore::open_in(data_dir, timeout)?;
        Ok(Self::new(Arc::new(store), config, Arc::new(SystemClock), Box::new(OsRng)))
    }

    pub fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    pub fn machine(&self) -> &str {
        &self.machine
    }

    /// Runs `f` with the engine's random source.
    pub fn with_rng<T>(&self, f: impl FnOnce(&mut dyn SecureRng) -> T) -> T {
        let mut rng = self.rng.lock().unwrap_or_else(|p| p.into_inner());
        f(rng.as_mut())
    }

    /// An audit record stamped with now and this machine.
    pub fn record(&self, actor: &str, subject: &str, event: Event, outcome: Outcome, detail: impl Into<String>) -> AuditRecord {
        AuditRecord {
            at: self.now(),
            actor: actor.to_owned(),
            subject: subject.to_owned(),
            event,
            outcome,
            machine: self.machine.clone(),
            detail: detail.into(),
        }
    }

    /// Start of the window in which lock-related failures still count: with automatic unlock,
    /// older failures have expired; without it, they count for as long as they are kept.
    pub(crate) fn lock_window_start(&self) -> Timestamp {
        match self.config.lockout.auto_unlock_minutes {
            0 => Timestamp::MIN,
            m => self.now() - i64::from(m) * 60,
        }
    }

    /// True when an account's lock has lifted by itself (`lockout.auto_unlock_minutes`).
    pub(crate) fn lock_has_expired(&self, locked_at: Timestamp) -> bool {
        let m = self.config.lockout.auto_unlock_minutes;
        m > 0 && locked_at + i64::from(m) * 60 <= self.now()
    }
}
