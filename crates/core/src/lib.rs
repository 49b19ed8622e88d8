//! Gatehouse core: the identity domain with no UI and no desktop-shell dependency.
//!
//! - [`wizard::Session`] walks a person through the guides' screens (`apply(action) -> screen`).
//! - [`admin::Admin`] is what an administrator does (create, reset, unlock, import, audit).
//! - [`store::Store`] keeps accounts, answers and the audit log; [`store::SqliteStore`] is the
//!   embedded backend.
//! - [`engine::Engine`] ties store, configuration, clock and randomness together.

pub mod admin;
pub mod audit;
pub mod blocking;
pub mod branding;
pub mod clock;
pub mod colour;
pub mod config;
pub mod console;
pub mod console_ops;
pub mod csv_cell;
pub mod demo;
pub mod devices;
pub mod engine;
pub mod error;
pub mod files;
pub mod hashing;
pub mod image;
pub mod mail;
pub mod migrate;
pub mod otp;
pub mod policy;
pub mod pskc_crypto;
pub mod questions;
pub mod recovery;
pub mod scope;
pub mod security_keys;
pub mod slips;
pub mod slowdown;
pub mod store;
pub mod tempgen;
pub mod text;
pub mod tokens;
mod tries;
pub mod twofactor;
pub mod types;
pub mod vault;
pub mod wizard;

pub use engine::{data_dir, default_data_dir, Engine};
pub use error::{Error, ErrorBody};
pub use wizard::{Action, Response, Screen, Session};
