//! Integration tests of `gatehouse-core`, built as one binary (one link, shared fixtures).
//!
//! - `wizard`: every screen transition of the student guide's first sign-in, and the refusals.
//! - `sspr`: self-service password reset, for known and unknown login IDs alike.
//! - `lockout`: wrong passwords, unknown IDs, unlock by administrator or by time, SSPR 5019.
//! - `storage`: the SQLite file: reopen, migrations, refusal of foreign files, concurrency, audit.
//! - `admin`: create, reset, unlock, clear questions, CSV import.

mod admin;
mod common;
mod lockout;
mod sspr;
mod storage;
mod wizard;
