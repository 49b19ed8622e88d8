//! Gatehouse's thin client (issue 14 §3): what `gatehouse-cli` and the desktop app need to be
//! clients of the school's `gatehouse-server` instead of opening a database — the HTTPS client
//! ([`https_client`]), a wizard session on the server ([`RemoteSession`]), this machine's device
//! credential ([`device`]), the administrators' console on the server ([`RemoteConsole`]) and a thin
//! kiosk's break-glass code ([`break_glass`]).
//!
//! Nothing here holds a password hash, an answer hash, a TOTP seed or the data key: the server
//! keeps those (DESIGN §7).

pub mod break_glass;
mod console;
pub mod data_dir;
pub mod device;
mod endpoint;
mod error;
mod https;
mod session;

pub use console::{PartLimits, RemoteConsole};
pub use endpoint::DEVICE_HEADER;
pub use error::{Error, Reply};
pub use https::{base_url, https_client};
pub use session::{RemoteSession, SessionKind};
