//! Storage behind a small trait (DESIGN §7): every method is one transaction, and every change
//! that must be audited takes its audit record so both commit together. Nothing above this module
//! issues SQL; a PostgreSQL backend is an addition, not a rewrite.

mod sqlite;

pub use sqlite::{SqliteStore, DB_FILE_NAME};

use crate::audit::{AuditEntry, AuditQuery, AuditRecord};
use crate::clock::Timestamp;
use crate::error::Error;
use crate::hashing::PasswordHashString;
use crate::otp::OtpParams;
use crate::types::{AccountId, AccountKind, EmailAddress, FullName, Level, Location, LoginId, Role, TransferId};

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
    /// Consecutive wrong second-factor codes (TOTP, hardware token, email OTP); at the password
    /// threshold the account locks and no further code is checked until it is unlocked.
    pub failed_codes: u32,
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

/// A person's authenticator: a soft token (app) or a hardware OATH token bound to the account.
/// The secret is sealed by the vault; never printed.
#[derive(Clone)]
pub struct Authenticator {
    pub id: i64,
    pub account: AccountId,
    pub kind: AuthenticatorKind,
    pub comment: String,
    pub secret_sealed: Vec<u8>,
    pub params: OtpParams,
    pub serial: Option<String>,
    /// `Some` for an HOTP hardware token: the next counter to expect.
    pub hotp_counter: Option<u64>,
    /// The last TOTP time step accepted (replay guard).
    pub last_step: Option<u64>,
    /// When it last passed a test (it counts for sign-in only once it has).
    pub tested_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub created_by: String,
}

impl std::fmt::Debug for Authenticator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Authenticator")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .field("comment", &self.comment)
            .field("serial", &self.serial)
            .field("tested_at", &self.tested_at)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthenticatorKind {
    SoftToken,
    HardToken,
}

impl AuthenticatorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SoftToken => "soft_token",
            Self::HardToken => "hard_token",
        }
    }

    /// The guide's name for it.
    pub fn label(self) -> &'static str {
        match self {
            Self::SoftToken => "Soft Token (OTP)",
            Self::HardToken => "Hard Token/FIDO 2.0",
        }
    }
}

/// An authenticator to add.
#[derive(Clone)]
pub struct NewAuthenticator {
    pub kind: AuthenticatorKind,
    pub comment: String,
    pub secret_sealed: Vec<u8>,
    pub params: OtpParams,
    pub serial: Option<String>,
    pub hotp_counter: Option<u64>,
    pub created_by: String,
}

/// A hardware token in the school's stock (imported from a seed file), bound or free.
#[derive(Clone)]
pub struct HardwareToken {
    pub serial: String,
    pub secret_sealed: Vec<u8>,
    pub hotp: bool,
    pub params: OtpParams,
    pub counter: u64,
    pub imported_at: Timestamp,
    /// The account it is enrolled on, if any.
    pub bound_to: Option<LoginId>,
    /// Wrong codes typed while enrolling it since it was last free (the serial locks at
    /// `twofactor::TOKEN_ENROLMENT_TRIES` until an administrator frees it).
    pub failed_codes: u32,
}

/// How many accounts have challenge questions (self-service reset answers the others with
/// `SSPR 5006`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuestionCensus {
    pub accounts: u64,
    pub with_questions: u64,
}

/// The live email OTP of an account (only a keyed MAC of the code is stored).
#[derive(Debug, Clone)]
pub struct EmailOtp {
    pub sequence: u32,
    pub code_mac: Vec<u8>,
    pub expires_at: Timestamp,
    pub tries_left: u32,
}

/// A location transfer request (DESIGN §1, §5): an LA asks for an account of their location to
/// move, the AO of the target location approves (the account moves) or rejects it. A decided
/// request is final.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transfer {
    pub id: TransferId,
    pub account: AccountId,
    /// The account's login ID (as now stored).
    pub login: LoginId,
    pub from_location: Location,
    pub to_location: Location,
    /// The actor who asked (a login ID, or `cli:<user>` for the command line).
    pub requested_by: String,
    pub requested_at: Timestamp,
    pub decided_by: Option<String>,
    pub decided_at: Option<Timestamp>,
    /// `None` while pending.
    pub decision: Option<TransferDecision>,
}

/// How a transfer request was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TransferDecision {
    Approved,
    Rejected,
}

impl TransferDecision {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Approved => "approved",
            Self::Rejected => "rejected",
        }
    }
}

/// A transfer request to record.
#[derive(Debug, Clone)]
pub struct NewTransfer {
    pub account: AccountId,
    /// Where the account is when asked; the request is refused if it is elsewhere by then.
    pub from_location: Location,
    pub to_location: Location,
    pub requested_by: String,
    pub requested_at: Timestamp,
}

/// Which audit events a scoped administrator reads: those they did (`actor`), and those whose
/// subject is an account now at `location` of one of `kinds`.
#[derive(Debug, Clone)]
pub struct AuditVisibility {
    pub actor: String,
    pub location: Location,
    pub kinds: Vec<AccountKind>,
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
    /// Accounts holding at least one administrator role (none: the install's first run).
    fn count_administrators(&self) -> Result<u64, Error>;

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
    /// A successful sign-in: clears the failure counter, notes the time. `false` (and a refusal
    /// in the log) when the account was locked after it was read, by another kiosk.
    fn record_sign_in(&self, id: AccountId, now: Timestamp, audit: AuditRecord) -> Result<bool, Error>;
    /// Counts a failure against a login ID that has no account, so lockouts look the same for
    /// both (DESIGN §2). It behaves as an account's counter does: failures add up to `threshold`,
    /// which locks the ID at that moment; failures while locked neither count nor extend the
    /// lock; a lock from before `lock_expired_before` has lifted and the next failure counts
    /// from 1. Returns the consecutive count (`>= threshold` means locked).
    fn record_unknown_failure(
        &self,
        key: &str,
        kind: FailureKind,
        threshold: u32,
        now: Timestamp,
        lock_expired_before: Timestamp,
    ) -> Result<u32, Error>;
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
    /// As [`Store::audit`], limited (before `limit`/`offset` apply) to what `visible` allows.
    fn audit_visible(&self, query: &AuditQuery, visible: &AuditVisibility) -> Result<Vec<AuditEntry>, Error>;

    /// Records a transfer request. Refused (`Error::Refused`) when the account has a pending
    /// request already or is no longer at `from_location`.
    fn create_transfer(&self, transfer: &NewTransfer, audit: AuditRecord) -> Result<TransferId, Error>;
    fn transfer(&self, id: TransferId) -> Result<Option<Transfer>, Error>;
    /// Pending requests, oldest first; only those to `to` when given.
    fn pending_transfers(&self, to: Option<&Location>) -> Result<Vec<Transfer>, Error>;
    /// Decides a pending request in one transaction: the decision, the account's move (when
    /// approved) and the audit record commit together. A request already decided, or whose
    /// account has left `from_location` meanwhile, is `Error::Refused`; an unknown id is
    /// `Error::Invalid`.
    fn decide_transfer(
        &self,
        id: TransferId,
        decision: TransferDecision,
        decided_by: &str,
        at: Timestamp,
        audit: AuditRecord,
    ) -> Result<Transfer, Error>;

    /// A random per-install secret (created on first use) that keys the plausible questions
    /// shown for unknown login IDs.
    fn install_secret(&self) -> Result<[u8; 32], Error>;

    /// A non-secret value kept in the store (e.g. the data key's name and check value).
    fn meta(&self, key: &str) -> Result<Option<Vec<u8>>, Error>;
    /// Sets `key` only if it is not set yet; returns the value now stored.
    fn meta_init(&self, key: &str, value: &[u8]) -> Result<Vec<u8>, Error>;

    fn authenticators(&self, account: AccountId) -> Result<Vec<Authenticator>, Error>;
    fn add_authenticator(
        &self,
        account: AccountId,
        new: &NewAuthenticator,
        now: Timestamp,
        audit: AuditRecord,
    ) -> Result<i64, Error>;
    /// Records an accepted TOTP step (and a passed test); false if the step was already used by
    /// a concurrent sign-in (replay).
    fn use_totp_step(
        &self,
        authenticator: i64,
        step: u64,
        now: Timestamp,
        test: bool,
        audit: AuditRecord,
    ) -> Result<bool, Error>;
    /// Records an accepted HOTP code: the next counter (and a passed test).
    fn use_hotp_counter(
        &self,
        authenticator: i64,
        next: u64,
        now: Timestamp,
        test: bool,
        audit: AuditRecord,
    ) -> Result<(), Error>;
    fn delete_authenticator(&self, account: AccountId, authenticator: i64, audit: AuditRecord) -> Result<(), Error>;
    /// Deletes all of an account's authenticators; returns how many there were.
    fn delete_authenticators(&self, account: AccountId, audit: AuditRecord) -> Result<usize, Error>;
    /// Counts a wrong TOTP code; at `threshold` consecutive failures the account locks.
    fn record_totp_failure(
        &self,
        account: AccountId,
        threshold: u32,
        now: Timestamp,
        audit: AuditRecord,
        lockout_audit: AuditRecord,
    ) -> Result<FailureOutcome, Error>;
    fn clear_totp_failures(&self, account: AccountId) -> Result<(), Error>;

    /// Replaces the account's email OTP (one live code per account); returns its sequence number.
    fn put_email_otp(
        &self,
        account: AccountId,
        code_mac: &[u8],
        expires_at: Timestamp,
        tries: u32,
        audit: AuditRecord,
    ) -> Result<u32, Error>;
    fn email_otp(&self, account: AccountId) -> Result<Option<EmailOtp>, Error>;
    /// Spends one try of the live code; returns the tries left, or None if there is no code.
    fn spend_email_otp_try(&self, account: AccountId) -> Result<Option<u32>, Error>;
    fn consume_email_otp(&self, account: AccountId, audit: AuditRecord) -> Result<(), Error>;

    /// Adds hardware tokens to the stock, all or none (a serial already there is a conflict).
    fn import_hardware_tokens(&self, tokens: &[HardwareToken], audit: AuditRecord) -> Result<usize, Error>;
    fn hardware_token(&self, serial: &str) -> Result<Option<HardwareToken>, Error>;
    fn hardware_tokens(&self) -> Result<Vec<HardwareToken>, Error>;
    /// Appends `audit` (a self-service search) unless this machine (`audit.machine`) already
    /// had `limit` searches served after `since`; returns whether it was appended.
    fn record_sspr_search(&self, since: Timestamp, limit: u32, audit: AuditRecord) -> Result<bool, Error>;
    /// How many accounts there are, and how many have challenge questions.
    fn question_census(&self) -> Result<QuestionCensus, Error>;
    /// The question ids, in order, of the `nth` account (0-based, by id) that has questions.
    fn question_set(&self, nth: u64) -> Result<Vec<String>, Error>;
    /// The questions fixed for a login ID without an account (by its keyed MAC), if any.
    fn sspr_decoy(&self, key_mac: &[u8]) -> Result<Option<Vec<String>>, Error>;
    /// Fixes `questions` for a login ID without an account unless some are already fixed;
    /// returns the ones kept.
    fn put_sspr_decoy(&self, key_mac: &[u8], questions: &[String], now: Timestamp) -> Result<Vec<String>, Error>;

    /// Spends one enrolment try of a free token before its code is checked: returns the tries
    /// spent since it was last free, or `None` when `limit` were already spent (it is locked).
    /// Enrolling the token, or deleting the authenticator it was enrolled as, clears the count.
    fn spend_token_try(&self, serial: &str, limit: u32) -> Result<Option<u32>, Error>;
    /// Clears a token's count of wrong enrolment codes (an administrator frees a locked token).
    fn free_hardware_token(&self, serial: &str, audit: AuditRecord) -> Result<(), Error>;
    /// Stores a counter advance for an HOTP token in stock (enrolment resynchronises it).
    fn set_hardware_counter(&self, serial: &str, counter: u64) -> Result<(), Error>;
}
