//! Storage behind one small trait per area (DESIGN §7): every method is one transaction, and
//! every change that must be audited takes its audit record so both commit together. Nothing
//! above this module issues SQL. Each backend implements every area in a file of its own.

mod accounts;
mod audit;
mod authenticators;
#[cfg(test)]
pub(crate) mod conformance;
mod credentials;
mod devices;
pub mod dump;
mod meta;
#[cfg(feature = "postgres")]
mod postgres;
mod query;
mod rows;
mod sessions;
mod sqlite;
mod tokens;
mod transfers;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use crate::config::StorageConfig;
use crate::error::Error;

pub use accounts::{
    Account, AccountFilter, AccountStore, CredentialStamp, FailureKind, FailureOutcome, NewAccount, PasswordChange,
    ProfileChange, Tries,
};
pub use audit::{AuditStore, AuditVisibility};
pub use authenticators::{
    Authenticator, AuthenticatorKind, AuthenticatorStore, EmailOtp, NewAuthenticator, RecoveryCode,
};
pub use credentials::{CredentialStore, QuestionCensus, StoredAnswer};
pub use devices::{Device, DeviceId, DeviceStore, NewDevice, NewEnrolmentCode, SecretHash};
pub use dump::DumpStore;
pub use meta::MetaStore;
#[cfg(feature = "postgres")]
pub use postgres::{PgOptions, PgStore};
pub use sessions::{SessionKind, SessionStore, StoredSession, TokenHash};
pub use sqlite::{SqliteStore, DB_FILE_NAME};
pub use tokens::{HardwareToken, TokenStore};
pub use transfers::{NewTransfer, Transfer, TransferDecision, TransferStore};

/// Declares `Store` as the sum of the area traits, with the blanket impl, from one list.
macro_rules! store_of {
    ($($area:path),+) => {
        /// Everything a backend stores: every area's trait. The engine holds one `Arc<dyn Store>`.
        pub trait Store: $($area +)+ Send + Sync {}

        impl<T> Store for T where T: $($area +)+ Send + Sync {}
    };
}

store_of!(
    AccountStore,
    CredentialStore,
    AuthenticatorStore,
    TokenStore,
    TransferStore,
    AuditStore,
    MetaStore,
    DumpStore,
    SessionStore,
    DeviceStore
);

/// Opens the store `[storage]` names: the embedded SQLite file in `data_dir` (the default), or
/// a PostgreSQL server.
pub fn open(config: &StorageConfig, data_dir: &Path) -> Result<Arc<dyn Store>, Error> {
    if !config.is_postgres() {
        let timeout = Duration::from_millis(config.busy_timeout_ms);
        return Ok(Arc::new(SqliteStore::open_in(data_dir, timeout)?));
    }
    open_postgres(config)
}

#[cfg(feature = "postgres")]
fn open_postgres(config: &StorageConfig) -> Result<Arc<dyn Store>, Error> {
    let timeout = Duration::from_secs(config.timeout_seconds);
    let options = PgOptions {
        pool_size: config.pool_size,
        connect_timeout: timeout,
        statement_timeout: timeout,
        password: config.database_password()?.map(|p| zeroize::Zeroizing::new(p.expose().to_owned())),
    };
    Ok(Arc::new(PgStore::connect(config.url.trim(), options)?))
}

#[cfg(not(feature = "postgres"))]
fn open_postgres(_: &StorageConfig) -> Result<Arc<dyn Store>, Error> {
    Err(Error::Config("this Gatehouse was built without PostgreSQL support (cargo feature `postgres`)".into()))
}

/// The area traits, for code that calls a store's methods: `use crate::store::prelude::*;`.
pub mod prelude {
    pub use super::{
        AccountStore, AuditStore, AuthenticatorStore, CredentialStore, DumpStore, MetaStore, SessionStore, Store,
        TokenStore, TransferStore,
    };
}
