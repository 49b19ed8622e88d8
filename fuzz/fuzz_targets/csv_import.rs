//! Account import files (`Admin::parse_import`): any bytes must give the good rows and the bad
//! rows with their line numbers, or an error for the whole file, never a panic. Every counted
//! row is either good or bad, as the import report says.
#![no_main]

use std::sync::OnceLock;

use gatehouse_core::admin::{Admin, CreateRequest};
use libfuzzer_sys::fuzz_target;

#[path = "../common.rs"]
mod common;

/// The operator over an engine holding one account (created once: one Argon2 hash at start-up),
/// so the "already exists" branch is reachable from the seed corpus (examples/class-4a.csv).
fn admin() -> &'static Admin {
    static ADMIN: OnceLock<Admin> = OnceLock::new();
    ADMIN.get_or_init(|| {
        let admin = Admin::new(common::engine(), "admin:fuzz");
        let existing = CreateRequest {
            login: "Aisha_Rahman@students.edu.sg".into(),
            name: "Aisha Rahman".into(),
            kind: "student".into(),
            level: Some("p4_6".into()),
            location: Some("DEMO01".into()),
            ..Default::default()
        };
        admin.create(&existing).expect("the fixture account is valid");
        admin
    })
}

fuzz_target!(|data: &[u8]| {
    if let Ok((good, bad, rows)) = admin().parse_import(data) {
        assert_eq!(good.len() + bad.len(), rows, "rows counted neither good nor bad (or twice)");
    }
});
