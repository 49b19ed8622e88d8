//! `gatehouse-cli` as a process against a temporary data directory: every flow of the student
//! guide (sections 1, 1b, 2a, 2b and troubleshooting D–G), the wire contract's error handling,
//! the administrator commands, and the modes and CSV cells of the files the CLI writes.

mod admin;
mod common;
mod concurrency;
mod crash;
mod devices;
mod files;
mod migrate;
mod school_year;
mod staff_guide;
mod student_guide;
mod thin_client;
