//! The engine the separate test binaries build alike (`console`, `twofactor`, `brute_force`, and
//! the `core` suite's fixtures): a real store — a SQLite file in a temporary directory, or with
//! `GATEHOUSE_TEST_STORE=postgres` a fresh database on a real PostgreSQL server the tests start
//! themselves (`gatehouse-testpg`) — mail written to the directory's outbox, a fixed data key, a
//! manual clock and a seeded random source.

// Each test binary uses a part of this module.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use gatehouse_core::clock::{ManualClock, Timestamp};
use gatehouse_core::config::Config;
use gatehouse_core::config::StorageConfig;
use gatehouse_core::engine::KeyStore;
use gatehouse_core::mail::Mailer;
use gatehouse_core::store::Store;
use gatehouse_core::vault::Vault;
use gatehouse_core::Engine;
use rand::SeedableRng;

/// True when the suites run on PostgreSQL (`GATEHOUSE_TEST_STORE=postgres`).
pub fn on_postgres() -> bool {
    std::env::var("GATEHOUSE_TEST_STORE").is_ok_and(|v| v == "postgres")
}

/// A test's data directory and, on PostgreSQL, its own database; opened through the same
/// `[storage]` configuration a school writes (the password in a file, never in the URL).
pub struct Place {
    pub dir: tempfile::TempDir,
    postgres: Option<gatehouse_testpg::TestDatabase>,
}

impl Place {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let postgres = on_postgres().then(gatehouse_testpg::database);
        Self { dir, postgres }
    }

    /// A place on the embedded SQLite file, whatever `GATEHOUSE_TEST_STORE` says.
    pub fn sqlite() -> Self {
        Self { dir: tempfile::tempdir().unwrap(), postgres: None }
    }

    /// A place whose accounts live in a new database of `server` (a test's private server,
    /// which it may stop and restart), whatever `GATEHOUSE_TEST_STORE` says.
    pub fn on(server: &gatehouse_testpg::TestPostgres) -> Self {
        Self { dir: tempfile::tempdir().unwrap(), postgres: Some(server.database()) }
    }

    /// This place's PostgreSQL database (for a change no store call makes, e.g. a
    /// migration's); `None` on SQLite.
    #[allow(dead_code)] // used by the PostgreSQL proofs only
    pub fn database(&self) -> Option<&gatehouse_testpg::TestDatabase> {
        self.postgres.as_ref()
    }

    /// The `[storage]` section that opens this place's store.
    pub fn storage(&self, busy_timeout: Duration) -> StorageConfig {
        let mut storage = Config::default().storage;
        storage.busy_timeout_ms = busy_timeout.as_millis() as u64;
        if let Some(db) = &self.postgres {
            let (url, password) = db.storage_url();
            storage.url = url;
            if let Some(password) = password {
                let file = self.dir.path().join("db-password");
                gatehouse_testpg::write_password_file(&file, &password).unwrap();
                storage.password_file = file.display().to_string();
            }
        }
        storage
    }

    /// Opens (another connection to) this place's store.
    pub fn open(&self, busy_timeout: Duration) -> Arc<dyn Store> {
        gatehouse_core::store::open(&self.storage(busy_timeout), self.dir.path())
            .unwrap_or_else(|e| panic!("cannot open the test store: {e}"))
    }
}

pub struct Rig {
    /// The data directory (and database) the engine uses; removed when dropped.
    pub place: Place,
    pub clock: Arc<ManualClock>,
    pub engine: Arc<Engine>,
}

/// An engine on a fresh directory with `config`, its clock at `start`, its random source seeded
/// with `seed` (so generated codes and secrets repeat from run to run).
pub fn rig(config: Config, start: Timestamp, seed: u64) -> Rig {
    rig_at(Place::new(), config, start, seed)
}

/// As [`rig`], on `place`.
pub fn rig_at(place: Place, config: Config, start: Timestamp, seed: u64) -> Rig {
    let clock = Arc::new(ManualClock::new(start));
    let store = place.open(Duration::from_secs(5));
    let mailer = Mailer::from_config(&config.smtp, place.dir.path()).unwrap();
    let engine = Engine::with_services(
        store,
        config,
        clock.clone(),
        Box::new(rand_chacha::ChaCha20Rng::seed_from_u64(seed)),
        mailer,
        KeyStore::Fixed(Vault::from_key([7; 32])),
    );
    Rig { place, clock, engine }
}
