//! Storage behind one small trait per area (DESIGN §7): every method is one transaction, and
//! every change that must be audited takes its audit record so both commit together. Nothing
//! above this module issues SQL. Each backend implements every area in a file of its own.

mod accounts;
mod audit;
mod authenticators;
#[cfg(test)]
pub(crate) mod conformance;
mod credentials;
mod meta;
#[cfg(feature = "postgres")]
mod postgres;
mod rows;
mod sqlite;
mod tokens;
mod transfers;

pub use accounts::{Account, AccountFilter, AccountStore, FailureKind, FailureOutcome, NewAccount, PasswordChange};
pub use audit::{AuditStore, AuditVisibility};
pub use authenticators::{Authenticator, AuthenticatorKind, AuthenticatorStore, EmailOtp, NewAuthenticator};
pub use credentials::{CredentialStore, QuestionCensus, StoredAnswer};
pub use meta::MetaStore;
#[cfg(feature = "postgres")]
pub use postgres::{PgOptions, PgStore};
pub use sqlite::{SqliteStore, DB_FILE_NAME};
pub use tokens::{HardwareToken, TokenStore};
pub use transfers::{NewTransfer, Transfer, TransferDecision, TransferStore};

/// Everything a backend stores: every area's trait. The engine holds one `Arc<dyn Store>`.
pub trait Store:
    AccountStore + CredentialStore + AuthenticatorStore + TokenStore + TransferStore + AuditStore + MetaStore + Send + Sync
{
}

impl<T> Store for T where
    T: AccountStore
        + CredentialStore
        + AuthenticatorStore
        + TokenStore
        + TransferStore
        + AuditStore
        + MetaStore
        + Send
        + Sync
{
}

/// The area traits, for code that calls a store's methods: `use crate::store::prelude::*;`.
pub mod prelude {
    pub use super::{
        AccountStore, AuditStore, AuthenticatorStore, CredentialStore, MetaStore, Store, TokenStore, TransferStore,
    };
}
