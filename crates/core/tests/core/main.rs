//! Integration tests of `gatehouse-core`, built as one binary (one link, shared fixtures).
//!
//! - `wizard`: every screen transition of the student guide's first sign-in, and the refusals.
//! - `sspr`: self-service password reset, for known and unknown login IDs alike.
//! - `staff_2fa`: the staff guide's 2FA set-up: Setup 2FA, the completion, the next code, `signed_in`.
//! - `lockout`: wrong passwords, unknown IDs, unlock by administrator or by time, SSPR 5019.
//! - `storage`: the SQLite file: reopen, migrations, refusal of foreign files, concurrency, audit.
//! - `admin`: create, reset, unlock, clear questions, CSV import.
//! - `files`: owner-only data directory and files (issue 11, item 4).
//! - `spreadsheet`: CSV cells a spreadsheet would run are neutralised and read back (item 5).
//! - `state_data`: a session's state seals and comes back identical (random walks).
//! - `migrate`: copying a school to another store with nothing lost.
//! - `school_year`: edits, disabled and deleted accounts, classes and year-end promotions.
//! - `help`: `show_help` on every screen, per-level questions, app icons, the first administrator's checklist.
//! - `languages`: the person's language, chosen at sign-in or later, and the wire without one.
//! - `pskc`: encrypted PSKC seed files (RFC 6030 §6) from the RFC and from python-pskc.
//! - `recovery`: recovery codes in place of the second factor, shown once, hashed, counted.
//! - `security_keys`: FIDO2 keys enrolled and used with a software authenticator, and the refusals.
//! - `scope`: what an SA, an LA and an AO may do in the console; location transfers; migration v3.

mod admin;
mod common;
#[cfg(unix)]
mod files;
mod help;
mod hostile;
mod languages;
mod lockout;
mod migrate;
mod own_changes;
mod pskc;
mod recovery;
mod school_year;
mod scope;
mod security_keys;
mod spreadsheet;
mod sspr;
mod staff_2fa;
mod state_data;
mod storage;
#[path = "../support/mod.rs"]
mod support;
mod wizard;
