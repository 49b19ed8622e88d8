//! The wizard: one state machine per session, `apply(action) -> screen`, exactly the wire
//! contract of DESIGN §4. The desktop shell and `gatehouse-cli session` are transports over it.
//!
//! The state is data ([`state::State`]): one variant per flow — [`entry`] (sign-in, locked,
//! signed out), [`questions`], [`password`], [`portal`] (applications, the iCON code, terms,
//! dashboard), [`sspr`] and [`two_factor`] with its [`authenticators`] — each holding the person
//! once and the screen it is on: a struct named for what that screen waits for, holding only that
//! step's data, with a `handle` whose match names every action — the refused ones in one arm
//! ([`state::actions`]), never a wildcard, so a new action or screen does not compile until each
//! screen decides. A refused action gets an error and leaves the state unchanged (handlers
//! borrow the state and move data only into the state they return). A system failure (busy
//! database, corrupt row) shows `SSPR 5019`, and Continue returns to where the person was, so
//! retrying works. [`Session::seal`] stores a whole state sealed.

mod authenticators;
mod catalogue;
mod decoys;
mod entry;
mod help;
mod keys;
mod password;
mod portal;
mod questions;
mod request;
mod session;
mod sspr;
mod state;
mod two_factor;
mod wire;

pub use catalogue::{codes, texts};
pub use help::{staff_help, AdministratorContact, Desk, Help, HelpTopic, Said};
pub use request::parse_request;
pub use session::{Proof, Session};
pub use wire::{Action, AppTile, ChosenQuestion, DashboardApp, EnrolledItem, QuestionAnswer, Response, Screen};
