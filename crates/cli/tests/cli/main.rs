//! `gatehouse-cli` as a process against a temporary data directory: every flow of the student
//! guide (sections 1, 1b, 2a, 2b and troubleshooting D–G), the wire contract's error handling,
//! and the administrator commands.

mod admin;
mod common;
mod concurrency;
mod crash;
mod staff_guide;
mod student_guide;
