//! Storage behind a small trait (DESIGN §7): every method is one transaction, and every change
//! that must be audited takes its audit record so both commit together. Nothing above this module
//! issues SQL; a PostgreSQL backend is an addition, not a rewrite.

mod sqlite;

pub use sqlite::{SqliteStore, DB_FILE_NAME};

use crate::audit::{AuditEntry, AuditQuery, AuditRecord};
use crate::clock::Timestamp;
use crate::error::Error;
use crate::hashing::PasswordHashString;
use crate::types::{AccountId, AccountKind, EmailAddress, FullName, Level, Location, LoginId, Role};

/// An account as stored. The password hash is inside [`PasswordHashString`], which never prints.
#[derive(Debug, Clone)]
pub struct Account {
    pub id: AccountId,
    pub login: LoginId,
    pub name: FullName,
    pub kind: AccountKind,
    pub level: Option<Level>,
    pub location: Location,
    pub work_email: Option<EmailAddress>,
    pub generic: bool,
    pub roles: Vec<Role>,
    pub password_hash: PasswordHashString,
    /// The hash of the password before the current one (the "not the previous password" rule).
    pub previous_hash: Option<PasswordHashString>,
    /// `Some` while the password is a temporary one set by an administrator: when it expires.
    pub temporary_until: Option<Timestamp>,
    pub failed_passwords: u32,
    pub locked_at: Option<Timestamp>,
    pub failed_answers: u32,
    pub sspr_blocked: bool,
    pub questions_set: bool,
    pub terms_accepted_at: Option<Timestamp>,
    pub last_sign_in: Option<Timestamp>,
    pub password_changed_at: Timestamp,
    pub created_at: Timestamp,
}

impl Account {
    pub fn is_locked(&self) -> bool {
        self.locked_at.is_some()
    }
}

/// An account to create.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub login: LoginId,
    pub name: FullName,
    pub kind: AccountKind,
    pub level: Option<Level>,
    pub location: Location,
    pub work_email: Option<EmailAddress>,
    pub generic: bool,
    pub roles: Vec<Role>,
    pub password_hash: PasswordHashString,
    pub temporary_until: Option<Timestamp>,
    /// Demo and migration use: an account that has already accepted the terms.
    pub terms_accepted_at: Option<Timestamp>,
}

/// A challenge answer as stored: the question id and the Argon2id hash of the normalised answer.
#[derive(Debug, Clone)]
pub struct StoredAnswer {
    pub question_id: String,
    pub hash: PasswordHashString,
}

/// A new password for an account.
#[derive(Debug, Clone)]
pub struct PasswordChange {
    pub hash: PasswordHashString,
    /// `Some(expiry)` for a temporary password set by an administrator.
    pub temporary_until: Option<Timestamp>,
    pub at: Timestamp,
}

/// What a counted failure led to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FailureOutcome {
    /// Consecutive failures now recorded.
    pub failures: u32,
    /// True when this failure reached the threshold and locked (or blocked) the account.
    pub newly_locked: bool,
    /// True when the account is locked (or blocked) after this failure.
    pub locked: bool,
}

/// Which counter a failure against an unknown login ID goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    Password,
    Answer,
}

/// Filters for listing accounts; `None` means any.
#[derive(Debug, Clone, Default)]
pub struct AccountFilter {
    /// Substring of the login ID or the name, case-insensitive.
    pub text: Option<String>,
    pub kind: Option<AccountKind>,
    pub level: Option<Level>,
    pub location: Option<Location>,
    pub locked: Option<bool>,
    pub limit: usize,
}

pub trait Store: Send + Sync {
    fn account_by_login(&self, login: &LoginId) -> Result<Option<Account>, Error>;
    fn account(&self, id: AccountId) -> Result<Option<Account>, Error>;
    fn list_accounts(&self, filter: &AccountFilter) -> Result<Vec<Account>, Error>;
    fn count_accounts(&self) -> Result<u64, Error>;

    /// Creates all accounts or none (a login ID already taken is `Error::Conflict`).
    fn create_accounts(&self, accounts: &[NewAccount], audit: &[AuditRecord]) -> Result<Vec<AccountId>, Error>;

    /// Counts a wrong password; at `threshold` consecutive failures the account locks.
    fn record_password_failure(
        &self,
        id: AccountId,
        threshold: u32,
        now: Timestamp,
        audit: AuditRecord,
        lockout_audit: AuditRecord,
    ) -> Result<FailureOutcome, Error>;
    /// A successful sign-in: clears the failure counter, notes the time.
    fn record_sign_in(&self, id: AccountId, now: Timestamp, audit: AuditRecord) -> Result<(), Error>;
    /// Counts a failure against a login ID that has no account, so lockouts look the same for
    /// both (DESIGN §2). Failures last noted before `window_start` no longer count. Returns the
    /// consecutive count.
    fn record_unknown_failure(&self, key: &str, kind: FailureKind, now: Timestamp, window_start: Timestamp)
        -> Result<u32, Error>;
    fn unknown_failures(&self, key: &str, kind: FailureKind, window_start: Timestamp) -> Result<u32, Error>;

    /// Sets a new password. A permanent one also unlocks the account and clears both failure
    /// counters (a reset or change unlocks: student guide p.19).
    fn set_password(&self, id: AccountId, change: &PasswordChange, audit: AuditRecord) -> Result<(), Error>;
    fn unlock(&self, id: AccountId, audit: AuditRecord) -> Result<(), Error>;

    fn answers(&self, id: AccountId) -> Result<Vec<StoredAnswer>, Error>;
    /// Replaces the account's answers (exactly three).
    fn set_answers(&self, id: AccountId, answers: &[StoredAnswer], audit: AuditRecord) -> Result<(), Error>;
    fn clear_answers(&self, id: AccountId, audit: AuditRecord) -> Result<(), Error>;
    /// Counts a wrong set of answers; at `threshold` self-service reset is blocked.
    fn record_answer_failure(
        &self,
        id: AccountId,
        threshold: u32,
        audit: AuditRecord,
        block_audit: AuditRecord,
    ) -> Result<FailureOutcome, Error>;
    fn clear_answer_failures(&self, id: AccountId, audit: AuditRecord) -> Result<(), Error>;

    fn accept_terms(&self, id: AccountId, now: Timestamp, audit: AuditRecord) -> Result<(), Error>;
    fn set_work_email(&self, id: AccountId, email: Option<&EmailAddress>, audit: AuditRecord) -> Result<(), Error>;

    fn append_audit(&self, record: &AuditRecord) -> Result<(), Error>;
    fn audit(&self, query: &AuditQuery) -> Result<Vec<AuditEntry>, Error>;

    /// A random per-install secret (created on first use) that keys the plausible questions
    /// shown for unknown login IDs.
    fn install_secret(&self) -> Result<[u8; 32], Error>;
}
