//! Per-install values: the install secret and non-secret settings such as the data key's name.

use crate::error::Error;

/// What a backend stores for this area (see the module documentation).
pub trait MetaStore {
    /// A random per-install secret (created on first use) that keys the plausible questions
    /// shown for unknown login IDs.
    fn install_secret(&self) -> Result<[u8; 32], Error>;

    /// A non-secret value kept in the store (e.g. the data key's name and check value).
    fn meta(&self, key: &str) -> Result<Option<Vec<u8>>, Error>;

    /// Sets `key` only if it is not set yet; returns the value now stored.
    fn meta_init(&self, key: &str, value: &[u8]) -> Result<Vec<u8>, Error>;
}
