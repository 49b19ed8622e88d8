//! Accounts: who they are, their password, lockout counters (also for login IDs without an
//! account), terms and work email.

use crate::audit::AuditRecord;
use crate::clock::Timestamp;
use crate::error::Error;
use crate::hashing::PasswordHashString;
use crate::text::Language;
use crate::types::{AccountId, AccountKind, ClassLabel, EmailAddress, FullName, Level, Location, LoginId, Role};

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
    /// A student's class, e.g. `4A`.
    pub class: Option<ClassLabel>,
    /// Disabled by an administrator (the guides' "inactive account"): refused at sign-in and in
    /// self-service reset until enabled again.
    pub disabled: bool,
    /// The language the person chose (on the sign-in screen or later, issue 16): their mails
    /// and slips are in it. `None` until they choose: the school's `[locale] default_language`.
    pub language: Option<Language>,
}

/// Which password a proof of who someone is was made with: a labelled digest of the account's
/// password hash at the time. Every password set makes a new hash (each with its own salt), so
/// a session proved with the password before an administrator's reset is told from one proved
/// with the new one even within the same second — which the time of the change alone cannot
/// do. It opens nothing: without the hash's salt it is no help to a guesser.
#[derive(Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CredentialStamp([u8; 16]);

impl CredentialStamp {
    /// The stamp of proofs made with the password `hash` is of.
    pub fn of(hash: &PasswordHashString) -> Self {
        use sha2::{Digest, Sha256};
        let digest = Sha256::new().chain_update(b"gatehouse credential stamp\0").chain_update(hash.as_str()).finalize();
        let mut stamp = [0; 16];
        stamp.copy_from_slice(&digest[..16]);
        Self(stamp)
    }
}

impl std::fmt::Debug for CredentialStamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CredentialStamp(..)")
    }
}

impl Account {
    pub fn is_locked(&self) -> bool {
        self.locked_at.is_some()
    }

    /// The stamp of a proof made now with this account's password.
    pub fn credential_stamp(&self) -> CredentialStamp {
        CredentialStamp::of(&self.password_hash)
    }

    /// True unless a password was set on the account after someone proved who they are with
    /// the one `stamp` names — or, for a proof kept without a stamp (an app's access token, a
    /// state sealed before stamps were kept), after `proved_at` (Unix seconds).
    pub fn still_proved(&self, proved_at: Timestamp, stamp: Option<&CredentialStamp>) -> bool {
        match stamp {
            Some(stamp) => bool::from(subtle::ConstantTimeEq::ct_eq(&stamp.0[..], &self.credential_stamp().0[..])),
            None => self.password_changed_at <= proved_at,
        }
    }

    /// True while someone who proved who they are (see [`Account::still_proved`]) may still be
    /// vouched for as this account (single sign-on, an app's tokens): not disabled or locked,
    /// and no password set since (an administrator's reset of an account believed taken, or
    /// its owner's change or reset elsewhere).
    pub fn vouches_for_proof(&self, proved_at: Timestamp, stamp: Option<&CredentialStamp>) -> bool {
        !self.disabled && !self.is_locked() && self.still_proved(proved_at, stamp)
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
    pub class: Option<ClassLabel>,
}

/// Who an account is, as an administrator edits it (one account, or each of a class promoted):
/// the whole new value of each field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileChange {
    pub id: AccountId,
    pub name: FullName,
    pub level: Option<Level>,
    pub location: Location,
    pub class: Option<ClassLabel>,
    /// Where the account was when the change was judged (its scope): an account moved since —
    /// a transfer approved meanwhile — is not written back there (`account-moved-meanwhile`).
    pub was_at: Location,
}

/// A profile change refused because its account moved to another location since it was judged.
pub(crate) fn moved_meanwhile() -> Error {
    Error::Refused(crate::text::Text::new("account-moved-meanwhile"))
}

/// A new password for an account.
#[derive(Debug, Clone)]
pub struct PasswordChange {
    pub hash: PasswordHashString,
    /// `Some(expiry)` for a temporary password set by an administrator.
    pub temporary_until: Option<Timestamp>,
    pub at: Timestamp,
    /// An administrator's reset: where the account was when it was judged in scope. An account
    /// moved since (a transfer approved meanwhile) is not reset (`account-moved-meanwhile`).
    pub was_at: Option<Location>,
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
    /// The class, in any ASCII letter case.
    pub class: Option<ClassLabel>,
    pub limit: usize,
}

/// The tries a check takes before it is made ([`AccountStore::take_try`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tries {
    /// Second-factor codes, keys' answers and recovery codes (`failed_totp`; the lockout).
    Codes,
    /// Sets of answers to the challenge questions (`failed_answers`; the self-service block).
    Answers,
}

/// What a backend stores for this area (see the module documentation).
pub trait AccountStore {
    fn account_by_login(&self, login: &LoginId) -> Result<Option<Account>, Error>;

    fn account(&self, id: AccountId) -> Result<Option<Account>, Error>;

    fn list_accounts(&self, filter: &AccountFilter) -> Result<Vec<Account>, Error>;

    fn count_accounts(&self) -> Result<u64, Error>;

    /// Creates all accounts or none (a login ID already taken is `Error::Conflict`).
    fn create_accounts(&self, accounts: &[NewAccount], audit: &[AuditRecord]) -> Result<Vec<AccountId>, Error>;

    /// Takes one of the account's `tries` before a check whose wrong answer counts towards them:
    /// true when the count was below `threshold` (and, for answers, self-service reset is not
    /// blocked) — the count now holds this try, so that however many checks run at once, no
    /// more than `threshold` are ever made; false when none is left (nothing is checked then).
    /// A wrong answer keeps its try (`record_totp_failure`, `record_answer_failure`), a right one
    /// clears the count, anything else gives it back (`give_back_try`).
    fn take_try(&self, id: AccountId, tries: Tries, threshold: u32) -> Result<bool, Error>;

    /// Gives back a try taken with `take_try` whose check ended without a wrong answer.
    fn give_back_try(&self, id: AccountId, tries: Tries) -> Result<(), Error>;

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
    fn set_password(&self, id: AccountId, change: &PasswordChange, audit: AuditRecord) -> Result<(), Error> {
        self.set_passwords(&[(id, change.clone())], &[audit])
    }

    /// [`AccountStore::set_password`] for several accounts in one transaction, with their
    /// records: all or none (a class's new temporary passwords are shown only if every one
    /// was written, and never lost after some were).
    fn set_passwords(&self, changes: &[(AccountId, PasswordChange)], audit: &[AuditRecord]) -> Result<(), Error>;

    /// A signed-in person's own new password (staff FAQ 14): the hash only — no counter is
    /// cleared and no lock or self-service block lifted, since knowing the password proves
    /// nothing beyond it — and only while the account is not locked (false, nothing written,
    /// when it is: a lock set by another session since this one signed in stands).
    fn change_own_password(&self, id: AccountId, change: &PasswordChange, audit: AuditRecord) -> Result<bool, Error>;

    fn unlock(&self, id: AccountId, audit: AuditRecord) -> Result<(), Error>;

    fn accept_terms(&self, id: AccountId, now: Timestamp, audit: AuditRecord) -> Result<(), Error>;

    fn set_work_email(&self, id: AccountId, email: Option<&EmailAddress>, audit: AuditRecord) -> Result<(), Error>;

    /// Writes every change and appends every record in one transaction: all or none (an
    /// account missing is `NotFound` and nothing changes).
    fn update_profiles(&self, changes: &[ProfileChange], audit: &[AuditRecord]) -> Result<(), Error>;

    /// Records the language the person chose. A preference, not a security change: no audit
    /// record (the log stays language-free), and an account deleted meanwhile is `NotFound`.
    fn set_language(&self, id: AccountId, language: Language) -> Result<(), Error>;

    /// Disables (`true`) or enables an account.
    fn set_disabled(&self, id: AccountId, disabled: bool, audit: AuditRecord) -> Result<(), Error>;

    /// Deletes the account with its answers, authenticators, email codes and transfer requests
    /// (a hardware token it held is free again); the audit log keeps its history.
    fn delete_account(&self, id: AccountId, audit: AuditRecord) -> Result<(), Error>;
}
