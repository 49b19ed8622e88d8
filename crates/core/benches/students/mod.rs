//! Seeded students and the environment variables the benchmarks read, shared by the sign-in
//! and self-service reset benchmarks.

use gatehouse_core::hashing::PasswordHashString;
use gatehouse_core::store::NewAccount;
use gatehouse_core::types::{AccountKind, FullName, Level, Location, LoginId};

const LEVELS: [Level; 4] = [Level::P1_3, Level::P4_6, Level::Secondary, Level::JcMi];

/// A whole number from the environment, or `default` when the variable is not set.
pub fn env_usize(name: &str, default: usize) -> usize {
    match std::env::var(name) {
        Ok(v) => v.trim().parse().unwrap_or_else(|_| panic!("{name} must be a whole number, not {v:?}")),
        Err(_) => default,
    }
}

pub fn login_of(n: usize) -> String {
    format!("Student_{n:06}@students.edu.sg")
}

/// Student number `n`, of every level in turn, at one of about 350 schools of roughly 300
/// students; with a temporary password until `temporary_until`, else with the terms accepted at
/// `terms_accepted_at`.
pub fn student(
    n: usize,
    hash: &PasswordHashString,
    temporary_until: Option<i64>,
    terms_accepted_at: Option<i64>,
) -> NewAccount {
    NewAccount {
        login: LoginId::parse(&login_of(n)).expect("valid login"),
        name: FullName::parse(&format!("Student {n:06}")).expect("valid name"),
        kind: AccountKind::Student,
        level: Some(LEVELS[n % LEVELS.len()]),
        location: Location::parse(&format!("S{:04}", 1000 + n % 350)).expect("valid location"),
        work_email: None,
        generic: false,
        roles: Vec::new(),
        password_hash: hash.clone(),
        temporary_until,
        terms_accepted_at,
        class: None,
    }
}
