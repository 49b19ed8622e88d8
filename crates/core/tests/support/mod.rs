//! The engine the separate test binaries build alike (`console`, `twofactor`, `brute_force`): a
//! real SQLite file in a temporary directory, mail written to its outbox, a fixed data key, a
//! manual clock and a seeded random source.

use std::sync::Arc;

use gatehouse_core::clock::{ManualClock, Timestamp};
use gatehouse_core::config::Config;
use gatehouse_core::engine::KeyStore;
use gatehouse_core::mail::Mailer;
use gatehouse_core::store::SqliteStore;
use gatehouse_core::vault::Vault;
use gatehouse_core::Engine;
use rand::SeedableRng;

pub struct Rig {
    pub dir: tempfile::TempDir,
    pub clock: Arc<ManualClock>,
    pub engine: Arc<Engine>,
}

/// An engine on a fresh directory with `config`, its clock at `start`, its random source seeded
/// with `seed` (so generated codes and secrets repeat from run to run).
pub fn rig(config: Config, start: Timestamp, seed: u64) -> Rig {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(ManualClock::new(start));
    let store = SqliteStore::open(&dir.path().join("gatehouse.db")).unwrap();
    let mailer = Mailer::from_config(&config.smtp, dir.path()).unwrap();
    let engine = Engine::with_services(
        Arc::new(store),
        config,
        clock.clone(),
        Box::new(rand_chacha::ChaCha20Rng::seed_from_u64(seed)),
        mailer,
        KeyStore::Fixed(Vault::from_key([7; 32])),
    );
    Rig { dir, clock, engine }
}
