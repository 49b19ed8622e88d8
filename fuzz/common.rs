//! The engine the targets share: an in-memory SQLite store, the default configuration, a manual
//! clock and a seeded random source, as the core's tests build one (tests/core/common.rs), so a
//! crash replays exactly.

use std::path::Path;
use std::sync::Arc;

use gatehouse_core::clock::{ManualClock, Timestamp};
use gatehouse_core::config::Config;
use gatehouse_core::store::SqliteStore;
use gatehouse_core::Engine;
use rand::SeedableRng;

/// 2026-01-05T09:00:00Z, the core tests' T0.
const T0: Timestamp = 1_767_603_600;

/// A fresh engine on an empty in-memory database (SQLite's `:memory:`: nothing touches the disk).
pub fn engine() -> Arc<Engine> {
    let store = SqliteStore::open(Path::new(":memory:")).expect("an in-memory store opens");
    Engine::new(
        Arc::new(store),
        // Self-service searches leave no trace that changes a later input's answer (a crash
        // replays from its input alone), so the per-machine hourly cap is lifted.
        Config::from_toml("[lockout]\nsspr_searches_per_hour = 100000\n").expect("valid configuration"),
        Arc::new(ManualClock::new(T0)),
        Box::new(rand_chacha::ChaCha20Rng::seed_from_u64(1)),
    )
}
